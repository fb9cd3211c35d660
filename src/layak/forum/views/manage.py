"""The forums of a city: decree, members, consent and facilitators. Staff who see the region
read decrees and counts; the secretariat (and administrators) keep everything, and only they see
children's consent records."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from layak.accounts.policy import allow
from layak.accounts.roles import FORUM_PAGES, MANAGERS, STAFF
from layak.accounts.typing import SignedInRequest
from layak.audit.log import record
from layak.core.messages import InputError
from layak.files.download import download_stored
from layak.files.inspect import content_type_of
from layak.forum import lookups, services
from layak.forum import policy as rules
from layak.forum.forms import ConsentForm, FacilitatorForm, ForumForm, MemberForm
from layak.forum.models import AgeBand, ChildMember, Facilitator, ForumGroup, ForumRole
from layak.web.errors import request_lang
from layak.web.forms import form_page


def _chosen(request: HttpRequest, code: str) -> str:
    return "" if code == getattr(request.user, "region_id", None) else f"?wilayah={code}"


@require_GET
@allow(*STAFF)  # every forum of a city with its counts: a staff page, not a child's
def groups(request: SignedInRequest) -> HttpResponse:
    city = lookups.city_for(request)
    if city is None:
        cities = lookups.cities_with_forums(request.user)
        return render(request, "forum/choose_city.html", {"cities": cities})
    user = request.user
    return render(
        request,
        "forum/groups.html",
        {
            "city": city,
            "rows": services.member_counts(city.code),
            "bands": AgeBand.choices,
            "manages": rules.manages(user, city.code),
            "chosen": _chosen(request, city.code),
        },
    )


@require_GET
@allow(*FORUM_PAGES)
def group(request: SignedInRequest, forum_id: int) -> HttpResponse:
    user = request.user
    forum = lookups.forum_for(user, forum_id)
    sees_members = rules.sees_members(user, forum)
    sees_consent = rules.sees_consent(user, forum.city_id)
    members = ChildMember.objects.filter(forum=forum).select_related("kelurahan")
    if sees_consent:
        members = members.select_related("consent")
    counts = next(r for r in services.member_counts(forum.city_id) if r["forum"].pk == forum.pk)
    return render(
        request,
        "forum/group.html",
        {
            "forum": forum,
            "counts": counts,
            "bands": AgeBand.choices,
            "members": sorted(members, key=_member_order) if sees_members else None,
            "sees_consent": sees_consent,
            "facilitators": forum.facilitators.all(),
            "manages": rules.manages(user, forum.city_id),
        },
    )


ROLE_ORDER = {value: i for i, (value, _label) in enumerate(ForumRole.choices)}


def _member_order(member: ChildMember) -> tuple[bool, int, int]:
    """Active members first, the chair before the members."""
    return (not member.active, ROLE_ORDER.get(member.role, 99), member.pk)


@require_http_methods(["GET", "POST"])
@allow(*MANAGERS)
def group_edit(request: SignedInRequest, forum_id: int | None = None) -> HttpResponse:
    if forum_id is not None:
        forum = lookups.managed_forum(request.user, forum_id)
        city = forum.city
    else:
        found = lookups.city_for(request)
        if found is None or not rules.manages(request.user, found.code):
            raise Http404
        city, forum = found, ForumGroup(city=found)
    form = ForumForm(request.POST or None, request.FILES or None, instance=forum, city=city)

    def save() -> HttpResponse:
        decree = form.cleaned_data.get("decree") or None
        saved = services.save_forum(request.user, forum, decree=decree, request=request)
        messages.success(request, _("Forum Anak disimpan."))
        return redirect("forum:group", forum_id=saved.pk)

    context = {"forum": forum, "city": city}
    return form_page(request, form, "forum/group_form.html", context, save)


@require_GET
@allow(*FORUM_PAGES)
def decree(request: SignedInRequest, forum_id: int) -> FileResponse:
    forum = lookups.forum_for(request.user, forum_id)
    if not forum.sk_file:
        raise Http404
    extension = forum.sk_file.rsplit(".", 1)[-1]
    record(
        "forum.decree.download",
        actor=request.user,
        object_type="forum_anak",
        object_id=forum.pk,
        region_code=forum.city_id,
        request=request,
    )
    return download_stored(
        forum.sk_file,
        filename=f"SK-forum-anak-{forum.pk}.{extension}",
        content_type=content_type_of(extension),
    )


@require_http_methods(["GET", "POST"])
@allow(*MANAGERS)
def member_new(request: SignedInRequest, forum_id: int) -> HttpResponse:
    forum = lookups.managed_forum(request.user, forum_id)
    default = forum.region if forum.level == 4 else None
    member = ChildMember(forum=forum, kelurahan=default)
    post = request.POST or None
    form = MemberForm(post, instance=member, city_code=forum.city_id)
    consent = ConsentForm(post, optional=True)

    def save() -> HttpResponse:
        services.add_member(
            request.user,
            member,
            consent=consent.instance if consent.given() else None,
            active=form.cleaned_data["active"],
            request=request,
        )
        messages.success(request, _("Anggota ditambahkan."))
        return redirect("forum:group", forum_id=forum.pk)

    context = {"consent_form": consent, "forum": forum}
    return form_page(request, form, "forum/member_form.html", context, save, also=[consent])


@require_http_methods(["GET", "POST"])
@allow(*MANAGERS)
def member_edit(request: SignedInRequest, member_id: int) -> HttpResponse:
    member = lookups.managed_member(request.user, member_id)
    form = MemberForm(request.POST or None, instance=member, city_code=member.forum.city_id)

    def save() -> HttpResponse:
        member.active = form.cleaned_data["active"]
        services.update_member(request.user, member, request=request)
        messages.success(request, _("Anggota disimpan."))
        return redirect("forum:group", forum_id=member.forum_id)

    def context() -> dict[str, Any]:
        return _member_context(member, form)

    return form_page(request, form, "forum/member_form.html", context, save)


def _member_context(
    member: ChildMember, form: Any, consent_form: ConsentForm | None = None
) -> dict[str, Any]:
    consent = getattr(member, "consent", None)
    return {
        "form": form,
        "forum": member.forum,
        "member": member,
        "consent": consent,
        "consent_form": consent_form or (ConsentForm() if consent is None else None),
    }


@require_POST
@allow(*MANAGERS)
def member_consent(request: SignedInRequest, member_id: int) -> HttpResponse:
    member = lookups.managed_member(request.user, member_id)
    form = ConsentForm(request.POST)

    def save() -> HttpResponse:
        services.record_consent(request.user, member, form.instance, request=request)
        messages.success(request, _("Persetujuan orang tua/wali dicatat."))
        return redirect("forum:member_edit", member_id=member.pk)

    def context() -> dict[str, Any]:
        edit = MemberForm(instance=member, city_code=member.forum.city_id)
        return _member_context(member, edit, form)

    return form_page(request, form, "forum/member_form.html", context, save)


@require_POST
@allow(*MANAGERS)
def member_withdraw(request: SignedInRequest, member_id: int) -> HttpResponse:
    member = lookups.managed_member(request.user, member_id)
    try:
        services.withdraw_consent(request.user, member, request=request)
    except InputError as error:
        messages.error(request, error.render(request_lang(request)))
    else:
        messages.success(
            request, _("Persetujuan dicabut: anggota dinonaktifkan dan nama panggilannya dihapus.")
        )
    return redirect("forum:group", forum_id=member.forum_id)


@require_http_methods(["GET", "POST"])
@allow(*MANAGERS)
def facilitator_edit(
    request: SignedInRequest, forum_id: int | None = None, facilitator_id: int | None = None
) -> HttpResponse:
    if facilitator_id is not None:
        facilitator = lookups.managed_facilitator(request.user, facilitator_id)
    else:
        assert forum_id is not None  # noqa: S101 - one of the two routes
        facilitator = Facilitator(forum=lookups.managed_forum(request.user, forum_id))
    form = FacilitatorForm(request.POST or None, instance=facilitator)

    def save() -> HttpResponse:
        services.save_facilitator(request.user, facilitator, request=request)
        messages.success(request, _("Pendamping disimpan."))
        return redirect("forum:group", forum_id=facilitator.forum_id)

    context = {"forum": facilitator.forum, "facilitator": facilitator}
    return form_page(request, form, "forum/facilitator_form.html", context, save)
