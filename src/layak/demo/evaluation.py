"""Kota Metro's evaluation in the demo: this year's cycle of kla-2024 with the answers of the
demo files (some with sample evidence, some drafts, the kecamatan and kelurahan answering their
questions) and the province's administrative verification under way.

The files are built by scripts/build_demo_answers.py, which says why each answer is so.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from layak.accounts.models import User
from layak.core.answers import claim_answer
from layak.core.instrument import Question
from layak.core.loader import load_builtin
from layak.core.stages import Stage
from layak.demo.pdf import sample_pdf
from layak.demo.read import csv_rows
from layak.demo.regions import METRO
from layak.evaluation.models import (
    Answer,
    AnswerStatus,
    Cycle,
    Verification,
    VerificationStatus,
)
from layak.evaluation.notify import tell_decision
from layak.evaluation.queries.tallies import level_of
from layak.evaluation.services import recompute_from_units, record_answer_event
from layak.evaluation.setup import open_cycle
from layak.evidence.models import EvidenceFile
from layak.evidence.services import record_evidence_event
from layak.regions.models import Region

INSTRUMENT = "kla-2024"
ANSWERS = "kota-metro-2024.csv"  # kode, jawaban, nilai, bukti, catatan; empty nilai: open
UNIT_ANSWERS = "kota-metro-2024-unit.csv"  # kode, wilayah, jawaban: each kecamatan/kelurahan
VERIFICATIONS = "kota-metro-verifikasi.csv"  # kode, keputusan, nilai, catatan


@dataclass(frozen=True)
class DemoAnswer:
    """One row of the demo answer file: the answer chosen in the question's kind (empty for a
    question its units answer: the unit file holds theirs), the points claimed, the number of
    evidence files and a note (a draft is an answer with a note)."""

    value: str
    points: float
    evidence: int
    note: str


def read_answers() -> dict[str, DemoAnswer]:
    """The answered questions of the demo file (an empty `nilai` is a question left open)."""
    return {
        row["kode"]: DemoAnswer(
            row["jawaban"], float(row["nilai"]), int(row["bukti"] or 0), row["catatan"]
        )
        for row in csv_rows(ANSWERS)
        if row["nilai"]
    }


def read_unit_answers() -> dict[str, dict[str, str]]:
    """Question code → kecamatan or kelurahan code → its yes/no."""
    found: dict[str, dict[str, str]] = {}
    for row in csv_rows(UNIT_ANSWERS):
        found.setdefault(row["kode"], {})[row["wilayah"]] = row["jawaban"]
    return found


class DemoDataError(Exception):
    """The demo files contradict the answer rules or each other."""


def _attach_sample(answer: Answer, question: Question, user: User, number: int) -> None:
    data = sample_pdf(
        [
            question.label,
            "Kota Metro - dokumen contoh (simulasi), bukan dokumen resmi",
            f"Pertanyaan {question.code}, lampiran {number}",
            f"Evaluasi KLA {answer.cycle.year}",
        ]
    )
    name = default_storage.save(
        f"bukti/{METRO}/{answer.cycle.year}/{uuid.uuid4().hex}.pdf", ContentFile(data)
    )
    evidence = EvidenceFile.objects.create(
        answer=answer,
        title=f"{question.label} (lampiran {number})",
        document_year=answer.cycle.year - (number % 2),
        original_name=f"{question.code}-{number}.pdf",
        stored_name=name,
        content_type="application/pdf",
        extension="pdf",
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        uploaded_by=user,
    )
    record_evidence_event("evidence.add", answer.cycle, answer, evidence, actor=user)


def _audited(answer: Answer, user: User, **extra: str) -> None:
    record_answer_event(
        "answer.save", answer.cycle, answer, answer.snapshot(), extra=extra, actor=user
    )


def _from_units(
    cycle: Cycle, question: Question, wanted: DemoAnswer, answers: dict[str, str], user: User
) -> Answer:
    """Each kecamatan or kelurahan answers; the region answer follows them through
    `recompute_from_units`, as when an operator answers (submitted once every unit has)."""
    level = level_of(question)
    units = list(cycle.region.units(level))
    strangers = set(answers) - {u.code for u in units}
    if strangers:
        raise DemoDataError(f"{question.code}: {sorted(strangers)} are no units of the region")
    for unit in units:
        if unit.code not in answers:
            continue
        unit_answer = Answer.objects.create(
            cycle=cycle,
            question_code=question.code,
            unit=unit,
            value=answers[unit.code],
            status=AnswerStatus.SUBMITTED,
            version=1,
            updated_by=user,
        )
        _audited(unit_answer, user, unit=unit.code)
    answer = recompute_from_units(cycle, question, user)
    points = None if answer.points is None else float(answer.points)
    if points is None or abs(points - wanted.points) > 1e-4:
        raise DemoDataError(
            f"{question.code}: the units' share {answer.value} % gives {points} points, "
            f"the demo file says {wanted.points}"
        )
    return answer


def _claimed(cycle: Cycle, question: Question, wanted: DemoAnswer, user: User) -> Answer:
    """The answer as the one answer rule reads it: the value proposes, the points claimed."""
    claim = claim_answer(question, wanted.value, f"{wanted.points:g}")
    assert claim.points is not None  # noqa: S101 - points were given
    answer = Answer.objects.create(
        cycle=cycle,
        question_code=question.code,
        value=claim.value,
        points=Decimal(str(round(claim.points, 4))),
        note=wanted.note,
        status=AnswerStatus.DRAFT if wanted.note else AnswerStatus.SUBMITTED,
        version=1,
        updated_by=user,
    )
    _audited(answer, user)
    return answer


def fill_answers(cycle: Cycle, secretariat: User) -> None:
    demo, units = read_answers(), read_unit_answers()
    for question in cycle.instrument.questions:
        wanted = demo.get(question.code)
        if wanted is None:
            continue  # still open in the demo: innovations and follow-ups being collected
        if question.per_unit:
            answers = units.get(question.code, {})
            answer = _from_units(cycle, question, wanted, answers, secretariat)
        else:
            answer = _claimed(cycle, question, wanted, secretariat)
        for number in range(1, min(wanted.evidence, 2) + 1):
            _attach_sample(answer, question, secretariat, number)


def add_verifications(cycle: Cycle) -> None:
    """The provincial administrative verification under way. Only a submitted answer can be
    verified (services.verify refuses a draft): a row naming anything else is an error."""
    verifier = User.objects.get(username="vina")
    answers = {a.question_code: a for a in Answer.objects.filter(cycle=cycle, unit__isnull=True)}
    for row in csv_rows(VERIFICATIONS):
        code, status = row["kode"], row["keputusan"]
        answer = answers.get(code)
        if answer is None or answer.points is None or not answer.submitted:
            raise DemoDataError(f"{code} is verified in the demo but not submitted")
        points = (
            Decimal(row["nilai"])
            if row["nilai"]
            else answer.points
            if status == VerificationStatus.ACCEPTED
            else Decimal("0")
            if status == VerificationStatus.REJECTED
            else answer.points / 2
        )
        verification = Verification.objects.create(
            answer=answer,
            stage=Stage.ADMINISTRATIVE.value,
            status=status,
            verified_points=points,
            note=row["catatan"],
            answer_version=answer.version,
            verifier=verifier,
            version=1,
        )
        record_answer_event(
            "verification.save", cycle, answer, verification.snapshot(), actor=verifier
        )
        tell_decision(verifier, answer, verification)  # as services.verify does


def ensure_cycle(region: Region) -> Cycle:
    """This year's cycle of the region: found, or opened with the self-assessment and the
    administrative verification under way, answered and partly verified."""
    year = timezone.localdate().year
    existing = Cycle.objects.filter(region=region, year=year).first()
    if existing is not None:
        return existing
    now = timezone.now()
    day = timedelta(days=1)
    windows = {
        Stage.SELF_ASSESSMENT: (now - 40 * day, now + 20 * day, None),
        Stage.ADMINISTRATIVE: (now - 10 * day, now + 45 * day, None),
        Stage.FIELD: (now + 60 * day, now + 90 * day, now + 62 * day),
        Stage.FINAL: (now + 100 * day, now + 120 * day, None),
    }
    cycle, _unmatched = open_cycle(region, year, load_builtin(INSTRUMENT), windows)
    fill_answers(cycle, User.objects.get(username="sari"))
    add_verifications(cycle)
    return cycle
