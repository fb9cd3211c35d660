"""Administrative units of Indonesia (Kemendagri codes) and the agencies (OPD) of a region."""

from __future__ import annotations

from django.db import connections, models
from django.utils.translation import gettext_lazy as _

from layak.conf.fields import region_key
from layak.conf.refusals import raise_invalid
from layak.core.messages import Problem, msg
from layak.core.timezones import Zone, zone_of
from layak.core.wilayah import Level, kind_of, normalise_name


class RegionQuerySet(models.QuerySet["Region"]):
    def under(self, code: str) -> RegionQuerySet:
        """The units whose code starts with `code.` (a kabupaten/kota's kecamatan and
        kelurahan, a province's kabupaten/kota…).

        On SQLite, as the range of codes from `code.` up to `code/` ('/' follows '.'): that reads
        the code index, where Django's `startswith` (a case-insensitive LIKE there) reads all of
        Indonesia's 91,599 units, 10 ms a query. PostgreSQL's LIKE reads the pattern index of
        the key, and a range there would follow the database's collation, not byte order."""
        if connections[self.db].vendor == "sqlite":
            return self.filter(code__gte=f"{code}.", code__lt=f"{code}/")
        return self.filter(code__startswith=f"{code}.")


class Region(models.Model):
    class Levels(models.IntegerChoices):
        PROVINCE = Level.PROVINCE, _("provinsi")
        REGENCY = Level.REGENCY, _("kabupaten/kota")
        DISTRICT = Level.DISTRICT, _("kecamatan")
        VILLAGE = Level.VILLAGE, _("desa/kelurahan")

    code = models.CharField(_("kode"), max_length=13, primary_key=True)
    name = models.CharField(_("nama"), max_length=120)
    level = models.PositiveSmallIntegerField(_("tingkat"), choices=Levels.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    aliases = models.JSONField(_("nama lain"), default=list, blank=True)

    objects = RegionQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("wilayah")
        verbose_name_plural = _("wilayah")
        indexes = [models.Index(fields=["level", "code"], name="region_level_code")]

    def __str__(self) -> str:
        return self.name

    @property
    def kind(self) -> str:
        return kind_of(self.code, self.name)

    @property
    def zone(self) -> Zone:
        """Its time zone (WIB, WITA, WIT), from its province: stage dates are entered and shown
        in it."""
        return zone_of(self.code)

    def matches(self, name: str) -> bool:
        wanted = normalise_name(name)
        return wanted == normalise_name(self.name) or any(
            wanted == normalise_name(alias) for alias in self.aliases
        )

    def units(self, *levels: int) -> models.QuerySet[Region]:
        """Kecamatan (3) and/or desa/kelurahan (4) under this kabupaten/kota, by code."""
        return Region.objects.under(self.code).filter(level__in=levels)

    def is_unit_of(self, regency_code: str) -> bool:
        """A kecamatan or desa/kelurahan under that kabupaten/kota."""
        inside = self.code.startswith(f"{regency_code}.")
        return inside and self.level in (Level.DISTRICT, Level.VILLAGE)


class AgencyQuerySet(models.QuerySet["Agency"]):
    def offices(self) -> AgencyQuerySet:
        """The agencies proper (OPD): not the coordinated suppliers."""
        return self.filter(coordinator__isnull=True)


class Agency(models.Model):
    """An OPD of one kabupaten/kota, or a body that supplies data without being an agency (the
    Forum Anak Daerah, the business community): such a *coordinated supplier* names the agency
    that coordinates it, and questions it supplies are assigned to that agency."""

    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="agencies",
        limit_choices_to={"level": Level.REGENCY},
    )
    name = models.CharField(_("nama"), max_length=200)
    short_name = models.CharField(_("singkatan"), max_length=40)
    aliases = models.JSONField(
        _("nama lain"),
        default=list,
        blank=True,
        help_text=_("Sebutan lain yang dipakai di instrumen atau dokumen, mis. Capil, Dukcapil."),
    )
    active = models.BooleanField(_("aktif"), default=True)
    coordinator = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="coordinated",
        verbose_name=_("dikoordinasi oleh"),
        help_text=_(
            "Isi bila ini bukan OPD tetapi sumber data yang dikoordinasi OPD lain (mis. Forum "
            "Anak Daerah oleh DP3AP2KB): pertanyaan yang menyebutnya ditugaskan ke OPD itu."
        ),
    )

    objects = AgencyQuerySet.as_manager()

    class Meta:
        ordering = ["short_name"]
        verbose_name = _("OPD")
        verbose_name_plural = _("OPD")
        constraints = [
            models.UniqueConstraint(fields=["region", "short_name"], name="agency_unique_short"),
            models.CheckConstraint(
                condition=~models.Q(coordinator=models.F("pk")), name="agency_not_own_coordinator"
            ),
        ]

    def __str__(self) -> str:
        return self.short_name

    def names(self) -> list[str]:
        return [self.name, self.short_name, *self.aliases]

    @property
    def is_supplier(self) -> bool:
        """A coordinated supplier, not an agency of its own."""
        return self.coordinator_id is not None

    def clean(self) -> None:
        super().clean()
        coordinator = self.coordinator if self.coordinator_id else None
        if coordinator is None:
            return
        if coordinator.pk == self.pk or coordinator.region_id != self.region_id:
            refused = "agency.coordinator_elsewhere"
        elif coordinator.coordinator_id is not None:
            refused = "agency.coordinator_not_office"
        elif self.pk and self.coordinated.exists():
            refused = "agency.coordinates_suppliers"
        elif self.pk and self.officers.exists():
            refused = "agency.has_officers"
        else:
            return
        raise_invalid([Problem(msg(refused), column="coordinator")])


class KeptByRegency(models.Model):
    """A record a kabupaten/kota keeps (an institution serving children, a stakeholder
    organisation): the regency it belongs to, which its policy and pages go by."""

    region = region_key(_("kabupaten/kota"), level=Level.REGENCY)

    class Meta:
        abstract = True
