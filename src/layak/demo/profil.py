"""Kota Metro's Profil Anak in the demo: a generated registry extract the size of the city's
population in the year of the shipped Kemendagri figures (182,293 people; about a third of
them children), imported through the same service as any file."""

from __future__ import annotations

import csv
import gzip
import tempfile
from importlib import resources
from pathlib import Path

from layak.accounts.models import User
from layak.profil.services import current_dataset, import_file, villages_of
from layak.regions.models import Region

PROFIL_YEAR = 2025
PROFIL_SEED = 1872
POPULATION = "penduduk-kemendagri-2025.csv.gz"


def population(code: str) -> int:
    """The region's population in the shipped Kemendagri figures."""
    data = (resources.files("layak.regions") / "data" / POPULATION).read_bytes()
    for row in csv.DictReader(gzip.decompress(data).decode("utf-8").splitlines()):
        if row["kode"] == code:
            return int(row["total"])
    raise LookupError(f"no population figure for {code}")


def ensure_profil_anak(region: Region) -> None:
    """Kota Metro's Profil Anak: a simulated registry extract (names and codes of the
    kelurahan are real, the people are not) imported through the same service as any file."""
    if current_dataset(region, PROFIL_YEAR) is not None:
        return
    from layak.ingest.profil_anak.synthetic import write_extract  # DuckDB loads only when needed

    with tempfile.TemporaryDirectory(prefix="layak-demo-") as folder:
        path = Path(folder) / f"ekstrak-registri-kota-metro-{PROFIL_YEAR}.csv"
        write_extract(
            path,
            rows=population(region.code),
            villages=sorted(villages_of(region)),
            year=PROFIL_YEAR,
            seed=PROFIL_SEED,
        )
        import_file(
            path=path,
            region=region,
            year=PROFIL_YEAR,
            user=User.objects.get(username="sari"),
        )
