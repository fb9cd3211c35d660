"""A national-scale data set for measuring the province and national pages (`layak
seed-national`): every kabupaten/kota gets one kla-2024 cycle per year with all 274 answers.

Everything is simulated and deterministic: a region's strength comes from a hash of its code
and the year, so two runs write the same answers. Cycles are opened through
`evaluation.setup.open_cycle` (instrument record, stage windows, audit row); answers get their
value in the question's kind and the points the core gives that value (`points_for`), so every
row is one the answer form would have accepted. Past years carry the final stage's
verification. No evidence files are written (a file needs stored bytes per answer).
"""

from __future__ import annotations

import hashlib
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from layak.accounts.models import User
from layak.accounts.roles import Role
from layak.audit.log import record
from layak.core.answers import points_for, value_for
from layak.core.instrument import Instrument, Question
from layak.core.loader import load_builtin
from layak.core.numbers import localise_number
from layak.core.stages import Stage
from layak.core.wilayah import Level
from layak.evaluation.models import Answer, AnswerStatus, Cycle, Verification
from layak.evaluation.setup import Windows, open_cycle
from layak.regions.loading import load_units, read_units
from layak.regions.models import Region

INSTRUMENT = "kla-2024"
VERIFIER = "verifikator.simulasi"
BATCH = 5000


@dataclass
class SeedSummary:
    regions: int = 0
    cycles: int = 0
    skipped: int = 0
    answers: int = 0
    verifications: int = 0
    seconds: float = 0.0


def strength(code: str, year: int) -> float:
    """A region's share of the maximum it claims, 0.42–0.97: spread from below Pratama to KLA,
    slightly better each year (regions improve), fixed by the code and the year."""
    digest = hashlib.sha256(code.encode()).digest()
    base = 0.42 + 0.5 * int.from_bytes(digest[:4], "big") / 2**32
    return min(0.97, base + 0.015 * (year - 2024))


def _windows(year: int, now: datetime) -> Windows:
    """Past years: every stage closed. The current year and later: self-assessment open."""
    day = timedelta(days=1)
    if year < now.year:
        start = timezone.make_aware(datetime(year, 2, 1))
        return {
            Stage.SELF_ASSESSMENT: (start, start + 90 * day, None),
            Stage.ADMINISTRATIVE: (start + 100 * day, start + 130 * day, None),
            Stage.FIELD: (start + 140 * day, start + 170 * day, start + 142 * day),
            Stage.FINAL: (start + 180 * day, start + 200 * day, None),
        }
    offset = (year - now.year) * 365 * day
    return {
        Stage.SELF_ASSESSMENT: (now - 40 * day + offset, now + 20 * day + offset, None),
        Stage.ADMINISTRATIVE: (now - 10 * day + offset, now + 45 * day + offset, None),
        Stage.FIELD: (now + 60 * day + offset, now + 90 * day + offset, now + 62 * day + offset),
        Stage.FINAL: (now + 100 * day + offset, now + 120 * day + offset, None),
    }


def _answer_for(question: Question, share: float, rng: random.Random) -> tuple[str, Decimal]:
    """A value in the question's kind near `share` of its maximum, and the points it earns."""
    if rng.random() < share:
        wanted = question.max_points * (1.0 if rng.random() < 0.8 else 0.5)
    else:
        wanted = 0.0
    value = value_for(question, wanted)
    return value, Decimal(str(round(points_for(question, value), 4)))


def verifier() -> User:
    """The simulated national verifier who signs the past years' final verification."""
    user, _ = User.objects.get_or_create(
        username=VERIFIER,
        defaults={
            "first_name": "Verifikator",
            "last_name": "Simulasi",
            "role": Role.NATIONAL_VERIFIER,
            "password": make_password(None),  # unusable: nobody signs in as the simulation
            "is_active": False,
        },
    )
    return user


def seed_region(
    region: Region, year: int, instrument: Instrument, by: User, now: datetime
) -> tuple[int, int]:
    """One region's cycle of one year with every answer; (answers, verifications) written."""
    cycle, _unmatched = open_cycle(region, year, instrument, _windows(year, now))
    share = strength(region.code, year)
    rng = random.Random(f"{region.code}:{year}")  # noqa: S311 - simulated data, repeatable
    past = year < now.year
    answers = []
    for question in instrument.questions:
        value, points = _answer_for(question, share, rng)
        draft = not past and rng.random() < 0.1
        answers.append(
            Answer(
                cycle=cycle,
                question_code=question.code,
                value=value,
                points=points,
                status=AnswerStatus.DRAFT if draft else AnswerStatus.SUBMITTED,
                version=1,
                updated_at=now,
            )
        )
    Answer.objects.bulk_create(answers, batch_size=BATCH)
    verifications = []
    if past:
        # The verifier accepts most answers and cuts some to half or to nothing.
        submitted = Answer.objects.filter(cycle=cycle, status=AnswerStatus.SUBMITTED)
        for answer in submitted.only("id", "points", "version"):
            roll = rng.random()
            status, points = "diterima", answer.points or Decimal("0")
            if roll < 0.08:
                status, points = "ditolak", Decimal("0")
            elif roll < 0.15:
                status, points = "perbaikan", points / 2
            verifications.append(
                Verification(
                    answer=answer,
                    stage=Stage.FINAL.value,
                    status=status,
                    verified_points=points,
                    note="" if status == "diterima" else "Simulasi: bukti belum memadai.",
                    answer_version=answer.version,
                    verifier=by,
                    version=1,
                    at=now,
                )
            )
        Verification.objects.bulk_create(verifications, batch_size=BATCH)
    record(
        "seed.answers",
        object_type="cycle",
        object_id=cycle.pk,
        region_code=region.code,
        actor_name="sistem",
        after={"answers": len(answers), "verifications": len(verifications), "simulated": True},
    )
    return len(answers), len(verifications)


def _seconds(started: float) -> str:
    """Seconds since `started`, for the progress lines (written in Indonesian: 12,5)."""
    return localise_number(time.perf_counter() - started, "id", 1)


def seed_nasional(
    years: Sequence[int],
    province: str | None = None,
    progress: Callable[[str], None] = lambda _text: None,
    limit: int | None = None,
) -> SeedSummary:
    """Seed every kabupaten/kota (or those of one province; or the first `limit` by code) for
    each year; a region that already has a cycle for a year is left as it is, so a second run
    adds nothing."""
    started = time.perf_counter()
    if not Region.objects.filter(level=Level.REGENCY).exists():
        load_units(read_units(None))
        progress(f"wilayah dimuat ({_seconds(started)} s)")
    regions = Region.objects.filter(level=Level.REGENCY).order_by("code")
    if province:
        regions = regions.under(province)
    regions_list = list(regions[:limit] if limit else regions)
    instrument = load_builtin(INSTRUMENT)
    now = timezone.now()
    by = verifier()
    existing = set(Cycle.objects.filter(year__in=years).values_list("region_id", "year"))
    summary = SeedSummary(regions=len(regions_list))
    for i, region in enumerate(regions_list, start=1):
        with transaction.atomic():  # one transaction per region: a stopped run keeps whole ones
            for year in years:
                if (region.code, year) in existing:
                    summary.skipped += 1
                    continue
                answers, verifications = seed_region(region, year, instrument, by, now)
                summary.cycles += 1
                summary.answers += answers
                summary.verifications += verifications
        if i % 25 == 0 or i == len(regions_list):
            progress(f"{i}/{len(regions_list)} kabupaten/kota ({_seconds(started)} s)")
    with connection.cursor() as cursor:
        # Fresh statistics: without them SQLite reads every region-level answer through the
        # unit index instead of the cycle's (0.04 s instead of 0.003 s per province).
        cursor.execute("ANALYZE")
    summary.seconds = time.perf_counter() - started
    return summary
