"""A signed-in person changes their own password (the validators refuse weak ones)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.forms import PasswordChangeForm
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from layak.audit.log import record
from layak.web.access import ALL_ROLES, allow


@require_http_methods(["GET", "POST"])
@allow(*ALL_ROLES)
def password(request: HttpRequest) -> HttpResponse:
    form = PasswordChangeForm(request.user, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            user = form.save()
            record(
                "auth.password_change",
                actor=user,
                object_type="user",
                object_id=user.pk,
                region_code=getattr(user, "region_id", None) or "",
                after={"changed": True},  # never the password, not even masked
                request=request,
            )
        # This session stays signed in; every other session of the account ends.
        update_session_auth_hash(request, user)
        messages.success(request, _("Kata sandi diganti. Sesi lain akun ini sudah diakhiri."))
        return redirect("home")
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/password.html", {"form": form}, status=status)
