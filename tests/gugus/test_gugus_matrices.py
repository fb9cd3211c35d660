"""Issue 18's matrices of the task force (docs/matrices.md): Sari downloads the meetings, RAD
KLA and composition matrices from their pages and reads them back cell by cell; Budi's copy
of the meetings matrix lists only Dinkes' action items; Rina attaches the meetings matrix to
2.3 in one step. No member's name is in the composition, and a child named in a decision is
called by their role."""

from __future__ import annotations

import io
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from layak.evidence.models import EvidenceFile
from layak.evidence.ready import ready_documents
from layak.gugus.matrices import members_matrix, rad_matrix
from layak.gugus.models import ActionItem, Meeting, Member, RadActivity, RadBudget
from layak.web.matrix import matrix_pdf

pytestmark = pytest.mark.django_db
METRO = "18.72"


def _rows(content: bytes, sheet: str) -> list[tuple[Any, ...]]:
    return list(load_workbook(io.BytesIO(content))[sheet].iter_rows(values_only=True))


def _matrix_keys(cycle: Any, code: str) -> list[str]:
    return [d.key for d in ready_documents(cycle, code) if d.key.startswith("gugus.matriks")]


def test_sari_reads_the_meetings_matrix_back_from_the_workbook(
    login: Callable[[str], Client], decree: Any
) -> None:
    meeting = Meeting.objects.get(region_id=METRO, agenda__startswith="Evaluasi RAD KLA")
    meeting.decisions += "\nUsulan Raka dibahas di Musrenbang."  # Raka: a Forum Anak member
    meeting.save()
    year = meeting.held_on.year
    sari = login("sari")
    page = sari.get(reverse("gugus:meetings", args=[METRO]) + f"?tahun={year}").content.decode()
    url = reverse("gugus:matrix_xlsx", args=[METRO, "rapat"])
    assert url in page
    response = sari.get(url + f"?tahun={year}")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")

    rows = _rows(response.content, "Rapat")
    assert rows[0][0] == "Matriks rapat koordinasi Gugus Tugas KLA"
    assert rows[1][:2] == ("Kota Metro", f"Tahun {year}")
    assert rows[3] == (
        "No.",
        "Tanggal",
        "Agenda",
        "Tempat",
        "Anggota hadir",
        "Tamu hadir",
        "Keputusan",
        "Tindak lanjut",
    )
    held = Meeting.objects.filter(region_id=METRO, held_on__year=year)
    listed = [r for r in rows[4:] if isinstance(r[0], int)]
    assert [r[1] for r in listed] == sorted(m.held_on.isoformat() for m in held)
    line = next(r for r in listed if r[1] == meeting.held_on.isoformat())
    assert line[4] == meeting.attendees.count()
    assert line[5] == len(meeting.guest_lines)
    assert "Wakil ketua Forum Anak dibahas di Musrenbang" in line[6]
    assert line[7] == ActionItem.objects.filter(meeting=meeting).count()
    assert not [c for r in rows for c in r if isinstance(c, str) and "Raka" in c]
    assert ("Rapat koordinasi", held.count()) in [r[:2] for r in rows]

    items = _rows(response.content, "Tindak lanjut")
    assert items[3] == (
        "No.",
        "Tanggal rapat",
        "Tindak lanjut",
        "OPD",
        "Tenggat",
        "Status",
        "Pertanyaan KLA",
    )
    realisation = ActionItem.objects.get(meeting=meeting, what__startswith="Kumpulkan realisasi")
    found = next(r for r in items if r[2] == realisation.what)
    assert found[1:] == (
        meeting.held_on.isoformat(),
        realisation.what,
        "Bappeda",
        realisation.due_on.isoformat(),
        realisation.get_status_display(),
        "2.5",
    )
    book = load_workbook(io.BytesIO(response.content))
    assert book["Rapat"].print_title_rows == "$4:$4"
    assert book["Rapat"].page_setup.paperSize == 9  # A4


def test_budi_gets_only_dinkes_action_items_in_his_copy(
    login: Callable[[str], Client], decree: Any
) -> None:
    year = Meeting.objects.get(region_id=METRO, agenda__startswith="Evaluasi RAD KLA").held_on.year
    url = reverse("gugus:matrix_xlsx", args=[METRO, "rapat"]) + f"?tahun={year}"
    agencies = {r[3] for r in _rows(login("budi").get(url).content, "Tindak lanjut")[4:] if r[3]}
    everything = {r[3] for r in _rows(login("sari").get(url).content, "Tindak lanjut")[4:] if r[3]}
    in_year = ActionItem.objects.filter(region_id=METRO, meeting__held_on__year=year)
    assert everything >= set(in_year.values_list("agency__short_name", flat=True))
    assert agencies == {"Dinkes"}
    assert len(everything) > 2


def test_the_composition_names_positions_and_agencies_never_a_person(
    login: Callable[[str], Client], decree: Any, cycle: Any, pdf_text: Callable[[bytes], str]
) -> None:
    response = login("kartika").get(
        reverse("gugus:matrix_xlsx", args=[METRO, "anggota"]) + f"?tahun={cycle.year}"
    )
    assert response.status_code == 200
    rows = _rows(response.content, "Anggota")
    assert rows[3] == (
        "No.",
        "Jabatan dalam Gugus Tugas",
        "Unsur",
        "OPD/organisasi",
        "Mulai",
        "Sampai",
        "Rapat dihadiri",
        "Rapat selama menjadi anggota",
    )
    assert rows[4][1:4] == ("Ketua", "Perangkat daerah / instansi", "Bappeda")
    child = next(r for r in rows if r[2] == "Perwakilan anak (Forum Anak)")
    assert child[3] == "Forum Anak Kota Metro"
    assert ("Nomor SK", decree.number) in [r[:2] for r in rows]
    names = list(Member.objects.filter(decree=decree).values_list("name", flat=True))
    cells = " ".join(str(c) for r in rows for c in r if c is not None)
    text = pdf_text(matrix_pdf(members_matrix(cycle.region, cycle.year), "2.1"))
    for name in names:
        assert name not in cells
        assert name not in text
    assert "Alya" not in cells + text  # the child member, recorded as "Alya (Ketua Forum Anak)"
    assert "Koordinator Klaster III" in text
    assert "pertanyaan 2.1" in text


def test_the_rad_matrix_carries_rupiah_as_numbers_and_in_the_readers_way(
    login: Callable[[str], Client], cycle: Any, pdf_text: Callable[[bytes], str]
) -> None:
    park = RadActivity.objects.get(region_id=METRO, name__startswith="Revitalisasi Taman Merdeka")
    year = park.year
    planned = sum(b.planned for b in park.budgets.all())
    realised = sum(b.realised or Decimal(0) for b in park.budgets.all())
    response = login("vina").get(
        reverse("gugus:matrix_xlsx", args=[METRO, "rad"]) + f"?tahun={year}"
    )
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    sheet = book["RAD KLA"]
    header = [c.value for c in sheet[4]]
    assert header[9:14] == [
        "Rencana (Rp)",
        "Rencana untuk anak (Rp)",
        "Realisasi (Rp)",
        "Penyerapan (%)",
        "Status",
    ]
    row = next(r for r in sheet.iter_rows(min_row=5) if r[3].value == park.name)
    assert row[1].value == "K2"
    assert row[5].value == park.agency.short_name
    assert (row[6].value, row[7].value) == ("Tidak langsung", 30)
    assert row[9].value == planned
    assert row[9].number_format == "#,##0"
    assert row[10].value == planned * Decimal("0.3")
    assert row[11].value == realised
    assert row[13].value == "terealisasi sebagian"
    assert sheet.page_setup.orientation == "landscape"

    text = pdf_text(matrix_pdf(rad_matrix(cycle.region, year), "2.4"))
    assert "Matriks RAD KLA" in text
    assert "Rp 2.300.000.000" in text  # the park's plan, Indonesian grouping
    assert "Rp 690.000.000" in text  # its 30 % for children


def test_an_activity_without_realisation_says_so(cycle: Any, users: dict[str, Any]) -> None:
    from layak.regions.models import Agency

    activity = RadActivity.objects.create(
        region_id=METRO,
        year=cycle.year,
        part_code="K3",
        indicator_code="13",
        name="Posyandu remaja",
        agency=Agency.objects.get(region_id=METRO, short_name="Dinkes"),
        updated_by=users["sari"],
    )
    RadBudget.objects.create(activity=activity, source="apbd", planned=Decimal("12500000.50"))
    rows = rad_matrix(cycle.region, cycle.year).tables[0].rows
    line = next(r for r in rows if r[3] == "Posyandu remaja")
    assert (line[11], line[12], line[13]) == (None, None, "belum ada realisasi")


def test_rina_attaches_the_meetings_matrix_to_2_3_in_one_step(
    login: Callable[[str], Client], cycle: Any, decree: Any
) -> None:
    keys = _matrix_keys(cycle, "2.3")
    assert f"gugus.matriks-anggota:{METRO}:{cycle.year}" in keys
    held = {m.held_on.year for m in Meeting.objects.filter(region_id=METRO)}
    assert {f"gugus.matriks-rapat:{METRO}:{y}" for y in held} <= set(keys)
    assert _matrix_keys(cycle, "2.1") == [f"gugus.matriks-anggota:{METRO}:{cycle.year}"]
    assert _matrix_keys(cycle, "2.4") == [f"gugus.matriks-rad:{METRO}:{cycle.year}"]
    assert not _matrix_keys(cycle, "12.2")

    document = next(
        d for d in ready_documents(cycle, "2.3") if d.key.startswith("gugus.matriks-rapat")
    )
    rina = login("rina")
    page = rina.get(reverse("evaluation:question", args=[cycle.pk, "2.3"])).content.decode()
    assert document.title in page
    response = rina.post(
        reverse("evidence:attach_ready", args=[cycle.pk, "2.3"]), {"key": document.key}
    )
    assert response.status_code == 302
    evidence = EvidenceFile.objects.get(source_key=document.key)
    assert evidence.answer.question_code == "2.3"
    assert evidence.content_type == "application/pdf"
    assert evidence.title == document.title
    page = rina.get(reverse("evaluation:question", args=[cycle.pk, "2.3"])).content.decode()
    assert reverse("evidence:download", args=[evidence.pk]) in page


def test_the_monitoring_question_waits_for_a_realisation(cycle: Any) -> None:
    RadBudget.objects.filter(activity__region_id=METRO).update(realised=None)
    assert not _matrix_keys(cycle, "2.5")
    assert _matrix_keys(cycle, "2.4") == [f"gugus.matriks-rad:{METRO}:{cycle.year}"]


def test_a_matrix_name_the_page_does_not_know_is_404(login: Callable[[str], Client]) -> None:
    response = login("sari").get(reverse("gugus:matrix_xlsx", args=[METRO, "notulen"]))
    assert response.status_code == 404
