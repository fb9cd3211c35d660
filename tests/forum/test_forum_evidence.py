"""Forum Anak records as ready-made evidence where the instrument means them: decrees and member
counts on 6.1; Musrenbang and the recap of what children's input became on 6.2 (planning); the
children's own reports on 6.3 (Pelopor dan Pelapor); the regulations that took in their
aspirations on 1.4 (regulations drafted listening to the Forum Anak); the forums' decrees on 1.2d
(a policy on child participation). Nothing (and no query) on other questions; Rina of DP3AP2KB
attaches one in a step."""

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


def _kinds(cycle: Any, code: str) -> set[str]:
    """The kinds of Forum Anak records offered on a question ("sk", "skfile", "rekap", ...)."""
    return {d.key.split(":")[0].removeprefix("forum.") for d in ready_documents(cycle, code)}


def test_each_participation_question_is_offered_its_records(cycle: Any) -> None:
    keys = {code: [d.key for d in ready_documents(cycle, code)] for code in ("6.1", "6.2", "6.3")}
    assert f"forum.sk:18.72:{cycle.year}" in keys["6.1"]
    assert sum(k.startswith("forum.skfile:") for k in keys["6.1"]) == 6  # every forum's decree
    assert _kinds(cycle, "6.1") == {"sk", "skfile"}
    assert _kinds(cycle, "6.2") == {"musrenbang", "rekap", "matriks"}  # matriks: issue 18
    assert all(k.split(":")[1] == "18.72" for k in keys["6.2"])


def test_the_2p_question_gets_the_childrens_reports_and_no_longer_the_recap(cycle: Any) -> None:
    assert _kinds(cycle, "6.3") == {"laporan", "matriks"}
    # The report lists what the children sent, accepted or not yet discussed.
    sent = [y for y in (cycle.year, cycle.year - 1) if make("laporan", cycle.region, y)]
    assert sent
    document = make("laporan", cycle.region, sent[0])
    assert document is not None
    assert document.key in {d.key for d in ready_documents(cycle, "6.3")}


def test_regulations_that_took_childrens_input_go_to_1_4_not_1_2d_or_6_3(cycle: Any) -> None:
    regulations = [d.key for d in ready_documents(cycle, "1.4")]
    assert regulations
    assert all(k.startswith("forum.peraturan:18.72:") for k in regulations)
    for code in ("1.2d", "6.3"):
        assert not any(k.startswith("forum.peraturan:") for k in _keys(cycle, code))


def test_the_participation_policy_question_gets_the_forums_decrees_not_aspirations(
    cycle: Any,
) -> None:
    assert _kinds(cycle, "1.2d") == {"sk", "skfile"}
    decrees = [k for k in _keys(cycle, "1.2d") if k.startswith("forum.skfile:")]
    assert len(decrees) == 6  # the city forum's decree and the five kecamatan forums'


def _keys(cycle: Any, code: str) -> list[str]:
    return [d.key for d in ready_documents(cycle, code)]


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

    reports = make("laporan", cycle.region, years[0])
    assert reports is not None
    text = _text(reports.render_pdf(), tmp_path / "forum-anak-laporan")
    assert "Pelopor" in text  # the title wraps
    assert "Tindak lanjut laporan anak" in text
    assert "Diterima" in text  # each report's status, sent days ago and not yet discussed
    assert "voli" not in text  # what a child wrote stays with the secretariat (issue 14)
    assert "Dinda" not in text


def test_rina_attaches_the_childrens_reports_to_6_3_in_one_step(
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
    assert document.key.startswith("forum.laporan:")
    evidence = EvidenceFile.objects.get(source_key=document.key)
    assert evidence.content_type == "application/pdf"
    assert evidence.answer.question_code == "6.3"
