"""Text forms of a Profil Anak import and profile for the command line (officials' own use:
counts are shown whole; small cells are withheld only in what is published:
layak.profil.queries.publishing).

Like layak.cli.render, they run inside a command, in the language it has activated.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from layak.cli.render import number
from layak.core.messages import CATALOGUE, Lang, Message
from layak.core.profil_anak.model import AGE_GROUPS, ImportResult, RejectedRow
from layak.core.profil_anak.summary import Coverage, Figures, Profile


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
    return _("baris %(row)s: %(detail)s [%(rule)s]") % {
        "row": row.row,
        "detail": detail,
        "rule": row.rule,
    }


def import_text(result: ImportResult, lang: Lang) -> list[str]:
    """The summary of what a file holds: rows, adults, children, rejections by rule and row."""
    source = (
        _("ekstrak registri (mikrodata)") if result.source == "microdata" else _("tabel agregat")
    )
    rows = [
        (_("Jenis berkas"), source),
        (_("Baris dibaca"), count(result.rows_read, lang)),
        (_("Baris sah"), count(result.rows_valid, lang)),
        (_("Baris ditolak"), count(result.rows_rejected, lang)),
        (_("Dewasa (tidak dihitung)"), count(result.adults, lang)),
        (_("Anak 0–17 tahun"), count(result.children, lang)),
    ]
    width = max(len(label) for label, _value in rows) + 2
    lines = [f"{label:<{width}}{value}" for label, value in rows]
    if result.rejections:
        lines += ["", _("Baris ditolak per aturan:")]
        for rule, n in sorted(result.rejections.items(), key=lambda item: -item[1]):
            lines.append(f"  {rule_name(rule, lang) + ' (' + rule + ')':<48}{count(n, lang):>10}")
    if result.rejected_rows:
        lines += ["", _("Baris yang ditolak:")]
        lines += [f"  {rejected_row_text(r, lang)}" for r in result.rejected_rows]
        hidden = result.rows_rejected - len(result.rejected_rows)
        if hidden > 0:
            more = ngettext(
                "… dan %(count)s baris ditolak lainnya",
                "… dan %(count)s baris ditolak lainnya",
                hidden,
            ) % {"count": count(hidden, lang)}
            lines.append(f"  {more}")
    return lines


def _coverage_line(label: str, coverage: Coverage | None, lang: Lang) -> str:
    if coverage is None:
        return _("%(label)s: tidak ada dalam data") % {"label": label}
    overall = coverage.overall
    by_sex = ", ".join(f"{sex} {percent(r.percent, lang)}" for sex, r in coverage.by_sex.items())
    return _("%(label)s: %(percent)s (%(covered)s dari %(of)s; %(by_sex)s)") % {
        "label": label,
        "percent": percent(overall.percent, lang),
        "covered": count(overall.covered, lang),
        "of": count(overall.of, lang),
        "by_sex": by_sex,
    }


def _boys_girls() -> tuple[str, str]:
    return pgettext("command line, boys", "L"), pgettext("command line, girls", "P")


def _rule(width: int) -> str:
    """The line above a table's total row."""
    return "  " + "-" * width


def _places(title: str, places: Sequence[Figures], total: Figures, lang: Lang) -> list[str]:
    """One row per place and a total row with the region's own figures (its coverage is the
    region's, not an average of the places')."""
    name_width = max([len(p.name) for p in places] + [8]) + 2
    boys, girls = _boys_girls()
    heads = (
        pgettext("command line", "Kode"),
        pgettext("command line", "Nama"),
        pgettext("command line", "Anak"),
        boys,
        girls,
        "Akta",
        "KIA",
    )
    lines = [
        title,
        f"  {heads[0]:<15}{heads[1]:<{name_width}}{heads[2]:>9}{heads[3]:>9}{heads[4]:>9}"
        f"{heads[5]:>9}{heads[6]:>9}",
    ]

    def row(code: str, name: str, place: Figures, children: int, boys: int, girls: int) -> str:
        akta = place.akta_coverage.overall.percent if place.akta_coverage else None
        kia = place.kia_coverage.overall.percent if place.kia_coverage else None
        return (
            f"  {code:<15}{name:<{name_width}}{count(children, lang):>9}"
            f"{count(boys, lang):>9}{count(girls, lang):>9}"
            f"{percent(akta, lang):>9}{percent(kia, lang):>9}"
        )

    for p in places:
        lines.append(row(p.code, p.name, p, p.children, p.by_sex["L"], p.by_sex["P"]))
    lines += [
        _rule(15 + name_width + 5 * 9),
        row(
            pgettext("command line", "Jumlah"),
            "",
            total,
            sum(p.children for p in places),
            sum(p.by_sex["L"] for p in places),
            sum(p.by_sex["P"] for p in places),
        ),
    ]
    return lines


def _ages(region: Figures, lang: Lang) -> list[str]:
    age, total = pgettext("command line", "Umur"), pgettext("command line", "Jumlah")
    boys, girls = _boys_girls()
    lines = [f"  {age:<8}{boys:>9}{girls:>9}{total:>9}"]
    sums = {"L": 0, "P": 0}
    for group, _low, _high in AGE_GROUPS:
        by = region.by_age_group[group]
        sums["L"], sums["P"] = sums["L"] + by["L"], sums["P"] + by["P"]
        lines.append(
            f"  {group:<8}{count(by['L'], lang):>9}{count(by['P'], lang):>9}"
            f"{count(by['L'] + by['P'], lang):>9}"
        )
    lines += [
        _rule(8 + 3 * 9),
        f"  {total:<8}{count(sums['L'], lang):>9}{count(sums['P'], lang):>9}"
        f"{count(sums['L'] + sums['P'], lang):>9}",
    ]
    return lines


def _disabilities(rows: Sequence[tuple[str, int, int]], lang: Lang) -> list[str]:
    kind, total = _("Jenis disabilitas"), pgettext("command line", "Jumlah")
    boys, girls = _boys_girls()
    lines = [f"  {kind:<30}{boys:>9}{girls:>9}{total:>9}"]
    for name, b, g in rows:
        lines.append(f"  {name:<30}{count(b, lang):>9}{count(g, lang):>9}{count(b + g, lang):>9}")
    all_boys, all_girls = sum(r[1] for r in rows), sum(r[2] for r in rows)
    lines += [
        _rule(30 + 3 * 9),
        f"  {total:<30}{count(all_boys, lang):>9}{count(all_girls, lang):>9}"
        f"{count(all_boys + all_girls, lang):>9}",
    ]
    return lines


def profile_text(profile: Profile, lang: Lang) -> str:
    region = profile.region
    lines = [
        _("Profil Anak %(region)s (%(code)s), tahun %(year)s")
        % {"region": region.name, "code": region.code, "year": profile.year},
        "",
        _("Anak 0–17 tahun: %(children)s (laki-laki %(boys)s, perempuan %(girls)s)")
        % {
            "children": count(region.children, lang),
            "boys": count(region.by_sex["L"], lang),
            "girls": count(region.by_sex["P"], lang),
        },
        "",
        *_ages(region, lang),
        "",
        _coverage_line(_("Cakupan akta kelahiran"), region.akta_coverage, lang),
        _coverage_line(_("Cakupan KIA"), region.kia_coverage, lang),
        "",
        *_places(_("Per kecamatan:"), profile.by_kecamatan, region, lang),
        "",
        *_places(_("Per kelurahan/desa:"), profile.by_kelurahan, region, lang),
    ]
    if profile.disabilities:
        lines += ["", _("Anak dengan disabilitas:"), *_disabilities(profile.disabilities, lang)]
    if profile.lagging:
        lines += ["", _("Paling tertinggal dari angka kota/kabupaten:")]
        for lag in profile.lagging:
            document = "KIA" if lag.document == "kia" else "Akta"
            behind = ngettext(
                "kurang %(points)s poin; %(count)s anak belum memiliki",
                "kurang %(points)s poin; %(count)s anak belum memiliki",
                lag.children_without,
            ) % {
                "points": number(lag.points_behind, lang),
                "count": count(lag.children_without, lang),
            }
            lines.append(f"  {lag.name:<22}{document:<6}{percent(lag.percent, lang):>9} ({behind})")
    return "\n".join(lines)
