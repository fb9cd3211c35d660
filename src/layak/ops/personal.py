"""`layak export-personal-data`: everything Layak holds about one account (UU PDP art. 7, 32), or
about one Forum Anak child member, as JSON or text. Exports are audited."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.utils import timezone

from layak.accounts.models import User
from layak.audit.log import record
from layak.audit.models import AuditEvent
from layak.forum.models import ChildMember
from layak.ops.errors import OpsRefused
from layak.ops.records import plain, row

SKIPPED_MODELS = frozenset({"audit.auditevent"})


def find_user(username: str) -> User:
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise OpsRefused(
            f"--pengguna {username}: akun ini tidak ada", f"--pengguna {username}: no such account"
        )
    return user


def _account(user: User) -> dict[str, Any]:
    data = {
        "username": user.username,
        "nama": user.get_full_name(),
        "email": user.email,
        "peran": user.role,
        "aktif": user.is_active,
        "bergabung": plain(user.date_joined),
        "masuk_terakhir": plain(user.last_login),
        "wilayah": None,
        "opd": None,
        "unit": user.unit_id,
        "klaster": user.cluster,
    }
    if user.region is not None:
        data["wilayah"] = {"kode": user.region_id, "nama": user.region.name}
    if user.agency is not None:
        data["opd"] = {"singkatan": user.agency.short_name, "nama": user.agency.name}
    return data


def _organisation(user: User) -> dict[str, Any] | None:
    stakeholder = getattr(user, "stakeholder_account", None)
    if stakeholder is not None:
        org = stakeholder.organisation
        return {"jenis": "mitra", "id": org.pk, "nama": org.name}
    forum = getattr(user, "forum_account", None)
    if forum is not None:
        return {"jenis": "forum_anak", "id": forum.forum_id, "nama": forum.forum.name}
    if user.agency is not None:
        return {"jenis": "opd", "id": user.agency_id, "nama": user.agency.name}
    return None


def _user_links() -> list[tuple[type[models.Model], models.Field[Any, Any]]]:
    """Every (model, column) that names an account, across all apps, present and future."""
    user_model = get_user_model()
    links = []
    for model in apps.get_models():
        if model._meta.label_lower in SKIPPED_MODELS or model is user_model:
            continue
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is user_model:
                links.append((model, field))
    return links


def authored(user: User) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for model, field in _user_links():
        rows = [row(obj) for obj in model._default_manager.filter(**{field.name: user})]
        if rows:
            entry = found.setdefault(model._meta.label_lower, {"kolom": [], "baris": []})
            entry["kolom"].append(field.name)
            known = {r.get("id", r.get("pk")) for r in entry["baris"]}
            entry["baris"].extend(r for r in rows if r.get("id", r.get("pk")) not in known)
    return found


def _event(event: AuditEvent) -> dict[str, Any]:
    return {
        "waktu": plain(event.at),
        "pelaku": event.actor_name,
        "tindakan": event.action,
        "objek": event.object_type,
        "id_objek": event.object_id,
        "wilayah": event.region_code,
        "ip": event.ip,
        "sebelum": event.before,
        "sesudah": event.after,
    }


def export_user(username: str) -> dict[str, Any]:
    user = find_user(username)
    by_them = AuditEvent.objects.filter(actor=user).order_by("at", "id")
    about_them = AuditEvent.objects.filter(object_type="user", object_id=str(user.pk)).exclude(
        actor=user
    )
    data = {
        "dibuat": plain(timezone.now()),
        "akun": _account(user),
        "organisasi": _organisation(user),
        "catatan_yang_menyebut": authored(user),
        "jejak_audit_oleh": [_event(e) for e in by_them],
        "jejak_audit_tentang": [_event(e) for e in about_them.order_by("at", "id")],
    }
    _audit_export("user", user.pk, user.region_id or "")
    return data


def export_member(member_id: int) -> dict[str, Any]:
    """A Forum Anak child member: not an account, so asked for by the member's number."""
    member = ChildMember.objects.select_related("forum", "kelurahan").filter(pk=member_id).first()
    if member is None:
        raise OpsRefused(
            f"--anggota-forum {member_id}: anggota Forum Anak ini tidak ada",
            f"--anggota-forum {member_id}: no such Forum Anak member",
        )
    consent = getattr(member, "consent", None)
    events = AuditEvent.objects.for_object("forum_member", member.pk).order_by("at", "id")
    data = {
        "dibuat": plain(timezone.now()),
        "anggota_forum_anak": {
            **row(member),
            "forum": member.forum.name,
            "kelurahan_nama": member.kelurahan.name,
        },
        "persetujuan": None
        if consent is None
        else {**row(consent), "dicatat_oleh": consent.recorded_by.username},
        "jejak_audit_tentang": [_event(e) for e in events],
    }
    _audit_export("forum_member", member.pk, member.forum.city_id)
    return data


def _audit_export(object_type: str, object_id: object, region: str) -> None:
    with transaction.atomic():
        record(
            "personal_data.export",
            actor_name="layak export-personal-data",
            object_type=object_type,
            object_id=object_id,
            region_code=region,
        )
