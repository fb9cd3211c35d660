"""A signed-in person changes their own password (the validators refuse weak ones). The old
password is checked like a log-in: a wrong one counts towards the account's lockout and is
audited (layak.accounts.confirm)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.forms import PasswordChangeForm
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from layak.accounts.auth_events import record_about
from layak.accounts.confirm import count_wrong_password, mark_confirmed, refused_while_locked
from layak.accounts.policy import allow
from layak.accounts.roles import ALL_ROLES
from layak.accounts.typing import SignedInRequest


class OwnPasswordChangeForm(PasswordChangeForm):
    def save(self, commit: bool = True) -> Any:
        # Typed by its owner: this is the change that lifts "must change at next log-in".
        self.user.set_password(self.cleaned_data["new_password1"], by_owner=True)
        if commit:
            self.user.save()
        return self.user


@require_http_methods(["GET", "POST"])
@allow(*ALL_ROLES)
def password(request: SignedInRequest) -> HttpResponse:
    if request.method == "POST":
        locked = refused_while_locked(request, request.user)
        if locked is not None:
            return locked
    form = OwnPasswordChangeForm(request.user, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            user = form.save()
            record_about(
                user,
                "auth.password_change",
                actor=user,
                request=request,
                after={"changed": True},  # never the password, not even masked
            )
        # This session stays signed in; every other session of the account ends.
        update_session_auth_hash(request, user)
        mark_confirmed(request)
        messages.success(
            request,
            _("Kata sandi diganti. Sesi lain dan token API akun ini sudah diakhiri."),
        )
        return redirect("home")
    if form.has_error("old_password", "password_incorrect"):
        count_wrong_password(request, request.user, "password_change")
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/password.html", {"form": form}, status=status)
