"""Build the demo answers of Kota Metro (simulated, not the city's official answers).

The demo must look like a city at Nindya that aims for Utama: a self-assessed total just under
801 with some points not yet backed by documents. The answers are drawn from a seeded random
generator, and the first seed whose totals fall in the wanted ranges is written, so the file is
reproducible: .venv/bin/python scripts/build_demo_answers.py
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

from layak.core.answers import Answer
from layak.core.instrument import AnswerKind, Question
from layak.core.loader import load_builtin
from layak.core.scoring import score

TARGET = Path(__file__).resolve().parents[1] / "src" / "layak" / "demo" / "kota-metro-2024.csv"
WANTED_TOTAL = (780.0, 796.0)
WANTED_PROJECTED = (735.0, 755.0)
NOTES = (
    "SK perlu diperbarui tahun ini",
    "menunggu rekap dari kecamatan",
    "dokumen ada di OPD, belum dipindai",
    "data 2 tahun terakhir sedang dihimpun",
)


def _points(question: Question, rng: random.Random) -> float:
    strong = rng.random() < 0.86
    if question.kind in (AnswerKind.YES_NO, AnswerKind.NUMBER):
        return question.max_points if strong else 0.0
    if question.kind is AnswerKind.CHOICE:
        fractions = sorted((o.fraction for o in question.options), reverse=True)
        return question.max_points * (fractions[0] if strong else rng.choice(fractions[1:]))
    if question.kind is AnswerKind.PERCENTAGE:
        fractions = sorted({t.fraction for t in question.thresholds}, reverse=True)
        return question.max_points * (fractions[0] if strong else rng.choice(fractions))
    share = 1.0 if strong else rng.choice((0.75, 0.5, 0.25))
    return round(question.max_points * share * 4) / 4


def draw(seed: int) -> dict[str, Answer]:
    rng = random.Random(seed)
    instrument = load_builtin("kla-2024")
    answers: dict[str, Answer] = {}
    for question in instrument.questions:
        points = round(_points(question, rng), 2)
        documented = points > 0 and rng.random() < 0.93
        evidence = rng.randint(1, 4) if documented else 0
        note = rng.choice(NOTES) if (points > 0 and not documented) else ""
        answers[question.code] = Answer(points, evidence, note)
    return answers


def main() -> None:
    instrument = load_builtin("kla-2024")
    for seed in range(1872, 1872 + 100_000):
        answers = draw(seed)
        card = score(instrument, answers)
        if (
            WANTED_TOTAL[0] <= card.total <= WANTED_TOTAL[1]
            and WANTED_PROJECTED[0] <= card.projected_verified_total <= WANTED_PROJECTED[1]
        ):
            break
    else:
        raise SystemExit("no seed gives the wanted totals")
    with TARGET.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["kode", "nilai", "bukti", "catatan"])
        for question in instrument.questions:
            answer = answers[question.code]
            writer.writerow([question.code, f"{answer.points:g}", answer.evidence, answer.note])
    print(
        f"seed {seed}: total {card.total}, projected {card.projected_verified_total}, "
        f"at risk {card.points_at_risk}; wrote {TARGET.name}"
    )


if __name__ == "__main__":
    main()
