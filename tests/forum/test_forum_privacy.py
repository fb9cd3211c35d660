"""Children's data: the minimum, consent seen only by the secretariat (and administrators), no
member active without consent, withdrawal erases the nickname everywhere, and the audit log
never holds a nickname. Checked on every forum page and every generated PDF, for every role."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from layak.audit.models import AuditEvent
from layak.core.messages import InputError
from layak.forum import services
from layak.forum.documents import KINDS, years_with_documents
from layak.forum.models import ChildMember, ForumGroup, GuardianConsent

pytestmark = pytest.mark.django_db
ROLES = (
    "admin",
    "sari",
    "kartika",
    "budi",
    "dewi",
    "rina",
    "oki",
    "yosomulyo",
    "vina",
    "nadia",
    "mitra",
    "forumanak",
)
KEEPERS = ("admin", "sari")
# What only a consent record puts on a page: the way it was given and who gave it.
CONSENT_MARKERS = ("ditandatangani", "direkam (suara", "kakek/nenek", 'class="consent')
CITY_NICKNAMES = ("Dinda", "Keisha")  # members of the city forum (the forumanak account's)
KECAMATAN_NICKNAME = "Hafiz"  # a member of Forum Anak Kecamatan Metro Selatan


def _pdf_text(data: bytes, tmp_path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path = tmp_path / "f.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True)
    return out.stdout.decode()


def _pages(cycle: Any) -> list[str]:
    """Every forum page of the Kota Metro demo (and the question page that offers records)."""
    chosen = "?wilayah=18.72"
    member = ChildMember.objects.get(forum__region_id="18.72", nickname="Dinda")
    pages = [
        reverse("forum:mine"),
        reverse("forum:submit"),
        reverse("forum:groups") + chosen,
        reverse("forum:aspirations") + chosen,
        reverse("forum:group_new") + chosen,
        reverse("forum:member_edit", args=[member.pk]),
        reverse("evaluation:question", args=[cycle.pk, "6.1"]),
    ]
    for forum in ForumGroup.objects.filter(city_id="18.72"):
        pages += [
            reverse("forum:group", args=[forum.pk]),
            reverse("forum:group_edit", args=[forum.pk]),
            reverse("forum:member_new", args=[forum.pk]),
        ]
    for aspiration_id in forum.aspirations.values_list("pk", flat=True)[:4]:
        pages.append(reverse("forum:aspiration", args=[aspiration_id]))
    return pages


_CRAWLED: dict[str, dict[str, str]] = {}


def _crawl(login: Callable[[str], Client], cycle: Any) -> dict[str, dict[str, str]]:
    """Every forum page that each role gets (200), as text: fetched once per test process,
    since the three checks that read it all read the demo unchanged (≈ 500 requests each)."""
    if not _CRAWLED:
        pages = _pages(cycle)
        for username in ROLES:
            client = login(username)
            got = {url: client.get(url) for url in pages}
            _CRAWLED[username] = {
                url: r.content.decode() for url, r in got.items() if r.status_code == 200
            }
    return _CRAWLED


def test_consent_records_are_seen_by_the_secretariat_and_administrators_only(
    login: Callable[[str], Client], cycle: Any
) -> None:
    seen_by: dict[str, int] = {}
    leaks = []
    for username, pages in _crawl(login, cycle).items():
        for url, page in pages.items():
            text = page.casefold()
            found = [m for m in CONSENT_MARKERS if m in text]
            if found:
                seen_by[username] = seen_by.get(username, 0) + 1
                if username not in KEEPERS:
                    leaks.append(f"{username} {url}: {found}")
    assert not leaks, "\n".join(leaks)
    assert set(seen_by) == set(KEEPERS)  # and the markers do show where they belong


def test_nicknames_are_seen_by_the_secretariat_and_the_childs_own_forum_only(
    login: Callable[[str], Client], cycle: Any, city_forum: ForumGroup
) -> None:
    leaks = []
    for username, pages in _crawl(login, cycle).items():
        for url, text in pages.items():
            shown = [n for n in (*CITY_NICKNAMES, KECAMATAN_NICKNAME) if n in text]
            allowed = (
                {*CITY_NICKNAMES, KECAMATAN_NICKNAME}
                if username in KEEPERS
                else set(CITY_NICKNAMES)
                if username == "forumanak"
                else set()
            )
            if set(shown) - allowed:
                leaks.append(f"{username} {url}: {shown}")
    assert not leaks, "\n".join(leaks)
    own = login("forumanak").get(reverse("forum:group", args=[city_forum.pk])).content.decode()
    assert "Dinda" in own


def test_no_generated_document_holds_a_nickname_or_consent(
    login: Callable[[str], Client], cycle: Any, tmp_path: Path
) -> None:
    """The PDFs go to verifiers as evidence: counts only. A document is made the same for
    every role that may open it (the access matrix checks who may), so its text is read once,
    as the secretariat gets it."""
    years = years_with_documents("18.72")
    assert years
    sources = [(kind, year) for kind in KINDS for year in years]
    client = login("sari")
    read = 0
    for kind, year in sources:
        url = reverse("forum:document", args=[kind, year]) + "?wilayah=18.72"
        response = client.get(url)
        if response.status_code == 404:  # nothing of this kind in that year
            continue
        assert response.status_code == 200, url
        read += 1
        text = _pdf_text(response.content, tmp_path).casefold()
        assert not [m for m in CONSENT_MARKERS if m in text], (kind, year)
        for nickname in (*CITY_NICKNAMES, KECAMATAN_NICKNAME, "Wulan"):
            assert nickname.casefold() not in text, (kind, year, nickname)
    assert read


def test_every_role_that_may_open_the_documents_gets_each_of_them(
    login: Callable[[str], Client], cycle: Any, quick_pdf: None
) -> None:
    """Every kind and year, not only the one the access matrix asks for (the layout is skipped:
    the test above reads the document itself)."""
    urls = [
        reverse("forum:document", args=[kind, year]) + "?wilayah=18.72"
        for kind in KINDS
        for year in years_with_documents("18.72")
    ]
    secretariat = login("sari")
    made = {url: secretariat.get(url).status_code for url in urls}
    assert set(made.values()) <= {200, 404}
    assert 200 in made.values()
    for username in ROLES:
        client = login(username)
        for url in urls:
            expected = 403 if username in ("mitra", "forumanak") else made[url]
            assert client.get(url).status_code == expected, (username, url)


def test_a_member_cannot_be_active_without_consent(
    login: Callable[[str], Client], users: dict[str, Any], city_forum: ForumGroup
) -> None:
    sari = login("sari")
    before = ChildMember.objects.count()
    response = sari.post(
        reverse("forum:member_new", args=[city_forum.pk]),
        {
            "nickname": "Tara",
            "age_band": "13-15",
            "kelurahan": "18.72.01.1003",
            "role": "anggota",
            "active": "on",
        },
    )
    assert response.status_code == 400
    assert "persetujuan orang tua/wali tercatat" in response.content.decode()
    assert ChildMember.objects.count() == before
    # Without "active" the child is kept inactive until consent is recorded.
    member = ChildMember(
        forum=city_forum, nickname="Tara", age_band="13-15", kelurahan_id="18.72.01.1003"
    )
    services.add_member(users["sari"], member, consent=None, active=False)
    member.active = True
    with pytest.raises(InputError) as refused:
        services.update_member(users["sari"], member)
    assert [(p.column, p.message.key) for p in refused.value.problems] == [
        ("active", "forum.active_without_consent")
    ]
    assert ChildMember.objects.get(pk=member.pk).active is False
    consent = GuardianConsent(relation="ayah", given_on=timezone.localdate(), method="rekaman")
    services.record_consent(users["sari"], member, consent)
    member.refresh_from_db()
    member.active = True
    services.update_member(users["sari"], member)
    assert ChildMember.objects.get(pk=member.pk).active is True


def test_withdrawn_consent_deactivates_the_member_and_the_nickname_is_gone(
    login: Callable[[str], Client], cycle: Any, city_forum: ForumGroup
) -> None:
    member = ChildMember.objects.get(forum=city_forum, nickname="Keisha")
    sari = login("sari")
    response = sari.post(reverse("forum:member_withdraw", args=[member.pk]))
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.active is False
    assert member.nickname == ""
    assert member.consent.withdrawn_on == timezone.localdate()
    for username in ROLES:
        client = login(username)
        for url in _pages(cycle):
            response = client.get(url)
            assert "Keisha" not in response.content.decode(), (username, url)
    # Once withdrawn, consent is final: the member cannot be made active again.
    member.active = True
    with pytest.raises(ValidationError):
        member.full_clean()


def test_the_audit_log_names_ids_and_fields_never_a_nickname(
    users: dict[str, Any], city_forum: ForumGroup
) -> None:
    member = ChildMember(
        forum=city_forum, nickname="Zulaikha", age_band="10-12", kelurahan_id="18.72.01.1001"
    )
    consent = GuardianConsent(relation="ibu", given_on=timezone.localdate(), method="formulir")
    services.add_member(users["sari"], member, consent=consent, active=True)
    member.nickname = "Zulaikhaa"
    services.update_member(users["sari"], member)
    services.withdraw_consent(users["sari"], member)
    events = AuditEvent.objects.filter(object_type="forum_member", object_id=str(member.pk))
    assert [e.action for e in events.order_by("pk")] == [
        "forum.member.add",
        "forum.member.save",
        "forum.consent.withdraw",
    ]
    assert events.order_by("pk")[1].after["changed"] == ["nickname"]
    every = " ".join(str((e.before, e.after)) for e in AuditEvent.objects.all())
    for nickname in ("Zulaikha", "Dinda", "Hafiz", "Wulan"):
        assert nickname not in every


def test_the_child_model_holds_the_minimum_and_nothing_more() -> None:
    member_fields = {f.name for f in ChildMember._meta.get_fields() if f.concrete}
    assert member_fields == {
        "id",
        "forum",
        "nickname",
        "age_band",
        "kelurahan",
        "role",
        "active",
        "created_at",
    }
    consent_fields = {f.name for f in GuardianConsent._meta.get_fields() if f.concrete}
    assert consent_fields == {
        "id",
        "member",
        "relation",
        "given_on",
        "method",
        "withdrawn_on",
        "recorded_by",
    }
    # Who consented is a relation from a fixed list, never a typed name.
    assert GuardianConsent._meta.get_field("relation").choices
    forbidden = ("name", "nama", "birth", "lahir", "nik", "address", "alamat", "phone", "telepon")
    for name in member_fields | consent_fields:
        assert not any(word in name for word in forbidden if name != "nickname"), name


def _aspiration_texts() -> list[str]:
    from layak.forum.models import Aspiration

    return [
        t[:40] for t in Aspiration.objects.filter(city_id="18.72").values_list("text", flat=True)
    ]


def test_a_childs_words_are_read_by_the_secretariat_and_administrators_only(
    login: Callable[[str], Client], cycle: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On every forum page and every generated PDF, for every role: what a child wrote is the
    secretariat's to read (and the child's own, on their page); other staff see the topic,
    the status and the outcome. The documents are read as the HTML they are laid out from
    (everything the PDF can say is in it; the test above reads the PDFs themselves)."""
    laid_out: list[str] = []
    monkeypatch.setattr("layak.web.pdf.layout", lambda html: laid_out.append(html) or b"%PDF")
    texts = _aspiration_texts()
    assert texts
    leaks, seen_by = [], set()
    for username, pages in _crawl(login, cycle).items():
        for url, page in pages.items():
            if url == reverse("forum:mine"):
                continue  # the child's own page: checked below
            shown = [t for t in texts if t in page]
            if shown:
                seen_by.add(username)
                if username not in KEEPERS:
                    leaks.append(f"{username} {url}: {shown[:2]}")
    assert not leaks, "\n".join(leaks)
    assert seen_by == set(KEEPERS)
    client, checked = login("sari"), 0
    for kind in KINDS:
        for year in years_with_documents("18.72"):
            url = reverse("forum:document", args=[kind, year]) + "?wilayah=18.72"
            laid_out.clear()
            if client.get(url).status_code == 200:
                document = " ".join(unescape(laid_out[-1]).split())
                assert not [t for t in texts if " ".join(t.split())[:30] in document], kind
                checked += 1
    assert checked


def test_a_second_child_account_of_the_same_forum_sees_only_its_own_aspirations(
    client: Client, users: dict[str, Any], city_forum: ForumGroup
) -> None:
    from layak.accounts.models import User
    from layak.accounts.roles import Role
    from layak.forum.models import Aspiration, ForumAccount

    second = User.objects.create_user(
        username="raka", password="x", role=Role.FORUM_ANAK, region_id="18.72"
    )
    ForumAccount.objects.create(user=second, forum=city_forum)
    theirs = Aspiration.objects.filter(forum=city_forum, submitted_by=users["forumanak"])
    assert theirs.exists()
    client.force_login(second)
    page = client.get(reverse("forum:mine")).content.decode()
    assert not [a.text[:40] for a in theirs if a.text[:40] in page]
    client.force_login(users["forumanak"])
    own = client.get(reverse("forum:mine")).content.decode()
    assert all(a.text[:40] in own for a in theirs)
