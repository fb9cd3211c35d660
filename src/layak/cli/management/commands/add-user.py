from __future__ import annotations

import secrets
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import CommandParser
from django.db import transaction
from django.utils.translation import gettext as _

from layak.accounts.models import User
from layak.accounts.roles import Role
from layak.audit.log import record
from layak.conf.commands import LayakCommand
from layak.conf.refusals import refusal_of
from layak.regions.models import Agency


class Command(LayakCommand):
    help = "Buat akun dengan satu peran (sekretariat, opd, operator, verifikator, ...)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--peran", required=True, choices=[r.value for r in Role])
        parser.add_argument("--nama", default="", help="nama lengkap")
        parser.add_argument("--email", default="")
        parser.add_argument("--wilayah", help="kabupaten/kota (staf daerah) atau provinsi")
        parser.add_argument("--opd", help="singkatan OPD untuk petugas OPD")
        parser.add_argument("--unit", help="kode kecamatan/kelurahan untuk operator")
        parser.add_argument("--klaster", default="", help="kode bagian untuk koordinator, mis. K3")

    def handle(self, *args: Any, **options: Any) -> None:
        if User.objects.filter(username=options["username"]).exists():
            self.fail(_("pengguna %(username)s sudah ada") % {"username": options["username"]})
        first, _space, last = options["nama"].partition(" ")
        user = User(
            username=options["username"],
            first_name=first,
            last_name=last,
            email=options["email"],
            role=options["peran"],
            region_id=options["wilayah"],
            unit_id=options["unit"],
            cluster=options["klaster"],
            # The operator hands this password over: its owner must choose their own at the
            # first log-in (layak.accounts.middleware).
            must_change_password=True,
        )
        if options["opd"]:
            user.agency = Agency.objects.filter(
                region_id=options["wilayah"], short_name=options["opd"]
            ).first()
        password = secrets.token_urlsafe(12)
        user.set_password(password)
        try:
            user.full_clean()
            validate_password(password, user)
        except ValidationError as error:  # refused with exit status 2 (LayakCommand)
            raise refusal_of(error) from None
        with transaction.atomic():
            user.save()
            record(
                "user.create",
                object_type="user",
                object_id=user.pk,
                region_code=options["wilayah"] or "",
                actor_name="layak add-user",
                after={"username": user.username, "role": user.role},
            )
        self.stdout.write(
            _(
                "Akun %(username)s (%(role)s) dibuat. Kata sandi awal: %(password)s — pemiliknya "
                "wajib menggantinya saat pertama masuk."
            )
            % {"username": user.username, "role": user.get_role_display(), "password": password}
        )
