"""Issue 16: the child's pages speak to a child. The forum account of Forum Anak Kota Metro gets
kind, plain refusals (in both languages) that keep the topic tiles in place, reads its
aspirations' steps in its own words (staff keep theirs), and is refused the staff's list of
forums. Sekretariat Sari's step form marks which fields belong to which step."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from layak.audit.models import AuditEvent
from layak.core.aspirations import Status
from layak.forum.models import Aspiration

pytestmark = pytest.mark.django_db
TOO_LONG = {"topic": "aman", "text": "Lampu jalan mati. " * 60, "on_behalf": "0"}


def _errors(page: str) -> list[str]:
    return re.findall(r'<ul class="errorlist[^"]*"[^>]*>\s*<li>(.*?)</li>', page, re.S)


def test_a_story_too_long_is_refused_in_a_childs_words(login: Callable[[str], Client]) -> None:
    child = login("forumanak")
    response = child.post(reverse("forum:submit"), TOO_LONG)
    assert response.status_code == 400
    page = response.content.decode()
    assert _errors(page) == [
        "Ceritamu terlalu panjang: paling banyak 1.000 huruf. Coba dipersingkat, ya."
    ]
    assert "Pastikan nilai ini" not in page
    assert "Paling banyak 1.000 huruf." in page  # the hint writes the limit the same way

    child.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = child.post(reverse("forum:submit"), TOO_LONG).content.decode()
    assert _errors(english) == [
        "Your story is too long: 1,000 letters at most. Try making it shorter."
    ]


def test_a_missing_topic_is_shown_above_the_tiles_not_as_one_of_them(
    login: Callable[[str], Client],
) -> None:
    child = login("forumanak")
    response = child.post(reverse("forum:submit"), {"text": "", "on_behalf": "0"})
    assert response.status_code == 400
    page = response.content.decode()
    assert _errors(page) == ["Pilih dulu satu topik, ya.", "Tulis dulu usulanmu, ya."]
    tiles = page.split('<fieldset class="topics"')[1].split("</fieldset>")[0]
    # The error sits in its own full-width box (layak.css), before the first tile.
    assert tiles.index('class="topics-errors"') < tiles.index('class="topic"')
    assert "Pilih dulu satu topik, ya." in tiles.split('class="topic"')[0]
    assert "Bidang ini tidak boleh kosong" not in page


def test_the_child_reads_each_step_in_its_own_words_and_staff_keep_theirs(
    login: Callable[[str], Client], users: dict[str, Any]
) -> None:
    child = login("forumanak")
    text = "Tolong ada zebra cross di depan SD 3."
    assert (
        child.post(
            reverse("forum:submit"), {"topic": "aman", "text": text, "on_behalf": "0"}
        ).status_code
        == 302
    )
    aspiration = Aspiration.objects.get(text=text)
    mine = child.get(reverse("forum:mine")).content.decode()
    card = mine.split(f'id="aspirasi-{aspiration.pk}"')[1].split("</article>")[0]
    steps = re.findall(r"<li[^>]*>(.*?)</li>", card.split('class="kid-steps"')[1])
    assert steps == ["Sudah kami terima", "Dibahas di rapat", "Jadi rencana kota", "Sudah terwujud"]
    assert "Diterima" not in card  # the staff's word for "received" reads as "accepted"

    child.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = child.get(reverse("forum:mine")).content.decode()
    card = english.split(f'id="aspirasi-{aspiration.pk}"')[1].split("</article>")[0]
    assert '<li class="done">We got it</li>' in card

    # Sekretariat Sari's page keeps the staff's status name.
    staff = login("sari").get(reverse("forum:aspiration", args=[aspiration.pk])).content.decode()
    assert "<strong>Diterima</strong>" in staff
    assert "Sudah kami terima" not in staff


def test_a_declined_aspiration_stops_at_the_third_step_in_kind_words(
    login: Callable[[str], Client],
) -> None:
    declined = Aspiration.objects.filter(
        status=Status.DECLINED.value, submitted_by__username="forumanak"
    ).first()
    assert declined is not None  # the demo has one
    mine = login("forumanak").get(reverse("forum:mine")).content.decode()
    card = mine.split(f'id="aspirasi-{declined.pk}"')[1].split("</article>")[0]
    assert '<li class=" stop">Belum bisa</li>' in card
    assert card.count('class="done"') == 2


def test_the_child_typing_the_staff_address_is_refused_403(
    login: Callable[[str], Client], users: dict[str, Any]
) -> None:
    child = login("forumanak")
    before = AuditEvent.objects.filter(action="access.denied").count()
    assert child.get("/forum-anak/").status_code == 403
    assert AuditEvent.objects.filter(action="access.denied").count() == before + 1
    # Its own forum's page leads back to its aspirations, not to the staff's list.
    forum = users["forumanak"].forum_account.forum
    page = child.get(reverse("forum:group", args=[forum.pk])).content.decode()
    assert f'href="{reverse("forum:mine")}"' in page
    assert f'href="{reverse("forum:groups")}"' not in page


def test_the_step_form_marks_each_field_with_the_steps_that_ask_for_it(
    login: Callable[[str], Client],
) -> None:
    sari = login("sari")
    discussed = Aspiration.objects.filter(status=Status.DISCUSSED.value).first()
    assert discussed is not None
    page = sari.get(reverse("forum:aspiration", args=[discussed.pk])).content.decode()
    form = page.split('class="step-form"')[1].split("</form>")[0]
    by_field = {f: s for s, f in re.findall(r'<p data-steps="([^"]+)"><label for="id_(\w+)"', form)}
    assert by_field == {
        "musrenbang_level": "dibahas",
        "outcome_kind": "diakomodasi",
        "outcome_name": "diakomodasi",
        "agency": "diakomodasi",
        "reason": "ditolak",
    }
    assert '<p><label for="id_on"' in form  # the date and the note belong to every step
    assert '<p><label for="id_note"' in form
    assert "forum/step-fields" in page
    # With one way on (received → discussed), that step is already chosen.
    received = Aspiration.objects.filter(status=Status.RECEIVED.value).first()
    assert received is not None
    page = sari.get(reverse("forum:aspiration", args=[received.pk])).content.decode()
    assert re.search(r'value="dibahas"[^>]*checked', page)
