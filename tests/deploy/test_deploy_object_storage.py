"""Evidence and Profil Anak uploads in S3-compatible object storage (moto, in-process): Budi's
document goes into the bucket and comes back through the download page, a failed write leaves
no object behind, and a Profil Anak import runs from an upload that has no local path."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from layak.accounts.models import User
from layak.conf.env import SettingsError
from layak.conf.storage import file_storage
from layak.demo.pdf import sample_pdf
from layak.evaluation.models import Cycle
from layak.evidence import services as evidence_services
from layak.evidence.models import EvidenceFile
from layak.files.storage import files_kept_only_on_success
from layak.ingest.profil_anak.source import COLUMNS
from layak.profil import services as profil_services
from layak.profil.models import ProfilDataset
from layak.regions.models import Region

IMMUNISATION = "12.6"  # Dinkes alone answers it; no document yet in the demo


def test_the_filesystem_stays_the_default(tmp_path: Path) -> None:
    entry = file_storage(tmp_path, {})
    assert entry["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert entry["OPTIONS"]["location"] == tmp_path / "files"


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"LAYAK_STORAGE": "ftp"}, "LAYAK_STORAGE='ftp'"),
        ({"LAYAK_STORAGE": "s3"}, "needs LAYAK_S3_BUCKET"),
        (
            {"LAYAK_STORAGE": "s3", "LAYAK_S3_BUCKET": "b", "LAYAK_S3_ENDPOINT_URL": "minio:9000"},
            "give the full address",
        ),
        (
            {"LAYAK_STORAGE": "s3", "LAYAK_S3_BUCKET": "b", "LAYAK_S3_ACCESS_KEY": "k"},
            "go together",
        ),
        (
            {"LAYAK_STORAGE": "s3", "LAYAK_S3_BUCKET": "b", "LAYAK_S3_ADDRESSING_STYLE": "dns"},
            "use auto, path or virtual",
        ),
    ],
)
def test_bad_object_storage_settings_stop_the_start(
    tmp_path: Path, environ: dict[str, str], message: str
) -> None:
    with pytest.raises(SettingsError, match=message):
        file_storage(tmp_path, environ)


def test_a_self_hosted_store_gets_path_style_addresses(tmp_path: Path) -> None:
    options = file_storage(
        tmp_path,
        {
            "LAYAK_STORAGE": "s3",
            "LAYAK_S3_BUCKET": "layak",
            "LAYAK_S3_ENDPOINT_URL": "https://minio.kla.example.go.id",
        },
    )["OPTIONS"]
    assert options["addressing_style"] == "path"
    assert options["endpoint_url"] == "https://minio.kla.example.go.id"
    assert "access_key" not in options  # the machine's own credentials are used
    assert options["default_acl"] is None
    assert options["file_overwrite"] is False


def _budi_adds(world: Any, data: bytes) -> EvidenceFile:
    cycle = Cycle.objects.get(pk=world.cycle_id)
    budi = User.objects.get(username="budi")
    (evidence,) = evidence_services.add_evidence(
        budi,
        cycle,
        cycle.instrument.question(IMMUNISATION),
        [SimpleUploadedFile("laporan imunisasi.pdf", data)],
        title="Laporan cakupan imunisasi",
        year="2024",
    )
    return evidence


@pytest.mark.django_db
def test_budi_uploads_evidence_to_the_bucket_and_downloads_it(
    world: Any, s3_bucket: Any, client: Any
) -> None:
    data = sample_pdf(["Laporan cakupan imunisasi 2024", "Dinas Kesehatan Kota Metro"])
    evidence = _budi_adds(world, data)

    key = f"kla/{evidence.stored_name}"
    assert s3_bucket.keys() == [key]
    assert s3_bucket.read(key) == data
    with pytest.raises(NotImplementedError):  # no local path: readers must not need one
        default_storage.path(evidence.stored_name)

    client.force_login(User.objects.get(username="budi"))
    response = client.get(reverse("evidence:download", args=[evidence.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == data
    assert response["Content-Type"] == "application/pdf"


@pytest.mark.django_db
def test_a_failed_evidence_write_leaves_no_object_in_the_bucket(
    world: Any, s3_bucket: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def audit_down(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("audit log unavailable")

    monkeypatch.setattr(evidence_services, "record_evidence_event", audit_down)
    rows = EvidenceFile.objects.count()
    with pytest.raises(RuntimeError):
        _budi_adds(world, sample_pdf(["Laporan cakupan imunisasi 2024"]))
    assert EvidenceFile.objects.count() == rows
    assert s3_bucket.keys() == []


def test_files_kept_only_on_success_deletes_objects_it_saved(s3_bucket: Any) -> None:
    from layak.files.inspect import inspect

    data = sample_pdf(["Notulen"])
    seen: list[int] = []

    def write() -> None:
        with files_kept_only_on_success() as saved:
            saved.save("bukti/uji", data, inspect(data))
            saved.save("bukti/uji", data, inspect(data))
            seen.append(len(s3_bucket.keys()))
            raise LookupError("the row could not be written")

    with pytest.raises(LookupError, match="could not be written"):
        write()
    assert seen == [2]
    assert s3_bucket.keys() == []


@pytest.mark.django_db
def test_a_profil_anak_background_import_runs_from_the_bucket(
    world: Any, s3_bucket: Any, tmp_path: Path
) -> None:
    extract = tmp_path / "ekstrak.csv"
    with extract.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(COLUMNS)
        writer.writerow(["3172010101080001", "L", "2020-05-01", "18.72.01.1001", "Y", "T", ""])
        writer.writerow(["3172010101080002", "P", "2019-06-01", "18.72.02.1001", "Y", "Y", ""])
    metro = Region.objects.get(code="18.72")
    sari = User.objects.get(username="sari")
    upload = SimpleUploadedFile("ekstrak.csv", extract.read_bytes(), content_type="text/csv")

    job = profil_services.start_web_import(user=sari, region=metro, year=2024, upload=upload)

    assert job.status == "done", job.message
    assert job.dataset is not None
    assert ProfilDataset.objects.get(pk=job.dataset.pk).children == 2
    assert s3_bucket.keys() == []  # the extract (it holds NIKs) is deleted from the bucket


@pytest.mark.django_db
def test_a_bucket_refusing_the_write_gives_the_full_disk_message(
    world: Any, s3_bucket: Any, client: Any
) -> None:
    """The bucket is gone (a wrong name, a deleted bucket): Budi reads the same clear message
    as when a disk is full, naming the store's error, and nothing is kept."""
    s3_bucket.client.delete_bucket(Bucket="layak-bukti")
    rows = EvidenceFile.objects.count()
    client.force_login(User.objects.get(username="budi"))
    cycle = Cycle.objects.get(pk=world.cycle_id)
    response = client.post(
        reverse("evidence:upload", args=[cycle.pk, IMMUNISATION]),
        {
            "files": SimpleUploadedFile("laporan.pdf", sample_pdf(["Laporan imunisasi"])),
            "title": "Laporan",
            "document_year": "2024",
        },
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "penyimpanan server menolak menulis" in text
    assert "NoSuchBucket" in text
    assert EvidenceFile.objects.count() == rows
