"""The *Token API* page: a signed-in staff member creates (shown once) and revokes their own
personal API tokens. Creating one needs the password typed within PASSWORD_CONFIRM_MINUTES
(log-in counts): a session left open on someone's desk must not mint a credential that
outlives it. The password is checked like a log-in (layak.accounts.confirm)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from layak.accounts.confirm import (
    count_wrong_password,
    mark_confirmed,
    recently_confirmed,
    refused_while_locked,
)
from layak.accounts.models import User
from layak.accounts.policy import allow
from layak.accounts.roles import STAFF
from layak.accounts.typing import SignedInRequest
from layak.api.models import ApiToken
from layak.api.tokens import create_token, revoke_token


def _me(request: SignedInRequest) -> User:
    return request.user  # @allow has let in only signed-in staff


def _page(request: SignedInRequest, created: str = "", status: int = 200) -> HttpResponse:
    tokens = ApiToken.objects.filter(user=_me(request))
    context = {
        "tokens": tokens,
        "created": created,
        "confirm_needed": not recently_confirmed(request),
        "confirm_minutes": settings.PASSWORD_CONFIRM_MINUTES,
        "token_days": settings.LAYAK_API_TOKEN_DAYS,
    }
    return render(request, "api/tokens.html", context, status=status)


def _confirmed(request: SignedInRequest) -> bool:
    """True when the password typed now is right (asked when the last proof is too old)."""
    typed = request.POST.get("password", "")
    if not typed:
        messages.error(request, _("Ketik kata sandi Anda untuk membuat token."))
        return False
    if not _me(request).check_password(typed):
        count_wrong_password(request, _me(request), "api_token")
        messages.error(request, _("Kata sandi salah; token tidak dibuat."))
        return False
    mark_confirmed(request)
    return True


@require_http_methods(["GET", "POST"])
@allow(*STAFF)
def tokens(request: SignedInRequest) -> HttpResponse:
    """GET lists the tokens; POST creates one and shows it this once (it is not stored)."""
    if request.method == "GET":
        return _page(request)
    name = request.POST.get("name", "").strip()
    if not name:
        messages.error(request, _("Beri token itu nama, mis. nama sistem yang memakainya."))
        return _page(request, status=400)
    if not recently_confirmed(request):
        locked = refused_while_locked(request, _me(request))
        if locked is not None:
            return locked
        if not _confirmed(request):
            return _page(request, status=400)
    _token, text = create_token(request.user, name, actor=request.user, request=request)
    return _page(request, created=text)


@require_POST
@allow(*STAFF)
def revoke(request: SignedInRequest, token_id: int) -> HttpResponse:
    token = ApiToken.objects.filter(pk=token_id, user=_me(request)).first()
    if token is None:  # someone else's token: no hint that it exists
        raise Http404
    if revoke_token(token, actor=request.user, request=request):
        messages.success(request, _("Token %(prefix)s… dicabut.") % {"prefix": token.prefix})
    return redirect("apitoken:list")
