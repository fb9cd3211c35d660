"""The open-data export of a region: long format, as Indonesian open-data portals (Satu Data
Indonesia) take it, one row per (kode_wilayah, nama_wilayah, indikator, nilai, satuan, tahun).

Only what the public page (`layak.public`) already publishes leaves here, built from the same
functions: per year the total and predicate of the figure it shows, the basis in the
indicator's name ("Nilai KLA (penilaian mandiri)", "Nilai KLA (terverifikasi)"), and its stage
(final or interim), the latest year's points per part, and the latest Profil Anak in public
mode (the public Display of `profil.publishing`: every withheld cell reads "x", whatever its
value; nothing of a dataset whose disclosure audit did not pass). Besides the public page, the
registries' aggregates (layak.registries): per year of a cycle and kind of institution kept, the
active institutions, those with a decree and the share; counts of institutions, not of people,
and nothing of the KHA training register (its participants are staff). Names are Indonesian
whatever the reader's language, so the columns stay stable for machines.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from django.utils import translation

from layak.core.figures import Figure
from layak.core.profil_anak.display import Display, Row, Shown
from layak.profil.queries.present import AGE_GROUP_LABELS
from layak.public.queries import latest_profile, year_scores
from layak.regions.models import Region
from layak.registries.queries import kind_lines

COLUMNS = ("kode_wilayah", "nama_wilayah", "indikator", "nilai", "satuan", "tahun")
HIDDEN = "x"  # one marker for every withheld Profil Anak cell


def _cell(shown: Shown, percent: bool = False) -> float | str | None:
    """The published value: the number, or "x" when withheld; None when there is no number."""
    if shown.state == "hidden":
        return HIDDEN
    if shown.state == "none" or shown.value is None:
        return None
    return round(float(shown.value), 2) if percent else float(int(shown.value))


def _profil_rows(place: Row, year: int, documents: bool, detail: bool) -> list[tuple[Any, ...]]:
    cells: list[tuple[str, Shown, str]] = [("Jumlah anak usia 0-17 tahun", place.children, "jiwa")]
    if detail:
        cells += [
            ("Jumlah anak laki-laki usia 0-17 tahun", place.male, "jiwa"),
            ("Jumlah anak perempuan usia 0-17 tahun", place.female, "jiwa"),
        ]
    if documents:
        cells += [
            ("Persentase anak memiliki akta kelahiran", place.akta, "persen"),
            ("Persentase anak memiliki KIA", place.kia, "persen"),
        ]
    return [
        (place.code, place.name, name, value, unit, year)
        for name, shown, unit in cells
        if (value := _cell(shown, percent=unit == "persen")) is not None
    ]


def _profil(region: Region, year: int, shown: Display) -> list[tuple[Any, ...]]:
    rows = _profil_rows(shown.region, year, shown.has_documents, detail=True)
    for group in shown.by_age_group:
        label = AGE_GROUP_LABELS.get(group.code, group.code).replace("–", "-")
        value = _cell(group.children)
        if value is not None:
            rows.append(
                (region.code, region.name, f"Jumlah anak usia {label}", value, "jiwa", year)
            )
    for kecamatan in shown.by_kecamatan:
        rows += _profil_rows(kecamatan, year, shown.has_documents, detail=False)
    for kind in shown.disabilities:
        value = _cell(kind.total)
        if value is not None:
            name = f"Jumlah anak penyandang disabilitas: {kind.kind}"
            rows.append((region.code, region.name, name, value, "jiwa", year))
    return rows


def indicator_basis(figure: Figure) -> str:
    """The basis as the indicator names write it, in Indonesian whatever the reader's
    language: "penilaian mandiri", "terverifikasi" (the stage is in "Keadaan angka KLA")."""
    return figure.basis.label("id").lower()


def _registries(region: Region, years: list[int]) -> list[tuple[Any, ...]]:
    """Per year and kind with any institution recorded: active, with a decree, the share."""
    rows: list[tuple[Any, ...]] = []
    for year in years:
        for line in kind_lines(region, year):
            if not line.total and not line.inactive:
                continue  # a kind the region keeps no list of: no figure, not a zero
            name = line.kind.name
            where = (region.code, region.name)
            rows += [
                (*where, f"Jumlah {name} aktif (registri)", float(line.total), "lembaga", year),
                (*where, f"Jumlah {name} aktif ber-SK", float(line.decreed), "lembaga", year),
            ]
            if line.share.percent is not None:
                percent = float(line.share.percent)
                rows.append((*where, f"Persentase {name} ber-SK", percent, "persen", year))
    return rows


def open_data(region: Region) -> list[dict[str, Any]]:
    """Every published figure of the region, latest year first."""
    rows: list[tuple[Any, ...]] = []
    with translation.override("id"):
        history = year_scores(region)
        for year in history:
            if year.figure is None:
                continue  # nothing submitted: the page shows no figure either
            basis = indicator_basis(year.figure)
            label = "final, terverifikasi" if year.settled else f"sementara: {year.stage.label}"
            rows += [
                (
                    region.code,
                    region.name,
                    f"Nilai KLA ({basis})",
                    round(year.figure.total, 2),
                    "poin",
                    year.year,
                ),
                (
                    region.code,
                    region.name,
                    f"Predikat KLA ({basis})",
                    year.figure.predicate or "di bawah Pratama",
                    "predikat",
                    year.year,
                ),
                (region.code, region.name, "Keadaan angka KLA", label, "keterangan", year.year),
            ]
        current = history[0] if history else None
        if current is not None and current.figure is not None:
            basis = indicator_basis(current.figure)
            for part in current.parts:
                name = f"Nilai KLA ({basis}) {part.code}: {part.name}"
                rows.append(
                    (region.code, region.name, name, round(part.score, 2), "poin", current.year)
                )
        rows += _registries(region, [year.year for year in history])
        profil = latest_profile(region)
        if profil is not None and profil[1] is not None:
            rows += _profil(region, profil[0], profil[1]["shown"])
    return [dict(zip(COLUMNS, row, strict=True)) for row in rows]


def _safe(value: Any) -> Any:
    """A text a spreadsheet would run as a formula gets a leading apostrophe (names come from
    Layak and imported data, never a person's free text, but imports are not ours to trust)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def as_csv(rows: list[dict[str, Any]]) -> str:
    """Comma-separated, UTF-8, a header line; numbers with a decimal point."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        value = row["nilai"]
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        writer.writerow({key: _safe(cell) for key, cell in {**row, "nilai": value}.items()})
    return out.getvalue()
