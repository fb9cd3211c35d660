"""Reading xlsx: python-calamine against openpyxl's read-only mode, and a Profil Anak import of
the same extract as xlsx against CSV (docs/performance.md, "Reading xlsx").

Run: .venv/bin/python benchmarks/bench_xlsx.py [--rows 200000] [--repeats 3]
(With PYTHONPATH pointing at an older checkout's src, "rows/layak" and the imports measure it.)

A deterministic registry extract of Kota Metro (`write_extract`, seed 1) is written as CSV and,
cell for cell as text (as registries export NIKs), as an xlsx by openpyxl's write-only mode.
Then, each contender in a fresh process of its own (best of `--repeats`):
- rows/openpyxl:  every row of the sheet through openpyxl read-only (what Layak used before);
- rows/layak:     every row through `layak.tabular.xlsx.read_xlsx_rows` (python-calamine, the
                  values brought to openpyxl's types);
- parse/calamine: calamine's parse of the sheet and nothing else (what an xlsx import must add
                  to a CSV one, at the least);
- import/csv, import/xlsx: in-process, what `layak profil-anak import` does before it saves:
                  `detect_source` then `read_extract` (validation and the cube of counts);
- command/csv, command/xlsx: the whole `layak profil-anak import --tahun 2025 --wilayah 18.72`
                  on a fresh data folder (migrated, Kemendagri units loaded), start-up and
                  saving included; the two formats alternate, so each run saves a new dataset.
The two row readers must give the same rows, and both imports the same counts, or it stops.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

YEAR = 2025
LAYAK = Path(sys.executable).with_name("layak")


def metro_villages() -> dict[str, str]:
    """Kota Metro's kelurahan → kecamatan, from the shipped Kemendagri list."""
    shipped = Path(__file__).parents[1] / "src/layak/regions/data/wilayah-kemendagri-2025.csv.gz"
    with gzip.open(shipped, "rt", encoding="utf-8") as fh:
        codes = [row[0] for row in csv.reader(fh) if row and row[0].startswith("18.72.")]
    return {c: c.rsplit(".", 1)[0] for c in codes if c.count(".") == 3}


def _digest(rows: Any) -> tuple[int, str]:
    """Row count and a hash of the non-blank rows, trailing empty cells dropped."""
    digest = hashlib.sha256()
    count = 0
    for number, values in rows:
        cells = list(values)
        while cells and cells[-1] is None:
            cells.pop()
        if cells:
            count += 1
            digest.update(repr((number, cells)).encode())
    return count, digest.hexdigest()


def rows_openpyxl(path: Path) -> dict[str, object]:
    import openpyxl

    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    sheet = workbook.worksheets[0]
    sheet.reset_dimensions()
    count, digest = _digest(enumerate(sheet.iter_rows(values_only=True), start=1))
    workbook.close()
    return {"rows": count, "digest": digest}


def rows_layak(path: Path) -> dict[str, object]:
    from layak.tabular.limits import Limits
    from layak.tabular.xlsx import read_xlsx_rows

    limits = Limits(max_file_bytes=2**31, max_unpacked_bytes=2**33, max_rows=2**21)
    _, rows = read_xlsx_rows(path, limits)
    count, digest = _digest(rows)
    return {"rows": count, "digest": digest}


def parse_calamine(path: Path) -> dict[str, object]:
    """calamine's parse of the sheet alone: the part of an xlsx import no Python can shorten."""
    from python_calamine import CalamineWorkbook

    with path.open("rb") as source:
        workbook = CalamineWorkbook.from_filelike(source)
    sheet = workbook.get_sheet_by_name(workbook.sheet_names[0])
    return {"rows": sheet.height}


def run_import(path: Path) -> dict[str, object]:
    from layak.ingest.profil_anak.extract import read_extract
    from layak.ingest.profil_anak.tables import detect_source

    if detect_source(path) != "microdata":
        raise SystemExit(f"{path.name} was not recognised as a registry extract")
    result = read_extract(path, year=YEAR, region="18.72", villages=metro_villages())
    return {"children": result.children, "rejected": result.rows_rejected}


CONTENDERS = {
    "rows/openpyxl": rows_openpyxl,
    "rows/layak": rows_layak,
    "parse/calamine": parse_calamine,
    "import/csv": run_import,
    "import/xlsx": run_import,
}


def write_files(csv_path: Path, xlsx_path: Path, rows: int) -> None:
    import openpyxl

    from layak.ingest.profil_anak.synthetic import write_extract

    write_extract(csv_path, rows=rows, villages=sorted(metro_villages()), year=YEAR, seed=1)
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Data")
    with csv_path.open(encoding="utf-8", newline="") as source:
        for values in csv.reader(source):
            sheet.append([v if v != "" else None for v in values])
    workbook.save(xlsx_path)


def worker(name: str, path: Path) -> None:
    start = time.perf_counter()
    outcome = CONTENDERS[name](path)
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "peak_mb": peak_mb, **outcome}))


def measure(name: str, path: Path, repeats: int) -> dict[str, Any]:
    best: dict[str, Any] | None = None
    for _ in range(repeats):
        done = subprocess.run(
            [sys.executable, __file__, "--worker", name, str(path)],
            check=True,
            capture_output=True,
            text=True,
        )
        result = json.loads(done.stdout.strip().splitlines()[-1])
        if best is None or result["seconds"] < best["seconds"]:
            best = result
    assert best is not None
    return best


def command(path: Path, env: dict[str, str]) -> dict[str, Any]:
    """The whole `layak profil-anak import` of `path`, timed from outside."""
    args = [str(LAYAK), "profil-anak", "import", str(path), "--tahun", str(YEAR)]
    start = time.perf_counter()
    done = subprocess.run(
        [*args, "--wilayah", "18.72", "--json"], env=env, capture_output=True, text=True
    )
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"layak profil-anak import {path.name} failed:\n{done.stderr}")
    summary = json.loads(done.stdout.strip().splitlines()[-1])
    if not summary["saved"]:
        raise SystemExit(f"{path.name} was not saved: the runs must alternate")
    return {"seconds": seconds, "children": summary["children"]}


def measure_commands(
    csv_path: Path, xlsx_path: Path, workdir: Path, repeats: int
) -> dict[str, dict[str, Any]]:
    env = {**os.environ, "LAYAK_DATA_DIR": str(workdir / "data"), "LAYAK_LANGUAGE": "en"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    for setup in (["migrate", "-v0"], ["load-wilayah"]):
        subprocess.run([str(LAYAK), *setup], env=env, check=True, capture_output=True)
    best: dict[str, dict[str, Any]] = {}
    for _ in range(repeats):
        for name, path in (("command/csv", csv_path), ("command/xlsx", xlsx_path)):
            result = command(path, env)
            if name not in best or result["seconds"] < best[name]["seconds"]:
                best[name] = result
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--worker", nargs=2, metavar=("NAME", "FILE"))
    parser.add_argument("--generate", nargs=3, metavar=("CSV", "XLSX", "ROWS"))
    args = parser.parse_args()
    if args.worker:
        worker(args.worker[0], Path(args.worker[1]))
        return
    if args.generate:
        write_files(Path(args.generate[0]), Path(args.generate[1]), int(args.generate[2]))
        return
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores,")
    print(f"Python {platform.python_version()}, load average {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory() as tmp:
        csv_path, xlsx_path = Path(tmp) / "extract.csv", Path(tmp) / "extract.xlsx"
        # In a process of its own: Linux keeps a process's peak memory across exec, so a parent
        # that had written the workbook itself would hand its peak on to every contender.
        subprocess.run(
            [sys.executable, __file__, "--generate", str(csv_path), str(xlsx_path), str(args.rows)],
            check=True,
        )
        print(
            f"{args.rows:,} rows: CSV {csv_path.stat().st_size / 1e6:.1f} MB, "
            f"xlsx {xlsx_path.stat().st_size / 1e6:.1f} MB"
        )
        found = {
            name: measure(name, csv_path if name == "import/csv" else xlsx_path, args.repeats)
            for name in CONTENDERS
        }
        found.update(measure_commands(csv_path, xlsx_path, Path(tmp), args.repeats))
    print(f"load average after: {os.getloadavg()[0]:.1f}")
    if found["rows/openpyxl"]["digest"] != found["rows/layak"]["digest"]:
        raise SystemExit("openpyxl and Layak's reader read different rows")
    counts = {found[n]["children"] for n in found if n.startswith(("import", "command"))}
    floor = found["command/csv"]["seconds"] + found["parse/calamine"]["seconds"]
    if len(counts) != 1:
        raise SystemExit("the xlsx import counts differently from the CSV one")
    print("| contender | s | peak MB |")
    print("|---|---:|---:|")
    for name, result in found.items():
        peak = f"{result['peak_mb']:.0f}" if "peak_mb" in result else "–"
        print(f"| {name} | {result['seconds']:.2f} | {peak} |")
    for what, slow, fast in (
        ("rows: openpyxl / Layak", "rows/openpyxl", "rows/layak"),
        ("in-process import: xlsx / CSV", "import/xlsx", "import/csv"),
        ("command: xlsx / CSV (target ≤ 1.5)", "command/xlsx", "command/csv"),
    ):
        print(f"{what}: {found[slow]['seconds'] / found[fast]['seconds']:.2f}")
    print(f"floor, CSV command + calamine's parse: {floor / found['command/csv']['seconds']:.2f}")


if __name__ == "__main__":
    main()
