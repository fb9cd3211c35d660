from __future__ import annotations

from django.shortcuts import get_object_or_404

from layak.accounts.models import User
from layak.notices.models import Notice


def notice_for(user: User, notice_id: int) -> Notice:
    """The person's own notice; anyone else's is 404, as if it did not exist."""
    return get_object_or_404(Notice, pk=notice_id, recipient=user)
