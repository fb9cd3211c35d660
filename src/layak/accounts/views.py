"""A signed-in person changes their own password (the validators refuse weak ones). The old
password is checked like a log-in: a wrong one counts towards the account's lockout and is
audited (layak.accounts.confirm).

The account pages of the administrator (every account) and the secretariat (its own region's
staff): create with a handed-over password, change the role, deactivate, reset the password,
unlock after a lockout; each one service call (layak.accounts.services)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.forms import PasswordChangeForm
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from layak.accounts import services
from layak.accounts.confirm import count_wrong_password, mark_confirmed, refused_while_locked
from layak.accounts.forms import AccountForm
from layak.accounts.lookups import account_for, kept_by
from layak.accounts.models import User
from layak.accounts.policy import allow
from layak.accounts.roles import ALL_ROLES, MANAGERS
from layak.accounts.typing import SignedInRequest
from layak.audit.log import record
from layak.core.messages import InputError
from layak.web.errors import problems_by_field, request_lang
from layak.web.forms import form_page


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


# The accounts an administrator or a secretariat keeps (layak.accounts.services).


@require_GET
@allow(*MANAGERS)
def people(request: SignedInRequest) -> HttpResponse:
    return render(request, "accounts/people.html", {"accounts": kept_by(request.user)})


def _password_page(request: SignedInRequest, account: User, password: str) -> HttpResponse:
    """The handed-over password, shown once (never stored where it could be read again)."""
    return render(request, "accounts/handed_over.html", {"account": account, "password": password})


@require_http_methods(["GET", "POST"])
@allow(*MANAGERS)
def person_new(request: SignedInRequest) -> HttpResponse:
    form = AccountForm(request.POST or None, by=request.user)

    def save() -> HttpResponse:
        account = form.save(commit=False)
        password = services.create_account(account, by=request.user, request=request)
        return _password_page(request, account, password)

    return form_page(request, form, "accounts/person_form.html", {"account": None}, save)


@require_http_methods(["GET", "POST"])
@allow(*MANAGERS)
def person(request: SignedInRequest, account_id: int) -> HttpResponse:
    account = account_for(request.user, account_id)
    form = AccountForm(request.POST or None, instance=account, by=request.user)

    def save() -> HttpResponse:
        saved = services.save_account(form.save(commit=False), by=request.user, request=request)
        messages.success(request, _("Akun %(username)s disimpan.") % {"username": saved.username})
        return redirect("accounts:person", account_id=saved.pk)

    context = {"account": account, "failures": services.failed_log_ins(account)}
    return form_page(request, form, "accounts/person_form.html", context, save)


def _refusal_as_messages(request: SignedInRequest, error: InputError) -> None:
    for texts in problems_by_field(error, request_lang(request)).values():
        for text in texts:
            messages.error(request, text)


@require_POST
@allow(*MANAGERS)
def person_active(request: SignedInRequest, account_id: int) -> HttpResponse:
    account = account_for(request.user, account_id)
    active = request.POST.get("action") == "aktifkan"
    try:
        services.set_active(account, active=active, by=request.user, request=request)
    except InputError as error:
        _refusal_as_messages(request, error)
    else:
        messages.success(request, _("Akun diaktifkan.") if active else _("Akun dinonaktifkan."))
    return redirect("accounts:person", account_id=account.pk)


@require_POST
@allow(*MANAGERS)
def person_reset(request: SignedInRequest, account_id: int) -> HttpResponse:
    account = account_for(request.user, account_id)
    try:
        password = services.reset_password(account, by=request.user, request=request)
    except InputError as error:
        _refusal_as_messages(request, error)
        return redirect("accounts:person", account_id=account.pk)
    return _password_page(request, account, password)


@require_POST
@allow(*MANAGERS)
def person_unlock(request: SignedInRequest, account_id: int) -> HttpResponse:
    account = account_for(request.user, account_id)
    try:
        services.unlock(account, by=request.user, request=request)
    except InputError as error:
        _refusal_as_messages(request, error)
    else:
        messages.success(
            request, _("Kunci akun %(username)s dibuka.") % {"username": account.username}
        )
    return redirect("accounts:person", account_id=account.pk)
