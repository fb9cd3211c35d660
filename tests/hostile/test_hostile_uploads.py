"""T4: every hostile file is refused on every file path with its rule in Indonesian; nothing
is written (rows, files) and exactly one `unggahan_ditolak` audit event says who, where, which
rule and which file."""

from __future__ import annotations

import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from layak.core.messages import InputError
from layak.demo.pdf import sample_pdf
from layak.evaluation.models import Cycle
from layak.evidence.services import MAX_FILES_PER_UPLOAD, add_evidence
from layak.files.inspect import Refused, inspect_upload
from tests.hostile.hostile_corpus import RAW_NAMES

pytestmark = [pytest.mark.django_db, pytest.mark.filterwarnings("ignore::UserWarning")]
CASE_NAMES = [
    "zero-byte", "over-size pdf", "xlsx zip bomb", "xlsx unpacking past 100 MB",
    "10,000-entry zip", "zip-slip entry", "billion laughs", "XXE", "macro workbook renamed",
    "legacy xls renamed", "encrypted xlsx", "HTML posing as PDF", "truncated PDF",
    "PDF OpenAction JavaScript", "PDF JavaScript in an object stream",
    "PDF JavaScript in an escaped object stream", "PDF object stream bomb",
    "PDF broken object stream", "polyglot PNG with a zip", "polyglot PNG with HTML",
    "SVG with script", "pixel flood", "double extension", "runnable inner extension",
    # Issue 14: what an attacker got stored, then the rest of each rule.
    "PDF JavaScript between stream comments", "PDF JavaScript in a predicted object stream",
    "PDF opening a URI", "PDF GoToR to a network path", "PDF SubmitForm on opening",
    "docx with an external template", "xlsx with a DDE formula",
    "docx with its VBA part renamed",
    "PDF JavaScript in the name tree", "PDF JavaScript stream behind a link",
    "PDF JavaScript in a form field", "PDF Launch behind a link", "PDF GoToE behind a link",
    "PDF ImportData behind a link", "PDF link to a file share", "PDF sound behind a link",
    "PDF RichMedia annotation", "PDF XFA form", "PDF embedded file",
    "PDF file attachment annotation", "PDF with a password to open", "PDF no reader can open",
    "PDF of 2,001 pages", "PDF of 100,001 objects", "PDF with an LZW stream",
    "docx with a VBA relationship to a part called a picture",
    "docx with an OLE part called a picture", "docx with a DDEAUTO field split over runs",
    "docx with a field type built by QUOTE", "docx with a linked picture",
    "docx with a hyperlink to a file share", "docx with an embedded OLE object",
    "docx with a macro document embedded", "xlsx with a DDE link part",
    "xlsx linking a workbook on a share", "xlsx with an ActiveX control",
    "xlsx refreshing a web query on opening",
]  # fmt: skip
# Every rule once on the other paths keeps them fast; the evidence path takes the whole corpus.
SAMPLE = ["zero-byte", "xlsx zip bomb", "XXE", "PDF JavaScript in an object stream",
          "polyglot PNG with HTML", "pixel flood", "double extension",
          # Issue 14's findings, each on every path, and the PDF and Office rules once.
          "PDF JavaScript between stream comments", "PDF JavaScript in a predicted object stream",
          "PDF opening a URI", "PDF GoToR to a network path", "PDF SubmitForm on opening",
          "docx with an external template", "xlsx with a DDE formula",
          "docx with its VBA part renamed", "PDF with a password to open",
          "PDF no reader can open", "PDF of 2,001 pages", "PDF with an LZW stream",
          "docx with an OLE part called a picture"]  # fmt: skip


def test_the_corpus_names_every_case(corpus):
    assert sorted(corpus) == sorted(CASE_NAMES)


def page_text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.mark.parametrize("case", CASE_NAMES)
def test_budi_uploading_a_hostile_evidence_file_is_refused(
    case, corpus, client_of, user, world, state, refusals
):
    name, data, rule = corpus[case]
    budi = client_of("budi")  # signing in is audited: before the counts
    before = state()
    url = reverse("evidence:upload", args=[world.cycle_id, "12.6"])
    response = budi.post(
        url,
        {"files": SimpleUploadedFile(name, data), "title": "Laporan", "document_year": "2024"},
    )
    assert response.status_code == 400
    events = refusals()
    assert len(events) == 1
    event = events[0]
    assert (event.actor, event.action, event.region_code) == (
        user("budi"),
        "unggahan_ditolak",
        "18.72",
    )
    assert event.after == {"path": "bukti", "file": name, "rule": rule}
    with pytest.raises(Refused) as expected:
        inspect_upload(name, data)
    # The service reads at most the limit plus one byte: a size is shown as that.
    assert expected.value.message.render("id").split(" (")[0] in page_text(response)
    assert state() == before


@pytest.mark.parametrize("case", SAMPLE)
def test_the_other_file_paths_refuse_the_same_files(case, corpus, user, state, refusals):
    from layak.forum.models import ForumGroup
    from layak.forum.services import save_forum
    from layak.gugus.models import Meeting
    from layak.gugus.services import add_meeting_document
    from layak.mitra.models import Contribution
    from layak.mitra.services import save_record

    name, data, rule = corpus[case]
    sari = user("sari")
    before = state()
    meeting = Meeting.objects.get(region_id="18.72", agenda__startswith="Rapat koordinasi awal")
    forum = ForumGroup.objects.get(region_id="18.72")
    contribution = Contribution.objects.get(title="Pelatihan konselor sebaya")
    calls = {
        "gugus.rapat": lambda f: add_meeting_document(sari, meeting, f, "Notulen"),
        "forum.sk": lambda f: save_forum(sari, forum, decree=f),
        "mitra": lambda f: save_record(sari, contribution, [f]),
    }
    for path, call in calls.items():
        with pytest.raises(InputError) as refused:
            call(SimpleUploadedFile(name, data))
        assert refused.value.render("id"), path
        assert refusals()[-1].after["path"] == path
        assert refusals()[-1].after["rule"] == rule
    assert [e.actor for e in refusals()] == [sari] * len(calls)
    assert state() == before


def test_too_many_files_is_one_refusal(world, user, state, refusals):
    cycle = Cycle.objects.get(pk=world.cycle_id)
    pdf = sample_pdf(["x"])
    files = [SimpleUploadedFile(f"l{i}.pdf", pdf) for i in range(MAX_FILES_PER_UPLOAD + 1)]
    before = state()
    with pytest.raises(InputError) as refused:
        add_evidence(
            user("budi"), cycle, cycle.instrument.question("12.6"), files, title="L", year="2024"
        )
    assert refused.value.problems[-1].message.key == "evidence.too_many_files"
    assert "terlalu banyak berkas sekaligus (21; batas 20)" in refused.value.render("id")
    assert [e.after["rule"] for e in refusals()] == ["evidence.too_many_files"]
    assert state() == before


@pytest.mark.parametrize("case", list(RAW_NAMES))
def test_names_with_folders_or_control_characters_are_refused(case):
    """The web's parser drops these parts before Layak sees them (tested below); anything
    else that passes a raw name (the API, a command) meets the same rule."""
    name, rule = RAW_NAMES[case]
    with pytest.raises(Refused) as refused:
        inspect_upload(name, sample_pdf(["x"]))
    assert refused.value.message.key == rule
    assert "folder atau karakter kendali" in refused.value.message.render("id")
