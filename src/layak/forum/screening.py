"""The children's names the system holds, for `layak.evidence.screening`: each member's
nickname (while it is kept) → their role, "Ketua Forum Anak" (docs/forum-anak.md)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from layak.forum.models import ChildMember, ForumRole


def child_roles(region_code: str) -> dict[str, str]:
    """The nicknames of every forum of the city `region_code` lies in (its kecamatan and
    kelurahan forums too): a child of a kelurahan forum may sit in the city's meeting."""
    city = ".".join(region_code.split(".")[:2])
    names: dict[str, str] = {}
    members = ChildMember.objects.filter(forum__city_id=city).exclude(nickname="")
    for nickname, role in members.order_by("pk").values_list("nickname", "role"):
        label = ForumRole(role).label if role in ForumRole.values else _("Anggota")
        names[nickname] = _("%(role)s Forum Anak") % {"role": label}
    return names
