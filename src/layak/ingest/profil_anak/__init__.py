"""Profil Anak files: registry extracts (DuckDB) and aggregated tables, read into Cells."""
