"""T12: a person's data on request, retention with an audit trail, and the breach query; told as
stories on the Kota Metro demo (Sekretariat Sari, officer Budi of Dinkes, verifier Vina, the
Forum Anak account and the forum's children)."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from layak.registries.models import Participant

pytestmark = pytest.mark.django_db


def _user(username: str) -> Any:
    from layak.accounts.models import User

    return User.objects.get(username=username)


def test_sari_gets_her_account_records_and_audit_trail_without_any_secret(
    world: Any, layak: Any, client: Any
) -> None:
    from django.contrib.sessions.models import Session

    from layak.audit.models import AuditEvent

    sari = _user("sari")
    client.force_login(sari)
    session_key = Session.objects.latest("expire_date").session_key

    done = layak("export-personal-data", "--pengguna", "sari", "--json")

    assert done.code == 0, done.err
    data = json.loads(done.out)
    assert data["akun"]["username"] == "sari"
    assert data["akun"]["peran"] == "sekretariat"
    assert data["akun"]["wilayah"] == {"kode": "18.72", "nama": "Kota Metro"}
    evidence = data["catatan_yang_menyebut"]["evidence.evidencefile"]
    assert "uploaded_by" in evidence["kolom"]
    assert len(evidence["baris"]) > 10
    assert {"title", "original_name", "sha256"} <= set(evidence["baris"][0])
    assert "forum.guardianconsent" in data["catatan_yang_menyebut"]
    assert len(data["jejak_audit_oleh"]) == AuditEvent.objects.filter(actor=sari).count()
    for secret in (sari.password, session_key, "password"):
        assert secret not in done.out
    exported = AuditEvent.objects.filter(action="personal_data.export").latest("id")
    assert (exported.object_type, exported.object_id) == ("user", str(sari.pk))


def test_the_forum_account_and_a_child_member_get_their_own_data(world: Any, layak: Any) -> None:
    from layak.forum.models import ChildMember

    account = json.loads(layak("export-personal-data", "--pengguna", "forumanak", "--json").out)
    assert account["organisasi"]["jenis"] == "forum_anak"
    aspirations = account["catatan_yang_menyebut"]["forum.aspiration"]["baris"]
    assert aspirations
    assert all(a["text"] for a in aspirations)

    member = ChildMember.objects.select_related("consent").get(nickname="Aurel", active=True)
    done = layak("export-personal-data", "--anggota-forum", member.pk, "--json")
    data = json.loads(done.out)
    assert data["anggota_forum_anak"]["nickname"] == member.nickname
    assert data["persetujuan"]["relation"] == member.consent.relation
    assert data["persetujuan"]["dicatat_oleh"] == "sari"
    assert data["jejak_audit_tentang"][0]["tindakan"] == "forum.member.add"

    text = layak("export-personal-data", "--anggota-forum", member.pk)
    assert text.code == 0
    assert f"nickname: {member.nickname}" in text.out


def test_an_unknown_person_is_refused(world: Any, layak: Any) -> None:
    unknown = layak("export-personal-data", "--pengguna", "tidakada")
    assert unknown.code == 2
    assert "--pengguna tidakada: akun ini tidak ada" in unknown.err
    missing = layak("export-personal-data", "--anggota-forum", 999999)
    assert missing.code == 2
    assert "anggota Forum Anak ini tidak ada" in missing.err


# Retention --------------------------------------------------------------------------------


def _aged_records() -> dict[str, Any]:
    """An expired and a live session, an old and a new finished task, an old and a new
    log-in failure, a child who left, a child surely past 18+1, and an active young child."""
    from axes.models import AccessAttempt
    from django.contrib.sessions.models import Session
    from django_tasks_db.models import DBTaskResult

    from layak.forum.models import ChildMember

    now = timezone.now()
    Session.objects.create(session_key="a" * 32, session_data="", expire_date=now - timedelta(1))
    Session.objects.create(session_key="b" * 32, session_data="", expire_date=now + timedelta(1))
    for days in (40, 2):
        DBTaskResult.objects.create(
            status="SUCCESSFUL",
            finished_at=now - timedelta(days),
            args_kwargs={},
            task_path="layak.profil.tasks.run_import",
            backend_name="default",
            run_after=now,
            exception_class_path="",
            traceback="",
        )
    for days, name in ((100, "lama"), (1, "baru")):
        attempt = AccessAttempt.objects.create(
            username=name, ip_address="10.0.0.1", get_data="", post_data="", failures_since_start=1
        )
        AccessAttempt.objects.filter(pk=attempt.pk).update(attempt_time=now - timedelta(days))
    left = ChildMember.objects.get(active=False, nickname="")  # consent withdrawn 60 days ago
    grown = ChildMember.objects.get(active=True, age_band="16-17", nickname="Dimas")
    ChildMember.objects.filter(pk=grown.pk).update(created_at=now - timedelta(days=365 * 4))
    young = ChildMember.objects.get(active=True, age_band="10-12", nickname="Aurel")
    return {"left": left.pk, "grown": grown.pk, "young": young.pk}


def test_retention_deletes_only_what_is_past_its_period_and_audits_each_deletion(
    world: Any, layak: Any, settings: Any
) -> None:
    from axes.models import AccessAttempt
    from django.contrib.sessions.models import Session
    from django_tasks_db.models import DBTaskResult

    from layak.audit.models import AuditEvent
    from layak.forum.models import ChildMember, GuardianConsent

    settings.LAYAK_RETENSI_FORUM_BULAN = 1
    other_sessions = set(Session.objects.values_list("session_key", flat=True))
    ids = _aged_records()
    audit_before = AuditEvent.objects.count()

    dry = json.loads(layak("apply-retention", "--dry-run", "--json").out)
    assert AuditEvent.objects.count() == audit_before
    assert ChildMember.objects.filter(pk=ids["left"]).exists()
    planned = {r["rule"]: r for r in dry["aturan"]}
    assert planned["session"]["count"] == 1
    assert planned["task_result"]["count"] == 1
    assert planned["axes.accessattempt"]["count"] == 1
    assert set(planned["forum_member"]["ids"]) == {str(ids["left"]), str(ids["grown"])}

    done = json.loads(layak("apply-retention", "--json").out)

    assert [(r["rule"], r["count"], r["ids"]) for r in done["aturan"]] == [
        (r["rule"], r["count"], r["ids"]) for r in dry["aturan"]
    ]
    kept = set(Session.objects.values_list("session_key", flat=True))
    assert kept == other_sessions | {"b" * 32}  # the test process's own sessions are current
    assert DBTaskResult.objects.count() == 1
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == ["baru"]
    assert not ChildMember.objects.filter(pk__in=[ids["left"], ids["grown"]]).exists()
    assert not GuardianConsent.objects.filter(member_id__in=[ids["left"], ids["grown"]]).exists()
    assert ChildMember.objects.filter(pk=ids["young"]).exists()
    events = AuditEvent.objects.filter(action="retention.delete")
    assert {e.object_id for e in events.filter(object_type="forum_member")} == {
        str(ids["left"]),
        str(ids["grown"]),
    }
    assert events.get(object_type="session").after["count"] == 1
    assert "a" * 32 not in json.dumps([e.after for e in events])
    # Nothing of the audit log went: every earlier row is still there, plus one per deletion.
    assert AuditEvent.objects.count() == audit_before + events.count()

    again = json.loads(layak("apply-retention", "--json").out)
    assert all(r["count"] == 0 for r in again["aturan"])


def test_retention_text_says_what_a_dry_run_would_delete(world: Any, layak: Any) -> None:
    done = layak("apply-retention", "--dry-run")
    assert done.code == 0
    assert "forum_member: 0 akan dihapus" in done.out
    assert "Uji coba: tidak ada yang dihapus." in done.out


# Breach query -----------------------------------------------------------------------------


def _breach(layak: Any, *args: object) -> dict[str, Any]:
    done = layak("trace-breach", *args, "--json")
    assert done.code == 0, done.err
    return json.loads(done.out)


def test_breach_query_for_sari_lists_her_activity_and_the_people_she_could_reach(
    world: Any, layak: Any, client: Any
) -> None:
    from layak.audit.models import AuditEvent
    from layak.forum.models import ChildMember

    client.force_login(_user("sari"))  # her own log-in names her, not someone she touched
    client.get("/")
    today = timezone.localdate().isoformat()
    found = _breach(layak, "--akun", "sari", "--dari", today, "--sampai", today)

    assert (
        found["kegiatan"]["peristiwa"] == AuditEvent.objects.filter(actor__username="sari").count()
    )
    assert found["kegiatan"]["tindakan"]["forum.member.add"] > 0
    touched = found["disentuh_langsung"]
    assert touched["akun"] == ["forumanak"]
    assert len(touched["anggota_forum_anak"]) == ChildMember.objects.count()
    reach = found["dapat_dijangkau"]
    usernames = {a["username"] for a in reach["akun"]}
    assert {"budi", "dewi", "forumanak", "mitra"} <= usernames
    assert not usernames & {"vina", "nadia", "admin", "sari"}
    assert len(reach["anggota_forum_anak"]) == ChildMember.objects.count()
    assert reach["anggota_gugus_tugas"]
    # Kota Metro's KHA training participants (the demo's registries): Sari's region's, all of them.
    assert (
        len(reach["peserta_pelatihan_kha"])
        == Participant.objects.filter(event__region_id="18.72").count()
    )
    assert reach["peserta_pelatihan_kha"]
    assert "nickname" not in json.dumps(reach["anggota_forum_anak"])


def test_breach_query_follows_the_role_and_the_window(world: Any, layak: Any) -> None:
    from layak.forum.models import ForumAccount

    today = timezone.localdate().isoformat()
    child = _breach(layak, "--akun", "forumanak", "--dari", today, "--sampai", today)
    forum = ForumAccount.objects.get(user__username="forumanak").forum_id
    assert "akun" not in child["dapat_dijangkau"]
    assert {m["forum"] for m in child["dapat_dijangkau"]["anggota_forum_anak"]} == {forum}

    budi = _user("budi")
    budi.is_active = False  # a misused account is usually switched off first
    budi.save()
    officer = _breach(layak, "--akun", "budi", "--dari", today, "--sampai", today)
    assert "sari" in {a["username"] for a in officer["dapat_dijangkau"]["akun"]}
    assert officer["dapat_dijangkau"]["anggota_forum_anak"] == []

    vina = _breach(layak, "--akun", "vina", "--dari", today, "--sampai", today)
    assert "sari" in {a["username"] for a in vina["dapat_dijangkau"]["akun"]}

    before = _breach(layak, "--akun", "sari", "--dari", "2020-01-01", "--sampai", "2020-12-31")
    assert before["kegiatan"]["peristiwa"] == 0
    assert before["dapat_dijangkau"]["akun"] == []
    assert before["dapat_dijangkau"]["anggota_forum_anak"] == []

    text = layak("trace-breach", "--akun", "sari", "--dari", today, "--sampai", today)
    assert "Akun sari (sekretariat)" in text.out
    assert "Disentuh langsung:" in text.out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--dari", "2026-13-01", "--sampai", "2026-12-31"), "--dari '2026-13-01': tanggal harus"),
        (("--dari", "2026-03-01", "--sampai", "1/3/2026"), "--sampai '1/3/2026': tanggal harus"),
        (("--dari", "2026-03-02", "--sampai", "2026-03-01"), "--sampai 2026-03-01 sebelum"),
    ],
)
def test_breach_query_refuses_bad_dates(
    world: Any, layak: Any, args: tuple[str, ...], message: str
) -> None:
    done = layak("trace-breach", "--akun", "sari", *args)
    assert done.code == 2
    assert message in done.err


def test_retention_deletes_an_old_bundle_zip_but_keeps_its_row(
    world: Any, layak: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from layak.audit.models import AuditEvent
    from layak.reports.models import BundleStatus, EvidenceBundle

    now = timezone.now()
    bundles = {}
    for name, days in (("lama", 2), ("baru", 0)):
        stored = default_storage.save(f"bundel/{name}.zip", ContentFile(b"PK\x05\x06" + b"\0" * 18))
        bundles[name] = EvidenceBundle.objects.create(
            requested_by=_user("sari"),
            cycle_id=world.cycle_id,
            scope="wilayah",
            status=BundleStatus.DONE,
            stored_name=stored,
            finished_at=now - timedelta(days=days, hours=1),
        )

    with django_capture_on_commit_callbacks(execute=True):
        done = json.loads(layak("apply-retention", "--json").out)

    rule = next(r for r in done["aturan"] if r["rule"] == "bundle")
    assert rule["ids"] == [str(bundles["lama"].pk)]
    old, new = (EvidenceBundle.objects.get(pk=bundles[n].pk) for n in ("lama", "baru"))
    assert (old.status, old.stored_name) == (BundleStatus.EXPIRED, "")
    assert not default_storage.exists(bundles["lama"].stored_name)
    assert default_storage.exists(new.stored_name)
    assert AuditEvent.objects.filter(
        action="retention.delete", object_type="bundle", object_id=str(old.pk)
    ).exists()
    default_storage.delete(new.stored_name)


def test_retention_deletes_a_day_old_report_pdf_but_keeps_its_row(
    world: Any, layak: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from layak.reports.models import BundleStatus, ReportJob

    stored = default_storage.save("laporan/lama.pdf", ContentFile(b"%PDF-1.7\n%%EOF\n"))
    job = ReportJob.objects.create(
        requested_by=_user("sari"),
        cycle_id=world.cycle_id,
        kind="analisis-gap",
        status=BundleStatus.DONE,
        stored_name=stored,
        finished_at=timezone.now() - timedelta(days=1, hours=1),
    )

    with django_capture_on_commit_callbacks(execute=True):
        done = json.loads(layak("apply-retention", "--json").out)

    rule = next(r for r in done["aturan"] if r["rule"] == "report")
    assert rule["ids"] == [str(job.pk)]
    job.refresh_from_db()
    assert (job.status, job.stored_name) == (BundleStatus.EXPIRED, "")
    assert not default_storage.exists(stored)
