"""What an imported instrument keeps, changes or loses against the base it was imported with.

A region imports this year's recap with last year's instrument as its base, so that answer
kinds and rules carry over for codes that still exist. When the codes are written differently
nothing carries over, and when the recap says otherwise a question silently stops being
answered per kecamatan, or a prevalence question starts counting "higher is better". The
importer says so and names the questions; a base that matches no code at all is refused.
"""

from __future__ import annotations

from collections.abc import Callable

from layak.core.instrument import AnswerKind, Instrument, Question
from layak.core.messages import InputError, Problem, msg

_THRESHOLD_KINDS = (AnswerKind.PERCENTAGE, AnswerKind.NUMBER)
_EXAMPLES = 5


def compare_with_base(instrument: Instrument, base: Instrument) -> list[Problem]:
    """Warnings naming the questions that lost what `base` had; refuses when none matched."""
    codes = [q.code for q in instrument.questions]
    matched = [
        (q, base.question(q.code)) for q in instrument.questions if base.has_question(q.code)
    ]
    if not matched:
        examples = ", ".join(codes[:_EXAMPLES]) + (", …" if len(codes) > _EXAMPLES else "")
        raise InputError([Problem(msg("import.base_unmatched", base=base.id, examples=examples))])
    warnings: list[Problem] = []

    def listed(key: str, found: list[str], param: str = "codes") -> None:
        if found:
            params = {"base": base.id, param: ", ".join(found)}
            if key in ("import.base_new", "import.base_missing"):
                params["count"] = str(len(found))
            warnings.append(Problem(msg(key, **params)))

    def lost(test: Callable[[Question, Question], bool]) -> list[str]:
        return [new.code for new, old in matched if test(new, old)]

    listed("import.base_new", [c for c in codes if not base.has_question(c)])
    listed(
        "import.base_missing",
        [q.code for q in base.questions if not instrument.has_question(q.code)],
    )
    listed(
        "import.lost_per_kecamatan",
        lost(lambda new, old: old.per_kecamatan and not new.per_kecamatan),
    )
    listed(
        "import.lost_per_desa",
        lost(lambda new, old: old.per_desa_kelurahan and not new.per_desa_kelurahan),
    )
    kinds = [
        f"{new.code} {old.kind.value} → {new.kind.value}"
        for new, old in matched
        if new.kind is not old.kind
    ]
    listed("import.kind_changed", kinds, "changes")
    directions = [
        f"{new.code} {old.direction.value} → {new.direction.value}"
        for new, old in matched
        if new.kind in _THRESHOLD_KINDS
        and old.kind in _THRESHOLD_KINDS
        and new.direction is not old.direction
    ]
    listed("import.direction_changed", directions, "changes")
    listed("import.lost_negative", lost(lambda new, old: old.negative and not new.negative))
    listed("import.lost_strict", lost(lambda new, old: old.strict and not new.strict))
    return warnings
