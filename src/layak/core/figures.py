"""The three figures of a cycle, their predicates and distances: one definition for every page,
report, workbook, API response and the open data.

- **self-assessed** (penilaian mandiri): the region's *submitted* answers with points. A draft
  is work in progress and counts in no figure.
- **projected verified** (proyeksi terverifikasi): those submitted answers backed by at least
  one present evidence file (on the region's answer or on any of its units' answers for the
  question): verification cuts points without documents.
- **verified** (terverifikasi): the submitted answers, overridden question by question by the
  verifiers' points up to the latest stage that has verifications (`stages.effective_answers`),
  labelled with that stage. A verification of an answer that is no longer submitted (taken
  back to a draft for a revision) is left out with it.

Each figure carries its predicate, the next predicate and the points to it, and the cycle's
target predicate and the points to it: max(0, target's lower end − the figure's total), so a
distance always says from which figure it is measured.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from layak.core.answers import Answer
from layak.core.instrument import Instrument
from layak.core.messages import Lang, msg
from layak.core.scoring import ScoreCard, points_to, round_points, score, standing
from layak.core.stages import STAGE_ORDER, Stage, effective_answers

# Stages at which verifiers decide; the self-assessment is the region's own.
VERIFICATION_STAGES: tuple[Stage, ...] = STAGE_ORDER[1:]


class Basis(StrEnum):
    SELF_ASSESSED = "penilaian_mandiri"
    PROJECTED = "proyeksi_terverifikasi"
    VERIFIED = "terverifikasi"

    def label(self, lang: Lang = "id") -> str:
        return msg(f"figure.{self.value}").render(lang)


def stage_label(stage: Stage, lang: Lang = "id") -> str:
    return msg(f"figure.stage.{stage.value}").render(lang)


@dataclass(frozen=True, slots=True)
class PartFigure:
    code: str
    name: str
    score: float
    max: float


@dataclass(frozen=True, slots=True)
class Figure:
    """One figure on one basis: its total, predicate and distances."""

    basis: Basis
    stage: Stage  # the stage it stands at: the self-assessment for the first two bases
    total: float
    max_total: float
    predicate: str | None
    next_predicate: str | None
    points_to_next: float | None  # None when the highest predicate is reached
    target: str | None  # the cycle's target predicate (None: not one of the instrument's)
    target_points: float | None  # the target's lower end
    points_to_target: float | None
    parts: tuple[PartFigure, ...]

    @property
    def target_reached(self) -> bool:
        return self.points_to_target is not None and self.points_to_target <= 0

    def label(self, lang: Lang = "id") -> str:
        """The basis, with the stage for the verified figure: "Terverifikasi (Final)"."""
        if self.basis is Basis.VERIFIED:
            return msg("figure.verified_at", stage=stage_label(self.stage, lang)).render(lang)
        return self.basis.label(lang)


def figure(
    instrument: Instrument,
    basis: Basis,
    total: float,
    parts: tuple[PartFigure, ...],
    target: str | None,
    stage: Stage = Stage.SELF_ASSESSMENT,
) -> Figure:
    """A figure from its total (the sum of its question points, before the parts are rounded)
    and its points per part: the one place where a total becomes a predicate and distances."""
    total = round_points(total)
    stands = standing(instrument.bands, total)
    goal = instrument.band(target) if target else None
    return Figure(
        basis=basis,
        stage=stage,
        total=total,
        max_total=round_points(instrument.max_total),
        predicate=stands.predicate,
        next_predicate=stands.next_predicate,
        points_to_next=stands.points_to_next,
        target=goal.name if goal else None,
        target_points=goal.min_points if goal else None,
        points_to_target=points_to(goal, total) if goal else None,
        parts=parts,
    )


def part_points(
    instrument: Instrument, points: list[float] | tuple[float, ...]
) -> tuple[PartFigure, ...]:
    """Points per part, in the instrument's order, rounded as the core rounds a part."""
    return tuple(
        PartFigure(p.code, p.name, round_points(v), round_points(top))
        for p, v, top in zip(instrument.parts, points, instrument.part_maxima, strict=True)
    )


@dataclass(frozen=True, slots=True)
class Figures:
    """A cycle's three figures and the score cards behind them (indicators, questions)."""

    self_assessed: Figure
    projected: Figure
    verified: Figure | None  # None until a verifier has decided on a submitted answer
    card: ScoreCard  # the submitted answers; `projected_*` on it is the projected figure
    verified_card: ScoreCard | None
    verified_answers: int  # answers with a verifier's points at or before the verified stage

    @property
    def verified_stage(self) -> Stage | None:
        return self.verified.stage if self.verified else None

    def of(self, basis: Basis) -> Figure | None:
        return {
            Basis.SELF_ASSESSED: self.self_assessed,
            Basis.PROJECTED: self.projected,
            Basis.VERIFIED: self.verified,
        }[basis]

    @property
    def shown(self) -> tuple[Figure, ...]:
        return tuple(f for f in (self.self_assessed, self.projected, self.verified) if f)

    @property
    def points_at_risk(self) -> float:
        """Self-assessed points without evidence: what verification is likely to cut."""
        return round_points(self.self_assessed.total - self.projected.total)


def _card_figure(
    instrument: Instrument,
    basis: Basis,
    card: ScoreCard,
    target: str | None,
    stage: Stage = Stage.SELF_ASSESSMENT,
) -> Figure:
    """A figure from a score card: its total and part scores, or for the projected figure its
    projected verified ones."""
    if basis is Basis.PROJECTED:
        total, points = card.projected_verified_total, [p.projected for p in card.parts]
    else:
        total, points = card.total, [p.score for p in card.parts]
    return figure(instrument, basis, total, part_points(instrument, points), target, stage)


def figures(
    instrument: Instrument,
    submitted: Mapping[str, Answer],
    verifications: Mapping[Stage, Mapping[str, Answer]],
    target: str | None,
) -> Figures:
    """The three figures of a cycle.

    `submitted`: the region's submitted answers with points (`evidence` counting the present
    files on the region's answer and its units' answers); drafts must be left out by the
    caller, who knows the status. `verifications`: the verifiers' points per stage; those of
    questions not in `submitted` are left out here."""
    card = score(instrument, submitted)
    self_assessed = _card_figure(instrument, Basis.SELF_ASSESSED, card, target)
    projected = _card_figure(instrument, Basis.PROJECTED, card, target)
    decided = {
        stage: {c: a for c, a in verifications.get(stage, {}).items() if c in submitted}
        for stage in VERIFICATION_STAGES
    }
    reached = [s for s in VERIFICATION_STAGES if decided[s]]
    if not reached:
        return Figures(self_assessed, projected, None, card, None, 0)
    stage = reached[-1]
    merged = effective_answers({Stage.SELF_ASSESSMENT: submitted, **decided}, stage)
    verified_card = score(instrument, merged)
    overridden = set().union(*decided.values())  # every decided stage is at or before `stage`
    verified = _card_figure(instrument, Basis.VERIFIED, verified_card, target, stage)
    return Figures(self_assessed, projected, verified, card, verified_card, len(overridden))
