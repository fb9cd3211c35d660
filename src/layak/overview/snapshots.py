"""The national page's figures: the per-cycle snapshot (`CycleScore`), brought up to date
from the audit log before it is read. See models.py for why this cannot go stale."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from layak.audit.models import AuditEvent
from layak.core.stages import Stage
from layak.evaluation.models import InstrumentRecord
from layak.overview.models import CycleScore
from layak.overview.queries.figures import RegionFigures, _cycles, region_figures

# An audit row carries the time its transaction began writing, not the time it committed; a
# row committed up to this long after its timestamp is still found.
LOOKBACK = timedelta(seconds=60)
# How often the checked-up-to time moves on when nothing changed, so the scan stays short.
ADVANCE = timedelta(minutes=5)


def _store(figures: list[RegionFigures], now: datetime) -> None:
    CycleScore.objects.bulk_create(
        [
            CycleScore(
                cycle_id=f.cycle_id,
                parts=f.parts,
                projected_parts=f.projected_parts,
                answered=f.answered,
                with_evidence=f.with_evidence,
                verified_parts=f.verified_parts,
                verified_stage=f.verified_stage.value if f.verified_stage else "",
                computed_at=now,
            )
            for f in figures
        ],
        update_conflicts=True,
        unique_fields=["cycle"],
        update_fields=[
            "parts",
            "projected_parts",
            "answered",
            "with_evidence",
            "verified_parts",
            "verified_stage",
            "computed_at",
        ],
        batch_size=500,
    )


# At most this many regions are recomputed inside a request (a few ms each: an answer saved
# a minute ago). More (the first build, a new year's cycles, an import across the country)
# go to the background worker (`overview.tasks`), so no person waits a second or more.
RECOMPUTE_IN_REQUEST = 10


def _touched(since: datetime) -> set[str]:
    """Regions with audit events since then that may change their figures: every event but
    sign-ins, refusals and downloads, which change nothing (a new kind of event counts)."""
    return set(
        AuditEvent.objects.filter(at__gte=since)
        .exclude(region_code="")
        .exclude(action__startswith="auth.")
        .exclude(action="access.denied")
        .exclude(action__endswith=".download")
        .values_list("region_code", flat=True)
        .distinct()
    )


@dataclass
class Snapshot:
    """What the national page can show now. `pending`: regions without figures yet (being
    computed in the background, not shown); `updating`: regions shown with their figures as
    last computed while the background recomputes them."""

    figures: list[RegionFigures]
    regions: int
    pending: int = 0
    updating: int = 0

    @property
    def ready(self) -> int:
        return self.regions - self.pending

    @property
    def in_background(self) -> bool:
        return bool(self.pending or self.updating)


def read_snapshot(year: int, province: str | None = None, *, in_request: bool = True) -> Snapshot:
    """Every region's figures for the year from the snapshot, after recomputing the cycles that
    are missing or whose region has audit events since their row was computed: in a request,
    only when they are at most RECOMPUTE_IN_REQUEST; otherwise nothing is recomputed here and
    the caller hands the work to the background (`overview.tasks.refresh_in_background`).
    Four queries when nothing changed."""
    rows = list(
        _cycles(year, province)
        .order_by("region_id")
        .values_list("pk", "region_id", "region__name", "instrument_record_id", "target_predicate")
    )
    if not rows:
        return Snapshot([], 0)
    ids = [row[0] for row in rows]
    snaps = {s.cycle_id: s for s in CycleScore.objects.filter(cycle_id__in=ids)}
    now = timezone.now()
    missing = {pk for pk in ids if pk not in snaps}
    stale = set(missing)
    oldest = min((s.computed_at for s in snaps.values()), default=None)
    if oldest is not None:
        touched = _touched(oldest - LOOKBACK)
        stale |= {pk for pk, code, _name, _record, _target in rows if code in touched}
    if in_request and len(stale) > RECOMPUTE_IN_REQUEST:
        shown = [row for row in rows if row[0] not in missing]
        return Snapshot(_from_rows(shown, snaps, {}), len(rows), len(missing), len(stale - missing))
    fresh: dict[int, RegionFigures] = {}
    if stale:
        fresh = {f.cycle_id: f for f in region_figures(year, province, sorted(stale))}
    if stale or (oldest is not None and now - oldest > ADVANCE):
        with transaction.atomic():
            _store(list(fresh.values()), now)
            CycleScore.objects.filter(cycle_id__in=ids).exclude(cycle_id__in=stale).update(
                computed_at=now
            )
    return Snapshot(_from_rows(rows, snaps, fresh), len(rows))


def current_figures(year: int, province: str | None = None) -> list[RegionFigures]:
    """Every region's figures, brought up to date here whatever it costs: for the background
    task, commands and tests, never for a page."""
    return read_snapshot(year, province, in_request=False).figures


Row = tuple[int, str, str, int, str]


def _from_rows(
    rows: list[Row], snaps: dict[int, CycleScore], fresh: dict[int, RegionFigures]
) -> list[RegionFigures]:
    instruments = {
        r.pk: r.instrument
        for r in InstrumentRecord.objects.defer("data").filter(pk__in={row[3] for row in rows})
    }
    result = []
    for pk, code, name, record, target in rows:
        if pk in fresh:
            result.append(fresh[pk])
            continue
        snap = snaps[pk]
        result.append(
            RegionFigures(
                pk,
                code,
                name,
                code.split(".")[0],
                instruments[record],
                target,
                parts=list(snap.parts),
                projected_parts=list(snap.projected_parts),
                answered=snap.answered,
                with_evidence=snap.with_evidence,
                verified_parts=None if snap.verified_parts is None else list(snap.verified_parts),
                verified_stage=Stage(snap.verified_stage) if snap.verified_stage else None,
            )
        )
    return result
