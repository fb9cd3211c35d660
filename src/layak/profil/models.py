"""Profil Anak as stored: one dataset per import (the current one per region and year, older
ones kept for history), its cube of counts, and the background import jobs of the web app.

Nothing here holds a person: counts only. No NIK is stored in any column, JSON or file name;
an uploaded registry extract is kept only until its import job ends.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from layak.conf.fields import region_key, user_key
from layak.core.messages import Lang, Message, Problem
from layak.core.profil_anak.model import CHILD_MAX_AGE, Cell, DisabilityCell, Sex
from layak.core.wilayah import Level


class Source(models.TextChoices):
    MICRODATA = "microdata", _("ekstrak registri (mikrodata)")
    AGGREGATE = "aggregate", _("tabel agregat")


class SexChoice(models.TextChoices):
    L = "L", _("laki-laki")
    P = "P", _("perempuan")


class ProfilDataset(models.Model):
    """The counts one import kept for a kabupaten/kota and year."""

    region = models.ForeignKey(
        "regions.Region",
        on_delete=models.PROTECT,
        related_name="profil_datasets",
        limit_choices_to={"level": Level.REGENCY},
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    source = models.CharField(_("sumber"), max_length=16, choices=Source.choices)
    original_name = models.CharField(_("nama berkas asli"), max_length=200)
    sha256 = models.CharField(max_length=64)
    skip_invalid = models.BooleanField(_("baris salah dilewati"), default=False)
    imported_by = user_key(optional=True, help_text=_("Kosong bila diimpor dari baris perintah."))
    imported_at = models.DateTimeField(_("waktu impor"), default=timezone.now)
    # ImportResult.summary_json(): rows read, valid, rejected, adults, children, per rule.
    summary = models.JSONField(default=dict)
    # The first rejected rows: {"row", "rule", "first_row"}; row numbers and rules only.
    rejected_rows = models.JSONField(default=list)
    is_current = models.BooleanField(_("berlaku"), default=True)
    replaced_at = models.DateTimeField(null=True, blank=True)
    # What may be published (profil.publishing): the withheld cells and their audit, computed
    # once when the dataset is first published; empty until then.
    disclosure = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["region", "-year", "-imported_at", "-id"]
        verbose_name = _("data Profil Anak")
        verbose_name_plural = _("data Profil Anak")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "year"],
                condition=Q(is_current=True),
                name="profil_one_current_dataset",
            )
        ]
        indexes = [models.Index(fields=["region", "year", "is_current"], name="profil_current")]

    def __str__(self) -> str:
        return f"Profil Anak {self.region_id} {self.year} #{self.pk}"

    @property
    def children(self) -> int:
        return int(self.summary.get("children", 0))

    def snapshot(self) -> dict[str, Any]:
        """What the audit log keeps of a dataset (counts and file identity, never a person)."""
        return {
            "dataset": self.pk,
            "year": self.year,
            "source": self.source,
            "original_name": self.original_name,
            "sha256": self.sha256,
            "skip_invalid": self.skip_invalid,
            **self.summary,
        }

    def core_cells(self) -> list[Cell]:
        return [c.as_core() for c in self.cells.all()]

    def core_disabilities(self) -> list[DisabilityCell]:
        return [d.as_core() for d in self.disabilities.all()]


class ProfilCell(models.Model):
    """Children of one sex and one age (or age group) in one desa/kelurahan."""

    dataset = models.ForeignKey(ProfilDataset, on_delete=models.CASCADE, related_name="cells")
    village = region_key()
    sex = models.CharField(max_length=1, choices=SexChoice.choices)
    age_low = models.PositiveSmallIntegerField()
    age_high = models.PositiveSmallIntegerField()
    children = models.PositiveIntegerField()
    akta = models.PositiveIntegerField(null=True, blank=True)
    kia = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["dataset", "village", "sex", "age_low"]
        constraints = [
            models.UniqueConstraint(
                fields=["dataset", "village", "sex", "age_low", "age_high"],
                name="profil_cell_unique",
            ),
            models.CheckConstraint(
                condition=Q(age_low__lte=F("age_high")) & Q(age_high__lte=CHILD_MAX_AGE),
                name="profil_cell_ages",
            ),
            models.CheckConstraint(
                condition=Q(akta__isnull=True) | Q(akta__lte=F("children")),
                name="profil_cell_akta_le_children",
            ),
            models.CheckConstraint(
                condition=Q(kia__isnull=True) | Q(kia__lte=F("children")),
                name="profil_cell_kia_le_children",
            ),
        ]

    # What a stored cell and the core's Cell hold under the same names (the village is a code
    # in the core, a link here).
    SHARED_WITH_CORE = ("age_low", "age_high", "children", "akta", "kia")

    def __str__(self) -> str:
        return f"{self.village_id} {self.sex} {self.age_low}-{self.age_high}: {self.children}"

    @classmethod
    def from_core(cls, dataset: ProfilDataset, cell: Cell) -> ProfilCell:
        shared = {name: getattr(cell, name) for name in cls.SHARED_WITH_CORE}
        return cls(dataset=dataset, village_id=cell.village, sex=cell.sex, **shared)

    def as_core(self) -> Cell:
        sex: Sex = "L" if self.sex == "L" else "P"
        shared = {name: getattr(self, name) for name in self.SHARED_WITH_CORE}
        return Cell(village=self.village_id, sex=sex, **shared)


class ProfilDisability(models.Model):
    """Children with one kind of disability, by sex, in one desa/kelurahan."""

    dataset = models.ForeignKey(
        ProfilDataset, on_delete=models.CASCADE, related_name="disabilities"
    )
    village = region_key()
    sex = models.CharField(max_length=1, choices=SexChoice.choices)
    kind = models.CharField(_("jenis disabilitas"), max_length=60)
    children = models.PositiveIntegerField()

    class Meta:
        ordering = ["dataset", "village", "sex", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["dataset", "village", "sex", "kind"], name="profil_disability_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.village_id} {self.sex} {self.kind}: {self.children}"

    def as_core(self) -> DisabilityCell:
        sex: Sex = "L" if self.sex == "L" else "P"
        return DisabilityCell(
            village=self.village_id, sex=sex, kind=self.kind, children=self.children
        )


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("menunggu")
    RUNNING = "running", _("berjalan")
    DONE = "done", _("selesai")
    REFUSED = "refused", _("ditolak")
    FAILED = "failed", _("gagal")


FINISHED = frozenset({ImportStatus.DONE, ImportStatus.REFUSED, ImportStatus.FAILED})


class ProfilImport(models.Model):
    """An import started from the web, run in the background by the task worker."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    requested_by = user_key()
    region = region_key(level=Level.REGENCY)
    year = models.PositiveSmallIntegerField(_("tahun"))
    original_name = models.CharField(_("nama berkas asli"), max_length=200)
    # In the private file storage while the job waits or runs; emptied when the file is deleted.
    stored_name = models.CharField(max_length=150, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    skip_invalid = models.BooleanField(_("lewati baris salah"), default=False)
    dry_run = models.BooleanField(_("uji coba tanpa menyimpan"), default=False)
    status = models.CharField(
        max_length=8, choices=ImportStatus.choices, default=ImportStatus.QUEUED, db_index=True
    )
    progress = models.PositiveSmallIntegerField(default=0)  # percent, 0–100
    # summary_json() + "rejected_rows", "saved", "unchanged", "problems" (message keys).
    result = models.JSONField(null=True, blank=True)
    message = models.TextField(blank=True)  # the outcome in Indonesian, for the admin and logs
    task_id = models.CharField(max_length=64, blank=True)
    dataset = models.ForeignKey(
        ProfilDataset, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("impor Profil Anak")
        verbose_name_plural = _("impor Profil Anak")
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="profil_import_progress")
        ]

    def __str__(self) -> str:
        return f"{self.original_name} ({self.get_status_display()})"

    @property
    def finished(self) -> bool:
        return self.status in FINISHED

    def problems(self) -> list[Problem]:
        """The refusal's problems as the core gave them, to render in the reader's language."""
        stored = (self.result or {}).get("problems", [])
        return [
            Problem(Message(p["key"], p.get("params", {})), p.get("row"), p.get("column"))
            for p in stored
        ]

    def outcome(self, lang: Lang = "id") -> list[str]:
        """The refusal or failure in `lang`, one line per problem; empty when all went well."""
        return [p.render(lang) for p in self.problems()]
