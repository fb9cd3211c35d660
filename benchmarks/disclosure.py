"""Profil Anak disclosure control (layak.core.profil_anak.disclosure): how long the step takes
and how much it withholds, on real regions' kelurahan with simulated people.

Run: python benchmarks/disclosure.py [--exact] [--regions 18.72 96.05 11.08]

For each region, a registry extract of its Kemendagri population over its real desa/kelurahan
is generated (`synthetic.write_extract`, seed 1872 as the demo), read by the importer's reader
and summarised; then the publishing step (primary and secondary suppression, audit proven by
whole tables) is timed, wall clock and CPU. With --exact, the full exact audit (every withheld
cell's minimum and maximum, as `layak profil-anak audit --tepat` computes) is timed too.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import tempfile
import time
from importlib import resources
from pathlib import Path

from layak.core.profil_anak.audit import audit
from layak.core.profil_anak.disclosure import WIDTH, protect_profile
from layak.core.profil_anak.summary import Place, summarise
from layak.ingest.profil_anak.extract import read_extract
from layak.ingest.profil_anak.synthetic import write_extract

YEAR, SEED = 2025, 1872


def _csv(name: str) -> list[dict[str, str]]:
    data = (resources.files("layak.regions") / "data" / name).read_bytes()
    return list(csv.DictReader(gzip.decompress(data).decode("utf-8").splitlines()))


def region_profile(code: str):  # type: ignore[no-untyped-def]
    units = {r["kode"]: r["nama"] for r in _csv("wilayah-kemendagri-2025.csv.gz")}
    people = next(int(r["total"]) for r in _csv("penduduk-kemendagri-2025.csv.gz")
                  if r["kode"] == code)  # fmt: skip
    villages = {k: Place(k, n, k.rsplit(".", 1)[0]) for k, n in units.items()
                if k.startswith(code + ".") and k.count(".") == 3}  # fmt: skip
    districts = {k: Place(k, n) for k, n in units.items()
                 if k.startswith(code + ".") and k.count(".") == 2}  # fmt: skip
    with tempfile.TemporaryDirectory() as folder:
        path = write_extract(Path(folder) / "e.csv", rows=people, villages=sorted(villages),
                             year=YEAR, seed=SEED)  # fmt: skip
        parents = {k: v.parent or "" for k, v in villages.items()}
        result = read_extract(path, year=YEAR, region=code, villages=parents)
    region = Place(code, units[code])
    profile = summarise(YEAR, region, villages, districts, result.cells, result.disabilities)
    return profile, len(villages)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--regions", nargs="+", default=["18.72", "96.05", "11.08"])
    parser.add_argument("--exact", action="store_true")
    args = parser.parse_args()
    for code in args.regions:
        profile, desa = region_profile(code)
        wall, cpu = time.perf_counter(), time.process_time()
        cells, protection = protect_profile(profile)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        print(f"{code} {profile.region.name}: {desa} desa/kelurahan, "
              f"{profile.region.children} children, {len(cells.values)} cells, "
              f"{cells.variables} variables")  # fmt: skip
        print(f"  step: {wall:.2f} s wall, {cpu:.2f} s CPU; {len(protection.primary)} primary, "
              f"{len(protection.hidden)} withheld; {protection.audit.solves} audit solves; "
              f"passed {protection.passed}")  # fmt: skip
        if args.exact:
            wall = time.perf_counter()
            exact = audit(cells, protection.hidden, WIDTH)
            print(f"  exact audit: {time.perf_counter() - wall:.2f} s, {exact.solves} solves, "
                  f"passed {exact.passed}, narrowest {exact.narrowest} values")  # fmt: skip


if __name__ == "__main__":
    main()
