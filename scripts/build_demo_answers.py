"""Build the demo answers of Kota Metro (simulated, not the city's official answers).

Kota Metro was Nindya in 2022, 2023 and 2025 and aims for Utama. The demo answers must look
like such a city's self-assessment, consistent with public facts and with the demo's own
records (Forum Anak, task force, Profil Anak):

- `scripts/demo/kota-metro-facts.csv` fixes the answers that facts or the demo's records decide
  (only 2 of 11 puskesmas had a PRAP decree in 2025; stunting is present; the KELANA/DEKELA
  answers of the kecamatan and kelurahan, about 67 of 100 points as a real regency scored
  67.5; the questions left unanswered; those the tests rely on), each with its reason;
- every other answer is drawn from a seeded generator: yes/no questions get full, partial
  (0.25, 0.5, 0.66 or 0.75 of the maximum, as the real recaps grant) or no points; a few answers
  lack evidence, and half of those are drafts with a note (a draft is where the file has one).

Each answer is written as `core.answers.claim_answer` gives it: `jawaban` (the answer chosen in
the question's kind) and `nilai` (the points claimed). For a question every kecamatan or
kelurahan answers, `jawaban` stays empty: the units' own answers go to
`kota-metro-2024-unit.csv`, and `nilai` is what their share proposes. The first seed whose
totals (submitted answers only) fall in the wanted ranges is written, so the files are
reproducible:

    .venv/bin/python scripts/build_demo_answers.py
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from pathlib import Path

from layak.core.answers import Answer, claim_answer, claim_from_units
from layak.core.instrument import AnswerKind, Direction, Instrument, Question
from layak.core.loader import load_builtin
from layak.core.scoring import ScoreCard, score

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "src" / "layak" / "demo" / "data"
FACTS = ROOT / "scripts" / "demo" / "kota-metro-facts.csv"
TARGET = DEMO / "kota-metro-2024.csv"
UNIT_TARGET = DEMO / "kota-metro-2024-unit.csv"
VERIFIED = DEMO / "kota-metro-verifikasi.csv"
# Kota Metro's kecamatan and kelurahan (Kemendagri 2025), in code order.
KECAMATAN = tuple(f"18.72.0{k}" for k in range(1, 6))
KELURAHAN = tuple(
    f"18.72.0{k}.100{n}"
    for k, count in zip(range(1, 6), (5, 4, 4, 5, 4), strict=True)
    for n in range(1, count + 1)
)
# Nindya on every basis: submitted answers only, with evidence only, and all answers.
WANTED_SUBMITTED = (735.0, 770.0)
WANTED_PROJECTED = (712.0, 760.0)
MAXIMUM_ALL = 795.0
WANTED_KELANA = (64.0, 71.0)
PARTIAL = (0.25, 0.5, 0.66, 0.75)
NOTES = (
    "SK perlu diperbarui tahun ini",
    "menunggu rekap dari kecamatan",
    "dokumen ada di OPD, belum dipindai",
    "data 2 tahun terakhir sedang dihimpun",
)


@dataclass(frozen=True)
class Row:
    value: str  # "" when unanswered
    points: float | None
    evidence: int
    note: str
    units_yes: tuple[str, ...] = ()

    @property
    def answered(self) -> bool:
        return self.points is not None

    def core(self) -> Answer:
        return Answer(self.points or 0.0, self.evidence, self.note)


def _band(question: Question, fraction: float, rng: random.Random) -> str:
    """A percentage in the band that earns `fraction` of the points."""
    steps = sorted(question.thresholds, key=lambda t: t.value)
    if question.direction is Direction.HIGHER:
        reached = [t for t in steps if t.fraction == fraction]
        if not reached:
            return f"{rng.uniform(0, steps[0].value - 1):.1f}"
        low = reached[0].value
        higher = [t.value for t in steps if t.value > low]
        return f"{low:g}" if not higher else f"{rng.uniform(low, higher[0] - 0.1):.1f}"
    reached = [t for t in steps if t.fraction == fraction]
    if not reached:
        return f"{rng.uniform(steps[-1].value + 1, 100):.1f}"
    high = reached[0].value
    lower = [t.value for t in steps if t.value < high]
    low = lower[-1] + 0.1 if lower else max(0.0, high - 6)
    return f"{high:g}" if high == 0 else f"{rng.uniform(low, high):.1f}"


def _drawn(question: Question, rng: random.Random) -> tuple[str, str]:
    """An answer in the question's kind and, when it differs from what that answer proposes,
    the points claimed."""
    kind, top = question.kind, question.max_points
    strong = rng.random() < 0.7
    if kind is AnswerKind.YES_NO:
        good, bad = ("tidak", "ya") if question.negative else ("ya", "tidak")
        if strong:
            return good, ""
        if rng.random() < 0.85:
            return good, f"{round(top * rng.choice(PARTIAL), 2):g}"
        return bad, ""
    if kind is AnswerKind.CHOICE:
        options = sorted(question.options, key=lambda o: o.fraction, reverse=True)
        return (options[0] if strong else rng.choice(options[1:])).key, ""
    if kind is AnswerKind.PERCENTAGE:
        fractions = sorted({t.fraction for t in question.thresholds}, reverse=True)
        if strong and question.direction is Direction.HIGHER:
            # Nobody reaches 100 %; the real recaps give full points to a high coverage.
            return f"{rng.uniform(85, 99.5):.1f}", f"{top:g}"
        if strong and min(t.value for t in question.thresholds) == 0:
            return f"{rng.uniform(2, 12):.1f}", f"{top:g}"  # likewise, nobody is at 0 %
        return _band(question, fractions[0] if strong else rng.choice(fractions), rng), ""
    if kind is AnswerKind.NUMBER:
        return (str(rng.randint(1, 12)), "") if strong else ("0", "")
    share = 1.0 if strong else rng.choice((0.75, 0.5, 0.25))
    return "", f"{round(top * share * 4) / 4:g}"


def _units_of(question: Question) -> tuple[str, ...]:
    return KECAMATAN if question.per_kecamatan else KELURAHAN


def _per_unit(question: Question, fact: dict[str, str], rng: random.Random) -> Row:
    units = _units_of(question)
    chosen = tuple(u for u in fact["unit_ya"].split(";") if u)
    if not chosen:
        yes = round(float(fact["jawaban"]) * len(units) / 100)
        chosen = tuple(sorted(random.Random(question.code).sample(units, yes)))
    claim = claim_from_units(question, round(100 * len(chosen) / len(units), 2))
    if claim.value != fact["jawaban"]:
        raise SystemExit(f"{question.code}: {len(chosen)} units give {claim.value}, not the fact")
    evidence = int(fact["bukti"]) if fact["bukti"] else rng.randint(1, 3)
    return Row(claim.value, claim.points, evidence, fact["catatan"], chosen)


def _row(question: Question, fact: dict[str, str] | None, rng: random.Random) -> Row:
    if fact is not None and fact["jawaban"] == "-":
        return Row("", None, 0, "")
    if fact is not None and question.per_unit:
        return _per_unit(question, fact, rng)
    value, points = (fact["jawaban"], fact["nilai"]) if fact else _drawn(question, rng)
    claim = claim_answer(question, value, points)
    assert claim.points is not None  # noqa: S101 - every drawn answer claims points
    documented = rng.random() < 0.93
    if fact is not None:  # the fact's evidence, else some (or none: at risk); never a draft
        drawn = rng.randint(1 if documented else 0, 3) if claim.points > 0 else 0
        evidence = int(fact["bukti"]) if fact["bukti"] else drawn
        note = fact["catatan"]
    elif claim.points > 0 and not documented:
        # Without documents: half are still drafts (with a note), half submitted at risk.
        evidence, note = 0, rng.choice(NOTES) if rng.random() < 0.5 else ""
    else:
        evidence, note = (rng.randint(1, 4) if claim.points > 0 else 0), ""
    return Row(claim.value, claim.points, evidence, note)


def draw(instrument: Instrument, facts: dict[str, dict[str, str]], seed: int) -> dict[str, Row]:
    rng = random.Random(seed)
    return {q.code: _row(q, facts.get(q.code), rng) for q in instrument.questions}


def cards(instrument: Instrument, rows: dict[str, Row]) -> tuple[ScoreCard, ScoreCard]:
    """The score of the submitted answers, and of every answer (drafts too)."""
    answered = {code: r for code, r in rows.items() if r.answered}
    submitted = {code: r.core() for code, r in answered.items() if not r.note}
    return score(instrument, submitted), score(
        instrument, {c: r.core() for c, r in answered.items()}
    )


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _check_verifications(rows: dict[str, Row]) -> None:
    """A verifier only sees submitted answers: the demo's verifications must find them."""
    for verification in _read(VERIFIED):
        row = rows[verification["kode"]]
        if not row.answered or row.note or not row.evidence:
            raise SystemExit(f"{verification['kode']} is verified but not submitted with evidence")


def _write(instrument: Instrument, rows: dict[str, Row], folder: Path) -> None:
    with (folder / TARGET.name).open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["kode", "jawaban", "nilai", "bukti", "catatan"])
        for question in instrument.questions:
            row = rows[question.code]
            points = "" if row.points is None else f"{row.points:g}"
            evidence = str(row.evidence) if row.answered else ""
            # A KELANA/DEKELA answer's value is its units' share, not an answer in the
            # question's kind: the unit file holds what the units chose.
            value = "" if question.per_unit else row.value
            writer.writerow([question.code, value, points, evidence, row.note])
    with (folder / UNIT_TARGET.name).open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["kode", "wilayah", "jawaban"])
        for question in instrument.questions:
            row = rows[question.code]
            if not (question.per_unit and row.answered):
                continue
            for unit in _units_of(question):
                writer.writerow([question.code, unit, "ya" if unit in row.units_yes else "tidak"])


def build(folder: Path = DEMO) -> str:
    """Write the demo answer files into `folder`; returns what was written, in a line."""
    instrument = load_builtin("kla-2024")
    facts = {row["kode"]: row for row in _read(FACTS)}
    unknown = sorted(set(facts) - {q.code for q in instrument.questions})
    if unknown:
        raise SystemExit(f"facts for questions kla-2024 does not have: {', '.join(unknown)}")
    for seed in range(1872, 1872 + 100_000):
        rows = draw(instrument, facts, seed)
        submitted, everything = cards(instrument, rows)
        kelana = next(p.score for p in submitted.parts if p.code == "KD")
        if (
            WANTED_SUBMITTED[0] <= submitted.total <= WANTED_SUBMITTED[1]
            and WANTED_PROJECTED[0] <= submitted.projected_verified_total <= WANTED_PROJECTED[1]
            and everything.total <= MAXIMUM_ALL
            and WANTED_KELANA[0] <= kelana <= WANTED_KELANA[1]
        ):
            break
    else:
        raise SystemExit("no seed gives the wanted totals")
    _check_verifications(rows)
    _write(instrument, rows, folder)
    partial = sum(
        1
        for q in instrument.questions
        if q.kind is AnswerKind.YES_NO
        and (p := rows[q.code].points) is not None
        and 0 < p < q.max_points
    )
    return (
        f"seed {seed}: submitted {submitted.total:.2f} ({submitted.predicate}), projected "
        f"{submitted.projected_verified_total:.2f}, at risk {submitted.points_at_risk:.2f}; "
        f"all answers {everything.total:.2f}; KELANA/DEKELA {kelana:.2f}; "
        f"{partial} yes/no with partial points; wrote {TARGET.name} and {UNIT_TARGET.name}"
    )


if __name__ == "__main__":
    print(build())
