"""Regions and agencies: loading the Kemendagri list of units (all or nothing, idempotent),
and matching the agency names an instrument uses to Kota Metro's OPD when a cycle opens.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from layak.audit.models import AuditEvent
from layak.core.agencies import alias_index, match
from layak.core.instrument import AnswerKind, Band, Indicator, Instrument, Part, Question
from layak.core.messages import InputError
from layak.core.stages import Stage
from layak.evaluation.models import Assignment, StageWindow
from layak.evaluation.setup import open_cycle
from layak.regions.loading import load_units, read_units
from layak.regions.models import Agency, Region

pytestmark = pytest.mark.django_db

# Province 99 does not exist in the Kemendagri list: a made-up new province.
NEW_PROVINCE = [
    (2, "99", "Provinsi Uji Coba"),
    (3, "99.01", "Kabupaten Uji"),
    (4, "99.01.01", "Kecamatan Satu"),
    (5, "99.01.01.2001", "Desa Sukamaju"),
]


def write_csv(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(["kode,nama", *lines]) + "\n", encoding="utf-8")
    return path


def test_loading_twice_creates_nothing_the_second_time(world):
    first = load_units(NEW_PROVINCE)
    assert (first.created, first.updated, first.unchanged) == (4, 0, 0)
    village = Region.objects.get(code="99.01.01.2001")
    assert (village.level, village.parent_id, village.kind) == (4, "99.01.01", "desa")

    second = load_units(NEW_PROVINCE)

    assert (second.created, second.updated, second.unchanged) == (0, 0, 4)


def test_the_shipped_list_is_already_loaded_and_loads_as_unchanged(world):
    """The demo loaded the shipped list; Kota Metro's part of it changes nothing again."""
    metro = [row for row in read_units(None) if row[1] == "18.72" or row[1].startswith("18.72.")]
    assert len(metro) == 1 + 5 + 22
    summary = load_units(metro)
    assert (summary.created, summary.updated, summary.unchanged) == (0, 0, 28)


def test_a_renamed_unit_is_updated(world, tmp_path):
    load_units(NEW_PROVINCE)
    renamed = write_csv(
        tmp_path / "wilayah.csv",
        ["99,Provinsi Uji Coba", "99.01.01,Kecamatan Satu Baru", "99.01.01.2001,Desa Sukamaju"],
    )

    summary = load_units(read_units(renamed))

    assert (summary.created, summary.updated, summary.unchanged) == (0, 1, 2)
    assert Region.objects.get(code="99.01.01").name == "Kecamatan Satu Baru"


def test_a_bad_file_is_refused_whole_with_its_rows_named(world, tmp_path):
    regions = Region.objects.count()
    bad = write_csv(
        tmp_path / "wilayah.csv",
        [
            "99,Provinsi Uji Coba",  # row 2: fine, but not written either
            "18.7,Kota Salah",  # row 3: not a Kemendagri code
            "98.01,Kabupaten Yatim",  # row 4: province 98 exists nowhere
            "99.01,Kabupaten Uji",  # row 5
            "99.01,Kabupaten Uji Lagi",  # row 6: the same code again
        ],
    )

    with pytest.raises(InputError) as refused:
        load_units(read_units(bad))

    found = {(p.message.key, p.row, p.column) for p in refused.value.problems}
    assert found == {
        ("region.bad_code", 3, "kode"),
        ("region.unknown_parent", 4, "kode"),
        ("answer.duplicate_code", 6, "kode"),
    }
    assert "baris 4, kolom kode" in refused.value.render()
    assert Region.objects.count() == regions
    assert not Region.objects.filter(code="99").exists()


def test_a_file_without_the_kode_and_nama_columns_is_refused(tmp_path):
    wrong = tmp_path / "wilayah.csv"
    wrong.write_text("code,name\n99,Provinsi Uji Coba\n", encoding="utf-8")
    with pytest.raises(InputError) as refused:
        read_units(wrong)
    assert refused.value.problems[0].message.key == "file.missing_columns"


# Agencies: instruments name them in many ways.


def test_capil_and_dukcapil_are_disdukcapil(world):
    agencies = Agency.objects.filter(region_id="18.72")
    index = alias_index((a.short_name, a.names()) for a in agencies)

    found, unmatched = match(
        ["Capil", "Dukcapil", "DINAS KEPENDUDUKAN dan Pencatatan Sipil", "Dinas Antah Berantah"],
        index,
    )

    assert found == ["Disdukcapil"]
    assert unmatched == ["Dinas Antah Berantah"]


def question(code: str, *agencies: str) -> Question:
    return Question(code, f"Pertanyaan {code}", 10.0, AnswerKind.YES_NO, agencies, "1", "KL")


def small_instrument() -> Instrument:
    questions = (
        question("1.1", "Capil"),
        question("1.2", "Dukcapil", "Dinas Kesehatan Kota Metro"),
        question("1.3", "Dinas PUPR", "Dinas Antah Berantah"),
        question("1.4", "Lembaga Tak Dikenal"),
    )
    return Instrument(
        id="uji-2027",
        name="Instrumen uji",
        year=2027,
        source="test",
        parts=(Part("KL", "Kelembagaan", (Indicator("1", "Indikator uji", "KL", questions),)),),
        bands=(Band("Pratama", 10, 20), Band("Utama", 21, 40)),
    )


def test_open_cycle_assigns_questions_through_aliases_and_lists_the_unmatched(world):
    metro = Region.objects.get(code="18.72")
    now = timezone.now()
    day = timedelta(days=1)
    windows = {
        Stage.SELF_ASSESSMENT: (now, now + 30 * day, None),
        Stage.ADMINISTRATIVE: (now + 31 * day, now + 60 * day, None),
    }

    cycle, unmatched = open_cycle(metro, timezone.localdate().year + 1, small_instrument(), windows)

    assert unmatched == ["Dinas Antah Berantah", "Lembaga Tak Dikenal"]
    assigned = {
        (a.question_code, a.agency.short_name, a.lead)
        for a in Assignment.objects.filter(cycle=cycle).select_related("agency")
    }
    assert assigned == {
        ("1.1", "Disdukcapil", True),
        ("1.2", "Disdukcapil", True),
        ("1.2", "Dinkes", False),
        ("1.3", "Dinas PUTR", True),
    }
    assert StageWindow.objects.filter(cycle=cycle).count() == 2
    assert cycle.instrument.question("1.2").agencies == ("Dukcapil", "Dinas Kesehatan Kota Metro")
    event = AuditEvent.objects.filter(action="cycle.open", object_id=str(cycle.pk)).get()
    assert event.after is not None
    assert event.after["unmatched"] == unmatched
