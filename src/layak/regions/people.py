"""The people of a region, kept on the web: an administrator every account, a secretariat its
own region's staff (layak.accounts.policy). Create with a handed-over password, change the role,
deactivate, reset the password, unlock after a lockout; each one call of
layak.accounts.services, which `layak add-user` shares."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from layak.accounts import services
from layak.accounts.models import User
from layak.accounts.policy import allow
from layak.accounts.roles import MANAGERS
from layak.accounts.typing import SignedInRequest
from layak.core.messages import InputError
from layak.regions.forms import AccountForm
from layak.regions.lookups import account_for, kept_by
from layak.web.errors import problems_by_field, request_lang
from layak.web.forms import form_page

# The accounts an administrator or a secretariat keeps (layak.accounts.services).


@require_GET
@allow(*MANAGERS)
def people(request: SignedInRequest) -> HttpResponse:
    return render(request, "regions/people.html", {"accounts": kept_by(request.user)})


def _password_page(request: SignedInRequest, account: User, password: str) -> HttpResponse:
    """The handed-over password, shown once (never stored where it could be read again)."""
    return render(request, "regions/handed_over.html", {"account": account, "password": password})


@require_http_methods(["GET", "POST"])
@allow(*MANAGERS)
def person_new(request: SignedInRequest) -> HttpResponse:
    form = AccountForm(request.POST or None, by=request.user)

    def save() -> HttpResponse:
        account = form.save(commit=False)
        password = services.create_account(account, by=request.user, request=request)
        return _password_page(request, account, password)

    return form_page(request, form, "regions/person_form.html", {"account": None}, save)


@require_http_methods(["GET", "POST"])
@allow(*MANAGERS)
def person(request: SignedInRequest, account_id: int) -> HttpResponse:
    account = account_for(request.user, account_id)
    form = AccountForm(request.POST or None, instance=account, by=request.user)

    def save() -> HttpResponse:
        saved = services.save_account(form.save(commit=False), by=request.user, request=request)
        messages.success(request, _("Akun %(username)s disimpan.") % {"username": saved.username})
        return redirect("regions:person", account_id=saved.pk)

    context = {"account": account, "failures": services.failed_log_ins(account)}
    return form_page(request, form, "regions/person_form.html", context, save)


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
    return redirect("regions:person", account_id=account.pk)


@require_POST
@allow(*MANAGERS)
def person_reset(request: SignedInRequest, account_id: int) -> HttpResponse:
    account = account_for(request.user, account_id)
    try:
        password = services.reset_password(account, by=request.user, request=request)
    except InputError as error:
        _refusal_as_messages(request, error)
        return redirect("regions:person", account_id=account.pk)
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
    return redirect("regions:person", account_id=account.pk)
