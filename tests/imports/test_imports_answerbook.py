"""Excel per OPD, as properties (issue 8, T5): for answer sets hypothesis draws (Ya/Tidak,
options, points, percentages, numbers, notes with leading = + - @, any script, long or empty),
Sari of the secretariat exports Dinkes's workbook, types the answers in and imports it:

- every answer comes back exactly, and exporting again shows what was typed;
- importing again changes nothing, says so, and adds no audit row;
- an error at any row (hypothesis picks the row and the kind) saves nothing at all;
- the dry run writes nothing and reports exactly what the real run then does.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from layak.audit.models import AuditEvent
from layak.core.instrument import AnswerKind, Question
from layak.core.messages import format_number
from layak.evaluation.models import Answer, AnswerStatus
from layak.evaluation.services import save_answer
from layak.roundtrip.checking import CHANGED, NEW, REJECTED, UNCHANGED, import_file
from layak.roundtrip.export import agency_book
from tests.imports.imports_support import Sheet, rolled_back, world_state
from tests.support.examples import examples

PROPERTY = settings(
    max_examples=examples(8),
    deadline=None,
    # No shrinking: an import per example makes it take minutes; the failing example is printed.
    phases=(Phase.explicit, Phase.reuse, Phase.generate),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# Dinkes's questions of every kind (demo facts: tests/web/websupport.py), and three kelurahan
# of the DEKELA question 26.12, answered per kelurahan with Ya/Tidak.
REGION_CODES = ("11.1", "12.6", "3.1d", "7.2", "12.1", "12.2", "14.7", "15.3", "17.5", "17.6")
UNIT_ROWS = (("26.12", "18.72.01.1001"), ("26.12", "18.72.01.1005"), ("26.12", "18.72.05.1004"))
KEYS = tuple((code, "") for code in REGION_CODES) + UNIT_ROWS

# Notes as people write them, and as a spreadsheet would run them if they were not escaped.
PRINTABLE = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc"))
NOTES = st.one_of(
    st.just(""),
    st.text(PRINTABLE, max_size=40),
    # Text a spreadsheet would run, typed as Layak's export writes it (after an apostrophe
    # that the import removes): typed bare, such text is refused as formula-like (T4).
    st.builds(
        lambda p, t: p + t,
        st.sampled_from(
            ["'=", "'+", "'-", "'@", "'=HYPERLINK(", "'@SUM(", "'-2+3+cmd|' /C calc'!A0"]
        ),
        st.text(PRINTABLE, max_size=30),
    ),
    st.text(st.sampled_from("ab \n\tÄ中ก🙂"), max_size=60),
    st.builds(
        lambda c, n: c * n, st.sampled_from(["x", "é", "中", "🙂 "]), st.integers(1000, 4000)
    ),
)


@pytest.fixture(autouse=True)
def _no_registry_proposals(empty_registries: int) -> None:
    """Typed answers are any answers: with the demo's registries, one departing from their
    proposal (11.1, 15.3) would need a note. That rule has its own stories
    (tests/roundtrip/test_roundtrip_proposals.py); these properties are about the round trip."""


def _fraction(maximum: float) -> st.SearchStrategy[float]:
    """Numbers with at most four decimals (the canonical form keeps four)."""
    return st.integers(0, int(maximum * 10000)).map(lambda n: n / 10000)


def _typed_number(number: float) -> st.SearchStrategy[Any]:
    """A number typed as a number, or as text with a decimal comma."""
    text = format(number, "f").rstrip("0").rstrip(".") if number % 1 else str(int(number))
    return st.sampled_from([number, text, text.replace(".", ",")])


def typed_value(
    question: Question, unit: bool, may_empty: bool = True
) -> st.SearchStrategy[tuple[Any, str | float]]:
    """(what is typed into `jawaban`, the answer Layak must then hold). A submitted answer
    cannot be emptied (the form's rule), so `may_empty` is False for those."""
    empty = st.sampled_from([(None, ""), ("", "")]) if may_empty else st.nothing()
    if unit or question.kind is AnswerKind.YES_NO:
        spelled = st.sampled_from(
            [
                ("Ya", "ya"),
                ("Tidak", "tidak"),
                ("ya", "ya"),
                ("TIDAK", "tidak"),
                ("y", "ya"),
                ("t", "tidak"),
                (True, "ya"),
                (False, "tidak"),
            ]
        )
        return st.one_of(spelled, empty)
    if question.kind is AnswerKind.CHOICE:
        options = [
            (spelling, option.key)
            for option in question.options
            for spelling in (option.key, option.key.upper(), option.label, option.label.upper())
        ]
        return st.one_of(st.sampled_from(options), empty)
    if question.kind is AnswerKind.PERCENTAGE:
        numbers = _fraction(100.0)
    elif question.kind is AnswerKind.POINTS:
        numbers = _fraction(question.max_points)
    else:
        numbers = st.one_of(st.integers(0, 10**9).map(float), _fraction(10**5))
    typed = numbers.flatmap(lambda n: _typed_number(n).map(lambda t: (t, n)))
    return st.one_of(typed, empty)


def same_answer(stored: str, expected: str | float) -> bool:
    """Numbers compare as numbers (written without trailing zeros); text as text."""
    if isinstance(expected, float):
        return re.fullmatch(r"\d+(\.\d*[1-9])?", stored) is not None and float(stored) == expected
    return stored == expected


@st.composite
def answer_sets(
    draw: st.DrawFn, cycle: Any, size: int = 6
) -> dict[tuple[str, str], tuple[Any, str | float, str, str]]:
    """Rows to type: (code, unit) → (typed value, expected value, typed note, expected note)."""
    keys = draw(st.lists(st.sampled_from(KEYS), min_size=1, max_size=size, unique=True))
    submitted = {
        (code, unit or "")
        for code, unit in Answer.objects.filter(cycle=cycle, status=AnswerStatus.SUBMITTED)
        .exclude(value="")
        .values_list("question_code", "unit_id")
    }
    chosen = {}
    for code, unit in keys:
        question = cycle.instrument.question(code)
        typed, expected = draw(typed_value(question, bool(unit), (code, unit) not in submitted))
        note = draw(NOTES)
        chosen[(code, unit)] = (typed, expected, note, expected_note(note))
    return chosen


def expected_note(typed: str) -> str:
    """What a typed note is kept as: no spaces around it, and the apostrophe that keeps a
    spreadsheet from running text starting with = + - @ taken off."""
    text = typed.strip()
    if text.startswith("'") and text[1:].startswith(("=", "+", "-", "@", "'")):
        text = text[1:]
    return text


def export(user: Any, cycle: Any, agency: Any, path: Path) -> Sheet:
    path.write_bytes(agency_book(user, cycle, agency))
    return Sheet(path)


def type_answers(sheet: Sheet, answers: dict[tuple[str, str], tuple[Any, str, Any, str]]) -> Path:
    rows = sheet.rows()
    for key, (typed, _, note, _) in answers.items():
        sheet.type(rows[key], "jawaban", typed)
        sheet.type(rows[key], "catatan", note)
    return sheet.save()


def held(cycle: Any, code: str, unit: str) -> tuple[str, str]:
    answer = Answer.objects.filter(cycle=cycle, question_code=code, unit_id=unit or None).first()
    return (answer.value, answer.note) if answer else ("", "")


@pytest.mark.django_db
@PROPERTY
@given(data=st.data())
def test_typed_answers_come_back_exactly_and_a_second_import_changes_nothing(
    data: st.DataObject,
    cycle: Any,
    person: Callable[[str], Any],
    agency: Any,
    tmp_path: Path,
    files_root: Path,
    layak: Callable[..., Any],
) -> None:
    sari, dinkes = person("sari"), agency("Dinkes")
    answers = data.draw(answer_sets(cycle))
    with rolled_back():
        path = type_answers(export(sari, cycle, dinkes, tmp_path / "dinkes.xlsx"), answers)
        plan = import_file(sari, cycle, dinkes, path, dry_run=False)
        assert plan.problems == []
        for (code, unit), (_, value, _, note) in answers.items():
            stored_value, stored_note = held(cycle, code, unit)
            assert same_answer(stored_value, value), (code, unit, stored_value, value)
            assert stored_note == note, (code, unit)
        # Exported again, the workbook shows what was typed, in Layak's spelling.
        again = export(sari, cycle, dinkes, tmp_path / "lagi.xlsx")
        rows = again.rows()
        for key, (_, _, _, note) in answers.items():
            # Text a spreadsheet would run carries one apostrophe, which the import removes.
            assert (again.get(rows[key], "catatan") or "") in (note, "'" + note)
        before = world_state(files_root)
        for file in (again.path, path):  # the fresh export, and the typed file a second time
            second = import_file(sari, cycle, dinkes, file, dry_run=False)
            assert second.writes == []
            assert second.problems == []
            assert second.counts()[UNCHANGED] == len(second.outcomes)
        said = layak(
            "jawaban", "import", "--siklus", cycle.pk, "--opd", "Dinkes", "--pengguna", "sari", path
        )
        assert said.code == 0
        assert "Tidak ada yang berubah." in said.out
        assert world_state(files_root) == before


# Notes as Layak may already hold them (saved from the web form or the API): any character
# a database keeps, control characters and the non-characters U+FFFE/U+FFFF included.
# (NUL excepted: PostgreSQL cannot store it.)
ANY_CHARACTER = st.characters(codec="utf-8", exclude_categories=("Cs",), exclude_characters="\x00")
STORED_NOTES = st.one_of(
    st.text(ANY_CHARACTER),
    st.builds(
        lambda p, t: p + t,
        st.sampled_from(["=", "+", "-", "@", "'", "'=", "''@", "=cmd|' /C calc'!A0"]),
        st.text(ANY_CHARACTER),
    ),
)


@pytest.mark.django_db
@PROPERTY
@given(data=st.data())
def test_what_layak_holds_exports_and_imports_back_as_no_change(
    data: st.DataObject,
    cycle: Any,
    person: Callable[[str], Any],
    agency: Any,
    tmp_path: Path,
    files_root: Path,
) -> None:
    sari, dinkes = person("sari"), agency("Dinkes")
    answers = data.draw(answer_sets(cycle, size=4))
    notes = {key: data.draw(STORED_NOTES) for key in answers}
    with rolled_back():
        for (code, unit), (_, value, _, _) in answers.items():
            current = Answer.objects.filter(
                cycle=cycle, question_code=code, unit_id=unit or None
            ).first()
            save_answer(
                sari,
                cycle,
                cycle.instrument.question(code),
                value=format_number(value) if isinstance(value, float) else value,
                note=notes[(code, unit)],
                submit=bool(unit),
                expected_version=current.version if current else None,
                unit=cycle.region.units(4).get(code=unit) if unit else None,
            )
        before = world_state(files_root)
        path = export(sari, cycle, dinkes, tmp_path / "dinkes.xlsx").path
        plan = import_file(sari, cycle, dinkes, path, dry_run=False)
        assert plan.problems == []
        assert plan.writes == [], [(o.code, o.before_note, o.note) for o in plan.writes]
        assert world_state(files_root) == before


ERRORS = (
    "value_unreadable",  # 'banyak' in any kind of question
    "value_out_of_range",  # -1: a negative number, or not Ya/Tidak, or not an option
    "code_unknown",
    "code_missing",
    "code_of_another_agency",
    "row_twice",
    "version_unreadable",
    "changed_in_layak_since_export",
    "unit_wrong",
)


def other_value(question: Question, unit: bool, current: str) -> str:
    """A valid answer different from `current`."""
    if unit or question.kind is AnswerKind.YES_NO:
        return "Tidak" if current == "ya" else "Ya"
    if question.kind is AnswerKind.CHOICE:
        return next(o.key for o in question.options if o.key != current)
    return "1" if current != "1" else "0"


def break_row(sheet: Sheet, row: int, error: str, cycle: Any, sari: Any) -> int:
    """Type `error` into `row`; returns the row the refusal must name."""
    rows = {number: key for key, number in sheet.rows().items()}
    code, unit = rows[row]
    question = cycle.instrument.question(code)
    if error == "value_unreadable":
        sheet.type(row, "jawaban", "banyak")
    elif error == "value_out_of_range":
        sheet.type(row, "jawaban", -1)
    elif error == "code_unknown":
        sheet.type(row, "kode", "99.99")
    elif error == "code_missing":
        sheet.type(row, "kode", None)
    elif error == "code_of_another_agency":
        sheet.type(row, "kode", "4.2")  # Disdukcapil's
        sheet.type(row, "unit", None)
    elif error == "row_twice":
        other = row - 1 if row > 2 else row + 1
        sheet.type(row, "kode", code := rows[other][0])
        sheet.type(row, "unit", rows[other][1] or None)
        return max(row, other)
    elif error == "version_unreadable":
        sheet.type(row, "versi", "dua")
    elif error == "changed_in_layak_since_export":
        current = Answer.objects.filter(
            cycle=cycle, question_code=code, unit_id=unit or None
        ).first()
        value = current.value if current else ""
        save_answer(
            sari,
            cycle,
            question,
            value=value,
            note="diubah di Layak",
            submit=bool(unit),
            expected_version=current.version if current else None,
            unit=cycle.region.units(4).get(code=unit) if unit else None,
        )
        sheet.type(row, "jawaban", other_value(question, bool(unit), value))
    elif error == "unit_wrong":
        sheet.type(row, "unit", "18.71.01.1001 Kota Lain" if unit else "18.72.01.1001")
    return row


@pytest.mark.django_db
@PROPERTY
@given(data=st.data(), error=st.sampled_from(ERRORS), where=st.integers(0, 10**6))
def test_an_error_at_any_row_saves_nothing(
    data: st.DataObject,
    error: str,
    where: int,
    cycle: Any,
    person: Callable[[str], Any],
    agency: Any,
    tmp_path: Path,
    files_root: Path,
    layak: Callable[..., Any],
) -> None:
    sari, dinkes = person("sari"), agency("Dinkes")
    answers = data.draw(answer_sets(cycle))
    with rolled_back():
        sheet = export(sari, cycle, dinkes, tmp_path / "dinkes.xlsx")
        type_answers(sheet, answers)
        row = 2 + where % (sheet.sheet.max_row - 1)
        named = break_row(sheet, row, error, cycle, sari)
        path = sheet.save()
        before = world_state(files_root)
        plan = import_file(sari, cycle, dinkes, path, dry_run=False)
        assert plan.counts()[REJECTED] >= 1
        assert named in {p.row for p in plan.problems}, (error, named, plan.problems)
        assert all(p.column for p in plan.problems)
        said = layak(
            "jawaban",
            "import",
            "--siklus",
            cycle.pk,
            "--opd",
            "Dinkes",
            "--pengguna",
            "sari",
            path,
            "--json",
        )
        assert said.code == 2
        assert json.loads(said.out)["saved"] is False
        assert f"baris {named}, kolom" in said.err or any(
            r["row"] == named for r in json.loads(said.out)["rejected"]
        )
        assert world_state(files_root) == before


def _summary(output: str) -> dict[str, Any]:
    """The command's JSON summary without the two fields that name the run's kind."""
    data = json.loads(output)
    return {k: v for k, v in data.items() if k not in ("dry_run", "saved")}


@pytest.mark.django_db
@PROPERTY
@given(
    data=st.data(),
    error=st.one_of(st.none(), st.sampled_from(ERRORS)),
    where=st.integers(0, 10**6),
)
def test_the_dry_run_writes_nothing_and_reports_what_the_real_run_does(
    data: st.DataObject,
    error: str | None,
    where: int,
    cycle: Any,
    person: Callable[[str], Any],
    agency: Any,
    tmp_path: Path,
    files_root: Path,
    layak: Callable[..., Any],
) -> None:
    sari, dinkes = person("sari"), agency("Dinkes")
    answers = data.draw(answer_sets(cycle))
    command = ("jawaban", "import", "--siklus", cycle.pk, "--opd", "Dinkes", "--pengguna", "sari")
    with rolled_back():
        sheet = export(sari, cycle, dinkes, tmp_path / "dinkes.xlsx")
        type_answers(sheet, answers)
        if error is not None:
            break_row(sheet, 2 + where % (sheet.sheet.max_row - 1), error, cycle, sari)
        path = sheet.save()
        before = world_state(files_root)
        events = AuditEvent.objects.count()
        dry = layak(*command, path, "--json", "--dry-run")
        assert world_state(files_root) == before
        assert AuditEvent.objects.count() == events  # not even a refusal is recorded
        real = layak(*command, path, "--json")
        assert (dry.code, _summary(dry.out)) == (real.code, _summary(real.out))
        said = json.loads(real.out)
        if said["counts"][REJECTED]:
            assert world_state(files_root) == before
            return
        # What the summary listed is what was written: one audit row per change, and one more
        # per DEKELA question whose kelurahan changed (its region answer is recomputed).
        changes = said["changes"]
        assert said["saved"] is bool(changes)
        recomputed = {c["kode"] for c in changes if c["unit"]}
        assert AuditEvent.objects.count() == events + len(changes) + len(recomputed)
        for change in changes:
            assert held(cycle, change["kode"], change["unit"]) == (
                change["after"]["jawaban"],
                change["after"]["catatan"],
            )
            assert change["kind"] in (NEW, CHANGED)


@pytest.mark.django_db
def test_a_typed_value_whose_proposal_equals_the_old_claim_imports_once(
    cycle: Any, person: Callable[[str], Any], agency: Any, tmp_path: Path
) -> None:
    """Found by the property above: Sari types a value into 12.1 whose proposed points are the
    points the row's `poin diklaim` still shows. Importing the same file again is no change (it
    used to be refused as a conflict with her own first import)."""
    sari, dinkes = person("sari"), agency("Dinkes")
    question = cycle.instrument.question("12.1")
    assert question.max_points == 3  # 100 % proposes the full 3 points the demo claims
    answers = {("12.1", ""): (100.0, 100.0, "", "")}
    with rolled_back():
        path = type_answers(export(sari, cycle, dinkes, tmp_path / "dinkes.xlsx"), answers)
        first = import_file(sari, cycle, dinkes, path, dry_run=False)
        assert first.problems == []
        assert held(cycle, "12.1", "") == ("100", "")
        second = import_file(sari, cycle, dinkes, path, dry_run=False)
        assert second.problems == []
        assert second.writes == []
