"""`layak trace-breach`: who may be affected when an account was misused in a time window.

Two sources: the audit log (what the account did, and which people its events name directly)
and the account's scope (whom it could read at all: accounts, Forum Anak members, facilitators,
task-force members, partner contacts and KHA training participants of the regions it sees).
The scope is taken from the account's role and region even if it has since been deactivated.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone

from layak.accounts.models import User
from layak.accounts.roles import MANAGERS, NATION_READERS, OUTSIDERS, Role
from layak.audit.models import AuditEvent
from layak.forum.models import ChildMember, Facilitator
from layak.gugus.models import Member
from layak.mitra.models import Organisation
from layak.ops.errors import OpsRefused
from layak.ops.personal import find_user
from layak.registries.models import Participant

# Roles that read children's member records (nicknames): the forum's keepers.


def parse_day(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise OpsRefused(
            f"{option} {text!r}: tanggal harus bertulis TTTT-BB-HH, mis. 2026-03-31",
            f"{option} {text!r}: the date must be YYYY-MM-DD, e.g. 2026-03-31",
        ) from None


def _window(start: date, end: date) -> tuple[datetime, datetime]:
    if end < start:
        raise OpsRefused(
            f"--sampai {end} sebelum --dari {start}", f"--sampai {end} is before --dari {start}"
        )
    zone = timezone.get_current_timezone()
    return (
        datetime.combine(start, time.min, zone),
        datetime.combine(end + timedelta(days=1), time.min, zone),
    )


def _regions(user: User, field: str) -> Q | None:
    """Regions the account's role reads (None: none at all), from role and region alone."""
    role = Role(user.role)
    if role in NATION_READERS:
        return Q()
    if not user.region_id:
        return None
    if role is Role.PROVINCIAL_VERIFIER:
        return Q(**{f"{field}__code__startswith": f"{user.region_id}."})
    if role in OUTSIDERS:
        return None
    return Q(**{field: user.region_id})


def _direct(user: User, events: list[AuditEvent]) -> dict[str, list[str]]:
    """People named by the account's own events (other accounts, Forum Anak members)."""
    people: dict[str, set[str]] = {"akun": set(), "anggota_forum_anak": set()}
    for event in events:
        if event.object_type == "user" and event.object_id:
            people["akun"].add(event.object_id)
        if event.object_type == "forum_member" and event.object_id:
            people["anggota_forum_anak"].add(event.object_id)
        if event.object_type == "forum_account" and isinstance(event.after, dict):
            people["akun"].add(str(event.after.get("user", "")))
    ids = [i for i in people["akun"] if i.isdigit()]
    accounts = get_user_model().objects.filter(pk__in=ids).exclude(pk=user.pk)
    return {
        "akun": sorted(u.username for u in accounts),
        "anggota_forum_anak": sorted(people["anggota_forum_anak"], key=lambda i: (len(i), i)),
    }


def _reach(user: User, until: datetime) -> dict[str, list[dict[str, Any]]]:
    role = Role(user.role)
    users = get_user_model().objects.exclude(pk=user.pk).filter(date_joined__lt=until)
    found: dict[str, list[dict[str, Any]]] = {}
    scope = _regions(user, "region")
    if scope is not None:
        found["akun"] = [
            {"id": u.pk, "username": u.username, "nama": u.get_full_name(), "email": u.email}
            for u in users.filter(scope).order_by("username")
        ]
        found["pendamping_forum_anak"] = [
            {"id": f.pk, "nama": f.name, "forum": f.forum_id}
            for f in Facilitator.objects.filter(_regions(user, "forum__city") or Q())
        ]
        found["anggota_gugus_tugas"] = [
            {"id": m.pk, "nama": m.name, "sk": m.decree_id}
            for m in Member.objects.filter(_regions(user, "decree__region") or Q())
        ]
        found["peserta_pelatihan_kha"] = [
            {"id": p.pk, "nama": p.name, "opd": p.agency_id, "pelatihan": p.event_id}
            for p in Participant.objects.filter(
                _regions(user, "event__region") or Q(), created_at__lt=until
            ).order_by("pk")
        ]
        found["kontak_mitra"] = [
            {"id": o.pk, "organisasi": o.name, "kontak": o.contact}
            for o in Organisation.objects.filter(_regions(user, "region") or Q()).exclude(
                contact=""
            )
        ]
    members = ChildMember.objects.filter(created_at__lt=until)
    if role in MANAGERS and scope is not None:
        members = members.filter(_regions(user, "forum__city") or Q())
    elif role is Role.FORUM_ANAK and hasattr(user, "forum_account"):
        members = members.filter(forum_id=user.forum_account.forum_id)
    else:
        members = members.none()
    # Children are listed by number: the secretariat looks them up to inform their guardians.
    found["anggota_forum_anak"] = [
        {"id": m.pk, "forum": m.forum_id, "kelurahan": m.kelurahan_id, "aktif": m.active}
        for m in members.order_by("pk")
    ]
    return found


def query(username: str, start: date, end: date) -> dict[str, Any]:
    user = find_user(username)
    since, until = _window(start, end)
    events = list(
        AuditEvent.objects.filter(Q(actor=user) | Q(actor_name=user.username))
        .filter(at__gte=since, at__lt=until)
        .order_by("at", "id")
    )
    actions: dict[str, int] = {}
    for event in events:
        actions[event.action] = actions.get(event.action, 0) + 1
    return {
        "akun": {"username": user.username, "peran": user.role, "wilayah": user.region_id},
        "dari": start.isoformat(),
        "sampai": end.isoformat(),
        "kegiatan": {
            "peristiwa": len(events),
            "pertama": events[0].at.isoformat() if events else None,
            "terakhir": events[-1].at.isoformat() if events else None,
            "alamat_ip": sorted({e.ip for e in events if e.ip}),
            "tindakan": dict(sorted(actions.items())),
        },
        "disentuh_langsung": _direct(user, events),
        "dapat_dijangkau": _reach(user, until),
    }
