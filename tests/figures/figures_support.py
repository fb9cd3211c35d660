"""Support of the figures tests: a cycle's state as plain data, the same state written into the
database, the three figures worked out from that data by hand (the oracle, independent of
`layak.core.figures` and of every reader), and what each surface shows, read from its HTML,
CSV, JSON or text the way a person or a program reads it.
"""

from __future__ import annotations

import csv
import io
import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.test import Client
from django.utils import timezone

from layak.core.instrument import Instrument
from layak.core.stages import STAGE_ORDER, Stage
from layak.core.wilayah import Level
from layak.evaluation.models import Answer, AnswerStatus, Cycle, Verification
from layak.evaluation.setup import open_cycle
from layak.evidence.models import EvidenceFile
from layak.regions.models import Region

BANDAR_LAMPUNG = "18.71"  # no cycle in the demo: the state built is all the region has
YEAR = 2031
VERIFICATION_STAGES = STAGE_ORDER[1:]
# Where a question's evidence sits: nowhere, on the region's answer, on a kecamatan's answer
# for the question, or a file that was removed (which backs nothing).
EVIDENCE = ("", "region", "unit", "removed")
BASES = ("penilaian_mandiri", "proyeksi_terverifikasi", "terverifikasi")
LABELS = {
    "penilaian_mandiri": "Penilaian mandiri",
    "proyeksi_terverifikasi": "Proyeksi terverifikasi",
    "terverifikasi": "Terverifikasi",
}
STAGE_NAMES = {
    Stage.ADMINISTRATIVE: "verifikasi administrasi",
    Stage.FIELD: "verifikasi lapangan",
    Stage.FINAL: "final",
}


@dataclass(frozen=True)
class Claimed:
    code: str
    points: Decimal
    submitted: bool
    evidence: str
    verdicts: tuple[tuple[Stage, Decimal], ...] = ()  # the verifiers' points, stage by stage


@dataclass(frozen=True)
class State:
    answers: tuple[Claimed, ...]
    final_closed: bool = False


@dataclass(frozen=True)
class Expected:
    """One figure as every surface must show it."""

    basis: str
    total: float
    predicate: str | None
    next_predicate: str | None
    to_next: float | None
    to_target: float
    stage: Stage


def _band(instrument: Instrument, total: float) -> tuple[str | None, str | None, float | None]:
    reached = [b for b in instrument.bands if total >= b.min_points]
    above = [b for b in instrument.bands if b.min_points > total]
    return (
        reached[-1].name if reached else None,
        above[0].name if above else None,
        round(above[0].min_points - total, 2) if above else None,
    )


def expected_figures(
    instrument: Instrument, state: State, target: str = "Utama"
) -> dict[str, Expected | None]:
    """The three figures by hand: exact decimal sums of the generated points, rounded once."""
    goal = instrument.band(target)
    assert goal is not None
    submitted = [a for a in state.answers if a.submitted]

    def made(basis: str, points: list[Decimal], stage: Stage) -> Expected:
        total = round(float(sum(points, Decimal(0))), 2)
        predicate, upcoming, to_next = _band(instrument, total)
        to_target = max(0.0, round(goal.min_points - total, 2))
        return Expected(basis, total, predicate, upcoming, to_next, to_target, stage)

    figures: dict[str, Expected | None] = {
        "penilaian_mandiri": made(
            "penilaian_mandiri", [a.points for a in submitted], Stage.SELF_ASSESSMENT
        ),
        "proyeksi_terverifikasi": made(
            "proyeksi_terverifikasi",
            [a.points for a in submitted if a.evidence in ("region", "unit")],
            Stage.SELF_ASSESSMENT,
        ),
        "terverifikasi": None,
    }
    decided = [stage for a in submitted for stage, _points in a.verdicts]
    if decided:
        top = max(decided, key=STAGE_ORDER.index)
        figures["terverifikasi"] = made(
            "terverifikasi",
            [a.verdicts[-1][1] if a.verdicts else a.points for a in submitted],
            top,
        )
    return figures


def shown_figure(figures: dict[str, Expected | None]) -> Expected | None:
    """The public page's figure: the verified one once verifiers decided, else the
    self-assessed one; none while nothing is submitted."""
    if figures["terverifikasi"] is not None:
        return figures["terverifikasi"]
    return figures["penilaian_mandiri"]


def label(figure: Expected) -> str:
    if figure.basis == "terverifikasi":
        return f"Terverifikasi ({STAGE_NAMES[figure.stage]})"
    return LABELS[figure.basis]


@contextmanager
def rolled_back() -> Iterator[None]:
    """One hypothesis example: everything it writes is undone when it ends."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


# --- the state in the database --------------------------------------------------------------


def build(instrument: Instrument, state: State, people: dict[str, Any]) -> Cycle:
    """Bandar Lampung's cycle of YEAR holding exactly `state` (rows written directly: the
    services' own rules are tested elsewhere; here the figures are what is compared)."""
    region = Region.objects.get(code=BANDAR_LAMPUNG)
    now = timezone.now()
    day = timedelta(days=1)
    final_end = now - day if state.final_closed else now + 30 * day
    windows = {
        Stage.SELF_ASSESSMENT: (now - 90 * day, now - 60 * day, None),
        Stage.ADMINISTRATIVE: (now - 59 * day, now - 40 * day, None),
        Stage.FIELD: (now - 39 * day, now - 20 * day, None),
        Stage.FINAL: (now - 19 * day, final_end, None),
    }
    cycle, _unmatched = open_cycle(region, YEAR, instrument, windows)
    kecamatan = Region.objects.filter(
        code__startswith=f"{BANDAR_LAMPUNG}.", level=Level.DISTRICT
    ).first()
    assert kecamatan is not None
    answers = Answer.objects.bulk_create(
        Answer(
            cycle=cycle,
            question_code=claimed.code,
            points=claimed.points,
            status=AnswerStatus.SUBMITTED if claimed.submitted else AnswerStatus.DRAFT,
            updated_by=people["sari"],
        )
        for claimed in state.answers
    )
    units = Answer.objects.bulk_create(
        Answer(cycle=cycle, question_code=claimed.code, unit=kecamatan, value="ya")
        for claimed in state.answers
        if claimed.evidence == "unit"
    )
    unit_answer = {a.question_code: a for a in units}
    files, verdicts = [], []
    for claimed, answer in zip(state.answers, answers, strict=True):
        if claimed.evidence:
            files.append(
                EvidenceFile(
                    answer=unit_answer[claimed.code] if claimed.evidence == "unit" else answer,
                    title=f"Bukti {claimed.code}",
                    document_year=YEAR,
                    original_name="bukti.pdf",
                    stored_name=f"bukti/{uuid.uuid4().hex}.pdf",
                    content_type="application/pdf",
                    extension="pdf",
                    size=1,
                    sha256="0" * 64,
                    uploaded_by=people["sari"],
                    removed_at=now if claimed.evidence == "removed" else None,
                )
            )
        verdicts += [
            Verification(
                answer=answer,
                stage=stage.value,
                status="diterima",
                verified_points=points,
                answer_version=answer.version,
                verifier=people["nadia"],
            )
            for stage, points in claimed.verdicts
        ]
    EvidenceFile.objects.bulk_create(files)
    Verification.objects.bulk_create(verdicts)
    return cycle


# --- what each surface shows ----------------------------------------------------------------


def number(text: str) -> float:
    """A number as a page writes it: 715,55, 1.004 or 1.004,5 (Indonesian), 715.55 (CSV)."""
    cleaned = re.sub(r"[^\d,.\-]", "", text)
    if "," in cleaned or re.fullmatch(r"\d{1,3}(\.\d{3})+", cleaned):  # 1.004 is a thousand
        cleaned = cleaned.replace(".", "").replace(",", ".")
    return float(cleaned)


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def cells(row_html: str) -> list[str]:
    return [text_of(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row_html, re.S)]


def row_with(html: str, marker: str) -> str:
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", html, re.S):
        if marker in row:
            return str(row)
    raise AssertionError(f"no row with {marker!r}")


@dataclass(frozen=True)
class Shown:
    """A figure as one surface shows it: the number, the basis it names, the predicate and the
    distance to the target when it shows one (None: not shown there)."""

    total: float
    label: str
    predicate: str | None = None
    to_target: float | None = None


def dashboard(client: Client, cycle: Cycle) -> dict[str, Shown | None]:
    html = client.get(f"/siklus/{cycle.pk}/").content.decode()
    found: dict[str, Shown | None] = {}
    for basis in BASES:
        heading = f"<h2>{LABELS[basis]}</h2>"
        assert heading in html, basis
        card = html.split(heading, 1)[1].split("</div>", 1)[0]
        kpi = re.search(r'<p class="kpi[^"]*">([^<]*)<', card)
        assert kpi is not None
        if kpi.group(1).strip() == "—":
            found[basis] = None
            continue
        predicate = re.search(r'<span class="predicate">([^<]*)</span>', card)
        distance = re.search(r'<p class="to-target">([^<]*)</p>', card)
        assert predicate is not None
        assert distance is not None
        stage = re.search(r"</span> · ([^<]*)</p>", card)
        name = LABELS[basis] + (
            f" ({stage.group(1).strip().lower()})" if basis == BASES[2] and stage else ""
        )
        found[basis] = Shown(
            number(kpi.group(1)),
            name,
            None if predicate.group(1) == "belum berpredikat" else predicate.group(1),
            0.0 if "tercapai" in distance.group(1) else number(distance.group(1).split(":")[1]),
        )
    return found


def province_row(client: Client, cycle: Cycle) -> list[str]:
    html = client.get(f"/provinsi/18/?tahun={YEAR}").content.decode()
    return cells(row_with(html, f'href="/siklus/{cycle.pk}/"'))


def national_row(client: Client, cycle: Cycle) -> list[str]:
    html = client.get(f"/nasional/?tahun={YEAR}&cari={BANDAR_LAMPUNG}").content.decode()
    return cells(row_with(html, f'href="/siklus/{cycle.pk}/"'))


def public_row(client: Client) -> list[str]:
    html = client.get(f"/publik/{BANDAR_LAMPUNG}/").content.decode()
    return cells(row_with(html, f'<th scope="row">{YEAR}</th>'))


def open_data(client: Client) -> tuple[dict[str, Any], dict[str, str]]:
    """The region's rows of YEAR by indicator, from the JSON and from the CSV."""
    rows = client.get(f"/api/v1/open-data/{BANDAR_LAMPUNG}.json").json()["data"]
    as_json = {r["indikator"]: r["nilai"] for r in rows if r["tahun"] == YEAR}
    text = client.get(f"/api/v1/open-data/{BANDAR_LAMPUNG}.csv").content.decode("utf-8")
    as_csv = {
        r["indikator"]: r["nilai"]
        for r in csv.DictReader(io.StringIO(text))
        if r["tahun"] == str(YEAR)
    }
    return as_json, as_csv
