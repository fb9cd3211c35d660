"""Which KLA 2024 questions a Profil Anak supports, and the figures to show next to the answer.

The figures are support, not the answer: a person still answers the question and uploads the
evidence. Only questions whose wording the profile's counts actually measure are mapped:

- 4.2 birth-certificate ownership data (the last two years) → akta coverage, this year and the
  year before when that profile exists;
- 4.3 the trend of child identity card (KIA) coverage over two years → KIA coverage and change;
- 25.5 / 26.6 the share of kecamatan / desa-kelurahan with akta coverage above 90%;
- 25.13 / 26.16 the share of kecamatan / desa-kelurahan with disaggregated child data, i.e. with
  children counted in the profile;
- 23A.1–23A.4 (services, care, accessibility and participation for children with disabilities)
  → children with disabilities by kind, the population those questions are about.

12.2 ("Kepemilikan Buku KIA") is the maternal and child *health* book, not the child identity card
(Kartu Identitas Anak) the profile counts: deliberately not mapped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from layak.core.messages import Message, msg
from layak.core.profil_anak.summary import Coverage, Figures, Profile

Unit = Literal["percent", "count", "points"]

# Coverage strictly above this share counts as "> 90%" (25.5, 26.6).
HIGH_COVERAGE = (9, 10)

DISABILITY_QUESTIONS = ("23A.1", "23A.2", "23A.3", "23A.4")
SUPPORTED: frozenset[str] = frozenset(
    {"4.2", "4.3", "25.5", "26.6", "25.13", "26.16", *DISABILITY_QUESTIONS}
)


@dataclass(frozen=True, slots=True)
class SupportFigure:
    """One data-backed figure: what it is, its value (None: the profile cannot say), how to
    read the value, and a line of detail (counts behind a rate, the places named)."""

    label: Message
    value: float | None
    unit: Unit
    detail: Message | None = None


def supports(code: str) -> bool:
    return code in SUPPORTED


def support_for(
    code: str, profile: Profile, previous: Profile | None = None
) -> tuple[SupportFigure, ...]:
    """The figures for question `code`; empty for a question the profile does not support.

    `previous` is the profile of an earlier year (used by 4.2 and 4.3, which ask about two
    years); it is ignored unless it is exactly the year before."""
    if previous is not None and previous.year != profile.year - 1:
        previous = None
    if code == "4.2":
        return _coverage_years("akta", profile, previous)
    if code == "4.3":
        figures = _coverage_years("kia", profile, previous)
        trend = _trend(profile, previous)
        return (*figures, trend) if trend else figures
    if code == "25.5":
        return (_high_akta_share(profile.by_kecamatan, "kecamatan"),)
    if code == "26.6":
        return (_high_akta_share(profile.by_kelurahan, "kelurahan"),)
    if code == "25.13":
        return (_with_data_share(profile.by_kecamatan, "kecamatan"),)
    if code == "26.16":
        return (_with_data_share(profile.by_kelurahan, "kelurahan"),)
    if code in DISABILITY_QUESTIONS:
        return _disabilities(profile)
    return ()


def _document(figures: Figures, document: str) -> Coverage | None:
    return figures.akta_coverage if document == "akta" else figures.kia_coverage


def _coverage_figure(document: str, profile: Profile) -> SupportFigure:
    coverage = _document(profile.region, document)
    label = msg(f"profil.support.{document}_coverage", year=profile.year)
    if coverage is None:
        return SupportFigure(label, None, "percent", msg("profil.support.no_document_data"))
    rate = coverage.overall
    detail = msg("profil.support.covered_of", covered=rate.covered, of=rate.of)
    return SupportFigure(label, rate.percent, "percent", detail)


def _coverage_years(
    document: str, profile: Profile, previous: Profile | None
) -> tuple[SupportFigure, ...]:
    current = _coverage_figure(document, profile)
    if previous is None:
        return (current,)
    return (current, _coverage_figure(document, previous))


def _trend(profile: Profile, previous: Profile | None) -> SupportFigure | None:
    if previous is None:
        return None
    now, before = _document(profile.region, "kia"), _document(previous.region, "kia")
    if now is None or before is None:
        return None
    if now.overall.percent is None or before.overall.percent is None:
        return None
    change = round(now.overall.percent - before.overall.percent, 2)
    direction = "naik" if change > 0 else ("turun" if change < 0 else "tetap")
    return SupportFigure(
        msg("profil.support.kia_trend", previous=previous.year, year=profile.year),
        change,
        "points",
        msg(f"profil.support.trend_{direction}"),
    )


def _high_akta(place: Figures) -> bool:
    coverage = place.akta_coverage
    if coverage is None or coverage.overall.of == 0:
        return False
    numerator, denominator = HIGH_COVERAGE
    # Integers, not rounded percentages: 90.004% is above 90%, exactly 90% is not.
    return coverage.overall.covered * denominator > coverage.overall.of * numerator


def _share(count: int, total: int) -> float | None:
    return round(100 * count / total, 2) if total else None


def _places(level: str, chosen: Sequence[Figures], total: int) -> Message:
    if not chosen:
        return msg(f"profil.support.{level}_none", total=total)
    names = ", ".join(place.name for place in chosen)
    return msg(f"profil.support.{level}_of", n=len(chosen), total=total, names=names)


def _high_akta_share(places: Sequence[Figures], level: str) -> SupportFigure:
    label = msg(f"profil.support.{level}_akta_90")
    if places and all(place.akta_coverage is None for place in places):
        return SupportFigure(label, None, "percent", msg("profil.support.no_document_data"))
    high = [place for place in places if _high_akta(place)]
    return SupportFigure(
        label, _share(len(high), len(places)), "percent", _places(level, high, len(places))
    )


def _with_data_share(places: Sequence[Figures], level: str) -> SupportFigure:
    counted = [place for place in places if place.children > 0]
    missing = [place for place in places if place.children == 0]
    detail = (
        msg(
            f"profil.support.{level}_missing",
            n=len(missing),
            total=len(places),
            names=", ".join(place.name for place in missing),
        )
        if missing
        else msg(f"profil.support.{level}_all", total=len(places))
    )
    return SupportFigure(
        msg(f"profil.support.{level}_with_data"),
        _share(len(counted), len(places)),
        "percent",
        detail,
    )


def _disabilities(profile: Profile) -> tuple[SupportFigure, ...]:
    total = sum(male + female for _, male, female in profile.disabilities)
    figures = [
        SupportFigure(
            msg("profil.support.disabled_children", year=profile.year),
            total,
            "count",
            msg("profil.support.of_children", of=profile.region.children),
        )
    ]
    figures.extend(
        SupportFigure(
            msg("profil.support.disability_kind", kind=kind),
            male + female,
            "count",
            msg("profil.support.by_sex", male=male, female=female),
        )
        for kind, male, female in profile.disabilities
    )
    return tuple(figures)
