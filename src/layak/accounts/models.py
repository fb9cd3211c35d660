"""People and their role in the programme: one role per account, bound where the role needs it."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from layak.core.wilayah import Level


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    SECRETARIAT = "sekretariat", _("Sekretariat Gugus Tugas")
    COORDINATOR = "koordinator", _("Koordinator klaster")
    OFFICER = "opd", _("Petugas OPD")
    UNIT_OPERATOR = "operator", _("Operator kecamatan/kelurahan")
    PROVINCIAL_VERIFIER = "verifikator_provinsi", _("Verifikator provinsi")
    NATIONAL_VERIFIER = "verifikator_nasional", _("Verifikator nasional")
    STAKEHOLDER = "pemangku", _("Pemangku kepentingan")
    FORUM_ANAK = "forum_anak", _("Anggota Forum Anak")


REGION_STAFF = frozenset(
    {
        Role.SECRETARIAT,
        Role.COORDINATOR,
        Role.OFFICER,
        Role.UNIT_OPERATOR,
        Role.STAKEHOLDER,
        Role.FORUM_ANAK,
    }
)
VERIFIERS = frozenset({Role.PROVINCIAL_VERIFIER, Role.NATIONAL_VERIFIER})


class User(AbstractUser):
    role = models.CharField(_("peran"), max_length=24, choices=Role.choices, default=Role.OFFICER)
    region = models.ForeignKey(
        "regions.Region",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("wilayah"),
        help_text=_("Kabupaten/kota untuk staf daerah; provinsi untuk verifikator provinsi."),
    )
    agency = models.ForeignKey(
        "regions.Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="officers",
        verbose_name=_("OPD"),
    )
    unit = models.ForeignKey(
        "regions.Region",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("kecamatan/kelurahan"),
    )
    cluster = models.CharField(
        _("klaster"),
        max_length=8,
        blank=True,
        help_text=_("Kode bagian yang dikoordinasikan, mis. K3."),
    )

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def role_enum(self) -> Role:
        return Role(self.role)

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        role = Role(self.role)
        if role in REGION_STAFF and (self.region is None or self.region.level != Level.REGENCY):
            errors["region"] = str(_("Peran ini memerlukan satu kabupaten/kota."))
        if role is Role.PROVINCIAL_VERIFIER and (
            self.region is None or self.region.level != Level.PROVINCE
        ):
            errors["region"] = str(_("Verifikator provinsi memerlukan satu provinsi."))
        if role is Role.OFFICER:
            if self.agency is None:
                errors["agency"] = str(_("Petugas OPD harus terikat pada satu OPD."))
            elif self.region is not None and self.agency.region_id != self.region.code:
                errors["agency"] = str(_("OPD ini bukan milik kabupaten/kota pengguna."))
            elif self.agency.is_supplier:
                errors["agency"] = str(
                    _("Ini sumber data yang dikoordinasi OPD lain; petugas terikat pada OPD-nya.")
                )
        if role is Role.UNIT_OPERATOR:
            if self.unit is None or self.unit.level not in (Level.DISTRICT, Level.VILLAGE):
                errors["unit"] = str(
                    _("Operator harus terikat pada satu kecamatan atau desa/kelurahan.")
                )
            elif self.region is not None and not self.unit.code.startswith(f"{self.region.code}."):
                errors["unit"] = str(_("Wilayah ini bukan bagian dari kabupaten/kota pengguna."))
        if role is Role.COORDINATOR and not self.cluster:
            errors["cluster"] = str(_("Koordinator harus memegang satu bagian (mis. K3)."))
        if errors:
            raise ValidationError(errors)
