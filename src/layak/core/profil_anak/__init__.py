"""Profil Anak: disaggregated child data from registry extracts or aggregated tables (no Django).

The rules live here, the file reading in `layak.ingest.profil_anak`: `values` reads one
registry value (sex, yes/no, disability, desa/kelurahan code), `tables` judges the rows of an
aggregated table, and both readers give `Cells`, which `summary` turns into the figures people
read (children by sex, age and place; coverage of birth certificates and child identity cards;
disabilities; the places that lag). No identity number ever leaves the extract reader.
"""
