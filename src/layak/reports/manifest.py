"""What an evidence bundle's manifest.json says about the bundle itself: whose evidence (the
region), what the requester chose (the scope, down to the questions it covers), the stage the
cycle was in, and when and by whom it was made. A ZIP handed on to a verifier or kept in an
archive has to say this on its own: its file name carries only region, year and part or OPD.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.utils import timezone

from layak.evaluation.models import StageWindow
from layak.reports.models import BundleScope, EvidenceBundle


def stage_at(bundle: EvidenceBundle, moment: datetime) -> dict[str, str] | None:
    """The stage the cycle was in: the latest open window, else the latest one begun (as the
    reports' heading names it)."""
    windows = list(StageWindow.objects.filter(cycle=bundle.cycle, opens_at__lte=moment))
    chosen = [w for w in windows if w.is_open(moment)] or windows
    if not chosen:
        return None
    window = chosen[-1]
    return {"code": window.stage, "name": str(window.get_stage_display())}


def about(bundle: EvidenceBundle, codes: set[str], made_at: datetime) -> dict[str, Any]:
    """The manifest's header. `codes` are the questions of the scope, whether or not each has a
    file the requester may read; `made_at` is written in local time with its offset."""
    cycle = bundle.cycle
    instrument = cycle.instrument
    questions = [q for q in instrument.questions if q.code in codes]
    part_codes = {q.part_code for q in questions}
    part = instrument.part(bundle.part_code) if bundle.scope == BundleScope.PART else None
    agency = bundle.agency if bundle.scope == BundleScope.AGENCY else None
    person = bundle.requested_by
    return {
        "region": {"code": cycle.region_id, "name": cycle.region.name},
        "year": cycle.year,
        "instrument": instrument.id,
        "scope": {
            "kind": bundle.scope,
            "label": str(BundleScope(bundle.scope).label),
            "part": {"code": part.code, "name": part.name} if part else None,
            "agency": {"short_name": agency.short_name, "name": agency.name} if agency else None,
            "stage": stage_at(bundle, made_at),
            "parts": [p.code for p in instrument.parts if p.code in part_codes],
            "questions": [q.code for q in questions],
        },
        "made_at": timezone.localtime(made_at).isoformat(timespec="seconds"),
        "made_by": person.get_full_name() or person.get_username(),
    }
