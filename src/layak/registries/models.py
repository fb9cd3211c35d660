"""The registries of a kabupaten/kota: the institutions that serve children with their decrees
and standards, and the training of staff in the Convention on the Rights of the Child (KHA).

Every rule on a record is in its `clean()` as keyed problems (registries/messages.py), so the
forms, the import and the services share one validation source. The kinds of institution and
the shares are the core's (layak.core.registries).

Names of participants are adult staff's personal data: they are kept for the certificate and
the trained count, shown to those who keep or verify the register, and never in open data.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from layak.conf.fields import agency_key, region_key, user_key
from layak.conf.refusals import raise_invalid
from layak.core.messages import Problem, msg
from layak.core.registries import KindCode, holds_in
from layak.core.wilayah import Level
from layak.files.models import OptionalStoredFile
from layak.regions.models import KeptByRegency

FIRST_YEAR, LAST_YEAR = 2000, 2100


class Kind(models.TextChoices):
    """The kinds of layak.core.registries.KINDS, with their labels (a test keeps them equal)."""

    PUSPAGA = KindCode.PUSPAGA, _("PUSPAGA (Pusat Pembelajaran Keluarga)")
    PAUD_HI = KindCode.PAUD_HI, _("Pos PAUD Holistik Integratif")
    LKSA = KindCode.LKSA, _("Lembaga Kesejahteraan Sosial Anak (LKSA)")
    RBRA = KindCode.RBRA, _("Ruang Bermain Ramah Anak (RBRA)")
    RASS = KindCode.RASS, _("Rute Aman Selamat Sekolah (RASS)")
    PUSKESMAS = KindCode.PUSKESMAS, _("Puskesmas")
    SCHOOL_TK = KindCode.SCHOOL_TK, _("Sekolah TK/RA")
    SCHOOL_SD = KindCode.SCHOOL_SD, _("Sekolah SD/MI")
    SCHOOL_SMP = KindCode.SCHOOL_SMP, _("Sekolah SMP/MTs")
    SCHOOL_SMA = KindCode.SCHOOL_SMA, _("Sekolah SMA/MA/SMK")
    SCHOOL_SLB = KindCode.SCHOOL_SLB, _("Sekolah Luar Biasa (SLB)")
    PKA = KindCode.PKA, _("Pusat Kreativitas Anak (PKA)")
    RIRA = KindCode.RIRA, _("Rumah Ibadah Ramah Anak (RIRA)")
    UPTD_PPA = KindCode.UPTD_PPA, _("UPTD PPA")


class Basis(models.TextChoices):
    DECREE = "sk", _("SK (penetapan)")
    STANDARD = "standar", _("Terstandar / terakreditasi")
    SELF_ASSESSED = "mandiri", _("Sudah menilai diri (evaluasi mandiri)")


class Status(models.TextChoices):
    IN_FORCE = "berlaku", _("Berlaku")
    REVOKED = "dicabut", _("Dicabut")


class Institution(KeptByRegency):
    kind = models.CharField(_("jenis"), max_length=16, choices=Kind.choices)
    name = models.CharField(_("nama"), max_length=200)
    unit = region_key(_("kelurahan/kecamatan"), optional=True)
    address = models.CharField(_("alamat"), max_length=300, blank=True)
    active = models.BooleanField(
        _("aktif"), default=True, help_text=_("Lembaga yang tutup tidak dihitung dalam persentase.")
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("lembaga")
        verbose_name_plural = _("lembaga")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "kind", "name"], name="registries_institution_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("registries:institution", args=[self.pk])

    def clean(self) -> None:
        problems: list[Problem] = []
        if self.region_id and self.region_id.count(".") != 1:
            problems.append(Problem(msg("registries.not_regency"), column="region"))
        elif self.region_id and self.unit is not None and not self.unit.is_unit_of(self.region_id):
            outside = msg("registries.unit_outside", region=self.region.name)
            problems.append(Problem(outside, column="unit"))
        if self.region_id and self.kind and self.name:
            taken = Institution.objects.filter(
                region_id=self.region_id, kind=self.kind, name=self.name
            ).exclude(pk=self.pk)
            if taken.exists():
                problems.append(Problem(msg("registries.name_taken"), column="name"))
        raise_invalid(problems)

    def validate_unique(self, exclude: Any = None) -> None:
        """The one uniqueness rule is the keyed one in clean()."""

    def validate_constraints(self, exclude: Any = None) -> None:
        """The unique name is checked, keyed, in clean(); the database still enforces it."""

    def snapshot(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "name": self.name,
            "unit": self.unit_id,
            "address": self.address,
            "active": self.active,
        }


def _year_problems(field: str, year: int | None) -> list[Problem]:
    if year is None or FIRST_YEAR <= year <= LAST_YEAR:
        return []
    out = msg("registries.year_out_of_range", year=year, first=FIRST_YEAR, last=LAST_YEAR)
    return [Problem(out, column=field)]


class Designation(OptionalStoredFile):
    """A decree (SK) or standard an institution holds, for the years it holds it."""

    institution = models.ForeignKey(
        Institution, on_delete=models.PROTECT, related_name="designations"
    )
    basis = models.CharField(_("dasar"), max_length=8, choices=Basis.choices, default=Basis.DECREE)
    number = models.CharField(_("nomor SK/sertifikat"), max_length=100)
    issued_on = models.DateField(_("tanggal"), null=True, blank=True)
    valid_from = models.PositiveSmallIntegerField(_("berlaku mulai tahun"))
    valid_until = models.PositiveSmallIntegerField(
        _("berlaku sampai tahun"), null=True, blank=True, help_text=_("Kosongkan bila tanpa batas.")
    )
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.IN_FORCE
    )
    created_by = user_key()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-valid_from", "-id"]
        verbose_name = _("SK/standar lembaga")
        verbose_name_plural = _("SK/standar lembaga")

    def __str__(self) -> str:
        return self.number

    def clean(self) -> None:
        problems = _year_problems("valid_from", self.valid_from)
        problems += _year_problems("valid_until", self.valid_until)
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            problems.append(Problem(msg("registries.until_before_from"), column="valid_until"))
        if self.basis == Basis.DECREE and self.issued_on is None:
            problems.append(Problem(msg("registries.decree_date_required"), column="issued_on"))
        if self.issued_on and self.valid_from and self.issued_on.year > self.valid_from:
            late = msg(
                "registries.decree_after_start",
                date=self.issued_on.isoformat(),
                year=self.valid_from,
            )
            problems.append(Problem(late, column="issued_on"))
        raise_invalid(problems)

    def holds_in(self, year: int) -> bool:
        revoked = self.status == Status.REVOKED
        return holds_in(self.valid_from, self.valid_until, year, revoked=revoked)

    def snapshot(self) -> dict[str, Any]:
        return {
            "basis": self.basis,
            "number": self.number,
            "issued_on": self.issued_on.isoformat() if self.issued_on else None,
            "valid_from": self.valid_from,
            "valid_until": self.valid_until,
            "status": self.status,
            "file": self.file_snapshot() if self.stored_name else None,
        }


class TrainingEvent(models.Model):
    """A training in the Convention on the Rights of the Child (KHA)."""

    region = region_key(level=Level.REGENCY)
    title = models.CharField(_("nama kegiatan"), max_length=200)
    held_on = models.DateField(_("tanggal"))
    organiser = models.CharField(
        _("penyelenggara"), max_length=200, help_text=_("Mis. DP3AP2KB bersama KemenPPPA.")
    )
    hours = models.DecimalField(_("jumlah jam"), max_digits=5, decimal_places=1)
    material = models.TextField(_("materi"), blank=True)
    created_by = user_key()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("pelatihan KHA")
        verbose_name_plural = _("pelatihan KHA")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("registries:event", args=[self.pk])

    def clean(self) -> None:
        if self.hours is not None and self.hours <= 0:
            raise_invalid([Problem(msg("registries.hours_positive"), column="hours")])

    def snapshot(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "held_on": self.held_on.isoformat() if self.held_on else None,
            "organiser": self.organiser,
            "hours": str(self.hours),
            "material": self.material,
        }


def _agency_problems(region_id: str, agency: Any) -> list[Problem]:
    if agency is None or agency.region_id == region_id:
        return []
    return [Problem(msg("registries.agency_elsewhere", region=region_id), column="agency")]


class Participant(OptionalStoredFile):
    """One person at a training; the certificate is optional (it may come later)."""

    event = models.ForeignKey(TrainingEvent, on_delete=models.PROTECT, related_name="participants")
    name = models.CharField(_("nama"), max_length=150)
    agency = agency_key(_("OPD"))
    position = models.CharField(_("jabatan"), max_length=150, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["agency__short_name", "name"]
        verbose_name = _("peserta pelatihan KHA")
        verbose_name_plural = _("peserta pelatihan KHA")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.event_id and self.agency_id:
            raise_invalid(_agency_problems(self.event.region_id, self.agency))

    def snapshot(self) -> dict[str, Any]:
        # The audit keeps who was recorded: the log is read by those who keep the register.
        return {
            "name": self.name,
            "agency": self.agency_id,
            "position": self.position,
            "certificate": self.file_snapshot() if self.stored_name else None,
        }


class AgencyStaff(models.Model):
    """How many staff an agency has in a year: the whole of its KHA share."""

    agency = agency_key(_("OPD"))
    year = models.PositiveSmallIntegerField(_("tahun"))
    count = models.IntegerField(_("jumlah pegawai"))

    class Meta:
        ordering = ["agency__short_name", "-year"]
        verbose_name = _("jumlah pegawai OPD")
        verbose_name_plural = _("jumlah pegawai OPD")
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="registries_staff_unique"),
            models.CheckConstraint(
                condition=models.Q(count__gte=0), name="registries_staff_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.year}: {self.count}"

    def clean(self) -> None:
        problems = _year_problems("year", self.year)
        if self.count is not None and self.count < 0:
            problems.append(Problem(msg("registries.staff_negative"), column="count"))
        raise_invalid(problems)

    def validate_unique(self, exclude: Any = None) -> None:
        """One row per agency and year: the service updates the existing one."""

    def validate_constraints(self, exclude: Any = None) -> None:
        """The count's rule is the keyed one in clean()."""

    def snapshot(self) -> dict[str, Any]:
        return {"agency": self.agency_id, "year": self.year, "count": self.count}


class ListCheck(models.Model):
    """A checked list waiting for its "Terapkan": the rows as read, so that applying needs no
    second upload. Applying checks the rows again against the data as it is then; the token
    shown with the check must still match, or the data changed in between."""

    region = models.ForeignKey("regions.Region", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    file_name = models.CharField(_("nama berkas"), max_length=200)
    rows = models.JSONField(help_text="The list's rows as read: [row number, {column: value}].")
    created_at = models.DateTimeField(default=timezone.now)
    applied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("pemeriksaan daftar lembaga")
        verbose_name_plural = _("pemeriksaan daftar lembaga")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.region_id}, {self.created_at:%Y-%m-%d %H:%M})"
