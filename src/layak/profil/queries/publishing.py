"""What of a Profil Anak may leave Layak: the core's disclosure-control step
(`layak.core.profil_anak.disclosure`), run once per dataset and kept with it.

Every public output (the public page, the open data, the public mode of the API, the PDF)
asks `public_display` and gets the same Display, or None when the step's audit did not pass:
then nothing of that dataset is published. The step runs when a web import finishes (in the
background job), at `layak profil-anak audit`, or else at the first public reading; a dataset
never changes after its import, so its result is kept in `ProfilDataset.disclosure` and read
back from there (the stored method must match the running one, else it is computed again).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import Any

from layak.core.profil_anak.audit import AuditError
from layak.core.profil_anak.cells import Key
from layak.core.profil_anak.disclosure import METHOD, THRESHOLD, WIDTH, protect_profile
from layak.core.profil_anak.display import Display, display
from layak.core.profil_anak.summary import Profile
from layak.profil.models import ProfilDataset

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Publication:
    """A dataset's disclosure-control result as kept: the withheld cells and the audit."""

    hidden: frozenset[Key]
    passed: bool
    record: dict[str, Any]


def _record(profile: Profile) -> dict[str, Any]:
    started = time.perf_counter()
    base: dict[str, Any] = {"method": METHOD, "threshold": THRESHOLD, "width": WIDTH}
    try:
        cells, protection = protect_profile(profile)
    except (AuditError, ValueError) as error:
        logger.error("Profil Anak %s %s: disclosure step failed: %s",
                     profile.region.code, profile.year, error)  # fmt: skip
        return {**base, "passed": False, "error": str(error)[:300], "hidden": []}
    audit = protection.audit
    return {
        **base,
        "passed": protection.passed,
        "hidden": sorted([list(key) for key in protection.hidden]),
        "primary": len(protection.primary),
        "cells": len(cells.values),
        "narrowest": audit.narrowest,
        "failing": [list(key) for key in audit.failing],
        "solves": audit.solves,
        "rounds": protection.rounds,
        "seconds": round(time.perf_counter() - started, 3),
    }


def _publication(record: dict[str, Any]) -> Publication:
    hidden = frozenset((str(a), str(b), str(c)) for a, b, c in record.get("hidden", []))
    return Publication(hidden, bool(record.get("passed")), record)


def publication(dataset: ProfilDataset, profile: Profile, again: bool = False) -> Publication:
    """The dataset's kept result, computed and kept now if there is none (or `again`)."""
    record = dataset.disclosure
    if again or not isinstance(record, dict) or record.get("method") != METHOD:
        record = _record(profile)
        ProfilDataset.objects.filter(pk=dataset.pk).update(disclosure=record)
        dataset.disclosure = record
    return _publication(record)


def public_display(dataset: ProfilDataset, profile: Profile) -> Display | None:
    """The public Display of the dataset, or None when its audit did not pass."""
    found = publication(dataset, profile)
    return display(profile, found.hidden) if found.passed else None
