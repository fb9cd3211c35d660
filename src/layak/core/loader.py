"""Load and validate instruments (JSON data, format `layak-instrument/1`) and the built-in ones.

Every problem in a file is reported at once. Errors (duplicate codes, overlapping or gapped
predicate bands, unknown answer kinds, ...) refuse the file; inconsistencies that real
instruments carry (a part maximum that differs from the sum of its questions) are kept as
warnings on the instrument so that users see them. An instrument file someone names is opened
by `layak.ingest.instruments`; the core reads only the instruments it ships.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections.abc import Mapping, Sequence
from functools import cache
from importlib import resources
from typing import Any

from layak.core.instrument import (
    AnswerKind,
    Band,
    Direction,
    Indicator,
    Instrument,
    InstrumentWarning,
    Option,
    Part,
    Question,
    Threshold,
)
from layak.core.messages import InputError, Message, Problem, format_number, msg

FORMAT = "layak-instrument/1"
QUESTION_CODE = re.compile(r"^[0-9A-Za-z]+(\.[0-9A-Za-z]+)+$")
_TOLERANCE = 1e-9


class InstrumentError(InputError):
    """The instrument file is refused; `problems` lists every error found."""


class _Collector:
    def __init__(self) -> None:
        self.errors: list[Problem] = []
        self.warnings: list[Message] = []

    def error(self, message: Message) -> None:
        self.errors.append(Problem(message))


def _get(
    data: Mapping[str, Any], key: str, where: str, kind: type | tuple[type, ...], out: _Collector
) -> Any:
    if key not in data or data[key] is None:
        out.error(msg("instrument.missing_field", where=where, field=key))
        return None
    value = data[key]
    if isinstance(value, bool) and kind is not bool:
        value = None
    if value is None or not isinstance(value, kind):
        out.error(msg("instrument.bad_field", where=where, field=key, detail=repr(data[key])))
        return None
    return value


def _number(data: Mapping[str, Any], key: str, where: str, out: _Collector) -> float | None:
    value = _get(data, key, where, (int, float), out)
    if value is None:
        return None
    number = float(value)
    if not math.isfinite(number):
        out.error(msg("instrument.bad_field", where=where, field=key, detail=repr(value)))
        return None
    return number


def _optional_number(
    data: Mapping[str, Any], key: str, where: str, out: _Collector
) -> float | None:
    if data.get(key) is None:
        return None
    return _number(data, key, where, out)


def _text(data: Mapping[str, Any], key: str) -> str:
    value = data.get(key)
    return value if isinstance(value, str) else ""


def _strings(data: Mapping[str, Any], key: str, code: str, out: _Collector) -> list[str]:
    """A list of texts (agencies, evidence documents), stripped, empty ones left out."""
    raw = data.get(key) or []
    if not isinstance(raw, list) or not all(isinstance(a, str) for a in raw):
        out.error(msg("instrument.bad_field", where=code, field=key, detail=repr(raw)))
        return []
    return [a.strip() for a in raw if a.strip()]


def _flag(data: Mapping[str, Any], key: str, code: str, out: _Collector) -> bool:
    value = data.get(key, False)
    if not isinstance(value, bool):
        out.error(msg("instrument.bad_field", where=code, field=key, detail=repr(value)))
        return False
    return value


def _fraction(value: Any, code: str, out: _Collector) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        out.error(msg("instrument.bad_fraction", code=code, value=value))
        return 0.0
    return float(value)


def _options(raw: Any, code: str, out: _Collector) -> tuple[Option, ...]:
    if not isinstance(raw, list):
        return ()
    options: list[Option] = []
    seen: set[str] = set()
    for item in raw:
        if not isinstance(item, dict) or not isinstance(item.get("key"), str):
            out.error(msg("instrument.bad_field", where=code, field="options", detail=repr(item)))
            continue
        key: str = item["key"]
        if key in seen:
            out.error(msg("instrument.duplicate_option", code=code, key=key))
        seen.add(key)
        label = _text(item, "label") or key
        options.append(Option(key, label, _fraction(item.get("fraction"), code, out)))
    return tuple(options)


def _thresholds(raw: Any, code: str, out: _Collector) -> tuple[Threshold, ...]:
    if not isinstance(raw, list):
        return ()
    thresholds: list[Threshold] = []
    for item in raw:
        value = item.get("value") if isinstance(item, dict) else None
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            out.error(
                msg("instrument.bad_field", where=code, field="thresholds", detail=repr(item))
            )
            continue
        thresholds.append(Threshold(float(value), _fraction(item.get("fraction"), code, out)))
    return tuple(sorted(thresholds, key=lambda t: t.value))


def _question(
    raw: Any, indicator_code: str, part_code: str, where: str, out: _Collector
) -> Question | None:
    if not isinstance(raw, dict):
        out.error(msg("instrument.bad_field", where=where, field="questions", detail=repr(raw)))
        return None
    code = _get(raw, "code", where, str, out)
    if code is None:
        return None
    if not QUESTION_CODE.match(code):
        out.error(msg("instrument.bad_code", code=code))
    label = _get(raw, "label", code, str, out) or ""
    maximum = _number(raw, "max", code, out)
    if maximum is not None and maximum < 0:
        out.error(msg("instrument.negative_max", code=code, value=format_number(maximum)))
    raw_kind = raw.get("kind", AnswerKind.POINTS.value)
    try:
        kind = AnswerKind(raw_kind)
    except ValueError:
        out.error(msg("instrument.unknown_kind", code=code, kind=raw_kind))
        kind = AnswerKind.POINTS
    try:
        direction = Direction(raw.get("direction") or Direction.HIGHER.value)
    except ValueError:
        out.error(
            msg("instrument.bad_field", where=code, field="direction", detail=raw["direction"])
        )
        direction = Direction.HIGHER
    options = _options(raw.get("options"), code, out)
    thresholds = _thresholds(raw.get("thresholds"), code, out)
    if kind is AnswerKind.CHOICE and len(options) < 2:
        out.error(msg("instrument.kind_needs_options", code=code))
    if kind in (AnswerKind.PERCENTAGE, AnswerKind.NUMBER) and not thresholds:
        out.error(msg("instrument.kind_needs_thresholds", code=code, kind=kind.value))
    agencies = _strings(raw, "agencies", code, out)
    evidence = _strings(raw, "evidence", code, out)
    strict = _flag(raw, "strict", code, out)
    negative = _flag(raw, "negative", code, out)
    matrix = _flag(raw, "matrix", code, out)
    if negative and kind is not AnswerKind.YES_NO:
        out.error(msg("instrument.negative_needs_yes_no", code=code, kind=kind.value))
    return Question(
        code=code,
        label=label,
        max_points=maximum if maximum is not None else 0.0,
        kind=kind,
        agencies=tuple(agencies),
        indicator_code=indicator_code,
        part_code=part_code,
        per_kecamatan=bool(raw.get("per_kecamatan", False)),
        per_desa_kelurahan=bool(raw.get("per_desa_kelurahan", False)),
        options=options,
        thresholds=thresholds,
        direction=direction,
        text=_text(raw, "text"),
        strict=strict,
        negative=negative,
        criteria=_text(raw, "criteria"),
        evidence=tuple(evidence),
        matrix=matrix,
    )


def _bands(raw: Any, out: _Collector) -> tuple[Band, ...]:
    if not isinstance(raw, list) or not raw:
        out.error(msg("instrument.no_bands"))
        return ()
    bands: list[Band] = []
    names: set[str] = set()
    for item in raw:
        if not isinstance(item, dict):
            out.error(msg("instrument.bad_field", where="bands", field="bands", detail=repr(item)))
            continue
        name = _get(item, "name", "bands", str, out)
        low = _number(item, "min", f"bands/{name}", out)
        high = _number(item, "max", f"bands/{name}", out)
        if name is None or low is None or high is None:
            continue
        if name.casefold() in names:
            out.error(msg("instrument.duplicate_band", name=name))
        names.add(name.casefold())
        if high < low:
            out.error(
                msg(
                    "instrument.band_inverted",
                    name=name,
                    low=format_number(low),
                    high=format_number(high),
                )
            )
        bands.append(Band(name, low, high))
    bands.sort(key=lambda b: b.min_points)
    for first, second in itertools.pairwise(bands):
        params = {
            "first": first.name,
            "first_min": format_number(first.min_points),
            "first_max": format_number(first.max_points),
            "second": second.name,
            "second_min": format_number(second.min_points),
            "second_max": format_number(second.max_points),
        }
        # Guidelines write integer ranges (500–600, 601–700): a step of up to 1 is no gap.
        if second.min_points <= first.max_points:
            out.error(msg("instrument.band_overlap", **params))
        elif second.min_points - first.max_points > 1 + _TOLERANCE:
            out.error(msg("instrument.band_gap", **params))
    return tuple(bands)


def _check_maxima(parts: Sequence[Part], bands: Sequence[Band], out: _Collector) -> None:
    for part in parts:
        for indicator in part.indicators:
            stated = indicator.stated_max
            if stated is not None and abs(stated - indicator.max_points) > _TOLERANCE:
                out.warnings.append(
                    msg(
                        "instrument.indicator_max_mismatch",
                        code=indicator.code,
                        stated=format_number(stated),
                        actual=format_number(indicator.max_points),
                    )
                )
        if part.stated_max is not None and abs(part.stated_max - part.max_points) > _TOLERANCE:
            out.warnings.append(
                msg(
                    "instrument.part_max_mismatch",
                    code=part.code,
                    name=part.name,
                    stated=format_number(part.stated_max),
                    actual=format_number(part.max_points),
                )
            )
    stated_parts = [p.stated_max for p in parts]
    if bands and all(s is not None for s in stated_parts):
        stated_total = math.fsum(s for s in stated_parts if s is not None)
        top = bands[-1].max_points
        if abs(stated_total - top) > _TOLERANCE:
            actual = math.fsum(p.max_points for p in parts)
            out.warnings.append(
                msg(
                    "instrument.total_vs_top_band",
                    stated=format_number(stated_total),
                    top=format_number(top),
                    actual=format_number(actual),
                )
            )


def instrument_from_data(data: Any) -> Instrument:
    """Build an instrument from parsed JSON, refusing it with every problem found."""
    out = _Collector()
    if not isinstance(data, dict):
        raise InstrumentError([Problem(msg("instrument.unreadable", detail="not a JSON object"))])
    if data.get("format") != FORMAT:
        out.error(
            msg(
                "instrument.bad_field",
                where="instrument",
                field="format",
                detail=f"{data.get('format')!r} (expected {FORMAT})",
            )
        )
    instrument_id = _get(data, "id", "instrument", str, out) or ""
    name = _get(data, "name", "instrument", str, out) or ""
    year = _get(data, "year", "instrument", int, out) or 0
    source = data.get("source") if isinstance(data.get("source"), str) else ""
    parts: list[Part] = []
    seen_parts: set[str] = set()
    seen_indicators: set[str] = set()
    seen_questions: set[str] = set()
    raw_parts = data.get("parts")
    for raw_part in raw_parts if isinstance(raw_parts, list) else []:
        if not isinstance(raw_part, dict):
            continue
        part_code = _get(raw_part, "code", "parts", str, out) or "?"
        if part_code in seen_parts:
            out.error(msg("instrument.duplicate_part", code=part_code))
        seen_parts.add(part_code)
        indicators: list[Indicator] = []
        for raw_indicator in raw_part.get("indicators") or []:
            if not isinstance(raw_indicator, dict):
                continue
            indicator_code = _get(raw_indicator, "code", part_code, str, out) or "?"
            if indicator_code in seen_indicators:
                out.error(msg("instrument.duplicate_indicator", code=indicator_code))
            seen_indicators.add(indicator_code)
            questions: list[Question] = []
            for raw_question in raw_indicator.get("questions") or []:
                question = _question(raw_question, indicator_code, part_code, indicator_code, out)
                if question is None:
                    continue
                if question.code in seen_questions:
                    out.error(msg("instrument.duplicate_code", code=question.code))
                seen_questions.add(question.code)
                questions.append(question)
            indicators.append(
                Indicator(
                    code=indicator_code,
                    name=_get(raw_indicator, "name", indicator_code, str, out) or "",
                    part_code=part_code,
                    questions=tuple(questions),
                    stated_max=_optional_number(raw_indicator, "max", indicator_code, out),
                )
            )
        parts.append(
            Part(
                code=part_code,
                name=_get(raw_part, "name", part_code, str, out) or "",
                indicators=tuple(indicators),
                stated_max=_optional_number(raw_part, "max", part_code, out),
            )
        )
    if not seen_questions:
        out.error(msg("instrument.no_questions"))
    bands = _bands(data.get("bands"), out)
    if out.errors:
        raise InstrumentError(out.errors)
    _check_maxima(parts, bands, out)
    return Instrument(
        id=instrument_id,
        name=name,
        year=year,
        source=source or "",
        note=_text(data, "note"),
        parts=tuple(parts),
        bands=bands,
        warnings=tuple(InstrumentWarning(w) for w in out.warnings),
    )


def builtin_ids() -> tuple[str, ...]:
    folder = resources.files("layak.core") / "instruments"
    return tuple(
        sorted(p.name.removesuffix(".json") for p in folder.iterdir() if p.name.endswith(".json"))
    )


@cache
def load_builtin(instrument_id: str) -> Instrument:
    if instrument_id not in builtin_ids():
        raise InstrumentError(
            [
                Problem(
                    msg(
                        "instrument.unknown", name=instrument_id, available=", ".join(builtin_ids())
                    )
                )
            ]
        )
    resource = resources.files("layak.core") / "instruments" / f"{instrument_id}.json"
    return instrument_from_data(json.loads(resource.read_text(encoding="utf-8")))


def instrument_to_data(instrument: Instrument) -> dict[str, Any]:
    """The inverse of `instrument_from_data`, for writing imported instruments to files."""

    def question(q: Question) -> dict[str, Any]:
        data: dict[str, Any] = {
            "code": q.code,
            "label": q.label,
            "max": q.max_points,
            "kind": q.kind.value,
            "agencies": list(q.agencies),
            "per_kecamatan": q.per_kecamatan,
            "per_desa_kelurahan": q.per_desa_kelurahan,
        }
        if q.options:
            data["options"] = [
                {"key": o.key, "label": o.label, "fraction": o.fraction} for o in q.options
            ]
        if q.thresholds:
            data["thresholds"] = [{"value": t.value, "fraction": t.fraction} for t in q.thresholds]
        if q.kind in (AnswerKind.PERCENTAGE, AnswerKind.NUMBER):
            data["direction"] = q.direction.value
        if q.text:
            data["text"] = q.text
        if q.criteria:
            data["criteria"] = q.criteria
        if q.evidence:
            data["evidence"] = list(q.evidence)
        if q.strict:
            data["strict"] = True
        if q.negative:
            data["negative"] = True
        if q.matrix:
            data["matrix"] = True
        return data

    return {
        "format": FORMAT,
        "id": instrument.id,
        "name": instrument.name,
        "year": instrument.year,
        "source": instrument.source,
        "note": instrument.note,
        "bands": [
            {"name": b.name, "min": b.min_points, "max": b.max_points} for b in instrument.bands
        ],
        "parts": [
            {
                "code": p.code,
                "name": p.name,
                "max": p.stated_max,
                "indicators": [
                    {
                        "code": i.code,
                        "name": i.name,
                        "max": i.stated_max,
                        "questions": [question(q) for q in i.questions],
                    }
                    for i in p.indicators
                ],
            }
            for p in instrument.parts
        ],
    }
