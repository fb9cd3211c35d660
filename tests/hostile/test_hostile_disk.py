"""Fault: the disk refuses a write (ENOSPC part-way through, or EACCES at once). The user sees
a clear Indonesian message instead of a server error, no row and no file are left, and the
application keeps answering."""

from __future__ import annotations

import errno
import html
import os

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from layak.core.messages import InputError
from layak.demo.pdf import sample_pdf

pytestmark = pytest.mark.django_db
PDF = sample_pdf(["Laporan", "Dinas Kesehatan"])


def refusing_disk(code: int):
    """FileSystemStorage._save that writes half the file then fails (ENOSPC), or fails before
    writing (EACCES), as a full or read-only disk does."""

    def _save(self, name, content):
        if code == errno.ENOSPC:
            path = self.path(name)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as partial:
                partial.write(content.read()[:100])
        raise OSError(code, os.strerror(code))

    return _save


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EACCES], ids=["ENOSPC", "EACCES"])
def test_evidence_upload_on_a_refusing_disk(code, monkeypatch, client_of, world, state, refusals):
    budi = client_of("budi")
    before = state()
    monkeypatch.setattr(FileSystemStorage, "_save", refusing_disk(code))
    url = reverse("evidence:upload", args=[world.cycle_id, "12.6"])
    response = budi.post(
        url,
        {"files": SimpleUploadedFile("laporan.pdf", PDF), "title": "L", "document_year": "2024"},
    )
    assert response.status_code == 400
    text = html.unescape(response.content.decode())
    assert "penyimpanan server menolak menulis" in text
    assert errno.errorcode[code] in text
    assert state() == before  # no row, no file (the partial one is removed)
    assert refusals() == []  # not the file's fault: logged for the operator, not audited
    monkeypatch.undo()
    again = budi.get(reverse("evaluation:question", args=[world.cycle_id, "12.6"]))
    assert again.status_code == 200
    ok = budi.post(
        url,
        {"files": SimpleUploadedFile("laporan.pdf", PDF), "title": "L", "document_year": "2024"},
    )
    assert ok.status_code == 302  # the same upload works once the disk has room


def test_the_other_file_paths_on_a_full_disk(monkeypatch, user, state):
    from layak.forum.models import ForumGroup
    from layak.forum.services import save_forum
    from layak.gugus.models import Meeting
    from layak.gugus.services import add_meeting_document
    from layak.mitra.models import Contribution
    from layak.mitra.services import save_record

    sari = user("sari")
    meeting = Meeting.objects.get(region_id="18.72", agenda__startswith="Rapat koordinasi awal")
    forum = ForumGroup.objects.get(region_id="18.72")
    contribution = Contribution.objects.get(title="Pelatihan konselor sebaya")
    before = state()
    monkeypatch.setattr(FileSystemStorage, "_save", refusing_disk(errno.ENOSPC))
    calls = {
        "file": lambda f: add_meeting_document(sari, meeting, f, "Notulen"),
        "decree": lambda f: save_forum(sari, forum, decree=f),
        "berkas": lambda f: save_record(sari, contribution, [f]),
    }
    for field, call in calls.items():
        with pytest.raises(InputError) as refused:
            call(SimpleUploadedFile("laporan.pdf", PDF))
        (problem,) = refused.value.problems
        assert problem.column == field
        text = problem.message.render("id")
        assert "ENOSPC" in text
        assert "tidak ada yang tersimpan" in text
    assert state() == before


def test_profil_anak_web_import_on_a_refusing_disk(monkeypatch, client_of, state):
    sari = client_of("sari")
    before = state()
    monkeypatch.setattr(FileSystemStorage, "_save", refusing_disk(errno.EACCES))
    upload = SimpleUploadedFile("tabel.csv", b"kode_wilayah,jenis_kelamin,umur,jumlah_anak\n")
    response = sari.post(reverse("profil:import", args=["18.72"]), {"file": upload, "year": 2024})
    assert response.status_code == 400
    assert "EACCES" in html.unescape(response.content.decode())
    assert state() == before
