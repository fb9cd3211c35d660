"""The inbox: the list, opening a notice (marks it read and goes to the work), all read, and
the person's e-mail choice."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from layak.accounts.policy import allow
from layak.accounts.roles import ALL_ROLES
from layak.accounts.typing import SignedInRequest
from layak.notices import services
from layak.notices.forms import PreferenceForm
from layak.notices.lookups import notice_for
from layak.notices.queries import inbox as inbox_lines
from layak.web.forms import form_page


@require_GET
@allow(*ALL_ROLES)
def inbox(request: SignedInRequest) -> HttpResponse:
    only_unread = request.GET.get("belum") == "1"
    return render(
        request,
        "notices/inbox.html",
        {"lines": inbox_lines(request.user, only_unread), "only_unread": only_unread},
    )


@require_GET
@allow(*ALL_ROLES)
def open_notice(request: SignedInRequest, notice_id: int) -> HttpResponse:
    notice = notice_for(request.user, notice_id)
    services.mark_read(request.user, notice)
    # A notice links only inside Layak (its path is made by the services with reverse()).
    if not url_has_allowed_host_and_scheme(notice.url, allowed_hosts=None):
        return redirect("notices:inbox")
    return redirect(notice.url)


@require_POST
@allow(*ALL_ROLES)
def all_read(request: SignedInRequest) -> HttpResponse:
    count = services.mark_all_read(request.user)
    done = _("%(count)s pemberitahuan ditandai sudah dibaca.") % {"count": count}
    messages.success(request, done)
    return redirect("notices:inbox")


@require_http_methods(["GET", "POST"])
@allow(*ALL_ROLES)
def preferences(request: SignedInRequest) -> HttpResponse:
    form = PreferenceForm(
        request.POST or None, initial={"email": services.email_choice(request.user)}
    )

    def save() -> HttpResponse:
        services.set_email_choice(request.user, form.cleaned_data["email"], request=request)
        messages.success(request, _("Pilihan pemberitahuan disimpan."))
        return redirect("notices:inbox")

    return form_page(
        request, form, "notices/preferences.html", {"has_email": bool(request.user.email)}, save
    )
