"""Notices by e-mail: one message per notice for those who chose "at once", one digest a day
for those who chose it. Written in Indonesian (the app's language; a person's language choice
is a cookie of their browser, which e-mail cannot see), with the link to the work."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import ngettext

from layak.accounts.models import User
from layak.notices.models import EmailChoice, Notice, Preference
from layak.notices.texts import note_of, sentence


def _link(notice: Notice) -> str:
    return settings.LAYAK_SITE_URL.rstrip("/") + notice.url


def _lines(notices: Iterable[Notice]) -> list[dict[str, str]]:
    return [{"text": sentence(n), "note": note_of(n), "link": _link(n)} for n in notices]


def send_now(ids: list[int]) -> int:
    """E-mail each of these notices not e-mailed yet; returns how many were sent."""
    notices = list(
        Notice.objects.filter(pk__in=ids, emailed_at__isnull=True)
        .select_related("recipient")
        .order_by("pk")
    )
    sent = 0
    with get_connection() as connection, translation.override(settings.LANGUAGE_CODE):
        for notice in notices:
            if not notice.recipient.email:
                continue
            body = render_to_string(
                "notices/email_notice.txt",
                {"person": notice.recipient, "lines": _lines([notice])},
            )
            subject = "Layak: " + notice.get_kind_display()
            EmailMessage(subject, body, to=[notice.recipient.email], connection=connection).send()
            Notice.objects.filter(pk=notice.pk).update(emailed_at=timezone.now())
            sent += 1
    return sent


def send_digests() -> list[tuple[User, int]]:
    """One e-mail to each person who chose the daily digest, listing their notices not read
    and not e-mailed yet; returns (person, number of notices) for each e-mail sent."""
    daily = Preference.objects.filter(email=EmailChoice.DAILY).values_list("user_id", flat=True)
    waiting = (
        Notice.objects.filter(
            recipient_id__in=daily,
            recipient__is_active=True,
            read_at__isnull=True,
            emailed_at__isnull=True,
        )
        .exclude(recipient__email="")
        .select_related("recipient")
        .order_by("recipient_id", "created_at", "pk")
    )
    by_person: dict[int, list[Notice]] = defaultdict(list)
    for notice in waiting:
        by_person[notice.recipient_id].append(notice)
    sent: list[tuple[User, int]] = []
    with get_connection() as connection, translation.override(settings.LANGUAGE_CODE):
        for notices in by_person.values():
            person = notices[0].recipient
            body = render_to_string(
                "notices/email_digest.txt", {"person": person, "lines": _lines(notices)}
            )
            subject = ngettext(
                "Layak: %(count)d pemberitahuan hari ini",
                "Layak: %(count)d pemberitahuan hari ini",
                len(notices),
            ) % {"count": len(notices)}
            EmailMessage(subject, body, to=[person.email], connection=connection).send()
            Notice.objects.filter(pk__in=[n.pk for n in notices]).update(emailed_at=timezone.now())
            sent.append((person, len(notices)))
    return sent
