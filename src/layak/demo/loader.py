"""The Kota Metro demo: regions, agencies, one account per role, and a part-filled evaluation.

Everything here is simulated for the demonstration; nothing is Kota Metro's official data
except the region codes and names (Kemendagri) and the office names, which are public.
Loading is idempotent: a second run changes nothing.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import secrets
import tempfile
import uuid
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from importlib import resources
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from layak.accounts.models import User
from layak.accounts.roles import Role
from layak.audit.log import record
from layak.core.answers import Answer as CoreAnswer
from layak.core.answers import claim_answer
from layak.core.instrument import AnswerKind, Direction, Question
from layak.core.loader import load_builtin
from layak.core.stages import Stage
from layak.core.wilayah import Level
from layak.demo.pdf import sample_pdf
from layak.evaluation.models import (
    Answer,
    AnswerStatus,
    Cycle,
    Verification,
    VerificationStatus,
)
from layak.evaluation.services import recompute_from_units
from layak.evaluation.setup import open_cycle
from layak.evidence.models import EvidenceFile
from layak.forum.demo import ensure_forum_anak
from layak.gugus.demo import ensure_task_force
from layak.mitra.demo import load_stakeholders
from layak.profil.services import current_dataset, import_file, villages_of
from layak.regions.loading import load_units, read_units
from layak.regions.models import Agency, Region

METRO = "18.72"
LAMPUNG = "18"
# The demo's data (built by scripts/build_demo_answers.py, which says why each answer is so).
ANSWERS = "kota-metro-2024.csv"  # kode, jawaban, nilai, bukti, catatan; empty nilai: open
UNIT_ANSWERS = "kota-metro-2024-unit.csv"  # kode, wilayah, jawaban: each kecamatan/kelurahan
VERIFICATIONS = "kota-metro-verifikasi.csv"  # kode, keputusan, nilai, catatan
AGENCIES = "kota-metro-opd.csv"
ALIASES = {"18.72.04.1003": ["Iringmulyo"], "18.72.01.1001": ["Metro Pusat"]}
# The Profil Anak demo: a generated registry extract the size of Kota Metro's population in the
# year of the shipped Kemendagri figures (182,293 people; about a third of them children).
PROFIL_YEAR = 2025
PROFIL_SEED = 1872
POPULATION = "penduduk-kemendagri-2025.csv.gz"


@dataclass(frozen=True)
class DemoUser:
    username: str
    name: str
    role: Role
    agency: str = ""
    unit: str = ""
    cluster: str = ""
    region: str = METRO


USERS = (
    DemoUser("admin", "Admin Layak", Role.ADMIN, region=""),
    DemoUser("sari", "Sari Wulandari", Role.SECRETARIAT),
    DemoUser("kartika", "Kartika Sari", Role.COORDINATOR, cluster="K3"),
    DemoUser("budi", "Budi Santoso", Role.OFFICER, agency="Dinkes"),
    DemoUser("dewi", "Dewi Lestari", Role.OFFICER, agency="Disdukcapil"),
    DemoUser("rina", "Rina Marlina", Role.OFFICER, agency="DP3AP2KB"),
    DemoUser("oki", "Oki Pratama", Role.UNIT_OPERATOR, unit="18.72.01"),
    DemoUser("yosomulyo", "Wahyu Hidayat", Role.UNIT_OPERATOR, unit="18.72.01.1005"),
    DemoUser("vina", "Vina Anggraini", Role.PROVINCIAL_VERIFIER, region=LAMPUNG),
    DemoUser("nadia", "Nadia Putri", Role.NATIONAL_VERIFIER, region=""),
    DemoUser("mitra", "Mitra Usaha Metro", Role.STAKEHOLDER),
    DemoUser("forumanak", "Forum Anak Kota Metro", Role.FORUM_ANAK),
)


def demo_password() -> str:
    """One shared password for every demo account, generated once and kept in the data folder."""
    path = Path(settings.DATA_DIR) / "demo-password.txt"
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    password = f"metro-{secrets.token_urlsafe(9)}"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(password, encoding="utf-8")
    path.chmod(0o600)
    return password


def ensure_regions() -> Region:
    if not Region.objects.filter(code=METRO).exists():
        load_units(read_units(None))
    for code, aliases in ALIASES.items():
        Region.objects.filter(code=code, aliases=[]).update(aliases=aliases)
    return Region.objects.get(code=METRO)


def ensure_agencies(region: Region) -> None:
    """The agencies of the demo file, then the suppliers each coordinates (the Forum Anak
    Daerah and the business community are not agencies: DP3AP2KB coordinates them)."""
    rows = _rows(AGENCIES)
    for row in rows:
        Agency.objects.get_or_create(
            region=region,
            short_name=row["singkatan"],
            defaults={
                "name": row["nama"],
                "aliases": [a for a in row["nama_lain"].split(";") if a],
            },
        )
    for row in rows:
        if row["dikoordinasi"]:
            coordinator = Agency.objects.get(region=region, short_name=row["dikoordinasi"])
            Agency.objects.filter(
                region=region, short_name=row["singkatan"], coordinator__isnull=True
            ).update(coordinator=coordinator)


def ensure_users(password: str) -> list[DemoUser]:
    for spec in USERS:
        if User.objects.filter(username=spec.username).exists():
            continue
        first, _, last = spec.name.partition(" ")
        user = User(
            username=spec.username,
            first_name=first,
            last_name=last,
            role=spec.role,
            region_id=spec.region or None,
            unit_id=spec.unit or None,
            cluster=spec.cluster,
        )
        if spec.agency:
            user.agency = Agency.objects.get(region_id=METRO, short_name=spec.agency)
        user.set_password(password)
        user.full_clean()
        user.save()
    return list(USERS)


def value_for(question: Question, points: float) -> str:
    """The answer in the question's kind that earns these points."""
    if question.kind is AnswerKind.YES_NO:
        return "ya" if (points > 0) is not question.negative else "tidak"
    if question.kind is AnswerKind.CHOICE:
        return min(
            question.options, key=lambda o: abs(o.fraction * question.max_points - points)
        ).key
    if question.kind is AnswerKind.NUMBER:
        return "3" if points > 0 else "0"
    if question.kind is AnswerKind.PERCENTAGE:
        fraction = points / question.max_points if question.max_points else 0
        reached = [t for t in question.thresholds if abs(t.fraction - fraction) < 1e-6]
        if reached:
            return f"{reached[0].value:g}"
        return "10" if question.direction is Direction.HIGHER else "90"
    return f"{points:g}"


@dataclass(frozen=True)
class DemoAnswer:
    """One row of the demo answer file: the answer chosen in the question's kind (empty for a
    question its units answer: the unit file holds theirs), the points claimed, the number of
    evidence files and a note (a draft is an answer with a note)."""

    value: str
    points: float
    evidence: int
    note: str


def _rows(name: str) -> list[dict[str, str]]:
    return list(
        csv.DictReader((resources.files("layak.demo") / name).read_text("utf-8").splitlines())
    )


def read_answers() -> dict[str, DemoAnswer]:
    """The answered questions of the demo file (an empty `nilai` is a question left open)."""
    return {
        row["kode"]: DemoAnswer(
            row["jawaban"], float(row["nilai"]), int(row["bukti"] or 0), row["catatan"]
        )
        for row in _rows(ANSWERS)
        if row["nilai"]
    }


def read_unit_answers() -> dict[str, dict[str, str]]:
    """Question code → kecamatan or kelurahan code → its yes/no."""
    found: dict[str, dict[str, str]] = {}
    for row in _rows(UNIT_ANSWERS):
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
    record(
        "evidence.add",
        actor=user,
        object_type="answer",
        object_id=answer.pk,
        region_code=METRO,
        after={**evidence.snapshot(), "question": question.code, "evidence": evidence.pk},
    )


def _audited(answer: Answer, user: User, **extra: str) -> None:
    record(
        "answer.save",
        actor=user,
        object_type="answer",
        object_id=answer.pk,
        region_code=METRO,
        after={**answer.snapshot(), "question": answer.question_code, **extra},
    )


def _from_units(
    cycle: Cycle, question: Question, wanted: DemoAnswer, answers: dict[str, str], user: User
) -> Answer:
    """Each kecamatan or kelurahan answers; the region answer follows them through
    `recompute_from_units`, as when an operator answers (submitted once every unit has)."""
    level = Level.DISTRICT if question.per_kecamatan else Level.VILLAGE
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
    for row in _rows(VERIFICATIONS):
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
        record(
            "verification.save",
            actor=verifier,
            object_type="answer",
            object_id=answer.pk,
            region_code=METRO,
            after={**verification.snapshot(), "question": code},
        )


def population(code: str) -> int:
    """The region's population in the shipped Kemendagri figures."""
    data = (resources.files("layak.regions") / "data" / POPULATION).read_bytes()
    for row in csv.DictReader(gzip.decompress(data).decode("utf-8").splitlines()):
        if row["kode"] == code:
            return int(row["total"])
    raise LookupError(f"no population figure for {code}")


def ensure_profil_anak(region: Region) -> None:
    """Kota Metro's Profil Anak: a simulated registry extract (names and codes of the
    kelurahan are real, the people are not) imported through the same service as any file."""
    if current_dataset(region, PROFIL_YEAR) is not None:
        return
    from layak.ingest.profil_anak.synthetic import write_extract  # DuckDB loads only when needed

    with tempfile.TemporaryDirectory(prefix="layak-demo-") as folder:
        path = Path(folder) / f"ekstrak-registri-kota-metro-{PROFIL_YEAR}.csv"
        write_extract(
            path,
            rows=population(region.code),
            villages=sorted(villages_of(region)),
            year=PROFIL_YEAR,
            seed=PROFIL_SEED,
        )
        import_file(
            path=path,
            region=region,
            year=PROFIL_YEAR,
            user=User.objects.get(username="sari"),
        )


@transaction.atomic
def load_demo() -> Cycle:
    """Load or find the demo; returns Kota Metro's current cycle."""
    region = ensure_regions()
    ensure_agencies(region)
    ensure_users(demo_password())
    ensure_profil_anak(region)
    ensure_forum_anak(region)
    ensure_task_force(region)
    load_stakeholders(region)
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
    cycle, _unmatched = open_cycle(region, year, load_builtin("kla-2024"), windows)
    fill_answers(cycle, User.objects.get(username="sari"))
    add_verifications(cycle)
    return cycle


def demo_answers_as_core() -> dict[str, CoreAnswer]:
    """The demo answer file as the core reads it (for the command line's summary)."""
    return {
        code: CoreAnswer(row.points, row.evidence, row.note) for code, row in read_answers().items()
    }
