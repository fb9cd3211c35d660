"""The web import form of Profil Anak (the file, the year, skip-invalid, dry-run)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from layak.profil.services import FIRST_YEAR


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Berkas"),
        allow_empty_file=True,  # refused by the import service, with its rule and audit event
        help_text=_(
            "Ekstrak registri (CSV, Parquet atau xlsx, satu baris per orang) atau tabel agregat "
            "per kelurahan."
        ),
    )
    skip_invalid = forms.BooleanField(
        label=_("Lewati baris yang salah dan impor sisanya"), required=False
    )
    dry_run = forms.BooleanField(label=_("Uji coba saja: periksa tanpa menyimpan"), required=False)

    field_order = ["file", "year", "skip_invalid", "dry_run"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        latest = timezone.localdate().year  # the bounds move with the calendar
        self.fields["year"] = forms.IntegerField(
            label=_("Tahun data"),
            help_text=_("Umur anak dihitung pada 31 Desember tahun ini."),
            min_value=FIRST_YEAR,
            max_value=latest,
            initial=latest - 1,
        )
        self.order_fields(self.field_order)
