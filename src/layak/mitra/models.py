"""Stakeholders (mitra) of a kabupaten/kota: organisations, their commitments and contributions.

A stakeholder account registers its own organisation's records; they count (as evidence, in the
totals) only once the secretariat has confirmed them, and a confirmed record is the secretariat's
to change. Every rule on a record lives in its `clean()`, as keyed problems (mitra/messages.py),
so forms, services and the demo agree.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from layak.conf.fields import region_key, user_key
from layak.conf.refusals import raise_invalid
from layak.core.messages import Problem, msg
from layak.files.models import StoredFile, Uploaded
from layak.mitra.indicators import indicator_names
from layak.regions.models import KeptByRegency


class Kind(models.TextChoices):
    BUSINESS = "dunia_usaha", _("Dunia usaha")
    COMMUNITY = "ormas", _("Organisasi kemasyarakatan")
    MEDIA = "media", _("Media")
    UNIVERSITY = "perguruan_tinggi", _("Perguruan tinggi")
    SCHOOL = "sekolah", _("Sekolah")
    RELIGIOUS = "keagamaan", _("Organisasi keagamaan")
    PROFESSIONAL = "profesi", _("Organisasi profesi")


class Status(models.TextChoices):
    PENDING = "menunggu", _("Menunggu konfirmasi")
    CONFIRMED = "dikonfirmasi", _("Dikonfirmasi")
    RETURNED = "dikembalikan", _("Dikembalikan")


class CommitmentKind(models.TextChoices):
    MOU = "mou", _("Nota kesepahaman (MoU)")
    CSR = "csr", _("Program CSR")
    OTHER = "lainnya", _("Lainnya")


class Organisation(KeptByRegency):
    name = models.CharField(_("nama organisasi"), max_length=200)
    kind = models.CharField(_("jenis"), max_length=20, choices=Kind.choices)
    address = models.CharField(_("alamat"), max_length=300, blank=True)
    contact = models.CharField(
        _("narahubung"),
        max_length=200,
        blank=True,
        help_text=_("Nama dan nomor telepon atau surel narahubung."),
    )
    puspa_member = models.BooleanField(_("anggota PUSPA"), default=False)
    puspa_since = models.DateField(_("anggota PUSPA sejak"), null=True, blank=True)
    active = models.BooleanField(_("aktif"), default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisasi mitra")
        verbose_name_plural = _("organisasi mitra")
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="mitra_organisation_unique")
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors: dict[str, str] = {}  # field → key: one problem per field, the last one found
        if self.region_id and not _is_regency(self.region_id):
            errors["region"] = "mitra.organisation_not_regency"
        if self.puspa_since and not self.puspa_member:
            errors["puspa_since"] = "mitra.puspa_since_without_membership"
        if self.puspa_since and self.puspa_since > timezone.localdate():
            errors["puspa_since"] = "mitra.puspa_since_future"
        raise_invalid([Problem(msg(key), column=field) for field, key in errors.items()])

    def snapshot(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind,
            "address": self.address,
            "contact": self.contact,
            "puspa_member": self.puspa_member,
            "puspa_since": _iso(self.puspa_since),
            "active": self.active,
        }


class StakeholderAccount(models.Model):
    """The one organisation a stakeholder account (role pemangku) acts for."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="stakeholder_account"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="accounts"
    )

    class Meta:
        verbose_name = _("akun mitra")
        verbose_name_plural = _("akun mitra")

    def __str__(self) -> str:
        return f"{self.user} → {self.organisation}"


class Reviewed(models.Model):
    """What commitments and contributions share: the secretariat's confirmation."""

    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    review_note = models.TextField(_("catatan sekretariat"), blank=True)
    reviewed_by = user_key(optional=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_by = user_key()
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True

    @property
    def confirmed(self) -> bool:
        return self.status == Status.CONFIRMED


class Commitment(Reviewed):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="commitments"
    )
    kind = models.CharField(_("jenis komitmen"), max_length=10, choices=CommitmentKind.choices)
    number = models.CharField(_("nomor dokumen"), max_length=100, blank=True)
    title = models.CharField(_("judul"), max_length=200)
    date_from = models.DateField(_("berlaku sejak"))
    date_until = models.DateField(
        _("berlaku sampai"), null=True, blank=True, help_text=_("Kosongkan bila tanpa batas.")
    )
    description = models.TextField(_("uraian"), blank=True)

    class Meta:
        ordering = ["-date_from", "id"]
        verbose_name = _("komitmen")
        verbose_name_plural = _("komitmen")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.date_from and self.date_until and self.date_until < self.date_from:
            until = msg("mitra.commitment_until_before_from")
            raise_invalid([Problem(until, column="date_until")])

    def active_in(self, year: int) -> bool:
        return self.date_from.year <= year and (
            self.date_until is None or self.date_until.year >= year
        )

    def snapshot(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "number": self.number,
            "title": self.title,
            "date_from": _iso(self.date_from),
            "date_until": _iso(self.date_until),
            "description": self.description,
            "status": self.status,
            "review_note": self.review_note,
        }


class Contribution(Reviewed):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="contributions"
    )
    commitment = models.ForeignKey(
        Commitment,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contributions",
        verbose_name=_("bagian dari komitmen"),
    )
    title = models.CharField(
        _("nama kontribusi"),
        max_length=200,
        help_text=_("Mis. Pojok ASI di kantor cabang, ruang bermain ramah anak."),
    )
    date = models.DateField(_("tanggal"))
    value = models.DecimalField(
        _("nilai (rupiah)"),
        max_digits=15,
        decimal_places=2,
        help_text=_("Perkiraan nilai dalam rupiah, mis. 25.000.000."),
    )
    place = region_key(_("tempat (kecamatan/kelurahan)"))
    indicator_code = models.CharField(_("indikator KLA"), max_length=8)
    description = models.TextField(_("uraian"), blank=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("kontribusi")
        verbose_name_plural = _("kontribusi")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(value__gte=0), name="mitra_contribution_value_not_negative"
            )
        ]
        indexes = [models.Index(fields=["status", "date"], name="mitra_contrib_status_date")]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        problems: list[Problem] = []
        if self.value is not None and self.value < 0:
            problems.append(Problem(msg("mitra.value_negative"), column="value"))
        organisation = self.organisation if self.organisation_id else None
        if (
            organisation is not None
            and self.place_id
            and not self.place.is_unit_of(organisation.region_id)
        ):
            outside = msg("mitra.place_outside", region=organisation.region.name)
            problems.append(Problem(outside, column="place"))
        if organisation is not None and self.date and self.indicator_code:
            names = indicator_names(organisation.region_id, self.date.year)
            if self.indicator_code not in names:
                unknown = msg(
                    "mitra.indicator_unknown", code=self.indicator_code, year=self.date.year
                )
                problems.append(Problem(unknown, column="indicator_code"))
        commitment = self.commitment if self.commitment_id else None
        if (
            organisation is not None
            and commitment is not None
            and commitment.organisation_id != organisation.pk
        ):
            problems.append(Problem(msg("mitra.commitment_elsewhere"), column="commitment"))
        raise_invalid(problems)

    def snapshot(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "date": _iso(self.date),
            "value": str(self.value),
            "place": self.place_id,
            "indicator": self.indicator_code,
            "commitment": self.commitment_id,
            "description": self.description,
            "status": self.status,
            "review_note": self.review_note,
        }


class Document(StoredFile, Uploaded):
    """A file behind a commitment (the signed MoU) or a contribution (photos, reports)."""

    commitment = models.ForeignKey(
        Commitment, null=True, blank=True, on_delete=models.PROTECT, related_name="documents"
    )
    contribution = models.ForeignKey(
        Contribution, null=True, blank=True, on_delete=models.PROTECT, related_name="documents"
    )

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("berkas mitra")
        verbose_name_plural = _("berkas mitra")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(commitment__isnull=False, contribution__isnull=True)
                    | models.Q(commitment__isnull=True, contribution__isnull=False)
                ),
                name="mitra_document_one_owner",
            )
        ]

    def __str__(self) -> str:
        return self.original_name

    @property
    def owner(self) -> Commitment | Contribution:
        owner = self.commitment or self.contribution
        if owner is None:  # the check constraint makes this impossible
            raise ValueError(f"document {self.pk} has no owner")
        return owner

    def download_name(self) -> str:
        prefix = "komitmen" if self.commitment_id else "kontribusi"
        return f"{prefix}-{self.commitment_id or self.contribution_id}-{self.pk}.{self.extension}"

    def snapshot(self) -> dict[str, Any]:
        return {
            "document": self.pk,
            **self.file_snapshot(),
            "removed": self.removed_at is not None,
        }


def _iso(value: Any) -> str | None:
    return value.isoformat() if value else None


def _is_regency(code: str) -> bool:
    return code.count(".") == 1
