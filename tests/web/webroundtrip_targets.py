"""Concrete URLs of the Excel round-trip (agency workbooks) for the authorisation matrix
(test_web_access): the `target` fixture hands every "roundtrip:" name to `roundtrip_target`.

"own" is the person's own agency (Dinkes for those without one); "other" is another agency of
Kota Metro for officers, and another person's check of a workbook for everyone who uploads.
"""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.web.websupport import Target

OWN_AGENCY = {"budi": "Dinkes", "dewi": "Disdukcapil", "rina": "DP3AP2KB"}
OTHER_AGENCY = {"budi": "Disdukcapil", "dewi": "Dinkes", "rina": "Dinkes"}
UPLOADERS = ("sari", "kartika", "budi", "dewi", "rina")


def _agency(cycle: Any, short: str) -> Any:
    from layak.regions.models import Agency

    return Agency.objects.get(region=cycle.region, short_name=short)


# The matrix asks for the same unchanged workbooks hundreds of times, in rolled-back
# savepoints of the one demo world: each is written (about 0.25 s) and read once per process.
_BOOKS: dict[tuple[int, str], bytes] = {}
_READ: dict[tuple[int, str], tuple[Any, Any, str]] = {}


def _book(cycle: Any, users: dict[str, Any], short: str) -> bytes:
    from layak.roundtrip.export import agency_book

    key = (cycle.pk, short)
    if key not in _BOOKS:
        _BOOKS[key] = agency_book(users["sari"], cycle, _agency(cycle, short))
    return _BOOKS[key]


def _read(cycle: Any, users: dict[str, Any], short: str) -> tuple[Any, Any, str]:
    """The checked rows, refusals and digest of the unchanged workbook of `short`."""
    import tempfile
    from pathlib import Path

    from layak.roundtrip import checking

    key = (cycle.pk, short)
    if key not in _READ:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "book.xlsx"
            path.write_bytes(_book(cycle, users, short))
            rows, refused = checking.read_book(cycle, path)
            _READ[key] = (rows, refused, checking.file_digest(path))
    return _READ[key]


def _preview(cycle: Any, users: dict[str, Any], owner: str) -> tuple[int, str]:
    """A check of the owner's unchanged agency workbook: its id and the token to apply it."""
    from layak.roundtrip import checking
    from layak.roundtrip.models import ImportPreview

    agency = _agency(cycle, OWN_AGENCY.get(owner, "Dinkes"))
    rows, refused, sha = _read(cycle, users, agency.short_name)
    user = users[owner]
    preview = ImportPreview.objects.create(
        cycle=cycle,
        agency=agency,
        user=user,
        file_name="book.xlsx",
        sha256=sha,
        rows=checking.rows_to_json(rows),
        problems=checking.problems_to_json(refused),
    )
    token = checking.check_rows(user, cycle, agency, rows, refused, sha).token
    return preview.pk, token


def roundtrip_target(
    name: str, username: str, variant: str, cycle: Any, users: dict[str, Any]
) -> Target | None:
    own = variant == "own"
    c = cycle.pk
    if name == "roundtrip:export_all":
        return Target(reverse(name, args=[c])) if own else None
    if name in ("roundtrip:export", "roundtrip:upload"):
        short = OWN_AGENCY.get(username, "Dinkes") if own else OTHER_AGENCY.get(username)
        if short is None:
            return None
        agency = _agency(cycle, short)
        if name == "roundtrip:export":
            return Target(reverse(name, args=[c, agency.pk]))
        upload = SimpleUploadedFile("jawaban.xlsx", _book(cycle, users, short))
        return Target(reverse(name, args=[c]), {"opd": str(agency.pk), "berkas": upload})
    if name in ("roundtrip:preview", "roundtrip:apply"):
        if own:
            owner = username if username in UPLOADERS else "sari"
        elif username in UPLOADERS:
            owner = "budi" if username == "sari" else "sari"
        else:
            return None
        preview_id, token = _preview(cycle, users, owner)
        data = {"token": token} if name == "roundtrip:apply" else {}
        return Target(reverse(name, args=[c, preview_id]), data)
    raise AssertionError(f"no concrete URL for {name!r}")
