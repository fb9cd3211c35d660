"""Forum Anak records as ready-made evidence (see layak.evidence.ready) and as PDFs.

- 6.1 (SK Forum Anak): the decrees of every forum of the city and the number of active members
  by level and age band (counts only: never a nickname, never consent), and each forum's own
  decree file when it is a PDF;
- 6.2 (Forum Anak in development planning): the aspirations discussed in Musrenbang in the year,
  and the recap of those accepted into regulations, programmes and activities, with the counts;
- 6.3 (Forum Anak as Pelopor dan Pelapor, 2P): what the children themselves reported and
  proposed in the year, each with what became of it. The forum app records the children's
  reports (the aspirations they send: a broken playground, a dark road to school, cigarette
  advertising near a school), which is the Pelapor role; campaigns and peer activities (the
  Pelopor side) are not records of this app, so an officer uploads those;
- 1.4 (regulations drafted listening to the Forum Anak): the regulations that took in
  children's aspirations;
- 1.2d (a policy on child participation): the forums' decrees, the policy that sets the Forum
  Anak up (the decrees list and each decree file), not the aspirations.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from layak.core import aspirations as flow
from layak.core.child_names import screen_names
from layak.core.wilayah import Level
from layak.evaluation.models import Cycle
from layak.evidence.ready import ReadyDocument
from layak.evidence.screening import child_names
from layak.forum import services
from layak.forum.models import (
    KIND_CHOICES,
    LEVEL_CHOICES,
    STATUS_CHOICES,
    TOPICS,
    AgeBand,
    Aspiration,
    ForumGroup,
)
from layak.regions.models import Region
from layak.web.pdf import render_pdf

KINDS = ("sk", "musrenbang", "rekap", "peraturan", "laporan")
QUESTIONS = {
    "6.1": ("sk",),
    "6.2": ("musrenbang", "rekap"),
    "6.3": ("laporan",),
    "1.4": ("peraturan",),
    "1.2d": ("sk",),
}
# Questions that are also offered each forum's own decree file (a PDF).
DECREE_FILES = frozenset({"6.1", "1.2d"})
LEVEL_NAMES = {Level.REGENCY: "kota", Level.DISTRICT: "kecamatan", Level.VILLAGE: "kelurahan"}


def _decrees(city: Region, year: int) -> dict[str, Any]:
    rows = services.member_counts(city.code)
    by_level: dict[int, dict[str, Any]] = {}
    for row in rows:
        level = int(row["forum"].region.level)
        entry = by_level.setdefault(
            level, {"level": level, "forums": 0, "total": 0, "bands": [0] * len(AgeBand.choices)}
        )
        entry["forums"] += 1
        entry["total"] += row["total"]
        entry["bands"] = [a + b for a, b in zip(entry["bands"], row["bands"], strict=True)]
    return {
        "rows": rows,
        "levels": [by_level[k] for k in sorted(by_level)],
        "bands": AgeBand.choices,
        "total": sum(r["total"] for r in rows),
    }


def _aspirations(city: Region, year: int, kind: str) -> dict[str, Any]:
    rows = Aspiration.objects.filter(city=city).select_related("forum__region", "agency", "place")
    if kind == "musrenbang":
        rows = rows.filter(musrenbang_on__year=year).order_by("musrenbang_on", "pk")
    elif kind == "laporan":
        rows = rows.filter(submitted_at__year=year).order_by("submitted_at", "pk")
    else:
        rows = rows.filter(
            accepted_on__year=year,
            status__in=(flow.Status.ACCEPTED.value, flow.Status.DONE.value),
        ).order_by("outcome_kind", "outcome_name", "pk")
        if kind == "peraturan":
            rows = rows.filter(outcome_kind=flow.OutcomeKind.REGULATION.value)
    found = list(rows)
    # Staff wrote the outcome's name; a child named in it is called by their role in the
    # document (read-only copies, never saved), as in the task force's minutes.
    names = child_names(city.code) if any(a.outcome_name for a in found) else {}
    for aspiration in found:
        aspiration.outcome_name = screen_names(aspiration.outcome_name, names)
    if kind == "laporan":
        # What the children reported, by topic and by what became of it (counts only).
        counts = [
            (label, n)
            for value, label in STATUS_CHOICES
            if (n := sum(a.status == value for a in found))
        ]
    else:
        per_kind = services.input_counts(city.code).get(year, dict.fromkeys(flow.OutcomeKind, 0))
        counts = [(label, per_kind[flow.OutcomeKind(value)]) for value, label in KIND_CHOICES]
    return {
        "aspirations": found,
        "counts": counts,
        "topics": dict(TOPICS),
        "levels": dict(LEVEL_CHOICES),
    }


TITLES: dict[str, Callable[[], str]] = {
    "sk": lambda: _("SK Forum Anak dan jumlah anggota"),
    "musrenbang": lambda: _("Aspirasi anak dalam Musrenbang"),
    "rekap": lambda: _("Rekap aspirasi anak yang menjadi peraturan, program dan kegiatan"),
    "peraturan": lambda: _("Peraturan yang memuat aspirasi anak"),
    "laporan": lambda: _("Laporan dan usulan Forum Anak sebagai Pelopor dan Pelapor (2P)"),
}


def _render(kind: str, city: Region, year: int, context: dict[str, Any]) -> bytes:
    title = f"{TITLES[kind]()} {year}"
    return render_pdf(
        f"forum/pdf_{'sk' if kind == 'sk' else 'aspirations'}.html",
        {**context, "title": title, "region_name": city.name, "year": year, "kind": kind},
    )


def _has_records(kind: str, city: Region, year: int) -> bool:
    if kind == "sk":
        return ForumGroup.objects.filter(city=city).exists()
    return bool(_aspirations(city, year, kind)["aspirations"])


def make(kind: str, city: Region, year: int) -> ReadyDocument | None:
    """The document of this kind for the city and year, or None when there is nothing in it."""
    if not _has_records(kind, city, year):
        return None
    builder = _decrees if kind == "sk" else partial(_aspirations, kind=kind)
    return ReadyDocument(
        key=f"forum.{kind}:{city.code}:{year}",
        title=f"{TITLES[kind]()} {year}",
        year=year,
        source=_("Forum Anak"),
        render_pdf=lambda: _render(kind, city, year, builder(city, year)),
        url=reverse("forum:groups" if kind == "sk" else "forum:aspirations"),
        file_name=f"forum-anak-{kind}-{year}.pdf",
    )


def _decree_files(city: Region, year: int) -> list[ReadyDocument]:
    found = []
    for forum in ForumGroup.objects.filter(city=city).exclude(sk_file="").select_related("region"):
        if not forum.sk_file.endswith(".pdf"):
            continue
        found.append(
            ReadyDocument(
                key=f"forum.skfile:{forum.pk}",
                title=f"SK {forum.name} {forum.sk_number}".strip(),
                year=forum.sk_date.year if forum.sk_date else year,
                source=_("Forum Anak"),
                render_pdf=partial(_read, forum.sk_file),
                url=reverse("forum:group", args=[forum.pk]),
                file_name=f"sk-forum-anak-{forum.pk}.pdf",
            )
        )
    return found


def _read(name: str) -> bytes:
    with default_storage.open(name, "rb") as fh:
        data: bytes = fh.read()
    return data


def documents_by_year(city_code: str) -> dict[int, list[str]]:
    """The aspiration documents that have something in them, per year (newest first)."""
    found: dict[int, set[str]] = {}
    rows = Aspiration.objects.filter(city_id=city_code).values_list(
        "submitted_at", "musrenbang_on", "accepted_on", "status", "outcome_kind"
    )
    accepted = {flow.Status.ACCEPTED.value, flow.Status.DONE.value}
    for submitted, discussed, taken, status, outcome in rows:
        found.setdefault(timezone.localtime(submitted).year, set()).add("laporan")
        if discussed is not None:
            found.setdefault(discussed.year, set()).add("musrenbang")
        if taken is not None and status in accepted:
            kinds = found.setdefault(taken.year, set())
            kinds.add("rekap")
            if outcome == flow.OutcomeKind.REGULATION.value:
                kinds.add("peraturan")
    return {year: [k for k in KINDS if k in found[year]] for year in sorted(found, reverse=True)}


def years_with_documents(city_code: str) -> list[int]:
    return list(documents_by_year(city_code))


def provider(cycle: Cycle, question_code: str) -> list[ReadyDocument]:
    kinds = QUESTIONS.get(question_code)
    if kinds is None:  # most questions: no query at all
        return []
    city = cycle.region
    offered: list[ReadyDocument] = []
    for kind in kinds:
        years = (cycle.year,) if kind == "sk" else (cycle.year, cycle.year - 1)
        offered.extend(d for d in (make(kind, city, y) for y in years) if d is not None)
    if question_code in DECREE_FILES:
        offered.extend(_decree_files(city, cycle.year))
    return offered
