"""Issue 16: minutes naming a child go into the 2.3 evidence with the child's role instead of
the name. Sari wrote "Dinda (Ketua Forum Anak)" in the minutes of a coordination meeting; the
PDF that verifiers read says "Ketua Forum Anak"."""

from __future__ import annotations

from typing import Any

import pytest

from layak.evidence.ready import ready_documents
from layak.gugus.models import Meeting

pytestmark = pytest.mark.django_db
METRO = "18.72"


def test_a_child_named_in_the_minutes_is_called_by_their_role_in_the_evidence(
    cycle: Any, decree: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    laid_out: list[str] = []
    monkeypatch.setattr("layak.web.pdf.layout", lambda html: laid_out.append(html) or b"%PDF")
    meeting = Meeting.objects.filter(region_id=METRO).order_by("-held_on").first()
    assert meeting is not None
    meeting.minutes = (
        "Dinda (Ketua Forum Anak) menyampaikan usulan taman bermain.\n"
        "Zahra dari Forum Anak Metro Pusat menambahkan soal jalan gelap; dinda setuju."
    )
    meeting.guests = "Dinda, Forum Anak Kota Metro\nRudi Hartono, Bappeda"
    meeting.decisions = "Usulan Raka dibahas di Musrenbang."
    meeting.save()
    documents = [d for d in ready_documents(cycle, "2.3") if d.key.endswith(f":{meeting.pk}")]
    assert len(documents) == 1

    documents[0].render_pdf()

    html = laid_out[-1]
    for name in ("Dinda", "dinda", "Zahra", "Raka"):
        assert name not in html
    assert "Ketua Forum Anak menyampaikan usulan taman bermain" in html
    assert "(Ketua Forum Anak)" not in html  # the role is not said twice
    assert "Ketua Forum Anak dari Forum Anak Metro Pusat" in html  # a kecamatan forum's chair
    assert "Wakil ketua Forum Anak dibahas" in html
    assert "Rudi Hartono, Bappeda" in html  # adults keep their names
    meeting.refresh_from_db()
    assert "Dinda (Ketua Forum Anak)" in meeting.minutes  # the record itself is unchanged
