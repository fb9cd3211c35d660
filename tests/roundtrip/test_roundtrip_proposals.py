"""The registries' proposals in the agency workbook: the rule of the question page holds here
too. Budi of Dinkes answers 15.1 (the share of puskesmas with a decree) offline; the demo's
register proposes 60,0 % (six of ten puskesmas ber-SK). A row departing from it needs a note:
refused at its row, in the `catatan` column, and nothing of the file is written."""

from __future__ import annotations

import pytest

from layak.evaluation.models import Answer
from layak.roundtrip.checking import CHANGED, REJECTED, UNCHANGED, import_file

pytestmark = pytest.mark.django_db


def held(cycle) -> tuple[str, str, int]:
    answer = Answer.objects.get(cycle=cycle, question_code="15.1", unit__isnull=True)
    return answer.value, answer.note, answer.version


def test_budi_types_another_share_without_a_note_and_the_row_is_refused(
    cycle, person, agency, book
) -> None:
    budi, dinkes = person("budi"), agency("Dinkes")
    before = held(cycle)
    typed = book("budi").set("15.1", jawaban=80, catatan=None).set("12.2", jawaban=75)
    row = typed.find("15.1")
    plan = import_file(budi, cycle, dinkes, typed.path, dry_run=False)
    assert [(p.row, p.column, p.message.key) for p in plan.problems] == [
        (row, "catatan", "answer.proposal_note")
    ]
    # The proposal is written in the reader's language when the refusal is rendered.
    assert "(60,0 %)" in plan.problems[0].message.render("id")
    assert "(60.0 %)" in plan.problems[0].message.render("en")
    assert [o.code for o in plan.of(REJECTED)] == ["15.1"]
    assert held(cycle) == before  # all or nothing: 12.2 waits too
    assert Answer.objects.get(cycle=cycle, question_code="12.2", unit__isnull=True).value != "75"


def test_with_a_note_the_departing_share_is_saved(cycle, person, agency, book) -> None:
    budi, dinkes = person("budi"), agency("Dinkes")
    note = "Dua puskesmas menerima SK bulan ini; registri belum diperbarui."
    typed = book("budi").set("15.1", jawaban=80, catatan=note)
    plan = import_file(budi, cycle, dinkes, typed.path, dry_run=False)
    assert plan.problems == []
    assert [o.code for o in plan.of(CHANGED)] == ["15.1"]
    assert held(cycle)[:2] == ("80", note)


def test_typing_the_proposal_needs_no_note(cycle, person, agency, book) -> None:
    budi, dinkes = person("budi"), agency("Dinkes")
    typed = book("budi").set("15.1", jawaban="60,0", catatan=None)
    plan = import_file(budi, cycle, dinkes, typed.path, dry_run=False)
    assert plan.problems == []
    assert held(cycle)[0] == "60"


def test_a_departing_answer_left_as_exported_is_not_refused(cycle, person, agency, book) -> None:
    """The demo's 15.1 already departs from the register without a note: the rule is checked
    when an answer is written, so a row the agency did not touch stays as it is."""
    budi, dinkes = person("budi"), agency("Dinkes")
    value, note, _version = held(cycle)
    assert value != "60"
    assert not note
    plan = import_file(budi, cycle, dinkes, book("budi").path, dry_run=False)
    assert plan.problems == []
    assert "15.1" in [o.code for o in plan.of(UNCHANGED)]
