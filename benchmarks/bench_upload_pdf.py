"""How long the upload inspector takes on typical 2 MB PDFs (docs/performance.md).

Run: .venv/bin/python benchmarks/bench_upload_pdf.py
The PDFs are made here with WeasyPrint, as Layak makes its reports: a report with photos, and
a long text report with a table on every page (many small objects). The script uses only
`layak.files.inspect.inspect` (`layak.evidence.inspect.inspect` before layak.files existed), so
it runs unchanged on an older checkout to compare.
"""

from __future__ import annotations

import base64
import io
import platform
import random
import statistics
import sys
import time

from PIL import Image
from weasyprint import HTML

try:
    from layak.files.inspect import inspect
except ImportError:  # a checkout from before layak.files
    from layak.evidence.inspect import inspect  # type: ignore[no-redef]


def photo(seed: int) -> str:
    """A 1600x1200 JPEG of smooth noise, about as hard to compress as a camera photo."""
    rng = random.Random(seed)
    small = Image.frombytes("RGB", (160, 120), bytes(rng.randrange(256) for _ in range(57_600)))
    out = io.BytesIO()
    small.resize((1600, 1200), Image.Resampling.BICUBIC).save(out, "JPEG", quality=88)
    return "data:image/jpeg;base64," + base64.b64encode(out.getvalue()).decode()


def paragraph(rng: random.Random) -> str:
    words = ("anak", "layak", "kota", "metro", "posyandu", "imunisasi", "akta", "forum")
    return "<p>" + " ".join(rng.choice(words) for _ in range(120)) + "</p>"


def report_with_photos() -> bytes:
    rng = random.Random(1)
    body = "".join(
        f"<h2>Kegiatan {i}</h2>{paragraph(rng)}<img src='{photo(i)}' style='width:100%'>"
        for i in range(4)
    )
    return HTML(
        string=f"<h1>Laporan kegiatan</h1>{body}<a href='https://kemenpppa.go.id/'>x</a>"
    ).write_pdf()


def long_text_report() -> bytes:
    """150 pages of text and tables with links between chapters and four photos."""
    rng = random.Random(2)
    rows = "".join(
        f"<tr><td>Kelurahan {i}</td><td>{i * 7}</td><td>{i * 3}</td></tr>" for i in range(40)
    )
    pages = "".join(
        f"<h2 id='b{i}'>Bab {i}</h2>{paragraph(rng)}{paragraph(rng)}<table>{rows}</table>"
        f"<a href='#b{max(i - 1, 0)}'>sebelumnya</a>"
        for i in range(150)
    )
    photos = "".join(f"<img src='{photo(10 + i)}' style='width:100%'>" for i in range(4))
    return HTML(string=f"<h1>Rencana aksi daerah</h1>{photos}{pages}").write_pdf()


def timed(data: bytes, repeat: int = 9) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        inspect(data)
        times.append(time.perf_counter() - start)
    return statistics.median(times), max(times)


def main() -> None:
    print(f"Python {platform.python_version()}, {platform.machine()}")
    for name, make in (
        ("report with 4 photos", report_with_photos),
        ("150-page report, tables and 4 photos", long_text_report),
    ):
        data = make()
        median, worst = timed(data)
        print(
            f"{name}: {len(data) / 1e6:.1f} MB, inspect median {median * 1000:.1f} ms, "
            f"max {worst * 1000:.1f} ms"
        )
    sys.stdout.flush()


if __name__ == "__main__":
    main()
