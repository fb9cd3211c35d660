"""People and their role in the programme: one role per account, bound where the role needs it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import AbstractUser
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from layak.accounts.roles import REGION_STAFF, Role
from layak.conf.fields import region_key
from layak.conf.refusals import raise_invalid
from layak.core.messages import Problem, msg
from layak.core.wilayah import Level

# Called inside the saving transaction whenever a stored account's password was set (its own
# page, an administrator, `layak changepassword`, any set_password path). Higher apps register
# here from their AppConfig.ready() (the API revokes the account's tokens), so this app never
# imports them.
PasswordChanged = Callable[["User"], object]
_ON_PASSWORD_CHANGE: list[PasswordChanged] = []


def on_password_change(callback: PasswordChanged) -> PasswordChanged:
    if callback not in _ON_PASSWORD_CHANGE:
        _ON_PASSWORD_CHANGE.append(callback)
    return callback


class User(AbstractUser):
    role = models.CharField(_("peran"), max_length=24, choices=Role.choices, default=Role.OFFICER)
    region = region_key(
        _("wilayah"),
        optional=True,
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
    unit = region_key(_("kecamatan/kelurahan"), optional=True)
    cluster = models.CharField(
        _("klaster"),
        max_length=8,
        blank=True,
        help_text=_("Kode bagian yang dikoordinasikan, mis. K3."),
    )
    must_change_password = models.BooleanField(
        _("wajib ganti kata sandi"),
        default=False,
        help_text=_(
            "Kata sandi dipilih orang lain (administrator, layak add-user): pemiliknya harus "
            "menggantinya saat masuk berikutnya."
        ),
    )

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def role_enum(self) -> Role:
        return Role(self.role)

    def set_password(self, raw_password: str | None, *, by_owner: bool = False) -> None:
        """`by_owner`: the person typed it on their own password page. A password anyone else
        sets on a stored account (an administrator, `layak changepassword`) is known to two
        people, so its owner must change it at the next log-in. A new account is flagged by
        the path that creates it (`layak add-user` does; the demo's shared accounts do not)."""
        super().set_password(raw_password)
        self._password_by_owner = by_owner

    def save(self, *args: Any, **kwargs: Any) -> None:
        # set_password() leaves the raw password in _password until the save; a rehash at
        # log-in (AbstractBaseUser.check_password) clears it first, so it is no change.
        changed = getattr(self, "_password", None) is not None and not self._state.adding
        if changed:
            by_owner = getattr(self, "_password_by_owner", False)
            self.must_change_password = not by_owner
            fields = kwargs.get("update_fields")
            if fields is not None:
                kwargs["update_fields"] = {*fields, "must_change_password"}
        with transaction.atomic():
            super().save(*args, **kwargs)
            if changed:
                for callback in _ON_PASSWORD_CHANGE:
                    callback(self)

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}  # field → key: one problem per field, the last one found
        role = Role(self.role)
        if role in REGION_STAFF and (self.region is None or self.region.level != Level.REGENCY):
            errors["region"] = "account.region_required"
        if role is Role.PROVINCIAL_VERIFIER and (
            self.region is None or self.region.level != Level.PROVINCE
        ):
            errors["region"] = "account.province_required"
        if role is Role.OFFICER:
            if self.agency is None:
                errors["agency"] = "account.agency_required"
            elif self.region is not None and self.agency.region_id != self.region.code:
                errors["agency"] = "account.agency_elsewhere"
            elif self.agency.is_supplier:
                errors["agency"] = "account.agency_is_supplier"
        if role is Role.UNIT_OPERATOR:
            if self.unit is None or self.unit.level not in (Level.DISTRICT, Level.VILLAGE):
                errors["unit"] = "account.unit_required"
            elif self.region is not None and not self.unit.code.startswith(f"{self.region.code}."):
                errors["unit"] = "account.unit_elsewhere"
        if role is Role.COORDINATOR and not self.cluster:
            errors["cluster"] = "account.cluster_required"
        raise_invalid([Problem(msg(key), column=field) for field, key in errors.items()])
