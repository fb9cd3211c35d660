"""Creating, revoking and checking personal API tokens; every change is audited.

A token is `lyk_` and 43 random URL-safe characters (256 bits). Only its sha256 is stored, so a
copy of the database does not hand out working tokens; the owner sees the token once. A token
works until it expires (LAYAK_API_TOKEN_DAYS after it was made), is revoked, its owner's
password changes (`revoke_all`, called by every password change) or its owner is deactivated.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from layak.accounts.models import User
from layak.api.models import ApiToken
from layak.audit.log import record

PREFIX = "lyk_"
SHOWN = 12  # characters of the token kept in clear to tell tokens apart
# Last use is written at most this often: a row update per request would serialise every
# API call of one token on SQLite, and a minute is precise enough for "when was it used".
LAST_USED_EVERY = timedelta(minutes=1)


def digest_of(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(
    user: User,
    name: str,
    *,
    actor: User | None = None,
    actor_name: str = "",
    request: HttpRequest | None = None,
) -> tuple[ApiToken, str]:
    """A new token for `user`: the row and the token text (shown once, never stored)."""
    text = PREFIX + secrets.token_urlsafe(32)
    now = timezone.now()
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user,
            name=name.strip()[:100] or "token",
            prefix=text[:SHOWN],
            digest=digest_of(text),
            created_at=now,
            expires_at=now + timedelta(days=settings.LAYAK_API_TOKEN_DAYS),
        )
        record(
            "api_token.create",
            actor=actor,
            actor_name=actor_name,
            object_type="api_token",
            object_id=token.pk,
            region_code=getattr(user, "region_id", None) or "",
            after={
                "user": user.get_username(),
                "name": token.name,
                "prefix": token.prefix,
                "expires_at": token.expires_at.isoformat(),
            },
            request=request,
        )
    return token, text


def revoke_token(
    token: ApiToken,
    *,
    actor: User | None = None,
    actor_name: str = "",
    request: HttpRequest | None = None,
) -> bool:
    """Revoke at once; False when it already was."""
    with transaction.atomic():
        locked = ApiToken.objects.select_for_update().get(pk=token.pk)
        if locked.revoked_at is not None:
            return False
        locked.revoked_at = timezone.now()
        locked.save(update_fields=["revoked_at"])
        record(
            "api_token.revoke",
            actor=actor,
            actor_name=actor_name,
            object_type="api_token",
            object_id=locked.pk,
            region_code=getattr(locked.user, "region_id", None) or "",
            before={"revoked": False},
            after={"revoked": True, "name": locked.name, "prefix": locked.prefix},
            request=request,
        )
    token.revoked_at = locked.revoked_at
    return True


def revoke_all(user: User) -> int:
    """Revoke every token of `user` whose password just changed (registered with
    `layak.accounts.models.on_password_change`, so every way of setting a password does it):
    a token made with the old password must not outlive it. One audit row per token."""
    now = timezone.now()
    revoked = 0
    for token in ApiToken.objects.select_for_update().filter(user=user, revoked_at__isnull=True):
        token.revoked_at = now
        token.save(update_fields=["revoked_at"])
        record(
            "api_token.revoke",
            object_type="api_token",
            object_id=token.pk,
            region_code=getattr(user, "region_id", None) or "",
            before={"revoked": False},
            after={
                "revoked": True,
                "name": token.name,
                "prefix": token.prefix,
                "reason": "password_change",
            },
        )
        revoked += 1
    return revoked


def token_for(text: str) -> ApiToken | None:
    """The active, unexpired token with this text whose owner is active; None otherwise."""
    if not text.startswith(PREFIX) or len(text) > 100:
        return None
    now = timezone.now()
    token = (
        ApiToken.objects.select_related("user", "user__region")
        .filter(
            digest=digest_of(text),
            revoked_at__isnull=True,
            expires_at__gt=now,
            user__is_active=True,
        )
        .first()
    )
    if token is None:
        return None
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
