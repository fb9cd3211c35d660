"""The child's pages, made for a phone: where the forum's aspirations stand, and a new one."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from layak.accounts.policy import allow
from layak.accounts.roles import Role
from layak.accounts.typing import SignedInRequest
from layak.core import aspirations as flow
from layak.forum import policy as rules
from layak.forum import services
from layak.forum.forms import AspirationForm
from layak.forum.models import TOPICS, Aspiration, ForumGroup
from layak.web.forms import form_page


def _own_forum(request: SignedInRequest) -> ForumGroup:
    forum = rules.forum_of(request.user)
    if forum is None:  # an account not yet linked to a forum
        raise Http404
    return forum


# The child's words for each step. Staff say "diterima" for "received", but a child reads it
# as "accepted into a programme": the child's pages never use the staff's status names.
CHILD_STEPS = {
    flow.Status.RECEIVED: pgettext_lazy("child step", "Sudah kami terima"),
    flow.Status.DISCUSSED: pgettext_lazy("child step", "Dibahas di rapat"),
    flow.Status.ACCEPTED: pgettext_lazy("child step", "Jadi rencana kota"),
    flow.Status.DECLINED: pgettext_lazy("child step", "Belum bisa"),
    flow.Status.DONE: pgettext_lazy("child step", "Sudah terwujud"),
}


def child_view(aspiration: Aspiration) -> dict[str, Any]:
    """What the child's card needs: the steps in the child's words, each reached or not (a
    declined one stops at the third), and the status in friendly words."""
    status = aspiration.status_enum
    declined = status is flow.Status.DECLINED
    steps = []
    for step, reached in flow.progress(status):
        stop = declined and step is flow.Status.ACCEPTED
        words = CHILD_STEPS[flow.Status.DECLINED if stop else step]
        steps.append({"words": str(words), "reached": reached, "stop": stop})
    return {"a": aspiration, "steps": steps, "declined": declined}


@require_GET
@allow(Role.FORUM_ANAK)
def mine(request: SignedInRequest) -> HttpResponse:
    forum = _own_forum(request)
    # Each account follows what it sent: another child of the same forum reads none of it.
    rows = (
        Aspiration.objects.filter(forum=forum, submitted_by_id=request.user.pk)
        .select_related("agency", "place")
        .order_by("-submitted_at", "-pk")
    )
    return render(
        request,
        "forum/mine.html",
        {"forum": forum, "cards": [child_view(a) for a in rows], "topics": dict(TOPICS)},
    )


@require_http_methods(["GET", "POST"])
@allow(Role.FORUM_ANAK)
def submit(request: SignedInRequest) -> HttpResponse:
    forum = _own_forum(request)
    form = AspirationForm(request.POST or None, city_code=forum.city_id)

    def save() -> HttpResponse:
        data = form.cleaned_data
        services.submit_aspiration(
            request.user,
            forum,
            topic=data["topic"],
            text=data["text"],
            place=data["place"],
            on_behalf=data["on_behalf"],
            request=request,
        )
        messages.success(request, _("Terima kasih! Aspirasimu sudah terkirim."))
        return redirect("forum:mine")

    return form_page(request, form, "forum/submit.html", {"forum": forum}, save)
