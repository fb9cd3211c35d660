"""Forum Anak records as ready-made evidence: decrees and member counts on 6.1, Musrenbang on 6.2,
the recap of what children's input became on 6.3 and the regulations on 1.2d; nothing (and no
query) on other questions; Rina of DP3AP2KB attaches one in a step."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from layak.evidence.models import EvidenceFile
from layak.evidence.ready import ready_documents
from layak.forum.documents import make

pytestmark = pytest.mark.django_db
SHOTS = Path("/tmp/layak-shots")  # noqa: S108 - the fixed place the lead looks at


def _text(data: bytes, path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path.write_bytes(data)
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True)
    if shutil.which("pdftoppm"):  # a picture for people to look at, never asserted
        SHOTS.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "60",
                "-f",
                "1",
                "-l",
                "1",
                str(path),
                str(SHOTS / path.stem),
            ],
            check=False,
        )
    return out.stdout.decode()


def test_each_participation_question_is_offered_its_records(cycle: Any) -> None:
    keys = {code: [d.key for d in ready_documents(cycle, code)] for code in ("6.1", "6.2", "6.3")}
    assert f"forum.sk:18.72:{cycle.year}" in keys["6.1"]
    assert sum(k.startswith("forum.skfile:") for k in keys["6.1"]) == 6  # every forum's decree
    assert keys["6.2"]
    assert all(k.startswith("forum.musrenbang:18.72:") for k in keys["6.2"])
    assert keys["6.3"]
    assert all(k.startswith("forum.rekap:18.72:") for k in keys["6.3"])
    regulations = [d.key for d in ready_documents(cycle, "1.2d")]
    assert regulations
    assert all(k.startswith("forum.peraturan:") for k in regulations)


def test_other_questions_get_nothing_without_a_query(
    cycle: Any, django_assert_num_queries: Any
) -> None:
    from layak.forum.documents import provider

    with django_assert_num_queries(0):
        assert provider(cycle, "12.2") == []


def test_the_documents_hold_counts_and_decisions_not_children(cycle: Any, tmp_path: Path) -> None:
    decrees = make("sk", cycle.region, cycle.year)
    assert decrees is not None
    text = _text(decrees.render_pdf(), tmp_path / "forum-anak-sk")
    assert "Forum Anak Kota Metro" in text
    assert "400.2.2/112/" in text  # the number wraps in its cell
    assert "Metro Selatan" in text
    assert "Dinda" not in text
    assert "ibu" not in text.split()

    years = [y for y in (cycle.year, cycle.year - 1) if make("rekap", cycle.region, y)]
    recap = make("rekap", cycle.region, years[0])
    assert recap is not None
    text = _text(recap.render_pdf(), tmp_path / "forum-anak-rekap")
    assert "Jumlah yang memuat masukan anak" in text
    assert "Disdikbud" in text
    assert "Perwali" in text
    assert "Dinda" not in text


def test_rina_attaches_the_recap_to_6_3_in_one_step(
    cycle: Any, login: Callable[[str], Client]
) -> None:
    document = ready_documents(cycle, "6.3")[0]
    rina = login("rina")
    page = rina.get(reverse("evaluation:question", args=[cycle.pk, "6.3"])).content.decode()
    assert document.title in page
    response = rina.post(
        reverse("evidence:attach_ready", args=[cycle.pk, "6.3"]), {"key": document.key}
    )
    assert response.status_code == 302
    evidence = EvidenceFile.objects.get(source_key=document.key)
    assert evidence.content_type == "application/pdf"
    assert evidence.answer.question_code == "6.3"
