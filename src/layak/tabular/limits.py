"""Upload limits (see docs/reliability in the shared plan): one place for every reader."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Limits:
    max_file_bytes: int = 5 * 1024 * 1024
    max_unpacked_bytes: int = 100 * 1024 * 1024
    max_zip_entries: int = 2_000
    max_ratio: int = 100
    # Small XML parts compress far better than 100:1 legitimately; only large ones are checked.
    ratio_checked_above: int = 1024 * 1024
    max_rows: int = 50_000


DEFAULT_LIMITS = Limits()
