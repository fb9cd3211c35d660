"""Evidence bundles: the files in the instrument's order under question-code names, a manifest
that matches the bytes in the ZIP, only what the requester may read, removed files left out,
downloadable by the requester alone for a day."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import zipfile
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from layak.evaluation.models import Assignment
from layak.evidence.models import EvidenceFile
from layak.evidence.services import may_read
from layak.regions.models import Agency
from layak.reports.bundles import ascii_slug, purge_bundles
from layak.reports.models import BundleStatus, EvidenceBundle
from layak.reports.services import start_bundle

pytestmark = pytest.mark.django_db
NAME = re.compile(r"^[A-Z0-9]+/[0-9A-Z]+/[0-9A-Za-z.]+(-[0-9.]+)?-[0-9]{2}-[a-z0-9-]+\.[a-z]+$")


def _zip(bundle: EvidenceBundle) -> zipfile.ZipFile:
    bundle.refresh_from_db()
    assert bundle.status == BundleStatus.DONE, bundle.message
    with default_storage.open(bundle.stored_name, "rb") as handle:
        return zipfile.ZipFile(io.BytesIO(handle.read()))


def _manifest(archive: zipfile.ZipFile) -> list[dict[str, Any]]:
    files: list[dict[str, Any]] = json.loads(archive.read("manifest.json"))["files"]
    return files


def test_the_manifest_matches_the_files(cycle: Any, users: dict[str, Any]) -> None:
    archive = _zip(start_bundle(users["sari"], cycle, "wilayah"))
    manifest = _manifest(archive)
    names = [n for n in archive.namelist() if not n.startswith("manifest.")]
    assert [m["path"] for m in manifest] == names
    present = EvidenceFile.objects.present().filter(answer__cycle=cycle)
    assert len(names) == present.count() > 100
    for line in manifest:
        data = archive.read(line["path"])
        assert len(data) == line["size"]
        assert hashlib.sha256(data).hexdigest() == line["sha256"]
        assert NAME.match(line["path"]), line["path"]
        assert line["uploader"]
        assert line["uploaded_at"]
        assert line["title"]
    recorded = {f.sha256 for f in present}
    assert {m["sha256"] for m in manifest} <= recorded
    rows = list(csv.DictReader(io.StringIO(archive.read("manifest.csv").decode("utf-8-sig"))))
    assert [r["path"] for r in rows] == names
    assert [int(r["size"]) for r in rows] == [m["size"] for m in manifest]


def test_files_come_in_the_order_of_the_instrument(cycle: Any, users: dict[str, Any]) -> None:
    manifest = _manifest(_zip(start_bundle(users["sari"], cycle, "wilayah")))
    order = [q.code for q in cycle.instrument.questions]
    codes = [m["question"] for m in manifest]
    assert codes == sorted(codes, key=order.index)
    dinkes = [m for m in manifest if m["question"] == "12.2"]
    assert [m["path"].split("/")[-1][:8] for m in dinkes] == ["12.2-01-", "12.2-02-"]
    assert all(m["path"].startswith("K3/12/") for m in dinkes)


def test_an_officers_bundle_holds_only_their_agencys_files(
    cycle: Any, users: dict[str, Any]
) -> None:
    budi = users["budi"]
    bundle = start_bundle(budi, cycle, "opd", agency=budi.agency)
    manifest = _manifest(_zip(bundle))
    assigned = set(
        Assignment.objects.filter(cycle=cycle, agency=budi.agency).values_list(
            "question_code", flat=True
        )
    )
    assert manifest
    assert {m["question"] for m in manifest} <= assigned
    readable = [
        f for f in EvidenceFile.objects.present().filter(answer__cycle=cycle)
        if may_read(budi, f) and f.answer.question_code in assigned
    ]  # fmt: skip
    assert len(manifest) == len(readable)
    assert {m["sha256"] for m in manifest} == {f.sha256 for f in readable}
    assert bundle.zip_name if hasattr(bundle, "zip_name") else True


def test_an_officer_may_not_ask_for_another_agency_or_the_region(
    cycle: Any, users: dict[str, Any], login: Callable[[str], Client]
) -> None:
    client = login("budi")
    url = reverse("reports:bundle_start", args=[cycle.pk])
    disdukcapil = Agency.objects.get(region=cycle.region, short_name="Disdukcapil")
    assert client.post(url, {"cakupan": "opd", "opd": disdukcapil.pk}).status_code == 404
    assert client.post(url, {"cakupan": "wilayah"}).status_code == 404
    assert client.post(url, {"cakupan": "bagian", "bagian": "K3"}).status_code == 404
    assert not EvidenceBundle.objects.filter(requested_by=users["budi"]).exists()


def test_a_part_bundle_and_an_agency_bundle(cycle: Any, users: dict[str, Any]) -> None:
    part = _manifest(_zip(start_bundle(users["kartika"], cycle, "bagian", part_code="K3")))
    assert part
    assert all(m["path"].startswith("K3/") for m in part)
    dinkes = Agency.objects.get(region=cycle.region, short_name="Dinkes")
    agency = _manifest(_zip(start_bundle(users["vina"], cycle, "opd", agency=dinkes)))
    assert {m["question"] for m in agency} >= {"12.2"}


def test_the_manifest_says_whose_what_when_and_by_whom(cycle: Any, users: dict[str, Any]) -> None:
    """Kartika hands the K3 bundle to the verifiers: on its own, manifest.json says it is Kota
    Metro's, covers part K3 and which questions, in which stage, and that she made it when."""
    bundle = start_bundle(users["kartika"], cycle, "bagian", part_code="K3")
    archive = _zip(bundle)
    data = json.loads(archive.read("manifest.json"))
    assert data["region"] == {"code": "18.72", "name": "Kota Metro"}
    assert data["year"] == cycle.year
    scope = data["scope"]
    assert scope["kind"] == "bagian"
    assert scope["part"]["code"] == "K3"
    assert scope["agency"] is None
    assert scope["parts"] == ["K3"]
    k3 = [q.code for q in cycle.instrument.questions if q.part_code == "K3"]
    assert scope["questions"] == k3
    assert {m["question"] for m in data["files"]} <= set(k3)
    assert scope["stage"]["code"] in {w.stage for w in cycle.windows.all()}
    made = datetime.fromisoformat(data["made_at"])
    assert made.utcoffset() is not None  # ISO 8601 with its time zone
    assert made == bundle.finished_at.replace(microsecond=0)
    assert data["made_by"] == users["kartika"].get_full_name()
    assert data["missing"] == []
    dinkes = Agency.objects.get(region=cycle.region, short_name="Dinkes")
    agency = json.loads(
        _zip(start_bundle(users["vina"], cycle, "opd", agency=dinkes)).read("manifest.json")
    )
    assert agency["scope"]["agency"] == {"short_name": "Dinkes", "name": dinkes.name}
    assert "12.2" in agency["scope"]["questions"]


def test_a_removed_file_is_not_in_the_bundle(cycle: Any, users: dict[str, Any]) -> None:
    from layak.evidence.services import remove_evidence

    removed = (
        EvidenceFile.objects.present()
        .filter(answer__cycle=cycle, answer__question_code="12.2")
        .first()
    )
    assert removed is not None
    remove_evidence(users["sari"], removed)
    manifest = _manifest(_zip(start_bundle(users["sari"], cycle, "bagian", part_code="K3")))
    assert removed.sha256 not in {m["sha256"] for m in manifest} or removed.title not in {
        m["title"] for m in manifest
    }
    assert [m for m in manifest if m["question"] == "12.2" and m["title"] == removed.title] == []
    assert len([m for m in manifest if m["question"] == "12.2"]) == 1


def test_formula_like_titles_stay_text_in_the_csv_manifest(
    cycle: Any, users: dict[str, Any]
) -> None:
    evidence = (
        EvidenceFile.objects.present()
        .filter(answer__cycle=cycle, answer__question_code="12.2")
        .first()
    )
    assert evidence is not None
    evidence.title = "=cmd|' /C calc'!A0"
    evidence.save()
    archive = _zip(start_bundle(users["sari"], cycle, "bagian", part_code="K3"))
    rows = list(csv.DictReader(io.StringIO(archive.read("manifest.csv").decode("utf-8-sig"))))
    titles = [r["title"] for r in rows if r["question"] == "12.2"]
    assert "'=cmd|' /C calc'!A0" in titles
    assert "=cmd|' /C calc'!A0" in [m["title"] for m in _manifest(archive)]  # JSON keeps it as is
    assert any(m["path"].endswith("-cmd-c-calc-a0.pdf") for m in _manifest(archive))


def test_a_file_missing_from_storage_is_named_in_the_manifest(
    cycle: Any, users: dict[str, Any]
) -> None:
    evidence = (
        EvidenceFile.objects.present()
        .filter(answer__cycle=cycle, answer__question_code="4.2")
        .first()
    )
    assert evidence is not None
    evidence.stored_name = "bukti/tidak-ada.pdf"
    evidence.save()
    bundle = start_bundle(users["sari"], cycle, "bagian", part_code="K1")
    archive = _zip(bundle)
    assert json.loads(archive.read("manifest.json"))["missing"] == [
        {"question": "4.2", "evidence": evidence.pk}
    ]
    bundle.refresh_from_db()
    assert bundle.missing
    assert bundle.file_count == len(_manifest(archive))


def test_only_the_requester_downloads_and_the_download_is_audited(
    cycle: Any, users: dict[str, Any], login: Callable[[str], Client]
) -> None:
    from layak.audit.models import AuditEvent

    client = login("sari")
    response = client.post(reverse("reports:bundle_start", args=[cycle.pk]), {"cakupan": "wilayah"})
    bundle = EvidenceBundle.objects.get(requested_by=users["sari"])
    assert response["Location"] == reverse("reports:bundle", args=[bundle.pk])
    (asked,) = AuditEvent.objects.filter(action="bundle.request", object_id=str(bundle.pk))
    assert (asked.actor_name, asked.after["scope"]) == ("sari", "wilayah")
    page = client.get(response["Location"])
    assert "Unduh ZIP" in page.content.decode()
    download = client.get(reverse("reports:bundle_download", args=[bundle.pk]))
    assert download.status_code == 200
    assert (
        download["Content-Disposition"]
        == f'attachment; filename="Bukti-Kota-Metro-{cycle.year}.zip"'
    )
    assert download["Cache-Control"] == "private, no-store"
    zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content))).testzip()
    assert (
        AuditEvent.objects.filter(action="bundle.download", object_id=str(bundle.pk)).count() == 1
    )
    for other in ("kartika", "admin", "vina"):
        assert (
            login(other).get(reverse("reports:bundle_download", args=[bundle.pk])).status_code
            == 404
        )
        assert login(other).get(reverse("reports:bundle", args=[bundle.pk])).status_code == 404


def test_progress_is_polled_while_the_bundle_is_built(
    cycle: Any, users: dict[str, Any], login: Callable[[str], Client]
) -> None:
    bundle = EvidenceBundle.objects.create(
        requested_by=users["sari"],
        cycle=cycle,
        scope="wilayah",
        status=BundleStatus.RUNNING,
        progress=40,
    )
    client = login("sari")
    partial = client.get(
        reverse("reports:bundle", args=[bundle.pk]), headers={"HX-Request": "true"}
    )
    html = partial.content.decode()
    assert 'hx-trigger="every 1s"' in html
    assert 'value="40"' in html
    assert "<html" not in html
    EvidenceBundle.objects.filter(pk=bundle.pk).update(status=BundleStatus.FAILED)
    html = client.get(
        reverse("reports:bundle", args=[bundle.pk]), headers={"HX-Request": "true"}
    ).content.decode()
    assert "hx-trigger" not in html
    assert "gagal" in html


def test_a_bundle_is_deleted_after_a_day(
    cycle: Any, users: dict[str, Any], login: Callable[[str], Client]
) -> None:
    bundle = start_bundle(users["sari"], cycle, "bagian", part_code="KD")
    bundle.refresh_from_db()
    stored = bundle.stored_name
    assert default_storage.exists(stored)
    assert purge_bundles() == 0
    EvidenceBundle.objects.filter(pk=bundle.pk).update(
        finished_at=timezone.now() - timedelta(days=1, minutes=1)
    )
    call_command("purge-bundles", stdout=io.StringIO())
    bundle.refresh_from_db()
    assert bundle.status == BundleStatus.EXPIRED
    assert bundle.stored_name == ""
    assert not default_storage.exists(stored)
    assert (
        login("sari").get(reverse("reports:bundle_download", args=[bundle.pk])).status_code == 404
    )


def test_a_stale_job_fails(cycle: Any, users: dict[str, Any]) -> None:
    bundle = EvidenceBundle.objects.create(requested_by=users["sari"], cycle=cycle, scope="wilayah")
    EvidenceBundle.objects.filter(pk=bundle.pk).update(
        created_at=timezone.now() - timedelta(hours=7)
    )
    assert purge_bundles() == 1
    bundle.refresh_from_db()
    assert bundle.status == BundleStatus.FAILED


def test_ascii_names() -> None:
    assert (
        ascii_slug("Laporan Imunisasi (2024) – Puskesmas Yosomulyo")
        == "laporan-imunisasi-2024-puskesmas-yosomulyo"
    )
    assert ascii_slug("../../etc/passwd") == "etc-passwd"
    assert ascii_slug("…") == "bukti"
    assert ascii_slug("kebijakan registrasi dan akta kelahiran anak lampiran", 40) == (
        "kebijakan-registrasi-dan-akta-kelahiran"
    )
