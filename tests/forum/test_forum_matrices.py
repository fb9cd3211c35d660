"""Issue 18's Forum Anak matrix (docs/matrices.md): Sari downloads the aspirations of a year
followed through planning and reads back the regulation that took the children's input; no
child's nickname, no child's words, and a child named in an outcome is called by her role;
Rina attaches the matrix to 6.2 in one step."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from layak.evidence.models import EvidenceFile
from layak.evidence.ready import ready_documents
from layak.forum.matrices import aspirations_matrix
from layak.forum.models import Aspiration, ChildMember
from layak.web.matrix import matrix_pdf

pytestmark = pytest.mark.django_db
METRO = "18.72"


def _cells(content: bytes) -> list[tuple[Any, ...]]:
    return list(load_workbook(io.BytesIO(content))["Aspirasi"].iter_rows(values_only=True))


def test_sari_reads_the_aspirations_matrix_back(
    login: Callable[[str], Client], cycle: Any, pdf_text: Callable[[bytes], str]
) -> None:
    perwali = Aspiration.objects.select_related("agency").get(
        city_id=METRO, outcome_name="Perwali Partisipasi Anak dalam Pembangunan"
    )
    assert perwali.accepted_on is not None
    assert perwali.musrenbang_on is not None
    year = perwali.accepted_on.year
    named = (
        Aspiration.objects.filter(city_id=METRO, accepted_on__year=year)
        .exclude(pk=perwali.pk)
        .order_by("pk")
        .first()
    )
    assert named is not None
    named.outcome_name = "Taman bermain usulan Dinda"  # Dinda chairs Forum Anak Kota Metro
    named.save(update_fields=["outcome_name"])
    sari = login("sari")
    page = sari.get(reverse("forum:aspirations")).content.decode()
    url = reverse("forum:aspirations_xlsx")
    assert url in page
    response = sari.get(url + f"?tahun={year}")
    assert response.status_code == 200
    rows = _cells(response.content)
    assert rows[0][0] == "Matriks aspirasi Forum Anak dalam perencanaan pembangunan"
    assert rows[3] == (
        "No.",
        "Topik",
        "Forum",
        "Tempat",
        "Disampaikan",
        "Oleh",
        "Musrenbang",
        "Tanggal Musrenbang",
        "Status",
        "Menjadi",
        "Nama peraturan/program/kegiatan",
        "OPD",
        "Diakomodasi",
        "Dilaksanakan",
    )
    line = next(r for r in rows if r[10] == perwali.outcome_name)
    assert line[2] == perwali.forum.name
    assert line[6:10] == (
        "Musrenbang kota",
        perwali.musrenbang_on.isoformat(),
        "Diterima menjadi program/kegiatan/peraturan",
        "Peraturan",
    )
    assert line[11:13] == ("Bagian Hukum", perwali.accepted_on.isoformat())
    in_year = [r for r in rows[4:] if isinstance(r[0], int)]
    assert len(in_year) == dict(r[:2] for r in rows if isinstance(r[0], str))["Aspirasi"]

    nicknames = set(
        ChildMember.objects.filter(forum__city_id=METRO)
        .exclude(nickname="")
        .values_list("nickname", flat=True)
    )
    assert "Dinda" in nicknames
    texts = set(Aspiration.objects.filter(city_id=METRO).values_list("text", flat=True))
    cells = [c for r in rows for c in r if isinstance(c, str)]
    text = pdf_text(matrix_pdf(aspirations_matrix(cycle.region, year), "6.2"))
    for written in [*cells, text]:
        assert not [n for n in nicknames if re.search(rf"\b{re.escape(n)}\b", written)]
    assert not texts & set(cells)
    assert "Taman bermain usulan Ketua Forum Anak" in cells
    assert "Perwali Partisipasi" in text
    assert "pertanyaan 6.2" in text


def test_rina_attaches_the_matrix_to_6_2_in_one_step(
    login: Callable[[str], Client], cycle: Any
) -> None:
    offered = [d for d in ready_documents(cycle, "6.2") if d.key.startswith("forum.matriks:")]
    assert offered
    assert {d.key for d in offered} <= {
        f"forum.matriks:{METRO}:{y}" for y in (cycle.year - 1, cycle.year)
    }
    assert [d for d in ready_documents(cycle, "6.3") if d.key.startswith("forum.matriks:")]
    assert not [d for d in ready_documents(cycle, "6.1") if d.key.startswith("forum.matriks:")]
    document = offered[-1]
    rina = login("rina")
    page = rina.get(reverse("evaluation:question", args=[cycle.pk, "6.2"])).content.decode()
    assert document.title in page
    response = rina.post(
        reverse("evidence:attach_ready", args=[cycle.pk, "6.2"]), {"key": document.key}
    )
    assert response.status_code == 302
    evidence = EvidenceFile.objects.get(source_key=document.key)
    assert evidence.answer.question_code == "6.2"
    assert evidence.title == document.title


def test_the_forum_anak_account_cannot_download_the_matrix(
    login: Callable[[str], Client],
) -> None:
    response = login("forumanak").get(reverse("forum:aspirations_xlsx"))
    assert response.status_code == 403
