"""Reminders of action items: each officer of an agency gets one e-mail listing their agency's
open items due within N days or already overdue, and a notice in the app for each item (once
per item and due date; the e-mail is this reminder's own, so the notice sends none)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from layak.accounts.models import User
from layak.accounts.roles import Role
from layak.audit.log import record
from layak.core.rad import OPEN_STATUSES, is_overdue, reminded_until
from layak.gugus.models import ActionItem
from layak.notices.models import Kind
from layak.notices.services import notify


@dataclass(frozen=True)
class Reminder:
    officer: User
    items: list[ActionItem]


def due_reminders(days: int, today: date | None = None) -> list[Reminder]:
    """One reminder per active officer with an e-mail address whose agency has items due
    (`layak.core.rad.needs_reminder`, as a query)."""
    day = today or timezone.localdate()
    items = (
        ActionItem.objects.filter(status__in=OPEN_STATUSES, due_on__lte=reminded_until(day, days))
        .select_related("agency", "meeting", "region")
        .order_by("due_on", "id")
    )
    by_agency: dict[int, list[ActionItem]] = defaultdict(list)
    for item in items:
        by_agency[item.agency_id].append(item)
    officers = (
        User.objects.filter(role=Role.OFFICER, is_active=True, agency_id__in=by_agency)
        .exclude(email="")
        .order_by("username")
    )
    return [Reminder(o, by_agency[o.agency_id]) for o in officers if o.agency_id is not None]


def notify_due(days: int, today: date | None = None) -> int:
    """A notice for every active officer of the agency of each open item due within `days` days
    or overdue, with or without an e-mail address. Returns how many notices were made."""
    day = today or timezone.localdate()
    items = ActionItem.objects.filter(
        status__in=OPEN_STATUSES, due_on__lte=reminded_until(day, days)
    ).order_by("due_on", "id")
    officers = list(
        User.objects.filter(
            role=Role.OFFICER, is_active=True, agency_id__in=items.values("agency_id")
        )
    )
    made = 0
    for item in items:
        made += len(
            notify(
                [o for o in officers if o.agency_id == item.agency_id],
                Kind.ACTION_DUE,
                url=reverse("gugus:actions", args=[item.region_id]),
                params={"what": item.what, "on": item.due_on.isoformat()},
                key=f"action:{item.pk}:{item.due_on.isoformat()}",
                email=False,
            )
        )
    return made


def send_reminders(days: int, today: date | None = None) -> list[Reminder]:
    day = today or timezone.localdate()
    notify_due(days, day)
    reminders = due_reminders(days, day)
    if not reminders:
        return reminders
    with get_connection() as connection, translation.override(settings.LANGUAGE_CODE):
        for reminder in reminders:
            overdue = sum(1 for item in reminder.items if is_overdue(item.due_on, item.status, day))
            body = render_to_string(
                "gugus/email_reminder.txt",
                {"officer": reminder.officer, "items": reminder.items, "today": day, "days": days},
            )
            subject = _("Tindak lanjut Gugus Tugas KLA: %(n)d jatuh tempo, %(late)d terlambat") % {
                "n": len(reminder.items),
                "late": overdue,
            }
            EmailMessage(subject, body, to=[reminder.officer.email], connection=connection).send()
            record(
                "gugus.action.reminder",
                object_type="user",
                object_id=reminder.officer.pk,
                region_code=reminder.officer.region_id or "",
                after={"items": [item.pk for item in reminder.items], "days": days},
                actor_name="layak remind-tindak-lanjut",
            )
    return reminders
