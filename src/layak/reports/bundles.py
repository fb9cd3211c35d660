"""Evidence bundles: which files go in, under which names, and how the ZIP is written.

The files are those the requester may download one by one (the rule of
`layak.evidence.services.may_read`, applied to the whole cycle at once), within the scope asked
for, in the order of the instrument. Each file is copied from storage into a ZIP in a temporary
folder in chunks, hashed on the way (the manifest carries the hash of the bytes actually in the
ZIP), and the finished ZIP is moved into private storage: nothing is held in memory whole.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import logging
import re
import tempfile
import time
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from django.core.files import File
from django.core.files.storage import default_storage
from django.utils import timezone

from layak.accounts import policy
from layak.accounts.models import User
from layak.accounts.roles import Role
from layak.evaluation.models import Assignment, Cycle
from layak.evaluation.policy import assigned_codes, can_see_cycle, sees_question
from layak.evidence.models import EvidenceFile
from layak.reports import manifest
from layak.reports.models import (
    FINISHED,
    KEEP_FOR,
    BundleScope,
    BundleStatus,
    EvidenceBundle,
    ReportJob,
)
from layak.tabular.template import safe_text

logger = logging.getLogger(__name__)

FOLDER = "bundel"
CHUNK = 1024 * 1024
STALE_AFTER = timedelta(hours=6)
MANIFEST_FIELDS = (
    "question",
    "unit",
    "title",
    "document_year",
    "uploader",
    "uploaded_at",
    "sha256",
    "size",
    "path",
)


@dataclass(frozen=True)
class Entry:
    """One file of a bundle, and its line in the manifest."""

    evidence_id: int
    stored_name: str
    question: str
    unit: str
    title: str
    document_year: int
    uploader: str
    uploaded_at: str
    size: int
    sha256: str
    path: str


def ascii_slug(text: str, limit: int = 48) -> str:
    """Lower-case ASCII letters, digits and hyphens: "Laporan Imunisasi (2024)" →
    "laporan-imunisasi-2024"."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", plain.casefold()).strip("-")
    if len(slug) > limit:  # cut between words where there is one
        cut = slug[: limit + 1]
        slug = cut[: cut.rfind("-")] if "-" in cut else slug[:limit]
    return slug.strip("-") or "bukti"


def _segment(code: str) -> str:
    """A code as a folder or file name part: no separators, no leading dots."""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", code).lstrip(".-") or "x"


def scoped_codes(
    bundle_cycle: Cycle, scope: str, part_code: str, agency_id: int | None
) -> set[str]:
    instrument = bundle_cycle.instrument
    if scope == BundleScope.PART:
        return {q.code for q in instrument.questions if q.part_code == part_code}
    if scope == BundleScope.AGENCY:
        return set(
            Assignment.objects.filter(cycle=bundle_cycle, agency_id=agency_id or 0).values_list(
                "question_code", flat=True
            )
        )
    return {q.code for q in instrument.questions}


def readable_files(user: User, cycle: Cycle, codes: set[str]) -> list[EvidenceFile]:
    """The present files of these questions the user may download, in the instrument's order.

    The same rule as `may_read`, checked for the whole cycle in a fixed number of queries."""
    if not can_see_cycle(user, cycle):
        return []
    instrument = cycle.instrument
    assigned = assigned_codes(user, cycle)
    operator = policy.role_of(user) is Role.UNIT_OPERATOR
    files = (
        EvidenceFile.objects.present()
        .filter(answer__cycle=cycle, answer__question_code__in=codes)
        .select_related("answer__unit", "uploaded_by")
    )
    order = {q.code: i for i, q in enumerate(instrument.questions)}
    chosen = [
        f
        for f in files
        if instrument.has_question(f.answer.question_code)
        and not (operator and f.answer.unit_id != user.unit_id)
        and sees_question(user, cycle, instrument.question(f.answer.question_code), assigned)
    ]
    return sorted(
        chosen,
        key=lambda f: (
            order[f.answer.question_code],
            f.answer.unit_id or "",
            f.uploaded_at,
            f.pk,
        ),
    )


def plan_entries(cycle: Cycle, files: Iterable[EvidenceFile]) -> list[Entry]:
    """Names in the ZIP: PART/INDICATOR/CODE[-UNIT]-NN-title.ext, numbered per answer."""
    instrument = cycle.instrument
    numbers: Counter[tuple[str, str]] = Counter()
    entries = []
    for f in files:
        question = instrument.question(f.answer.question_code)
        unit = f.answer.unit_id or ""
        numbers[(question.code, unit)] += 1
        stem = "-".join(
            x
            for x in (
                _segment(question.code),
                _segment(unit) if unit else "",
                f"{numbers[(question.code, unit)]:02d}",
                ascii_slug(f.title),
            )
            if x
        )
        extension = re.sub(r"[^a-z0-9]", "", f.extension.casefold())[:8] or "bin"
        folder = f"{_segment(question.part_code)}/{_segment(question.indicator_code)}"
        uploader = f.uploaded_by
        entries.append(
            Entry(
                evidence_id=f.pk,
                stored_name=f.stored_name,
                question=question.code,
                unit=f"{unit} {f.answer.unit.name}" if f.answer.unit else "",
                title=f.title,
                document_year=f.document_year,
                uploader=uploader.get_full_name() or uploader.get_username(),
                uploaded_at=timezone.localtime(f.uploaded_at).isoformat(timespec="seconds"),
                size=f.size,
                sha256=f.sha256,
                path=f"{folder}/{stem}.{extension}",
            )
        )
    return entries


class Progress:
    """Writes a job's progress (a bundle's, or a report's with `model=ReportJob`) at most once
    a second and only after a change of 2 points."""

    def __init__(
        self,
        bundle_id: Any,
        clock: Callable[[], float] = time.monotonic,
        model: type[EvidenceBundle | ReportJob] = EvidenceBundle,
    ) -> None:
        self.bundle_id, self.clock, self.model = bundle_id, clock, model
        self.percent, self.written_at = 0, clock()

    def __call__(self, fraction: float) -> None:
        percent = max(0, min(99, int(fraction * 100)))
        now = self.clock()
        if percent - self.percent < 2 or now - self.written_at < 1.0:
            return
        self.model.objects.filter(pk=self.bundle_id).update(progress=percent)
        self.percent, self.written_at = percent, now


def _zip_time(moment: datetime) -> tuple[int, int, int, int, int, int]:
    local = timezone.localtime(moment)
    return (max(local.year, 1980), local.month, local.day, local.hour, local.minute, local.second)


def write_zip(
    target: Path,
    entries: list[Entry],
    progress: Callable[[float], None] = lambda _f: None,
    header: dict[str, Any] | None = None,
) -> tuple[list[Entry], list[dict[str, Any]]]:
    """Write the files and the manifests into `target`; returns the entries written (with the
    hash and size of what was copied) and those whose file storage no longer has. `header`
    (region, scope, made when and by whom: `layak.reports.manifest.about`) opens
    manifest.json."""
    total = sum(e.size for e in entries) or 1
    copied = 0
    written: list[Entry] = []
    missing: list[dict[str, Any]] = []
    now = _zip_time(timezone.now())
    with zipfile.ZipFile(target, "w", allowZip64=True) as archive:
        for entry in entries:
            try:
                source = default_storage.open(entry.stored_name, "rb")
            except FileNotFoundError:
                missing.append({"question": entry.question, "evidence": entry.evidence_id})
                continue
            info = zipfile.ZipInfo(entry.path, date_time=now)
            info.compress_type = zipfile.ZIP_STORED  # PDF, images and Office files are packed
            info.external_attr = 0o640 << 16
            digest, size = hashlib.sha256(), 0
            with source, archive.open(info, "w", force_zip64=entry.size > 2**31) as sink:
                while chunk := source.read(CHUNK):
                    digest.update(chunk)
                    sink.write(chunk)
                    size += len(chunk)
                    copied += len(chunk)
                    progress(copied / total)
            if digest.hexdigest() != entry.sha256:
                logger.warning(
                    "evidence %s: stored bytes differ from the recorded hash", entry.evidence_id
                )
            written.append(Entry(**{**asdict(entry), "sha256": digest.hexdigest(), "size": size}))
        _write_manifests(archive, written, missing, now, header or {})
    return written, missing


def _write_manifests(
    archive: zipfile.ZipFile,
    written: list[Entry],
    missing: list[dict[str, Any]],
    now: tuple[int, int, int, int, int, int],
    header: dict[str, Any],
) -> None:
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(MANIFEST_FIELDS)
    for e in written:
        row = asdict(e)
        # Opened in a spreadsheet, a title such as "=HYPERLINK(...)" must stay text.
        writer.writerow(
            [safe_text(v) if isinstance(v, str) else v for v in (row[f] for f in MANIFEST_FIELDS)]
        )
    document = {
        **header,
        "files": [{f: asdict(e)[f] for f in MANIFEST_FIELDS} for e in written],
        "missing": missing,
    }
    for name, data in (
        ("manifest.csv", text.getvalue().encode("utf-8-sig")),
        ("manifest.json", json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")),
    ):
        info = zipfile.ZipInfo(name, date_time=now)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o640 << 16
        archive.writestr(info, data)


def bundle_name(bundle: EvidenceBundle) -> str:
    """Bukti-Kota-Metro-2026-K3.zip: ASCII letters, digits and hyphens only."""
    cycle = bundle.cycle
    parts = ["Bukti", ascii_slug(cycle.region.name, 60).title(), str(cycle.year)]
    if bundle.scope == BundleScope.PART:
        parts.append(_segment(bundle.part_code))
    elif bundle.scope == BundleScope.AGENCY and bundle.agency is not None:
        parts.append(ascii_slug(bundle.agency.short_name).upper())
    return "-".join(parts) + ".zip"


def build(bundle: EvidenceBundle) -> None:
    """Write the bundle's ZIP and keep it in private storage."""
    cycle = bundle.cycle
    codes = scoped_codes(cycle, bundle.scope, bundle.part_code, bundle.agency_id)
    entries = plan_entries(cycle, readable_files(bundle.requested_by, cycle, codes))
    made_at = timezone.now()  # one moment: the manifest's and the page's (finished_at)
    header = manifest.about(bundle, codes, made_at)
    with tempfile.TemporaryDirectory(prefix="layak-bundel-") as folder:
        path = Path(folder) / "bundel.zip"
        written, missing = write_zip(path, entries, Progress(bundle.pk), header)
        with path.open("rb") as handle:
            stored = default_storage.save(
                f"{FOLDER}/{bundle.cycle.region_id}/{bundle.pk}.zip", File(handle)
            )
        size = path.stat().st_size
    updated = EvidenceBundle.objects.filter(pk=bundle.pk, status=BundleStatus.RUNNING).update(
        status=BundleStatus.DONE,
        stored_name=stored,
        size=size,
        file_count=len(written),
        missing=missing,
        progress=100,
        finished_at=made_at,
    )
    if not updated:  # expired or failed meanwhile: keep nothing behind
        default_storage.delete(stored)


def run_bundle_job(bundle_id: str) -> str:
    """The background task's body; a bundle already finished or taken is left alone."""
    purge_bundles()
    return run_job(EvidenceBundle, bundle_id, build, lambda b: f"evidence bundle {b.pk}")


def run_job(
    model: type[Any], job_id: str, build: Callable[[Any], None], name: Callable[[Any], str]
) -> str:
    """The one way a background job of this app runs (evidence bundles, report PDFs): taken
    only once from the queue (QUEUED → RUNNING in one UPDATE), built, and ended FAILED whatever
    broke, with the error's type as its message. Returns the job's status."""
    job = (
        model.objects.select_related("cycle__region", "cycle__instrument_record", "requested_by")
        .filter(pk=job_id)
        .first()
    )
    if job is None or job.status in FINISHED:
        return str(job.status) if job else "missing"
    started = model.objects.filter(pk=job.pk, status=BundleStatus.QUEUED).update(
        status=BundleStatus.RUNNING, started_at=timezone.now(), progress=0
    )
    if not started:
        return str(model.objects.values_list("status", flat=True).get(pk=job.pk))
    job.status = BundleStatus.RUNNING
    try:
        build(job)
    except Exception as exc:  # the job must end, whatever broke
        logger.error("%s failed: %s", name(job), type(exc).__name__)
        model.objects.filter(pk=job.pk).update(
            status=BundleStatus.FAILED, finished_at=timezone.now(), message=type(exc).__name__
        )
        return BundleStatus.FAILED.value
    return BundleStatus.DONE.value


def purge_bundles(now: datetime | None = None) -> int:
    """Delete the ZIPs kept longer than a day (their rows stay, as expired) and fail the jobs
    whose worker vanished. Returns how many bundles changed."""
    return purge_jobs(EvidenceBundle, now)


def purge_jobs(model: type[Any], now: datetime | None = None) -> int:
    """For either kind of job (evidence bundles, report PDFs): delete the files kept longer than
    a day (the rows stay, as expired) and fail the jobs whose worker vanished."""
    moment = now or timezone.now()
    changed = 0
    for job in model.objects.filter(status=BundleStatus.DONE, finished_at__lt=moment - KEEP_FOR):
        if job.stored_name:
            default_storage.delete(job.stored_name)
        changed += model.objects.filter(pk=job.pk, status=BundleStatus.DONE).update(
            status=BundleStatus.EXPIRED, stored_name=""
        )
    changed += model.objects.filter(
        status__in=[BundleStatus.QUEUED, BundleStatus.RUNNING], created_at__lt=moment - STALE_AFTER
    ).update(status=BundleStatus.FAILED, finished_at=moment, message="stale")
    return int(changed)
