"""Log-ins, log-outs and failed log-ins go to the audit log (the username, never a password);
`record_about` writes the audit row of any event of one account."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from layak.accounts.models import User
from layak.audit.log import record


def record_about(
    account: User, action: str, *, actor: User | None, request: HttpRequest | None, **change: Any
) -> None:
    """The audit row of an event of an account, logged against the account and the region it
    is bound to (in a write's transaction where there is one). `actor` None is the server's
    operator."""
    record(
        action,
        actor=actor,
        object_type="user",
        object_id=account.pk,
        region_code=account.region_id or "",
        request=request,
        **change,
    )


@receiver(user_logged_in)
def _logged_in(sender: Any, request: HttpRequest, user: User, **kwargs: Any) -> None:
    record_about(user, "auth.login", actor=user, request=request)


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
