"""The Gugus Tugas KLA of a kabupaten/kota: its decree and members, coordination meetings, the
action items they agree, and the regional action plan (RAD KLA) with its budget.

Nothing here is deleted: a member who leaves gets an end date, a replaced decree stays with its
members, an action item is dropped rather than removed, a removed meeting document is only
marked so. Every change is audited by the services.
Rules live in `clean()` (and constraints), as keyed problems (gugus/messages.py): forms and the
admin see them as Django's errors, the services (layak.conf.refusals.full_clean) as the core's
InputError, so forms, services and the demo share them.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from layak.conf.fields import agency_key, region_key, user_key
from layak.conf.refusals import raise_invalid
from layak.core.messages import Problem, msg
from layak.core.rad import is_overdue
from layak.evaluation.queries.instrument import instrument_for
from layak.files.models import OptionalStoredFile, Uploaded
from layak.regions.models import Agency


class Decree(OptionalStoredFile):
    """SK Gugus Tugas KLA: sets the task force for a period."""

    region = region_key(_("wilayah"))
    number = models.CharField(_("nomor SK"), max_length=100)
    signed_on = models.DateField(_("tanggal SK"))
    valid_from = models.DateField(_("berlaku mulai"))
    valid_until = models.DateField(_("berlaku sampai"), null=True, blank=True)
    created_by = user_key()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["region", "-valid_from", "-id"]
        verbose_name = _("SK Gugus Tugas")
        verbose_name_plural = _("SK Gugus Tugas")

    def __str__(self) -> str:
        return self.number

    def clean(self) -> None:
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise_invalid([Problem(msg("gugus.decree_until_before_from"), column="valid_until")])

    def in_force(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)

    def covers_year(self, year: int) -> bool:
        return self.valid_from <= date(year, 12, 31) and (
            self.valid_until is None or self.valid_until >= date(year, 1, 1)
        )

    def snapshot(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "signed_on": str(self.signed_on),
            "valid_from": str(self.valid_from),
            "valid_until": str(self.valid_until) if self.valid_until else None,
            "file": self.file_snapshot() if self.stored_name else None,
        }


class Position(models.TextChoices):
    CHAIR = "ketua", _("Ketua")
    VICE_CHAIR = "wakil_ketua", _("Wakil ketua")
    SECRETARY = "sekretaris", _("Sekretaris")
    COORD_KL = "koord_kl", _("Koordinator Kelembagaan")
    COORD_K1 = "koord_k1", _("Koordinator Klaster I")
    COORD_K2 = "koord_k2", _("Koordinator Klaster II")
    COORD_K3 = "koord_k3", _("Koordinator Klaster III")
    COORD_K4 = "koord_k4", _("Koordinator Klaster IV")
    COORD_K5 = "koord_k5", _("Koordinator Klaster V")
    MEMBER = "anggota", _("Anggota")


POSITION_ORDER = {value: index for index, value in enumerate(Position.values)}


class MemberKind(models.TextChoices):
    GOVERNMENT = "opd", _("Perangkat daerah / instansi")
    CHILDREN = "anak", _("Perwakilan anak (Forum Anak)")
    BUSINESS = "dunia_usaha", _("Dunia usaha")
    COMMUNITY = "masyarakat", _("Masyarakat, media, perguruan tinggi")


class Member(models.Model):
    decree = models.ForeignKey(Decree, on_delete=models.PROTECT, related_name="members")
    position = models.CharField(_("jabatan"), max_length=16, choices=Position.choices)
    kind = models.CharField(
        _("unsur"), max_length=16, choices=MemberKind.choices, default=MemberKind.GOVERNMENT
    )
    name = models.CharField(_("nama"), max_length=150)
    agency = agency_key(_("OPD"), optional=True)
    organisation = models.CharField(
        _("organisasi"),
        max_length=200,
        blank=True,
        help_text=_("Untuk anggota di luar OPD, mis. Forum Anak Kota Metro, PT ..., universitas."),
    )
    since = models.DateField(_("mulai"))
    until = models.DateField(
        _("sampai"),
        null=True,
        blank=True,
        help_text=_("Isi bila anggota berhenti; riwayat keanggotaannya tetap tersimpan."),
    )

    class Meta:
        ordering = ["decree", "id"]
        verbose_name = _("anggota Gugus Tugas")
        verbose_name_plural = _("anggota Gugus Tugas")

    def __str__(self) -> str:
        return f"{self.name} ({self.get_position_display()})"

    @property
    def body(self) -> str:
        """The agency or organisation the member comes from."""
        return self.agency.short_name if self.agency_id and self.agency else self.organisation

    def active_on(self, day: date) -> bool:
        return self.since <= day and (self.until is None or day <= self.until)

    def clean(self) -> None:
        errors: dict[str, str] = {}  # field → key: one problem per field, the last one found
        if self.kind == MemberKind.GOVERNMENT and self.agency_id is None:
            errors["agency"] = "gugus.member_agency_required"
        if self.kind != MemberKind.GOVERNMENT and not self.organisation.strip():
            errors["organisation"] = "gugus.member_organisation_required"
        if self.since and self.until and self.until < self.since:
            errors["until"] = "gugus.member_until_before_since"
        decree = Decree.objects.filter(pk=self.decree_id).first() if self.decree_id else None
        if (
            decree is not None
            and self.agency_id is not None
            and not decree.region.agencies.filter(pk=self.agency_id).exists()
        ):
            errors["agency"] = "gugus.member_agency_elsewhere"
        raise_invalid([Problem(msg(key), column=field) for field, key in errors.items()])

    def snapshot(self) -> dict[str, Any]:
        return {
            "position": self.position,
            "kind": self.kind,
            "name": self.name,
            "agency": self.agency_id,
            "organisation": self.organisation,
            "since": str(self.since),
            "until": str(self.until) if self.until else None,
        }


class Meeting(models.Model):
    """A coordination meeting (rapat koordinasi) of the task force."""

    region = region_key(_("wilayah"))
    held_on = models.DateField(_("tanggal"))
    agenda = models.CharField(_("agenda"), max_length=300)
    place = models.CharField(_("tempat"), max_length=200)
    attendees = models.ManyToManyField(
        Member, blank=True, related_name="meetings", verbose_name=_("anggota yang hadir")
    )
    guests = models.TextField(
        _("tamu undangan yang hadir"),
        blank=True,
        help_text=_("Satu orang per baris: nama dan asal, mis. Rina, SMP Negeri 3 Metro."),
    )
    minutes = models.TextField(_("notulen"), blank=True)
    decisions = models.TextField(
        _("keputusan"), blank=True, help_text=_("Satu keputusan per baris.")
    )
    created_by = user_key()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["region", "-held_on", "-id"]
        verbose_name = _("rapat koordinasi")
        verbose_name_plural = _("rapat koordinasi")

    def __str__(self) -> str:
        return f"{self.held_on:%Y-%m-%d} {self.agenda}"

    def clean(self) -> None:
        latest = timezone.localdate().replace(year=timezone.localdate().year + 1)
        if self.held_on and not date(2000, 1, 1) <= self.held_on <= latest:
            raise_invalid([Problem(msg("gugus.meeting_date_out_of_range"), column="held_on")])

    @property
    def guest_lines(self) -> list[str]:
        return [line.strip() for line in self.guests.splitlines() if line.strip()]

    @property
    def decision_lines(self) -> list[str]:
        return [line.strip() for line in self.decisions.splitlines() if line.strip()]

    def snapshot(self) -> dict[str, Any]:
        return {
            "held_on": str(self.held_on),
            "agenda": self.agenda,
            "place": self.place,
            "guests": self.guest_lines,
            "minutes": self.minutes,
            "decisions": self.decision_lines,
        }


class MeetingDocument(OptionalStoredFile, Uploaded):
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="documents")
    title = models.CharField(_("judul dokumen"), max_length=200)

    class Meta:
        ordering = ["meeting", "uploaded_at", "id"]
        verbose_name = _("dokumen rapat")
        verbose_name_plural = _("dokumen rapat")

    def __str__(self) -> str:
        return self.title

    def download_name(self) -> str:
        return f"rapat-{self.meeting_id}-{self.pk}.{self.extension}"

    def snapshot(self) -> dict[str, Any]:
        return {
            **self.file_snapshot(),
            "title": self.title,
            "meeting": self.meeting_id,
            "document": self.pk,
            "removed": self.removed_at is not None,
        }


class ActionStatus(models.TextChoices):
    OPEN = "terbuka", _("Terbuka")
    IN_PROGRESS = "berjalan", _("Sedang berjalan")
    DONE = "selesai", _("Selesai")
    DROPPED = "batal", _("Dibatalkan")


class ActionItem(models.Model):
    """Something a meeting agreed that an agency does by a date (tindak lanjut)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="actions")
    region = region_key()
    what = models.CharField(_("tindak lanjut"), max_length=300)
    agency = agency_key(_("OPD"))
    due_on = models.DateField(_("tenggat"))
    status = models.CharField(
        _("status"), max_length=12, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    question_codes = models.JSONField(_("pertanyaan KLA"), default=list, blank=True)
    note = models.TextField(_("catatan"), blank=True)
    updated_by = user_key()
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("tindak lanjut")
        verbose_name_plural = _("tindak lanjut")
        indexes = [models.Index(fields=["region", "status", "due_on"], name="gugus_action_due")]

    def __str__(self) -> str:
        return self.what

    def clean(self) -> None:
        problems: list[Problem] = []
        if (
            self.agency_id
            and self.region_id
            and not Agency.objects.filter(pk=self.agency_id, region_id=self.region_id).exists()
        ):
            problems.append(Problem(msg("gugus.action_agency_elsewhere"), column="agency"))
        if self.region_id and self.due_on:
            instrument = instrument_for(self.region_id, self.due_on.year)
            unknown = [c for c in self.question_codes if not instrument.has_question(c)]
            if unknown:
                found = msg(
                    "gugus.action_unknown_questions",
                    instrument=instrument.id,
                    codes=", ".join(unknown),
                )
                problems.append(Problem(found, column="question_codes"))
        raise_invalid(problems)

    @property
    def overdue(self) -> bool:
        return is_overdue(self.due_on, self.status, timezone.localdate())

    def snapshot(self) -> dict[str, Any]:
        return {
            "what": self.what,
            "agency": self.agency_id,
            "due_on": str(self.due_on),
            "status": self.status,
            "question_codes": list(self.question_codes),
            "note": self.note,
        }


class ChildRelevance(models.TextChoices):
    DIRECT = "langsung", _("Langsung")
    INDIRECT = "tidak_langsung", _("Tidak langsung")


class FundingSource(models.TextChoices):
    APBD = "apbd", _("APBD")
    APBN = "apbn", _("APBN/DAK")
    APBDES = "apbdes", _("APBDes")
    CSR = "csr", _("CSR/swasta")
    OTHER = "lainnya", _("Lainnya")


class RadActivity(models.Model):
    """One activity of the RAD KLA for a year, under a part and indicator of the instrument."""

    region = region_key()
    year = models.PositiveSmallIntegerField(_("tahun"))
    part_code = models.CharField(_("bagian"), max_length=8)
    indicator_code = models.CharField(_("indikator"), max_length=8)
    name = models.CharField(_("kegiatan"), max_length=300)
    agency = agency_key(_("OPD"))
    relevance = models.CharField(
        _("manfaat bagi hak anak"),
        max_length=16,
        choices=ChildRelevance.choices,
        default=ChildRelevance.DIRECT,
    )
    child_share = models.DecimalField(
        _("porsi untuk anak (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(100),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
        help_text=_("Langsung: 100%. Tidak langsung: bagian anggaran yang melayani anak."),
    )
    output = models.CharField(_("keluaran"), max_length=200, blank=True)
    updated_by = user_key()
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["region", "year", "part_code", "indicator_code", "id"]
        verbose_name = _("kegiatan RAD KLA")
        verbose_name_plural = _("kegiatan RAD KLA")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        problems: list[Problem] = []
        if self.relevance == ChildRelevance.DIRECT and self.child_share != Decimal(100):
            problems.append(Problem(msg("gugus.rad_direct_share"), column="child_share"))
        if self.relevance == ChildRelevance.INDIRECT and not (
            Decimal(0) < self.child_share < Decimal(100)
        ):
            problems.append(Problem(msg("gugus.rad_indirect_share"), column="child_share"))
        if self.region_id and self.year:
            instrument = instrument_for(self.region_id, self.year)
            parts = {p.code: p for p in instrument.parts}
            if self.part_code not in parts:
                unknown = msg("gugus.rad_unknown_part", instrument=instrument.id)
                problems.append(Problem(unknown, column="part_code"))
            elif self.indicator_code not in {i.code for i in parts[self.part_code].indicators}:
                unknown = msg(
                    "gugus.rad_unknown_indicator",
                    code=self.indicator_code,
                    part=self.part_code,
                    instrument=instrument.id,
                )
                problems.append(Problem(unknown, column="indicator_code"))
        elsewhere = (
            self.agency_id
            and self.region_id
            and not Agency.objects.filter(pk=self.agency_id, region_id=self.region_id).exists()
        )
        if elsewhere:
            problems.append(Problem(msg("gugus.rad_agency_elsewhere"), column="agency"))
        raise_invalid(problems)

    def snapshot(self, budgets: list[RadBudget] | None = None) -> dict[str, Any]:
        lines = budgets if budgets is not None else list(self.budgets.all())
        return {
            "year": self.year,
            "part": self.part_code,
            "indicator": self.indicator_code,
            "name": self.name,
            "agency": self.agency_id,
            "relevance": self.relevance,
            "child_share": str(self.child_share),
            "output": self.output,
            "budgets": {
                b.source: [str(b.planned), str(b.realised) if b.realised is not None else None]
                for b in lines
            },
        }


class RadBudget(models.Model):
    """An activity's budget from one source: planned, and realised once known (monev); rupiah
    and sen, as every sum in Layak (`layak.core.rupiah.parse_amount`)."""

    activity = models.ForeignKey(RadActivity, on_delete=models.CASCADE, related_name="budgets")
    source = models.CharField(_("sumber dana"), max_length=10, choices=FundingSource.choices)
    planned = models.DecimalField(
        _("rencana (Rp)"), max_digits=18, decimal_places=2, validators=[MinValueValidator(0)]
    )
    realised = models.DecimalField(
        _("realisasi (Rp)"),
        max_digits=18,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )

    class Meta:
        ordering = ["activity", "source"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "source"], name="rad_budget_unique")
        ]

    def __str__(self) -> str:
        return f"{self.activity_id} {self.source}"
