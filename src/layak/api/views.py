"""The *Token API* page: a signed-in staff member creates (shown once) and revokes their own
personal API tokens."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from layak.api.models import ApiToken
from layak.api.tokens import create_token, revoke_token
from layak.web.access import STAFF, allow


def _me(request: HttpRequest) -> Any:
    return request.user  # @allow has let in only signed-in staff


def _page(request: HttpRequest, created: str = "", status: int = 200) -> HttpResponse:
    tokens = ApiToken.objects.filter(user=_me(request))
    context = {"tokens": tokens, "created": created}
    return render(request, "api/tokens.html", context, status=status)


@require_http_methods(["GET", "POST"])
@allow(*STAFF)
def tokens(request: HttpRequest) -> HttpResponse:
    """GET lists the tokens; POST creates one and shows it this once (it is not stored)."""
    if request.method == "GET":
        return _page(request)
    name = request.POST.get("name", "").strip()
    if not name:
        messages.error(request, _("Beri token itu nama, mis. nama sistem yang memakainya."))
        return _page(request, status=400)
    _token, text = create_token(request.user, name, actor=request.user, request=request)
    return _page(request, created=text)


@require_POST
@allow(*STAFF)
def revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    token = ApiToken.objects.filter(pk=token_id, user=_me(request)).first()
    if token is None:  # someone else's token: no hint that it exists
        raise Http404
    if revoke_token(token, actor=request.user, request=request):
        messages.success(request, _("Token %(prefix)s… dicabut.") % {"prefix": token.prefix})
    return redirect("apitoken:list")
