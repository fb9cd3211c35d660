"""Log-in, log-out, the language switch and the icon browsers ask for by default."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import logout as end_session
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.templatetags.static import static
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.i18n import set_language as django_set_language

from layak.accounts.confirm import mark_confirmed
from layak.accounts.middleware import mark_signed_in
from layak.accounts.policy import allow, public
from layak.accounts.roles import ALL_ROLES


class LoginView(auth_views.LoginView):
    template_name = "web/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        response = super().form_valid(form)
        # The session's absolute lifetime starts now, and the password was just typed (the
        # token page asks for it again only after PASSWORD_CONFIRM_MINUTES).
        mark_signed_in(self.request)
        mark_confirmed(self.request)
        return response


login = public(require_http_methods(["GET", "POST"])(LoginView.as_view()))


@require_POST
@allow(*ALL_ROLES)
def logout(request: HttpRequest) -> HttpResponse:
    end_session(request)
    return redirect("login")


@public
@require_http_methods(["GET", "POST"])
def set_language(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    return django_set_language(request)


@public
@require_GET
def favicon(request: HttpRequest) -> HttpResponse:
    """/favicon.ico, which browsers ask for without reading the page: our SVG icon (the pages
    link it themselves), so the request is not a 404 in every log."""
    return redirect(static("layak/favicon.svg"))
