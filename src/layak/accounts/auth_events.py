"""Log-ins, log-outs and failed log-ins go to the audit log (the username, never a password)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from layak.accounts.models import User
from layak.audit.log import record


@receiver(user_logged_in)
def _logged_in(sender: Any, request: HttpRequest, user: User, **kwargs: Any) -> None:
    record(
        "auth.login",
        actor=user,
        object_type="user",
        object_id=user.pk,
        request=request,
        region_code=getattr(user, "region_id", "") or "",
    )


@receiver(user_logged_out)
def _logged_out(sender: Any, request: HttpRequest, user: User | None, **kwargs: Any) -> None:
    if user is not None:
        record("auth.logout", actor=user, object_type="user", object_id=user.pk, request=request)


@receiver(user_login_failed)
def _login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    username = str(credentials.get("username", ""))[:150]
    record("auth.login_failed", actor_name=username, object_type="user", request=request)
