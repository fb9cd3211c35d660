"""What the public page of a region shows, gathered with a fixed number of queries.

Only what the secretariat has confirmed or a verifier has decided leaves here:

- scores are the figures of `evaluation.figures` (the dashboard's and the years page's, for
  every year at once in two queries): the verified figure once verifiers have decided, else the
  self-assessed one labelled as not verified; drafts (answers carried from last year and not
  yet reviewed among them) count in neither;
- Forum Anak: counts per status and topic, and what took the children's input (the
  programme's name and the agency), never an aspiration's text, place or sender;
- the task force: how many meetings, never minutes, attendance or names;
- stakeholders: confirmed contributions only (`mitra.summary`);
- Profil Anak: the public Display of `profil.publishing` (the disclosure-control step: every
  withheld cell reads "x"), or nothing when its audit did not pass.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import Count
from django.db.models.functions import ExtractYear
from django.http import Http404
from django.utils import timezone

from layak.core import aspirations as flow
from layak.core.child_names import screen_names
from layak.core.figures import Basis, Figure, PartFigure
from layak.core.instrument import Band
from layak.core.stages import Stage
from layak.core.wilayah import Level
from layak.evaluation.models import StageWindow
from layak.evaluation.queries.figures import read_figures
from layak.evaluation.queries.years import region_cycles
from layak.evidence.screening import child_names
from layak.forum.models import STATUS_CHOICES, TOPICS, Aspiration
from layak.forum.services import input_counts
from layak.gugus.models import Meeting
from layak.mitra.queries import Summary, summarise
from layak.profil.models import ProfilDataset
from layak.profil.queries import publishing, reading
from layak.profil.queries.present import profile_context
from layak.regions.models import Region


@dataclass(frozen=True)
class YearScore:
    """A year's figure as the public may see it: the verified figure once verifiers have
    decided (final once the final stage is done), else the self-assessed figure, labelled as
    not verified."""

    year: int
    figure: Figure | None  # None: nothing submitted yet
    settled: bool
    bands: tuple[Band, ...] = ()

    @property
    def stage(self) -> Stage:
        return self.figure.stage if self.figure else Stage.SELF_ASSESSMENT

    @property
    def basis(self) -> Basis:
        return self.figure.basis if self.figure else Basis.SELF_ASSESSED

    @property
    def total(self) -> float | None:
        return self.figure.total if self.figure else None

    @property
    def predicate(self) -> str | None:
        return self.figure.predicate if self.figure else None

    @property
    def parts(self) -> tuple[PartFigure, ...]:
        return self.figure.parts if self.figure else ()


@dataclass(frozen=True)
class Outcome:
    """A regulation, programme or activity that took children's input."""

    kind: str
    name: str
    agency: str
    year: int
    done: bool
    aspirations: int


@dataclass
class AspirationFigures:
    total: int = 0
    by_status: list[tuple[str, int]] = field(default_factory=list)
    by_topic: list[tuple[str, int]] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)
    input_counts: list[tuple[int, dict[str, int]]] = field(default_factory=list)


@dataclass
class PublicPage:
    region: Region
    year: int
    history: list[YearScore]
    aspirations: AspirationFigures
    meetings: list[tuple[int, int]]
    contributions: Summary
    profil_year: int | None
    profil: dict[str, Any] | None

    @property
    def current(self) -> YearScore | None:
        return self.history[0] if self.history else None

    @property
    def meetings_this_year(self) -> int:
        return dict(self.meetings).get(self.year, 0)


def served_regions() -> list[Region]:
    """Kabupaten/kota with at least one evaluation cycle in Layak."""
    return list(
        Region.objects.filter(level=Level.REGENCY, cycles__isnull=False).distinct().order_by("name")
    )


def served_region(code: str) -> Region:
    region = Region.objects.filter(code=code, level=Level.REGENCY, cycles__isnull=False).first()
    if region is None:
        raise Http404
    return region


def _final_done(windows: list[StageWindow], now: datetime) -> bool:
    final = next((w for w in windows if w.stage == Stage.FINAL.value), None)
    return final is not None and (final.locked or now > final.closes_at)


def year_scores(region: Region) -> list[YearScore]:
    """Every year with a cycle, latest first. Four queries whatever the number of years."""
    # The cycles and the reader of the years page (`evaluation.queries.years`): one figure.
    cycles = list(region_cycles(region))
    read = read_figures(cycles)
    now = timezone.now()
    result = []
    for cycle in cycles:
        figures = read[cycle.pk].figures
        bands = cycle.instrument.bands
        if not read[cycle.pk].submitted:
            result.append(YearScore(cycle.year, None, False, bands))
        elif figures.verified is not None:
            settled = _final_done(list(cycle.windows.all()), now)
            result.append(YearScore(cycle.year, figures.verified, settled, bands))
        else:
            result.append(YearScore(cycle.year, figures.self_assessed, False, bands))
    return result


def aspiration_figures(region: Region) -> AspirationFigures:
    """Counts and outcomes of the city's aspirations: three queries, no text of any child."""
    figures = AspirationFigures()
    pairs = Counter(
        {
            (topic, status): n
            for topic, status, n in Aspiration.objects.filter(city=region)
            .values_list("topic", "status")
            .annotate(n=Count("id"))
            .order_by()
        }
    )
    figures.total = sum(pairs.values())
    per_status: Counter[str] = Counter()
    per_topic: Counter[str] = Counter()
    for (topic, status), n in pairs.items():
        per_status[status] += n
        per_topic[topic] += n
    figures.by_status = [(str(label), per_status[value]) for value, label in STATUS_CHOICES]
    figures.by_topic = [
        (str(label), per_topic[value]) for value, label in TOPICS if per_topic[value]
    ]

    kinds = dict(Aspiration._meta.get_field("outcome_kind").choices or [])
    grouped: dict[tuple[str, str], Outcome] = {}
    accepted = list(
        Aspiration.objects.filter(
            city=region,
            status__in=(flow.Status.ACCEPTED.value, flow.Status.DONE.value),
            accepted_on__isnull=False,
        )
        .order_by("accepted_on", "pk")
        .values_list("outcome_kind", "outcome_name", "agency__name", "accepted_on", "status")
    )
    # Staff wrote the outcomes' names: a Forum Anak member named in one is called by their role.
    names = child_names(region.code) if accepted else {}
    for kind, written, agency, accepted_on, status in accepted:
        if accepted_on is None:  # excluded by the filter; for the type checker
            continue
        name = screen_names(written, names)
        # The same item named twice counts once, as `input_counts` counts it.
        key = (kind, " ".join(name.casefold().split()))
        seen = grouped.get(key)
        done = status == flow.Status.DONE.value
        grouped[key] = Outcome(
            str(kinds.get(kind, kind)),
            seen.name if seen else name,
            seen.agency if seen else (agency or ""),
            seen.year if seen else accepted_on.year,
            done or (seen.done if seen else False),
            (seen.aspirations if seen else 0) + 1,
        )
    figures.outcomes = sorted(grouped.values(), key=lambda o: (-o.year, o.kind, o.name))
    figures.input_counts = [
        (year, {str(kinds.get(k.value, k.value)): n for k, n in counts.items()})
        for year, counts in input_counts(region.code).items()
    ]
    return figures


def meetings_per_year(region: Region) -> list[tuple[int, int]]:
    """The task force's coordination meetings per year, latest first (a count, nothing else)."""
    rows = (
        Meeting.objects.filter(region=region)
        .annotate(year=ExtractYear("held_on"))
        .values_list("year")
        .annotate(n=Count("id"))
        .order_by("-year")
    )
    return [(year, n) for year, n in rows]


def latest_profile(region: Region) -> tuple[int, dict[str, Any] | None] | None:
    """The latest Profil Anak in public mode: one query for the dataset, the profile from the
    cache (`profil.reading`), what may be published from the dataset (`profil.publishing`).
    None without data; (year, None) when its disclosure audit did not pass."""
    dataset = ProfilDataset.objects.filter(region=region, is_current=True).order_by("-year").first()
    if dataset is None:
        return None
    profile = reading.profile_of(dataset, region)
    shown = publishing.public_display(dataset, profile)
    return dataset.year, (profile_context(profile, shown) if shown is not None else None)


def public_page(region: Region) -> PublicPage:
    history = year_scores(region)
    year = history[0].year if history else timezone.localdate().year
    profil = latest_profile(region)
    return PublicPage(
        region=region,
        year=year,
        history=history,
        aspirations=aspiration_figures(region),
        meetings=meetings_per_year(region),
        contributions=summarise(region, year),
        profil_year=profil[0] if profil else None,
        profil=profil[1] if profil else None,
    )
