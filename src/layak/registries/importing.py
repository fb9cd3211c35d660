"""Importing a region's list of institutions (CSV or xlsx): every row checked first with the
rules of the web form (the models' `clean()` and the policy), a plan of what would change (the
dry run), then all or nothing. A row is known by its natural key, kind and name in the region,
so importing the same list twice changes nothing.

Columns: jenis, nama (required); kelurahan, alamat; and for a decree or standard the row holds:
nomor_sk, tanggal_sk, berlaku_dari, berlaku_sampai, dasar (sk, standar, mandiri; sk when empty).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from django.db import transaction
from django.http import HttpRequest

from layak.accounts.models import User
from layak.conf.refusals import full_clean
from layak.core.messages import InputError, Lang, Problem, msg
from layak.core.recap_cells import text_of
from layak.core.registries import KINDS, kind_of
from layak.core.wilayah import Level, normalise_name
from layak.files.refusals import UploadPath, record_refusal
from layak.regions.models import Region
from layak.registries import policy as access
from layak.registries import services
from layak.registries.models import Basis, Designation, Institution
from layak.tabular import read_table

NEW, CHANGED, UNCHANGED, REJECTED = "baru", "berubah", "tetap", "ditolak"
OUTCOMES = (NEW, CHANGED, UNCHANGED, REJECTED)
REQUIRED = ("jenis", "nama")
ALIASES = {
    "nama_lembaga": "nama",
    "kelurahan_desa": "kelurahan",
    "desa_kelurahan": "kelurahan",
    "no_sk": "nomor_sk",
    "nomor": "nomor_sk",
    "tanggal": "tanggal_sk",
    "tahun_mulai": "berlaku_dari",
    "tahun_berakhir": "berlaku_sampai",
}
# The model's fields and the columns that carry them, so a rule's problem names the column.
COLUMN_OF = {
    "kind": "jenis",
    "name": "nama",
    "unit": "kelurahan",
    "address": "alamat",
    "number": "nomor_sk",
    "issued_on": "tanggal_sk",
    "valid_from": "berlaku_dari",
    "valid_until": "berlaku_sampai",
    "basis": "dasar",
}
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y")


@dataclass
class RowPlan:
    row: int
    kind: str
    name: str
    outcome: str
    designation: str = ""  # NEW, CHANGED or UNCHANGED when the row holds a decree
    problems: list[Problem] = field(default_factory=list)
    institution: Institution | None = None
    decree: Designation | None = None
    before: Any = None  # the records as stored when checked: part of the token


@dataclass
class ImportPlan:
    rows: list[RowPlan] = field(default_factory=list)

    @property
    def token(self) -> str:
        """What the check found, row by row, with the records as they were: applying with a
        check whose token no longer matches is refused (the data changed in between)."""
        state = [
            [
                r.row,
                r.kind,
                r.name,
                r.outcome,
                r.designation,
                r.before,
            ]
            for r in self.rows
        ]
        return hashlib.sha256(json.dumps(state).encode()).hexdigest()

    def count(self, outcome: str) -> int:
        return sum(1 for r in self.rows if r.outcome == outcome)

    @property
    def problems(self) -> list[Problem]:
        return [p for r in self.rows for p in r.problems]

    @property
    def writes(self) -> list[RowPlan]:
        changes = (NEW, CHANGED)
        return [r for r in self.rows if r.outcome in changes or r.designation in changes]


def _year(value: Any, column: str, row: int) -> tuple[int | None, list[Problem]]:
    text = text_of(value)
    if not text:
        return None, []
    if re.fullmatch(r"\d{4}", text):
        return int(text), []
    return None, [Problem(msg("registries.not_a_year", value=text), row, column)]


def _date(value: Any, column: str, row: int) -> tuple[date | None, list[Problem]]:
    if isinstance(value, datetime):
        return value.date(), []
    if isinstance(value, date):
        return value, []
    text = text_of(value)
    if not text:
        return None, []
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern).date(), []
        except ValueError:
            continue
    return None, [Problem(msg("registries.not_a_date", value=text), row, column)]


class _Registered:
    """The region's institutions by kind and name, with their decrees by number: two queries
    for the whole list instead of two per row (docs/performance.md)."""

    def __init__(self, region: Region) -> None:
        found = Institution.objects.filter(region=region).prefetch_related("designations")
        self.institutions = {(i.kind, i.name): i for i in found}

    def institution(self, kind: str, name: str) -> Institution | None:
        return self.institutions.get((kind, name))

    def decree(self, institution: Institution | None, number: str) -> Designation | None:
        if institution is None:
            return None
        return next((d for d in institution.designations.all() if d.number == number), None)


class _Units:
    """A region's kelurahan and kecamatan by code or name (kelurahan first)."""

    def __init__(self, region: Region) -> None:
        self.region = region
        self.by_code: dict[str, Region] = {}
        self.by_name: dict[str, list[Region]] = {}
        for unit in region.units(Level.VILLAGE, Level.DISTRICT).order_by("-level", "code"):
            self.by_code[unit.code] = unit
            for name in (unit.name, *unit.aliases):
                self.by_name.setdefault(normalise_name(name), []).append(unit)

    def find(self, text: str) -> Region | None:
        if text in self.by_code:
            return self.by_code[text]
        found = self.by_name.get(
            normalise_name(re.sub(r"(?i)^(kelurahan|desa|kecamatan)\s+", "", text))
        )
        return found[0] if found else None


def _located(problems: list[Problem], row: int) -> list[Problem]:
    """A model's problems at the row, each under the column that carries its field."""
    return [Problem(p.message, row, COLUMN_OF.get(p.column or "", p.column)) for p in problems]


def _outcome(before: dict[str, Any] | None, record: Institution | Designation) -> str:
    """What a row does to a record: NEW when none is stored (`before` is None), else CHANGED
    or UNCHANGED as the row changes its snapshot."""
    if before is None:
        return NEW
    return CHANGED if before != record.snapshot() else UNCHANGED


def _check_row(
    user: User,
    region: Region,
    known: tuple[_Units, _Registered],
    number: int,
    values: dict[str, Any],
) -> RowPlan:
    units, registered = known
    kind_text, name = text_of(values.get("jenis")), text_of(values.get("nama"))
    plan = RowPlan(number, kind_text, name, REJECTED)
    problems = plan.problems
    for column, value in (("jenis", kind_text), ("nama", name)):
        if not value:
            problems.append(Problem(msg("cell.required"), number, column))
    kind = kind_of(kind_text) if kind_text else None
    if kind_text and kind is None:
        names = ", ".join(k.name for k in KINDS)
        problems.append(
            Problem(msg("registries.kind_unknown", value=kind_text, kinds=names), number, "jenis")
        )
    elif kind is not None and not access.keeps_kind(user, region.code, kind.code):
        kept = ", ".join(k.name for k in access.kinds_kept(user, region.code)) or "—"
        problems.append(
            Problem(msg("registries.kind_not_kept", kind=kind.name, kept=kept), number, "jenis")
        )
    unit_text = text_of(values.get("kelurahan"))
    unit = units.find(unit_text) if unit_text else None
    if unit_text and unit is None:
        unknown = msg("registries.unit_unknown", name=unit_text, region=region.name)
        problems.append(Problem(unknown, number, "kelurahan"))
    if problems or kind is None:
        _check_decree(plan, values, None)  # its cells' problems too: every problem at once
        return plan
    plan.kind = kind.code.value
    existing = registered.institution(kind.code, name)
    institution = existing or Institution(region=region, kind=kind.code, name=name)
    before = existing.snapshot() if existing else None
    plan.before = [existing.pk, before] if existing else None
    institution.unit = unit
    institution.address = text_of(values.get("alamat"))
    institution.active = True
    try:
        # The region and the unit are the database's own rows: their existence is not checked
        # again, row by row; clean() still checks the unit lies in the region.
        full_clean(institution, exclude=["region", "unit"])
    except InputError as error:
        problems.extend(_located(error.problems, number))
    plan.institution = institution
    plan.outcome = _outcome(before, institution)
    _check_decree(plan, values, registered.decree(existing, text_of(values.get("nomor_sk"))))
    if problems:
        plan.outcome = REJECTED
    return plan


def _check_decree(plan: RowPlan, values: dict[str, Any], found: Designation | None) -> None:
    """The row's decree, if it names one; `found` is the institution's decree of that number."""
    number_text = text_of(values.get("nomor_sk"))
    issued, problems = _date(values.get("tanggal_sk"), "tanggal_sk", plan.row)
    valid_from, from_problems = _year(values.get("berlaku_dari"), "berlaku_dari", plan.row)
    valid_until, until_problems = _year(values.get("berlaku_sampai"), "berlaku_sampai", plan.row)
    problems += from_problems + until_problems
    basis = text_of(values.get("dasar")).casefold() or Basis.DECREE.value
    if basis not in Basis.values:
        problems.append(Problem(msg("field.invalid_choice", value=basis), plan.row, "dasar"))
    if not number_text:
        plan.problems.extend(problems)
        return
    if valid_from is None and not from_problems:
        incomplete = msg("registries.decree_incomplete", column="berlaku_dari")
        problems.append(Problem(incomplete, plan.row, "berlaku_dari"))
    plan.problems.extend(problems)
    if problems:
        return
    decree = found or Designation(number=number_text)
    before = found.snapshot() if found else None
    if found is not None:
        plan.before = [plan.before, found.pk, before]
    decree.basis, decree.issued_on = basis, issued
    decree.valid_from, decree.valid_until = valid_from or 0, valid_until
    try:
        full_clean(decree, exclude=["institution", "created_by"])
    except InputError as error:
        plan.problems.extend(_located(error.problems, plan.row))
    plan.decree = decree
    plan.designation = _outcome(before, decree)


def check_list(user: User, region: Region, rows: list[tuple[int, dict[str, Any]]]) -> ImportPlan:
    """The dry run: every row's outcome and problems; nothing is written."""
    known = (_Units(region), _Registered(region))
    plan = ImportPlan([_check_row(user, region, known, number, values) for number, values in rows])
    seen: dict[tuple[str, str], int] = {}
    for row in plan.rows:
        key = (row.kind, row.name.casefold())
        if row.name and key in seen:
            twice = msg("registries.duplicate_name", name=row.name, first_row=seen[key])
            row.problems.append(Problem(twice, row.row, "nama"))
            row.outcome = REJECTED
        seen.setdefault(key, row.row)
    return plan


def read_list(path: Path) -> list[tuple[int, dict[str, Any]]]:
    table = read_table(path, REQUIRED, ALIASES, refuse_formulas=True)
    return [(row.number, dict(row.values)) for row in table.rows]


def rows_to_json(rows: list[tuple[int, dict[str, Any]]]) -> list[Any]:
    """The rows as JSON: a workbook's dates as ISO text, which `_date` reads back."""

    def plain(value: Any) -> Any:
        if isinstance(value, (date, datetime)):
            return value.isoformat()[:10]
        if value is None or isinstance(value, (str, int, float)):
            return value
        return str(value)

    return [[number, {k: plain(v) for k, v in values.items()}] for number, values in rows]


def rows_from_json(data: list[Any]) -> list[tuple[int, dict[str, Any]]]:
    return [(int(number), dict(values)) for number, values in data]


def apply(
    user: User,
    region: Region,
    rows: list[tuple[int, dict[str, Any]]],
    request: HttpRequest | None = None,
    *,
    token: str | None = None,
) -> ImportPlan:
    """Check again and write every row in one transaction, or nothing; with `token`, only
    when the check still finds what the dry run showed."""
    with transaction.atomic():
        plan = check_list(user, region, rows)
        if token is not None and plan.token != token:
            raise InputError([Problem(msg("book.stale_preview"))])
        rejected = plan.count(REJECTED)
        if rejected:
            refused = Problem(msg("registries.import_rejected", count=rejected))
            raise InputError([refused, *plan.problems])
        for row in plan.writes:
            assert row.institution is not None  # noqa: S101 - every accepted row has one
            if row.outcome in (NEW, CHANGED):
                services.save_institution(user, row.institution, request=request)
            if row.decree is not None and row.designation in (NEW, CHANGED):
                row.decree.institution = row.institution
                services.save_designation(user, row.decree, request=request)
    return plan


def audit_refusal(
    user: User, region: Region, name: str, problems: list[Problem], request: HttpRequest | None
) -> None:
    record_refusal(
        user=user,
        path=UploadPath.REGISTRY,
        rules=[p.message.key for p in problems],
        file_name=name,
        region_code=region.code,
        object_type="registries.institution",
        request=request,
    )


def rendered(problems: list[Problem], lang: Lang) -> list[dict[str, Any]]:
    """Each problem for the page: its row, its column, its text and its key."""
    return [
        {
            "row": p.row,
            "column": p.column or "",
            "text": p.message.render(lang),
            "rule": p.message.key,
        }
        for p in problems
    ]
