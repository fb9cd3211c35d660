"""Every write of Profil Anak data: an import (from the command line or a background job)
replaces the current dataset of a region and year in one transaction with its audit row, or
saves nothing at all. Reading the profile goes through the core's `summarise`.

No NIK leaves the core's reader: results hold counts, rule names and row numbers only, and any
16-digit run in a message from a file (a reader's error detail) is masked before it is stored.
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from layak.accounts import policy
from layak.accounts.models import User
from layak.audit.log import record
from layak.core.messages import InputError, Problem, msg
from layak.core.profil_anak.model import ImportResult
from layak.core.profil_anak.summary import Place, Profile, summarise
from layak.core.profil_anak.tables import KIND_MAX_LENGTH
from layak.core.wilayah import Level
from layak.files.inspect import Refused, safe_original_name
from layak.files.refusals import UploadPath, record_refusal
from layak.files.storage import storage_failed
from layak.files.uploads import check_data_file
from layak.ingest.profil_anak.tables import detect_source, read_aggregate
from layak.profil.jobs import (
    ProgressWriter,
    finish,
    local_copy,
    mask_nik,
    masked_error,
    problems_json,
    purge_stale_jobs,
)
from layak.profil.models import (
    FINISHED,
    ImportStatus,
    ProfilCell,
    ProfilDataset,
    ProfilDisability,
    ProfilImport,
)
from layak.profil.queries import publishing
from layak.regions.models import Region

logger = logging.getLogger(__name__)

UPLOAD_FOLDER = "impor/profil-anak"
READING_SHARE = 0.9  # of the progress bar; saving the cube takes the rest
BULK_BATCH = 2000
FIRST_YEAR = 2000

Progress = Callable[[float], None]


@dataclass(frozen=True)
class Imported:
    """What an import did. Unpacks as `(result, dataset)`; `dataset` is the current dataset
    after the import (None when nothing was saved: refused or dry run)."""

    result: ImportResult
    dataset: ProfilDataset | None
    saved: bool = False  # a new dataset became the current one
    unchanged: bool = False  # the same file already is the current dataset

    def __iter__(self) -> Iterator[Any]:
        yield self.result
        yield self.dataset


def rejected_rows_json(result: ImportResult) -> list[dict[str, int | str | None]]:
    return [{"row": r.row, "rule": r.rule, "first_row": r.first_row} for r in result.rejected_rows]


# Reading: regions, years, the profile.


def regency(code: str) -> Region:
    """The kabupaten/kota with this code, or InputError."""
    region = Region.objects.filter(code=code.strip(), level=Level.REGENCY).first()
    if region is None:
        raise InputError([Problem(msg("profil.region_unknown", code=code))])
    return region


def check_year(year: int) -> None:
    latest = timezone.localdate().year
    if not FIRST_YEAR <= year <= latest:
        raise InputError([Problem(msg("profil.bad_year", value=year, latest=latest))])


def villages_of(region: Region) -> dict[str, str]:
    """Every desa/kelurahan code of the kabupaten/kota → its kecamatan code."""
    return {
        code: str(parent)
        for code, parent in region.units(Level.VILLAGE).values_list("code", "parent_id")
    }


def current_dataset(region: Region, year: int) -> ProfilDataset | None:
    return ProfilDataset.objects.filter(region=region, year=year, is_current=True).first()


def years_with_data(region: Region) -> list[int]:
    """Years with a current Profil Anak dataset, latest first."""
    return list(
        ProfilDataset.objects.filter(region=region, is_current=True)
        .order_by("-year")
        .values_list("year", flat=True)
    )


def load_profile(region: Region, year: int) -> Profile | None:
    """The region's Profil Anak for the year from its current dataset; None without data."""
    dataset = current_dataset(region, year)
    if dataset is None:
        return None
    units = list(region.units(Level.DISTRICT, Level.VILLAGE).values_list("code", "name", "level"))
    villages = {
        code: Place(code, name, code.rsplit(".", 1)[0])
        for code, name, level in units
        if level == Level.VILLAGE
    }
    districts = {code: Place(code, name) for code, name, level in units if level == Level.DISTRICT}
    return summarise(
        year,
        Place(region.code, region.name),
        villages,
        districts,
        (c.as_core() for c in ProfilCell.objects.filter(dataset=dataset).order_by()),
        (d.as_core() for d in ProfilDisability.objects.filter(dataset=dataset).order_by()),
    )


# Importing.


def file_sha256(*paths: Path) -> str:
    digest = hashlib.sha256()
    for path in paths:
        with path.open("rb") as fh:
            while chunk := fh.read(1024 * 1024):
                digest.update(chunk)
    return digest.hexdigest()


def _read(
    path: Path,
    region: Region,
    year: int,
    villages: dict[str, str],
    skip_invalid: bool,
    progress: Progress | None,
    disability_path: Path | None,
) -> ImportResult:
    if detect_source(path) == "aggregate":
        return read_aggregate(
            path, year=year, region=region.code, villages=villages, disability_path=disability_path
        )
    from layak.ingest.profil_anak.extract import read_extract  # DuckDB loads only when needed

    def reading(fraction: float) -> None:
        if progress is not None:
            progress(READING_SHARE * fraction)

    return read_extract(
        path,
        year=year,
        region=region.code,
        villages=villages,
        skip_invalid=skip_invalid,
        progress=reading,
    )


def _disability_counts(result: ImportResult) -> dict[tuple[str, str, str], int]:
    """Children per kelurahan, sex and kind of disability. The kind is free text from the file:
    a NIK typed into it by mistake is masked (and kinds that then read the same are added up)."""
    counts: dict[tuple[str, str, str], int] = {}
    for d in result.disabilities:
        key = (d.village, d.sex, str(mask_nik(d.kind))[:KIND_MAX_LENGTH])
        counts[key] = counts.get(key, 0) + d.children
    return counts


def _audit_refusal(
    region: Region,
    year: int,
    user: User | None,
    actor_name: str,
    original_name: str,
    rules: list[str],
    after: dict[str, Any],
    request: HttpRequest | None,
) -> None:
    """The one audit event of a refused import (`unggahan_ditolak`, as for every upload)."""
    record_refusal(
        user=user,
        path=UploadPath.PROFIL_ANAK,
        rules=rules,
        file_name=original_name,
        region_code=region.code,
        object_type="profil",
        object_id=f"{region.code}/{year}",
        request=request,
        actor_name=actor_name,
        extra={"year": year, **after},
    )


def import_file(
    *,
    path: Path,
    region: Region,
    year: int,
    user: User | None = None,
    skip_invalid: bool = False,
    dry_run: bool = False,
    progress: Progress | None = None,
    original_name: str | None = None,
    disability_path: Path | None = None,
    actor_name: str = "",
    request: HttpRequest | None = None,
) -> Imported:
    """Read a registry extract or an aggregated table (told apart by its header) of `region`
    for `year`, and make it the current dataset unless it is refused or a dry run.

    Raises InputError for a file that cannot be read as either (nothing saved, one audit row).
    Rows breaking a rule refuse the whole import unless `skip_invalid`; the result says so and
    nothing is saved. A dry run never writes, not even its audit row.
    """
    check_year(year)
    villages = villages_of(region)
    if not villages:
        raise InputError([Problem(msg("profil.no_villages", region=region.code))])
    name = mask_nik(safe_original_name(original_name or path.name))
    try:
        result = _read(path, region, year, villages, skip_invalid, progress, disability_path)
    except InputError as error:
        masked = masked_error(error)
        if not dry_run:
            rules = sorted({p.message.key for p in masked.problems})
            _audit_refusal(region, year, user, actor_name, name, rules, {}, request)
        raise masked from None
    if result.rows_rejected > 0 and not skip_invalid:
        if not dry_run:
            summary = result.summary_json()
            rules = [f"profil.rule.{rule}" for rule in result.rejections]
            _audit_refusal(region, year, user, actor_name, name, rules, summary, request)
        return Imported(result, None)
    if dry_run:
        return Imported(result, None)
    sha256 = file_sha256(path, *([disability_path] if disability_path else []))
    with transaction.atomic():
        current = (
            ProfilDataset.objects.select_for_update()
            .filter(region=region, year=year, is_current=True)
            .order_by("pk")
            .first()
        )
        if current is not None and current.sha256 == sha256 and current.source == result.source:
            return Imported(result, current, unchanged=True)
        before = current.snapshot() if current is not None else None
        if current is not None:
            current.is_current, current.replaced_at = False, timezone.now()
            current.save(update_fields=["is_current", "replaced_at"])
        dataset = ProfilDataset.objects.create(
            region=region,
            year=year,
            source=result.source,
            original_name=name,
            sha256=sha256,
            skip_invalid=skip_invalid,
            imported_by=user if getattr(user, "is_authenticated", False) else None,
            summary=result.summary_json(),
            rejected_rows=rejected_rows_json(result),
        )
        ProfilCell.objects.bulk_create(
            (ProfilCell.from_core(dataset, c) for c in result.cells), batch_size=BULK_BATCH
        )
        ProfilDisability.objects.bulk_create(
            (
                ProfilDisability(
                    dataset=dataset, village_id=village, sex=sex, kind=kind, children=children
                )
                for (village, sex, kind), children in _disability_counts(result).items()
            ),
            batch_size=BULK_BATCH,
        )
        record(
            "profil.import",
            actor=user,
            actor_name=actor_name,
            object_type="profil_dataset",
            object_id=dataset.pk,
            region_code=region.code,
            before=before,
            after=dataset.snapshot(),
            request=request,
        )
    if progress is not None:
        progress(1.0)
    return Imported(result, dataset, saved=True)


def prepare_publication(dataset: ProfilDataset) -> None:
    """Run the disclosure-control step of a new dataset now, in the background job or the
    command, so that the first public reader does not wait for it (`profil.publishing`).
    A failure here is not the import's: the step runs again at the first public reading."""
    try:
        profile = load_profile(dataset.region, dataset.year)
        if profile is not None:
            publishing.publication(dataset, profile)
    except Exception as exc:  # the import is saved whatever happens here
        logger.error("Profil Anak %s: disclosure step failed: %s", dataset.pk, type(exc).__name__)


# Background imports from the web.


def start_web_import(
    *,
    user: User,
    region: Region,
    year: int,
    upload: UploadedFile,
    skip_invalid: bool = False,
    dry_run: bool = False,
) -> ProfilImport:
    """Keep the upload in private storage and queue its import; the job reports progress.
    The upload itself is audited (`profil.upload`): a registry extract holds people's data."""
    if not policy.imports_profil_anak(user, region):
        raise PermissionDenied
    check_year(year)
    limit = settings.LAYAK_PROFIL_UPLOAD_MB * 1024 * 1024
    size = upload.size or 0
    name = mask_nik(safe_original_name(upload.name or ""))
    try:
        check_data_file(upload, limit=limit)
    except Refused as refused:
        _audit_refusal(region, year, user, "", name, [refused.message.key], {}, None)
        raise InputError([Problem(refused.message, column="file")]) from None
    purge_stale_jobs()
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    target = f"{UPLOAD_FOLDER}/{uuid.uuid4().hex}.upload"
    try:
        stored = default_storage.save(target, upload)
    except OSError as exc:
        if default_storage.exists(target):  # a partial write
            default_storage.delete(target)
        raise InputError([Problem(storage_failed(exc).message, column="file")]) from None
    try:
        # The job, its audit row and the queued task together (the queue is in the database).
        with transaction.atomic():
            job = ProfilImport.objects.create(
                requested_by=user,
                region=region,
                year=year,
                original_name=name,
                stored_name=stored,
                size=size,
                sha256=digest.hexdigest(),
                skip_invalid=skip_invalid,
                dry_run=dry_run,
            )
            record(
                "profil.upload",
                actor=user,
                object_type="profil_import",
                object_id=job.pk,
                region_code=region.code,
                after={
                    "year": year,
                    "original_name": job.original_name,
                    "size": size,
                    "sha256": job.sha256,
                    "skip_invalid": skip_invalid,
                    "dry_run": dry_run,
                },
            )
            # Here, not at the top: tasks.py imports this module for the task's body.
            from layak.profil.tasks import run_profil_import

            task = run_profil_import.enqueue(str(job.pk))
    except BaseException:
        default_storage.delete(stored)
        raise
    ProfilImport.objects.filter(pk=job.pk).update(task_id=str(task.id)[:64])
    job.refresh_from_db()
    return job


def run_import_job(job_id: str) -> str:
    """The background task's body: import the stored upload and record the outcome. The upload
    is deleted whatever happens; a job already finished is left alone."""
    job = ProfilImport.objects.select_related("region", "requested_by").get(pk=job_id)
    if job.status in FINISHED:
        return str(job.status)
    started = ProfilImport.objects.filter(pk=job.pk, status=ImportStatus.QUEUED).update(
        status=ImportStatus.RUNNING, started_at=timezone.now(), progress=0
    )
    if not started:  # another worker took it
        return str(ProfilImport.objects.values_list("status", flat=True).get(pk=job.pk))
    try:
        with local_copy(job.stored_name) as path:
            imported = import_file(
                path=path,
                region=job.region,
                year=job.year,
                user=job.requested_by,
                skip_invalid=job.skip_invalid,
                dry_run=job.dry_run,
                progress=ProgressWriter(job.pk),
                original_name=job.original_name,
            )
    except InputError as error:
        finish(
            job,
            ImportStatus.REFUSED,
            result={"problems": problems_json(error), "saved": False},
            message=error.render("id"),
        )
        return ImportStatus.REFUSED.value
    except Exception as exc:  # the job must end and its file go, whatever broke
        logger.error("Profil Anak import %s failed: %s", job.pk, type(exc).__name__)
        failure = msg("profil.job_failed")
        finish(
            job,
            ImportStatus.FAILED,
            result={"problems": [{"key": failure.key, "params": {}}], "saved": False},
            message=failure.render("id"),
        )
        return ImportStatus.FAILED.value
    result = imported.result
    summary: dict[str, Any] = {
        **result.summary_json(),
        "source": result.source,
        "rejected_rows": rejected_rows_json(result),
        "saved": imported.saved,
        "unchanged": imported.unchanged,
        "dry_run": job.dry_run,
    }
    status, message = ImportStatus.DONE, ""
    if imported.saved and imported.dataset is not None:
        prepare_publication(imported.dataset)
    if result.rows_rejected > 0 and not job.skip_invalid:
        refusal = msg("profil.refused", rejected=result.rows_rejected, read=result.rows_read)
        summary["problems"] = [{"key": refusal.key, "params": dict(refusal.params)}]
        status, message = ImportStatus.REFUSED, refusal.render("id")
    finish(job, status, result=summary, progress=100, dataset=imported.dataset, message=message)
    return status.value
