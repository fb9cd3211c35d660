"""The generated documents: the list for a part and year, a contribution's own record, and the
business forum; what the provider offers and what it keeps quiet about."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

from layak.evidence.ready import ready_documents
from layak.mitra.documents import contribution_pdf, provide
from layak.mitra.models import Contribution, Status


def pdf_text(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "d.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True)
    return " ".join(out.stdout.decode().split())  # cells wrap: compare words, not lines


@pytest.mark.django_db
def test_the_klaster_iii_list_holds_the_confirmed_contributions_only(
    cycle: Any, tmp_path: Path
) -> None:
    documents = {d.key: d for d in ready_documents(cycle, "3.1d")}
    lists = [d for d in documents.values() if d.key.startswith("mitra.daftar:K3:")]
    assert lists, documents.keys()
    for document in lists:
        assert document.title == f"Daftar kontribusi mitra untuk Klaster III tahun {document.year}"
        text = pdf_text(document.render_pdf(), tmp_path)
        assert "Kota Metro" in text
        for c in Contribution.objects.filter(
            organisation__region_id="18.72", indicator_code__in=["12", "13", "14", "15", "16", "17"]
        ).filter(date__year=document.year):
            assert (c.title in text) == (c.status == Status.CONFIRMED), c.title
        if os.environ.get("LAYAK_KEEP_PDF"):  # for looking at it: pdftoppm -png -r 60
            Path(os.environ["LAYAK_KEEP_PDF"]).write_bytes(document.render_pdf())


@pytest.mark.django_db
def test_a_contribution_record_and_the_business_forum_as_pdf(cycle: Any, tmp_path: Path) -> None:
    room = Contribution.objects.get(title="Pojok ASI di Puskesmas Metro")
    text = pdf_text(contribution_pdf(room), tmp_path)
    assert "PT Sinar Metro Abadi" in text
    assert "Rp 18.500.000" in text
    assert "14 Pemberian makan bayi dan anak" in text
    forum = list(provide(cycle, "3.2"))
    assert forum
    text = pdf_text(forum[0].render_pdf(), tmp_path)
    assert "PT Sinar Metro Abadi" in text
    assert "PT BPR Metro Sejahtera" in text
    assert "Radio Swara Metro" not in text, "media are not the business forum"
    activities = list(provide(cycle, "3.3"))
    assert activities
    assert all(d.title.startswith("Kegiatan dunia usaha mendukung KLA") for d in activities)


@pytest.mark.django_db
def test_other_questions_get_nothing_and_cost_no_query(
    cycle: Any, django_assert_num_queries: Any
) -> None:
    cycle.instrument  # parsed once, outside the count  # noqa: B018
    with django_assert_num_queries(0):
        assert list(provide(cycle, "12.2")) == []
        assert list(provide(cycle, "tidak.ada")) == []
    with django_assert_num_queries(1):
        list(provide(cycle, "3.1d"))
