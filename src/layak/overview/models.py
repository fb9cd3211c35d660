"""A snapshot of each cycle's figures for the national page.

Summing 514 regions × 274 answers live takes about half a second on SQLite (measured in
docs/performance.md), so the national page reads one row per cycle instead. The rows are
refreshed from the audit log (`snapshots.current_figures`): every write to an answer, a
verification or an evidence file writes an audit row with its region in the same transaction
(docs/architecture.md), so the regions with events since a row was computed are the ones to
recompute. No write path has to remember the snapshot, and none can leave it stale.

The figures follow `layak.core.figures` (submitted answers only); rows computed under an
earlier definition were emptied by migration 0002 and are recomputed on the next read.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class CycleScore(models.Model):
    cycle = models.OneToOneField(
        "evaluation.Cycle", primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    # Points per part in the instrument's order: self-assessed, backed by evidence, verified
    # (null until a verifier decides, with the stage it stands at).
    parts = models.JSONField(default=list)
    projected_parts = models.JSONField(default=list)
    answered = models.PositiveIntegerField(default=0)
    with_evidence = models.PositiveIntegerField(default=0)
    verified_parts = models.JSONField(null=True, blank=True)
    verified_stage = models.CharField(max_length=32, blank=True)
    computed_at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return f"{self.cycle_id} @ {self.computed_at:%Y-%m-%d %H:%M:%S}"
