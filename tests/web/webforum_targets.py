"""Concrete URLs of the Forum Anak pages for the authorisation matrix (test_web_access): the
`target` fixture hands every "forum:" name to `forum_target`.

"own" objects are the Kota Metro demo's (the city forum, its first member and facilitator, an
aspiration still waiting for Musrenbang); "other" is a forum of another city (Bandar Lampung),
with a member, a facilitator and an aspiration, which exists only for the people the matrix
asks about.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone

from tests.web.websupport import Target

METRO = "18.72"
CHOSEN = f"?wilayah={METRO}"  # people who see many regions name the one they mean


def _forum(variant: str) -> Any:
    from layak.forum.models import ForumGroup

    if variant == "own":
        return ForumGroup.objects.get(region_id=METRO)
    other, _ = ForumGroup.objects.get_or_create(
        region_id="18.71", defaults={"city_id": "18.71", "name": "Forum Anak Bandar Lampung"}
    )
    return other


def _member(forum: Any, consent: bool = True) -> Any:
    from layak.forum.models import ChildMember

    if consent:
        return ChildMember.objects.get(forum=forum, nickname="Dinda")
    return ChildMember.objects.create(
        forum=forum, nickname="Uji", age_band="13-15", kelurahan_id=f"{METRO}.01.1001"
    )


def _member_data(prefix_consent: bool) -> dict[str, str]:
    data = {
        "nickname": "Tari",
        "age_band": "13-15",
        "kelurahan": f"{METRO}.01.1003",
        "role": "anggota",
        "active": "on",
    }
    if prefix_consent:
        data.update(
            {
                "consent-relation": "ibu",
                "consent-given_on": timezone.localdate().isoformat(),
                "consent-method": "formulir",
            }
        )
    return data


def _paper_data() -> dict[str, str]:
    """An aspiration a child wrote on paper at a forum meeting, with the child's agreement."""
    return {
        "topic": "bermain",
        "text": "Taman di dekat sekolah perlu ayunan yang tidak rusak.",
        "written_on": timezone.localdate().isoformat(),
        "child_agreed": "on",
    }


def _elsewhere(name: str, forum: Any) -> Target | None:
    """Another city's member, facilitator or aspiration: not there for Kota Metro's keeper."""
    from layak.accounts.models import User
    from layak.forum.models import Aspiration, ChildMember, Facilitator
    from layak.regions.models import Region

    kelurahan = Region.objects.filter(level=4, code__startswith=f"{forum.city_id}.").first()
    assert kelurahan is not None
    if name in ("forum:member_new", "forum:facilitator_new"):
        data = _member_data(True) if name == "forum:member_new" else {"name": "Pendamping"}
        return Target(reverse(name, args=[forum.pk]), data)
    if name == "forum:paper_aspiration":
        return Target(reverse(name, args=[forum.pk]), _paper_data())
    if name in ("forum:member_edit", "forum:member_consent", "forum:member_withdraw"):
        member = ChildMember.objects.create(
            forum=forum, nickname="Lain", age_band="13-15", kelurahan=kelurahan
        )
        return Target(reverse(name, args=[member.pk]), _member_data(False))
    if name == "forum:facilitator_edit":
        facilitator = Facilitator.objects.create(forum=forum, name="Pendamping Lain")
        return Target(reverse(name, args=[facilitator.pk]), {"name": "Pendamping"})
    if name in ("forum:aspiration", "forum:aspiration_step"):
        aspiration = Aspiration.objects.create(
            forum=forum,
            city_id=forum.city_id,
            topic="aman",
            text="Lampu jalan di Bandar Lampung.",
            submitted_by=User.objects.get(username="admin"),
            submitted_at=timezone.now(),
        )
        data = {"status": "dibahas", "on": timezone.localdate().isoformat()}
        return Target(reverse(name, args=[aspiration.pk]), data)
    return None


def forum_target(name: str, username: str, variant: str) -> Target | None:
    from layak.core.aspirations import Status
    from layak.forum.documents import documents_by_year
    from layak.forum.models import Aspiration, Facilitator

    own = variant == "own"
    if name == "forum:mine":
        return Target(reverse(name)) if own else None
    if name == "forum:submit":
        data = {"topic": "bermain", "text": "Tolong tambah ayunan.", "on_behalf": "0"}
        return Target(reverse(name), data) if own else None
    if name in ("forum:groups", "forum:aspirations"):
        return Target(reverse(name) + CHOSEN) if own else None
    if name == "forum:aspirations_xlsx":  # Kota Metro's matrix; "other": Kota Banda Aceh's
        if own:
            return Target(reverse(name) + CHOSEN + f"&tahun={timezone.localdate().year}")
        limited = ("sari", "kartika", "budi", "dewi", "rina", "oki", "yosomulyo", "vina")
        return Target(reverse(name) + "?wilayah=11.71") if username in limited else None
    if name == "forum:document":
        year = next(y for y, kinds in documents_by_year(METRO).items() if "rekap" in kinds)
        return Target(reverse(name, args=["rekap", year]) + CHOSEN) if own else None
    if name == "forum:group_new":
        data = {"region": f"{METRO}.01.1005", "name": "Forum Anak Kelurahan Yosomulyo"}
        return Target(reverse(name) + CHOSEN, data) if own else None
    if not own and username not in ("sari", "forumanak"):
        return None
    forum = _forum(variant)
    if name in ("forum:group", "forum:decree"):
        if name == "forum:decree" and not own:
            return None
        return Target(reverse(name, args=[forum.pk]))
    if name == "forum:group_edit":
        data = {"region": forum.region_id, "name": forum.name, "sk_number": "400/1/2025"}
        return Target(reverse(name, args=[forum.pk]), data)
    if not own:
        return _elsewhere(name, forum)
    if name == "forum:member_new":
        return Target(reverse(name, args=[forum.pk]), _member_data(True))
    if name == "forum:paper_aspiration":
        return Target(reverse(name, args=[forum.pk]), _paper_data())
    if name == "forum:member_edit":
        data = _member_data(False)
        return Target(reverse(name, args=[_member(forum).pk]), data)
    if name == "forum:member_consent":
        member = _member(forum, consent=False)
        data = {
            "consent-relation": "ayah",
            "consent-given_on": timezone.localdate().isoformat(),
            "consent-method": "rekaman",
        }
        return Target(reverse(name, args=[member.pk]), data)
    if name == "forum:member_withdraw":
        return Target(reverse(name, args=[_member(forum).pk]))
    facilitator_data = {"name": "Pendamping Uji", "institution": "LPA", "active": "on"}
    if name == "forum:facilitator_new":
        return Target(reverse(name, args=[forum.pk]), facilitator_data)
    if name == "forum:facilitator_edit":
        facilitator = Facilitator.objects.get(forum=forum, name="Yuliana Safitri, S.Psi.")
        return Target(reverse(name, args=[facilitator.pk]), facilitator_data)
    waiting = Aspiration.objects.get(
        status=Status.RECEIVED.value, text__startswith="Forum Anak ingin diundang"
    )
    if name == "forum:aspiration":
        return Target(reverse(name, args=[waiting.pk]))
    if name == "forum:aspiration_step":
        data = {
            "status": Status.DISCUSSED.value,
            "on": timezone.localdate().isoformat(),
            "musrenbang_level": "kelurahan",
        }
        return Target(reverse(name, args=[waiting.pk]), data)
    raise AssertionError(f"no concrete URL for {name!r}: add one to webforum_targets")
