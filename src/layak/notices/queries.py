"""The inbox as a person reads it: each notice's sentence in the reader's language."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from layak.accounts.models import User
from layak.notices.models import Notice
from layak.notices.texts import note_of, sentence

PAGE = 50  # the newest notices; older ones stay in the table (the count of unread covers all)


@dataclass(frozen=True)
class Line:
    id: int
    text: str
    note: str
    at: datetime
    unread: bool


def inbox(user: User, only_unread: bool = False) -> list[Line]:
    notices = Notice.objects.filter(recipient=user)
    if only_unread:
        notices = notices.filter(read_at__isnull=True)
    return [
        Line(n.pk, sentence(n), note_of(n), n.created_at, n.read_at is None) for n in notices[:PAGE]
    ]
