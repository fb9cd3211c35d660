"""Text forms of a Profil Anak import and profile for the command line (officials' own use:
counts are shown whole; small cells are withheld only in what is published:
layak.profil.publishing)."""

from __future__ import annotations

from collections.abc import Sequence

from layak.cli.render import number
from layak.core.messages import CATALOGUE, Lang, Message
from layak.core.profil_anak.model import AGE_GROUPS, ImportResult, RejectedRow
from layak.core.profil_anak.summary import Coverage, Figures, Profile


def _t(lang: Lang, indonesian: str, english: str) -> str:
    return english if lang == "en" else indonesian


def count(value: int, lang: Lang) -> str:
    return number(value, lang, 0)


def percent(value: float | None, lang: Lang) -> str:
    return "—" if value is None else f"{number(value, lang)}%"


def rule_name(rule: str, lang: Lang) -> str:
    key = f"profil.rule_name.{rule}"
    return Message(key).render(lang) if key in CATALOGUE else rule


def rejected_row_text(row: RejectedRow, lang: Lang) -> str:
    key = f"profil.rule.{row.rule}"
    detail = (
        Message(key, {"first_row": row.first_row, "row": row.row}).render(lang)
        if key in CATALOGUE
        else row.rule
    )
    return f"{_t(lang, 'baris', 'row')} {row.row}: {detail} [{row.rule}]"


def import_text(result: ImportResult, lang: Lang) -> list[str]:
    """The summary of what a file holds: rows, adults, children, rejections by rule and row."""
    source = (
        _t(lang, "ekstrak registri (mikrodata)", "registry extract (microdata)")
        if result.source == "microdata"
        else _t(lang, "tabel agregat", "aggregated table")
    )
    rows = [
        (_t(lang, "Jenis berkas", "Kind of file"), source),
        (_t(lang, "Baris dibaca", "Rows read"), count(result.rows_read, lang)),
        (_t(lang, "Baris sah", "Valid rows"), count(result.rows_valid, lang)),
        (_t(lang, "Baris ditolak", "Rejected rows"), count(result.rows_rejected, lang)),
        (_t(lang, "Dewasa (tidak dihitung)", "Adults (left out)"), count(result.adults, lang)),
        (_t(lang, "Anak 0–17 tahun", "Children aged 0–17"), count(result.children, lang)),
    ]
    width = max(len(label) for label, _ in rows) + 2
    lines = [f"{label:<{width}}{value}" for label, value in rows]
    if result.rejections:
        lines += ["", _t(lang, "Baris ditolak per aturan:", "Rejected rows by rule:")]
        for rule, n in sorted(result.rejections.items(), key=lambda item: -item[1]):
            lines.append(f"  {rule_name(rule, lang) + ' (' + rule + ')':<48}{count(n, lang):>10}")
    if result.rejected_rows:
        lines += ["", _t(lang, "Baris yang ditolak:", "The rejected rows:")]
        lines += [f"  {rejected_row_text(r, lang)}" for r in result.rejected_rows]
        hidden = result.rows_rejected - len(result.rejected_rows)
        if hidden > 0:
            lines.append(
                _t(
                    lang,
                    f"  … dan {count(hidden, lang)} baris ditolak lainnya",
                    f"  … and {count(hidden, lang)} more rejected rows",
                )
            )
    return lines


def _coverage_line(label: str, coverage: Coverage | None, lang: Lang) -> str:
    if coverage is None:
        return f"{label}: {_t(lang, 'tidak ada dalam data', 'not in the data')}"
    overall = coverage.overall
    by_sex = ", ".join(f"{sex} {percent(r.percent, lang)}" for sex, r in coverage.by_sex.items())
    return (
        f"{label}: {percent(overall.percent, lang)} ({count(overall.covered, lang)} "
        f"{_t(lang, 'dari', 'of')} {count(overall.of, lang)}; {by_sex})"
    )


def _places(title: str, places: Sequence[Figures], lang: Lang) -> list[str]:
    name_width = max([len(p.name) for p in places] + [8]) + 2
    heads = (
        ("Code", "Name", "Children", "Boys", "Girls", "Akta", "KIA")
        if lang == "en"
        else ("Kode", "Nama", "Anak", "L", "P", "Akta", "KIA")
    )
    lines = [
        title,
        f"  {heads[0]:<15}{heads[1]:<{name_width}}{heads[2]:>9}{heads[3]:>9}{heads[4]:>9}"
        f"{heads[5]:>9}{heads[6]:>9}",
    ]
    for place in places:
        akta = place.akta_coverage.overall.percent if place.akta_coverage else None
        kia = place.kia_coverage.overall.percent if place.kia_coverage else None
        lines.append(
            f"  {place.code:<15}{place.name:<{name_width}}{count(place.children, lang):>9}"
            f"{count(place.by_sex['L'], lang):>9}{count(place.by_sex['P'], lang):>9}"
            f"{percent(akta, lang):>9}{percent(kia, lang):>9}"
        )
    return lines


def profile_text(profile: Profile, lang: Lang) -> str:
    region = profile.region
    lines = [
        f"Profil Anak {region.name} ({region.code}), {_t(lang, 'tahun', 'year')} {profile.year}",
        "",
        _t(
            lang,
            f"Anak 0–17 tahun: {count(region.children, lang)} (laki-laki "
            f"{count(region.by_sex['L'], lang)}, perempuan {count(region.by_sex['P'], lang)})",
            f"Children aged 0–17: {count(region.children, lang)} (boys "
            f"{count(region.by_sex['L'], lang)}, girls {count(region.by_sex['P'], lang)})",
        ),
        "",
        f"  {_t(lang, 'Umur', 'Age'):<8}{'L':>9}{'P':>9}{_t(lang, 'Jumlah', 'Total'):>9}",
    ]
    for group, _, _ in AGE_GROUPS:
        by = region.by_age_group[group]
        lines.append(
            f"  {group:<8}{count(by['L'], lang):>9}{count(by['P'], lang):>9}"
            f"{count(by['L'] + by['P'], lang):>9}"
        )
    lines += [
        "",
        _coverage_line(
            _t(lang, "Cakupan akta kelahiran", "Birth certificates"), region.akta_coverage, lang
        ),
        _coverage_line(
            _t(lang, "Cakupan KIA", "Child identity cards (KIA)"), region.kia_coverage, lang
        ),
        "",
        *_places(_t(lang, "Per kecamatan:", "By kecamatan:"), profile.by_kecamatan, lang),
        "",
        *_places(_t(lang, "Per kelurahan/desa:", "By kelurahan/desa:"), profile.by_kelurahan, lang),
    ]
    if profile.disabilities:
        lines += ["", _t(lang, "Anak dengan disabilitas:", "Children with disabilities:")]
        for kind, boys, girls in profile.disabilities:
            lines.append(
                f"  {kind:<30}{count(boys, lang):>9}{count(girls, lang):>9}"
                f"{count(boys + girls, lang):>9}"
            )
    if profile.lagging:
        lines += [
            "",
            _t(
                lang,
                "Paling tertinggal dari angka kota/kabupaten:",
                "Furthest behind the region's rate:",
            ),
        ]
        for lag in profile.lagging:
            document = "KIA" if lag.document == "kia" else "Akta"
            lines.append(
                f"  {lag.name:<22}{document:<6}{percent(lag.percent, lang):>9} "
                f"({_t(lang, 'kurang', 'behind by')} {number(lag.points_behind, lang)} "
                f"{_t(lang, 'poin', 'points')}; {count(lag.children_without, lang)} "
                f"{_t(lang, 'anak belum memiliki', 'children without')})"
            )
    return "\n".join(lines)
