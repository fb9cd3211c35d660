"""No personal data on the public page: asserted on the HTML a visitor gets, against what the
demo actually holds (names, nicknames, a child's words, notes, consent records)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

URL = "/publik/18.72/"
CONSENT_WORDS = ("persetujuan", "wali", "dicabut", "consent", "guardian", "nama panggilan")


@pytest.fixture
def html(world: Any, client: Client) -> str:
    response = client.get(URL)
    assert response.status_code == 200
    return response.content.decode()


def words(text: str) -> set[str]:
    return {w.casefold() for w in re.findall(r"\w+", text)}


@pytest.mark.django_db
def test_no_username_or_name_of_a_person(html: str) -> None:
    from layak.accounts.models import User
    from layak.gugus.models import Member
    from layak.mitra.models import Organisation

    shown = words(html)
    for user in User.objects.all():
        # "mitra" is the stakeholder account and also the section's title; its name is checked.
        if user.username != "mitra":
            assert user.username.casefold() not in shown, user.username
        full = user.get_full_name()
        if full:
            assert full not in html, full
    for member in Member.objects.all():
        assert member.name not in html, member.name
    for contact in Organisation.objects.exclude(contact="").values_list("contact", flat=True):
        assert contact not in html


@pytest.mark.django_db
def test_no_nickname_and_no_consent_record(html: str) -> None:
    from layak.forum.models import ChildMember, Facilitator

    nicknames = [n for n in ChildMember.objects.values_list("nickname", flat=True) if n]
    assert nicknames
    shown = words(html)
    for nickname in nicknames:
        assert nickname.casefold() not in shown, nickname
    for facilitator in Facilitator.objects.values_list("name", flat=True):
        assert facilitator not in html
    for word in CONSENT_WORDS:
        assert not re.search(rf"\b{word}\b", html, re.I), word


@pytest.mark.django_db
def test_no_aspiration_text_and_no_reason_or_step_note(html: str) -> None:
    from layak.forum.models import Aspiration, AspirationStep

    texts = list(Aspiration.objects.values_list("text", "decline_reason"))
    assert texts
    for text, reason in texts:
        # Any run of five words of a child's text would be a quotation.
        run = " ".join(text.split()[:5])
        assert run not in html, run
        if reason:
            assert reason not in html
    for note in AspirationStep.objects.exclude(note="").values_list("note", flat=True):
        assert note not in html


@pytest.mark.django_db
def test_no_answer_or_verification_note_and_no_minutes(html: str) -> None:
    from layak.evaluation.models import Answer, Verification
    from layak.gugus.models import Meeting

    notes = list(Answer.objects.exclude(note="").values_list("note", flat=True))
    notes += list(Verification.objects.exclude(note="").values_list("note", flat=True))
    assert notes
    for meeting in Meeting.objects.all():
        notes += [meeting.minutes, meeting.agenda, meeting.place, *meeting.guest_lines]
    for note in filter(None, notes):
        assert note not in html, note


@pytest.mark.django_db
def test_no_nik_like_number(html: str) -> None:
    assert not re.search(r"(?<!\d)\d{16}(?!\d)", html)


@pytest.mark.django_db
def test_the_english_page_is_as_careful(world: Any, client: Client) -> None:
    from layak.forum.models import ChildMember

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(URL).content.decode()
    shown = words(html)
    for nickname in ChildMember.objects.exclude(nickname="").values_list("nickname", flat=True):
        assert nickname.casefold() not in shown
    for word in CONSENT_WORDS:
        assert not re.search(rf"\b{word}\b", html, re.I), word
