from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _

from layak.accounts.models import User
from layak.accounts.roles import Role
from layak.accounts.services import create_account
from layak.conf.commands import LayakCommand
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
        )
        if options["opd"]:
            user.agency = Agency.objects.filter(
                region_id=options["wilayah"], short_name=options["opd"]
            ).first()
        # The same rules and audit as the web's account pages (layak.accounts.services).
        password = create_account(user, by=None, actor_name="layak add-user")
        self.stdout.write(
            _(
                "Akun %(username)s (%(role)s) dibuat. Kata sandi awal: %(password)s — pemiliknya "
                "wajib menggantinya saat pertama masuk."
            )
            % {"username": user.username, "role": user.get_role_display(), "password": password}
        )
