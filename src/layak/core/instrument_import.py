"""An instrument from a spreadsheet in the shape a region receives it.

One row per question with its part (`bagian`), indicator (`indikator`, e.g. "Indikator 21 A"),
question (`pertanyaan`, e.g. "Pertanyaan 4 a"), official wording (`uraian`), maximum
(`nilai_maks`) and supplying agencies (`sumber_data`, separated by commas, semicolons or new
lines). Optional columns: `nama_indikator`, `maks_bagian`, `maks_indikator`, `per_kecamatan`,
`per_desa_kelurahan`, `jenis`. With a base instrument (last year's), answer kinds, thresholds,
options, short labels and predicate bands carry over for codes that still exist.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from layak.core.answers import NO, YES, parse_number
from layak.core.instrument import AnswerKind, Instrument
from layak.core.loader import FORMAT, instrument_from_data, instrument_to_data
from layak.core.messages import InputError, Problem, format_number, msg

INSTRUMENT_COLUMNS = ("pertanyaan", "bagian", "indikator", "uraian", "nilai_maks", "sumber_data")
INSTRUMENT_ALIASES = {
    "klaster": "bagian",
    "bagian_klaster": "bagian",
    "kode_pertanyaan": "pertanyaan",
    "no_pertanyaan": "pertanyaan",
    "teks": "uraian",
    "teks_pertanyaan": "uraian",
    "bobot": "nilai_maks",
    "nilai_maksimal": "nilai_maks",
    "skor_maks": "nilai_maks",
    "sumber": "sumber_data",
    "opd": "sumber_data",
    "opd_penanggung_jawab": "sumber_data",
    "jenis_jawaban": "jenis",
}
DEFAULT_BANDS = [
    {"name": "Pratama", "min": 500, "max": 600},
    {"name": "Madya", "min": 601, "max": 700},
    {"name": "Nindya", "min": 701, "max": 800},
    {"name": "Utama", "min": 801, "max": 900},
    {"name": "KLA", "min": 901, "max": 1000},
]
_ROMAN = {"i": "1", "ii": "2", "iii": "3", "iv": "4", "v": "5"}
_PART_NAMES = {
    "KL": "Kelembagaan",
    "K1": "Klaster I — Hak sipil dan kebebasan",
    "K2": "Klaster II — Lingkungan keluarga dan pengasuhan alternatif",
    "K3": "Klaster III — Kesehatan dasar dan kesejahteraan",
    "K4": "Klaster IV — Pendidikan, waktu luang, dan kegiatan budaya",
    "K5": "Klaster V — Perlindungan khusus",
    "KD": "KELANA/DEKELA — KLA di kecamatan dan desa/kelurahan",
}


def compact_code(text: Any) -> str:
    """'Indikator 21 A' → '21A'; 'Pertanyaan 2za' → '2za'."""
    text = re.sub(r"(?i)^\s*(indikator|pertanyaan|nomor|no\.)\s*", "", str(text or ""))
    return re.sub(r"\s", "", text)


def part_code(text: str) -> str:
    """'KLASTER III' or 'Klaster 3' → 'K3'; 'Kelembagaan' → 'KL'; 'KELANA DEKELA' → 'KD'."""
    words = text.strip().casefold().split()
    if not words:
        return ""
    if words[0] == "kelembagaan":
        return "KL"
    if words[0] in ("kelana", "dekela", "kelana/dekela"):
        return "KD"
    if words[0] == "klaster" and len(words) > 1:
        number = _ROMAN.get(words[1].strip(".:—-"), words[1].strip(".:—-"))
        if number.isdigit():
            return f"K{number}"
    return re.sub(r"[^0-9A-Za-z]+", "-", text.strip()).strip("-").upper()


def _flag(value: Any) -> bool:
    text = str(value if value is not None else "").strip().casefold()
    return text in YES and text not in NO


def _agencies(value: Any) -> list[str]:
    return [a.strip() for a in re.split(r"[,;\n]", str(value or "")) if a.strip()]


def instrument_from_rows(
    rows: Iterable[tuple[int, Mapping[str, Any]]],
    instrument_id: str,
    name: str,
    year: int,
    source: str,
    base: Instrument | None = None,
) -> Instrument:
    """Build and validate an instrument; refuses with every problem by row and column."""
    problems: list[Problem] = []
    parts: dict[str, dict[str, Any]] = {}
    indicators: dict[str, dict[str, Any]] = {}
    seen: dict[str, int] = {}
    base_data = instrument_to_data(base) if base else None
    base_questions = {q.code: q for q in base.questions} if base else {}
    base_indicators = {i.code: i for i in base.indicators} if base else {}
    for number, values in rows:
        code_part = part_code(str(values.get("bagian") or ""))
        indicator = compact_code(values.get("indikator"))
        question = compact_code(values.get("pertanyaan"))
        for column, value in (
            ("bagian", code_part),
            ("indikator", indicator),
            ("pertanyaan", question),
        ):
            if not value:
                problems.append(
                    Problem(
                        msg("cell.required"),
                        number,
                        column,
                    )
                )
        maximum = parse_number(values.get("nilai_maks"))
        if maximum is None or maximum < 0:
            problems.append(
                Problem(
                    msg("cell.not_points", value=values.get("nilai_maks")),
                    number,
                    "nilai_maks",
                )
            )
        if not (code_part and indicator and question) or maximum is None:
            continue
        code = f"{indicator}.{question}"
        if code in seen:
            problems.append(
                Problem(
                    msg("answer.duplicate_code", code=code, first_row=seen[code]),
                    number,
                    "pertanyaan",
                )
            )
            continue
        seen[code] = number
        text = str(values.get("uraian") or "").strip()
        previous = base_questions.get(code)
        kind = str(values.get("jenis") or "").strip()
        if not kind:
            if previous is not None:
                kind = previous.kind.value
            else:
                yes_no = text.casefold().startswith("apakah")
                kind = AnswerKind.YES_NO.value if yes_no else AnswerKind.POINTS.value
        entry: dict[str, Any] = {
            "code": code,
            "label": previous.label if previous else (text[:80] or code),
            "text": text,
            "max": maximum,
            "kind": kind,
            "agencies": _agencies(values.get("sumber_data")),
            "per_kecamatan": _flag(values.get("per_kecamatan")),
            "per_desa_kelurahan": _flag(values.get("per_desa_kelurahan")),
        }
        if previous is not None and previous.kind.value == kind:
            entry["options"] = [
                {"key": o.key, "label": o.label, "fraction": o.fraction} for o in previous.options
            ]
            entry["thresholds"] = [
                {"value": t.value, "fraction": t.fraction} for t in previous.thresholds
            ]
            entry["direction"] = previous.direction.value
        part = parts.setdefault(
            code_part,
            {
                "code": code_part,
                "name": _PART_NAMES.get(code_part, str(values.get("bagian")).strip()),
                "max": None,
                "indicators": [],
            },
        )
        part_max = parse_number(values.get("maks_bagian"))
        if part_max is not None:
            part["max"] = part_max
        if indicator not in indicators:
            known = base_indicators.get(indicator)
            indicators[indicator] = {
                "code": indicator,
                "name": str(values.get("nama_indikator") or "").strip()
                or (known.name if known else f"Indikator {indicator}"),
                "max": None,
                "questions": [],
            }
            part["indicators"].append(indicators[indicator])
        indicator_max = parse_number(values.get("maks_indikator"))
        if indicator_max is not None:
            indicators[indicator]["max"] = indicator_max
        indicators[indicator]["questions"].append(entry)
    if problems:
        raise InputError(problems)
    data = {
        "format": FORMAT,
        "id": instrument_id,
        "name": name,
        "year": year,
        "source": source,
        "note": "",
        "bands": base_data["bands"] if base_data else DEFAULT_BANDS,
        "parts": list(parts.values()),
    }
    return instrument_from_data(data)


def describe(instrument: Instrument) -> str:
    """A one-line summary used after an import."""
    return (
        f"{instrument.id}: {len(instrument.parts)} bagian, {len(instrument.indicators)} "
        f"indikator, {len(instrument.questions)} pertanyaan, nilai maksimal "
        f"{format_number(instrument.max_total)}"
    )
