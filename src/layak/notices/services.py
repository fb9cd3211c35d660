"""Every notice is made here, by the service whose action it reports, inside that action's
transaction (the action's own audit row says what happened; the notice tells the people it
concerns). E-mail follows each person's choice: at once (a background task after the commit),
in the daily digest (`layak send-digest`), or not at all."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from layak.accounts.models import User
from layak.audit.log import record
from layak.notices.models import EmailChoice, Kind, Notice, Preference
from layak.notices.tasks import send_notice_emails

NOTE_LENGTH = 300  # a note longer than this is cut in the notice; the page shows it whole


def person_name(user: User | None) -> str:
    if user is None:
        return "Layak"
    return user.get_full_name() or user.username


def notify(
    recipients: Iterable[User],
    kind: Kind,
    *,
    url: str,
    params: Mapping[str, Any],
    actor: User | None = None,
    key: str = "",
    email: bool = True,
) -> list[Notice]:
    """One notice per active recipient (never the person who acted, who knows). With `key`, a
    recipient who already has a notice of that key gets no second one. `email=False` where the
    action sends its own e-mail (the action-item reminder)."""
    people = {u.pk: u for u in recipients if u.is_active and (actor is None or u.pk != actor.pk)}
    if key:
        already = set(
            Notice.objects.filter(recipient_id__in=people, key=key).values_list(
                "recipient_id", flat=True
            )
        )
        people = {pk: u for pk, u in people.items() if pk not in already}
    if not people:
        return []
    facts = dict(params)
    if "note" in facts:
        facts["note"] = str(facts["note"])[:NOTE_LENGTH]
    now = timezone.now()
    made = Notice.objects.bulk_create(
        Notice(recipient=u, kind=kind, params=facts, url=url, created_at=now, key=key)
        for u in people.values()
    )
    if email:
        at_once = _wanting(people.values(), EmailChoice.NOW)
        ids = [n.pk for n in made if n.recipient_id in at_once]
        if ids:
            transaction.on_commit(lambda: _enqueue_emails(ids))
    return made


def _enqueue_emails(ids: list[int]) -> None:
    send_notice_emails.enqueue(ids)


def email_choice(user: User) -> str:
    preference = Preference.objects.filter(user=user).first()
    return preference.email if preference is not None else EmailChoice.NOW


def _wanting(users: Iterable[User], choice: EmailChoice) -> set[int]:
    """The people with an e-mail address whose choice is `choice` (no row: at once)."""
    with_address = {u.pk for u in users if u.email}
    chosen = dict(
        Preference.objects.filter(user_id__in=with_address).values_list("user_id", "email")
    )
    return {pk for pk in with_address if chosen.get(pk, EmailChoice.NOW) == choice}


def unread_count(user: User) -> int:
    return Notice.objects.filter(recipient=user, read_at__isnull=True).count()


def mark_read(user: User, notice: Notice) -> None:
    if notice.recipient_id == user.pk and notice.read_at is None:
        Notice.objects.filter(pk=notice.pk).update(read_at=timezone.now())


def mark_all_read(user: User) -> int:
    return Notice.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def set_email_choice(user: User, choice: str, request: HttpRequest | None = None) -> None:
    chosen = EmailChoice(choice)  # the form offers only the choices
    with transaction.atomic():
        preference, _created = Preference.objects.select_for_update().get_or_create(user=user)
        before = {"email": preference.email}
        preference.email = chosen.value
        preference.save()
        record(
            "notices.preference",
            actor=user,
            object_type="user",
            object_id=user.pk,
            region_code=user.region_id or "",
            before=before,
            after={"email": chosen.value},
            request=request,
        )
