"""What the Profil Anak page and PDF show, in the reader's language: numbers written the
Indonesian way (12.345 and 92,13%) or the English way, the charts, the legends.

`profile_context(profile, shown)` with the public Display of `profil.publishing` is the public
rendering mode: every cell the disclosure-control step withholds reads "x", one marker whatever
the value and the reason. The PDF always uses it.
"""

from __future__ import annotations

from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from layak.core.messages import Lang, Message
from layak.core.numbers import localise_number
from layak.core.profil_anak.display import Display, Shown, display
from layak.core.profil_anak.summary import Profile
from layak.profil import charts

HIDDEN = "x"  # every withheld cell, whatever its value: the marker says nothing about it
NONE = "—"

# The age groups as the tables name them; marked here, translated where shown.
AGE_GROUP_LABELS = {
    "0-4": gettext_noop("0–4 tahun"),
    "5-9": gettext_noop("5–9 tahun"),
    "10-14": gettext_noop("10–14 tahun"),
    "15-17": gettext_noop("15–17 tahun"),
}


def lang() -> Lang:
    return "en" if (translation.get_language() or "id").startswith("en") else "id"


def number(value: float, decimals: int = 0) -> str:
    """12345 → "12.345" in Indonesian, "12,345" in English; decimals kept as asked."""
    return localise_number(value, lang(), decimals)


def percent(value: float) -> str:
    """92.1 → "92,10%": always two decimals, as the core rounds, so columns line up."""
    return f"{number(value, 2)}%"


def points_text(shown: Shown) -> str:
    """Percentage points (a gap between two rates), without the % sign."""
    return number(shown.value, 2) if shown.is_shown and shown.value is not None else cell(shown)


def cell(shown: Shown, is_percent: bool = False) -> str:
    if shown.state == "hidden":
        return HIDDEN
    if shown.state == "none" or shown.value is None:
        return NONE
    return percent(shown.value) if is_percent else number(shown.value)


def count_text(shown: Shown) -> str:
    return cell(shown)


def percent_text(shown: Shown) -> str:
    return cell(shown, is_percent=True)


def render_message(message: Message) -> str:
    """A core message in the reader's language (its numbers too: Message.render)."""
    return message.render(lang())


def _charts(shown: Display, region_name: str) -> dict[str, Any]:
    boys, girls = _("Laki-laki (L)"), _("Perempuan (P)")
    sex_legend = charts.legend([(charts.MALE, boys), (charts.FEMALE, girls)])
    middle = _("Umur") if shown.single_years else _("Kelompok umur")
    out: dict[str, Any] = {
        "pyramid": charts.pyramid(
            shown.pyramid,
            count_text,
            (_("L"), middle, _("P")),
            _("Piramida penduduk anak %(year)s") % {"year": shown.year},
            _(
                "Jumlah anak laki-laki (kiri) dan perempuan (kanan) menurut umur, yang tertua "
                "di atas. Angkanya juga ada di tabel kelompok umur."
            ),
        ),
        "sex_legend": sex_legend,
        "disabilities": charts.disability_bars(
            shown.disabilities,
            count_text,
            _("Anak penyandang disabilitas menurut jenis"),
            _("Jumlah anak penyandang disabilitas per jenis, laki-laki lalu perempuan."),
        )
        if shown.disabilities
        else None,
    }
    reference = _("%(region)s (angka wilayah)") % {"region": region_name}
    coverage_legend = charts.legend(
        [
            (charts.ABOVE, _("sama dengan atau di atas angka wilayah")),
            (charts.BELOW, _("di bawah angka wilayah")),
        ],
        dashed=reference,
    )
    out["coverage_legend"] = coverage_legend
    levels = (("kecamatan", shown.by_kecamatan), ("kelurahan", shown.by_kelurahan))
    titles = {
        ("akta", "kecamatan"): _("Cakupan akta kelahiran per kecamatan"),
        ("kia", "kecamatan"): _("Cakupan KIA per kecamatan"),
        ("akta", "kelurahan"): _("Cakupan akta kelahiran per desa/kelurahan"),
        ("kia", "kelurahan"): _("Cakupan KIA per desa/kelurahan"),
    }
    # Visible under each chart (figcaption), so a reader of the page or the printed PDF knows
    # which document a chart counts without the screen reader's <title>.
    out["captions"] = {
        "akta_kecamatan": _("Akta kelahiran: anak 0–17 tahun yang memilikinya, per kecamatan"),
        "kia_kecamatan": _(
            "Kartu Identitas Anak (KIA): anak 0–17 tahun yang memilikinya, per kecamatan"
        ),
        "akta_kelurahan": _("Akta kelahiran: anak 0–17 tahun yang memilikinya, per desa/kelurahan"),
        "kia_kelurahan": _(
            "Kartu Identitas Anak (KIA): anak 0–17 tahun yang memilikinya, per desa/kelurahan"
        ),
    }
    for level, rows in levels:
        for document in ("akta", "kia"):
            bars = [charts.CoverageBar(r.name, getattr(r, document)) for r in rows]
            out[f"{document}_{level}"] = charts.coverage_bars(
                bars,
                getattr(shown.region, document),
                percent_text,
                region_name,
                titles[(document, level)],
                _(
                    "Persentase anak yang memiliki dokumen di setiap wilayah; garis putus-putus "
                    "adalah angka seluruh wilayah. Angkanya juga ada di tabel."
                ),
                ident=f"cakupan-{document}-{level}",
            )
    return out


def profile_context(profile: Profile, public: Display | None = None) -> dict[str, Any]:
    """The cells, charts and legends of a profile for a template (page or PDF): every number,
    or the `public` Display (`profil.publishing.public_display`) as it is."""
    shown = public if public is not None else display(profile)
    return {
        "shown": shown,
        "charts": _charts(shown, profile.region.name),
        "age_group_labels": {k: _(v) for k, v in AGE_GROUP_LABELS.items()},
    }
