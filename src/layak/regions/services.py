"""Writes to a region's agencies (OPD): the policy is checked and the audit row written in the same
transaction; input is refused with the core's keyed InputError."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import HttpRequest

from layak.accounts import policy
from layak.accounts.models import User
from layak.audit.log import record
from layak.core.messages import InputError, Problem, msg
from layak.regions.models import Agency


def snapshot(agency: Agency) -> dict[str, object]:
    return {
        "name": agency.name,
        "short_name": agency.short_name,
        "aliases": agency.aliases,
        "active": agency.active,
        "coordinator": agency.coordinator.short_name if agency.coordinator else None,
    }


def save_agency(user: User, agency: Agency, *, request: HttpRequest | None = None) -> Agency:
    """Add or change an agency of a kabupaten/kota the person keeps (its rules are the model's
    `clean()`, which the form has run). A short name another agency of the region already
    uses is refused at the field."""
    if not policy.manages_region(user, agency.region_id):
        raise PermissionDenied
    before = snapshot(Agency.objects.get(pk=agency.pk)) if agency.pk else None
    try:
        with transaction.atomic():
            agency.save()
            record(
                "agency.save",
                actor=user,
                object_type="agency",
                object_id=agency.pk,
                region_code=agency.region_id,
                before=before,
                after=snapshot(agency),
                request=request,
            )
    except IntegrityError:
        taken = Problem(msg("agency.short_name_taken"), column="short_name")
        raise InputError([taken]) from None
    return agency
