"""Reading what regions send in, from files, into the core's values (no Django).

`profil_anak` reads registry extracts with DuckDB (`extract`, `source`), writes made-up ones
for the demo, tests and benchmarks (`synthetic`) and opens aggregated tables (`tables`); the
rules each row is judged by stay in `layak.core.profil_anak`.
"""
