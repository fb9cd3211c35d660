"""Profil Anak: disaggregated child data from registry extracts or aggregated tables (no Django).

`extract` reads a registry extract of one row per person with DuckDB and keeps only counts;
`tables` reads aggregated tables; both give `Cells`, which `summary` turns into the figures
people read (children by sex, age and place; coverage of birth certificates and child identity
cards; disabilities; the places that lag). No identity number ever leaves `extract`.
"""
