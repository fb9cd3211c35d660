"""Concrete URLs of the Laporan pages for the authorisation matrix (test_web_access): the
`target` fixture hands every "reports:" name to `reports_target`.

A bundle or a PDF report "own" is one the person asked for (a finished one with its file in
storage); "other" is somebody else's, which nobody but its requester may see. Officers ask for
their agency's bundle; "other" for them is another agency's.
"""

from __future__ import annotations

from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from tests.web.websupport import Target

REQUESTERS = ("admin", "sari", "kartika", "budi", "dewi", "rina", "vina", "nadia")
OFFICERS = ("budi", "dewi", "rina")


def _bundle(cycle: Any, user: Any) -> str:
    from layak.reports.models import BundleScope, BundleStatus, EvidenceBundle

    officer = user.agency_id is not None
    stored = default_storage.save("bundel/uji.zip", ContentFile(b"PK\x05\x06" + b"\0" * 18))
    bundle = EvidenceBundle.objects.create(
        requested_by=user,
        cycle=cycle,
        scope=BundleScope.AGENCY if officer else BundleScope.REGION,
        agency_id=user.agency_id if officer else None,
        status=BundleStatus.DONE,
        stored_name=stored,
        size=22,
        progress=100,
        finished_at=timezone.now(),
    )
    return str(bundle.pk)


def _report(cycle: Any, user: Any) -> str:
    from layak.reports.models import BundleStatus, ReportJob, ReportKind

    stored = default_storage.save("laporan/uji.pdf", ContentFile(b"%PDF-1.7\n%%EOF\n"))
    job = ReportJob.objects.create(
        requested_by=user,
        cycle=cycle,
        kind=ReportKind.GAP,
        status=BundleStatus.DONE,
        stored_name=stored,
        size=15,
        progress=100,
        finished_at=timezone.now(),
    )
    return str(job.pk)


def reports_target(
    name: str, username: str, variant: str, users: dict[str, Any], cycle: Any
) -> Target | None:
    from layak.regions.models import Agency

    own = variant == "own"
    c = cycle.pk
    if name in (
        "reports:index",
        "reports:matrices",
        "reports:self_assessment",
        "reports:gap_pdf",
        "reports:gap_xlsx",
    ):
        return Target(reverse(name, args=[c])) if own else None
    if name in ("reports:report", "reports:report_download"):
        if own:
            requester = users[username] if username in REQUESTERS else users["sari"]
        else:
            requester = users["admin"] if username == "sari" else users["sari"]
        return Target(reverse(name, args=[_report(cycle, requester)]))
    if name == "reports:bundle_start":
        if username in OFFICERS:
            mine = users[username].agency
            other = Agency.objects.filter(region=cycle.region).exclude(pk=mine.pk).first()
            agency = mine if own else other
            return Target(reverse(name, args=[c]), {"cakupan": "opd", "opd": str(agency.pk)})
        return Target(reverse(name, args=[c]), {"cakupan": "wilayah"}) if own else None
    if name in ("reports:bundle", "reports:bundle_download"):
        if own:
            requester = users[username] if username in REQUESTERS else users["sari"]
        else:
            requester = users["admin"] if username == "sari" else users["sari"]
        return Target(reverse(name, args=[_bundle(cycle, requester)]))
    raise AssertionError(f"no concrete URL for {name!r}")
