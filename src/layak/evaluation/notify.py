"""Who is told of the evaluation's actions (layak.notices), called by `services` inside the
action's transaction: a verifier's decision reaches the agency's officers and whoever saved the
answer; a resubmission reaches the verifier who sent it back; a locked stage reaches the
region's staff; a stage window about to open or close reaches them too (`remind-tahap`)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from layak.accounts.models import User
from layak.accounts.roles import STAGE_AUDIENCE, Role
from layak.core.stages import Stage
from layak.evaluation.models import (
    Answer,
    Assignment,
    Cycle,
    StageWindow,
    Verification,
    VerificationStatus,
)
from layak.notices.models import Kind
from layak.notices.services import notify, person_name

DECISIONS = {
    VerificationStatus.NEEDS_REVISION: Kind.SENT_BACK,
    VerificationStatus.ACCEPTED: Kind.ACCEPTED,
    VerificationStatus.REJECTED: Kind.REJECTED,
}


def question_url(cycle: Cycle, code: str) -> str:
    return reverse("evaluation:question", kwargs={"cycle_id": cycle.pk, "code": code})


def _question_facts(cycle: Cycle, code: str) -> dict[str, str]:
    return {"question": code, "label": cycle.instrument.question(code).label}


def answer_people(cycle: Cycle, answer: Answer) -> list[User]:
    """The officers of the agencies assigned to the answer's question, and whoever saved it."""
    agencies = Assignment.objects.filter(cycle=cycle, question_code=answer.question_code)
    people = list(
        User.objects.filter(
            role=Role.OFFICER, agency_id__in=agencies.values("agency_id"), is_active=True
        )
    )
    if answer.updated_by is not None and answer.updated_by not in people:
        people.append(answer.updated_by)
    return people


def tell_decision(verifier: User, answer: Answer, verification: Verification) -> None:
    cycle = answer.cycle
    notify(
        answer_people(cycle, answer),
        DECISIONS[VerificationStatus(verification.status)],
        url=question_url(cycle, answer.question_code),
        params={
            **_question_facts(cycle, answer.question_code),
            "who": person_name(verifier),
            "stage": verification.stage,
            "note": verification.note,
        },
        actor=verifier,
    )


def tell_resubmitted(user: User, answer: Answer) -> None:
    """When an answer sent back is submitted again: each verifier who sent it back is told."""
    sent_back = Verification.objects.filter(
        answer=answer,
        status=VerificationStatus.NEEDS_REVISION,
        answer_version__lt=answer.version,
        verifier__isnull=False,
    ).select_related("verifier")
    for verification in sent_back:
        assert verification.verifier is not None  # noqa: S101 - filtered above
        notify(
            [verification.verifier],
            Kind.RESUBMITTED,
            url=question_url(answer.cycle, answer.question_code),
            params={
                **_question_facts(answer.cycle, answer.question_code),
                "who": person_name(user),
                "stage": verification.stage,
            },
            actor=user,
            # Once per revision: a second save of the same version tells no one again.
            key=f"resubmitted:{answer.pk}:{answer.version}:{verification.stage}",
        )


def tell_assigned(user: User, cycle: Cycle, code: str, agency_ids: set[int]) -> None:
    """The officers of agencies newly given a question (an agency kept on it is not told)."""
    if not agency_ids:
        return
    officers = User.objects.filter(
        role=Role.OFFICER, agency_id__in=agency_ids, is_active=True
    ).select_related("agency")
    for agency_id in sorted(agency_ids):
        people = [o for o in officers if o.agency_id == agency_id]
        if not people:
            continue
        notify(
            people,
            Kind.ASSIGNED,
            url=question_url(cycle, code),
            params={
                **_question_facts(cycle, code),
                "who": person_name(user),
                "agency": people[0].agency.short_name if people[0].agency else "",
            },
            actor=user,
        )


def stage_people(cycle: Cycle) -> Iterable[User]:
    return User.objects.filter(region_id=cycle.region_id, role__in=STAGE_AUDIENCE, is_active=True)


def tell_locked(user: User, window: StageWindow) -> None:
    notify(
        stage_people(window.cycle),
        Kind.STAGE_LOCKED,
        url=reverse("evaluation:stages", kwargs={"cycle_id": window.cycle_id}),
        params={
            "who": person_name(user),
            "stage": window.stage,
            "year": window.cycle.year,
            "note": window.lock_reason,
        },
        actor=user,
    )


def remind_windows(days: int, today: date | None = None) -> int:
    """Notices for every stage window that opens or closes within `days` days (from today),
    once per window, moment and person. Returns how many notices were made."""
    day = today or timezone.localdate()
    until = day + timedelta(days=days)
    made = 0
    windows = StageWindow.objects.filter(locked_at__isnull=True).select_related("cycle")
    for window in windows.order_by("pk"):
        moments = ((Kind.WINDOW_OPENS, window.opens_at), (Kind.WINDOW_CLOSES, window.closes_at))
        for kind, moment in moments:
            on = timezone.localtime(moment).date()
            if not day <= on <= until:
                continue
            made += len(
                notify(
                    stage_people(window.cycle),
                    kind,
                    url=reverse("evaluation:dashboard", kwargs={"cycle_id": window.cycle_id}),
                    params={
                        "stage": Stage(window.stage).value,
                        "year": window.cycle.year,
                        "days": (on - day).days,
                        "on": on.isoformat(),
                    },
                    key=f"{kind}:{window.pk}:{on.isoformat()}",
                )
            )
    return made
