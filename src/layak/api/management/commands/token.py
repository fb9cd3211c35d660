from __future__ import annotations

import json
from typing import Any

from django.core.management.base import CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from layak.accounts.models import User
from layak.api.models import ApiToken
from layak.api.tokens import create_token, revoke_token
from layak.conf.commands import LayakCommand

ACTOR = "layak token"


class Command(LayakCommand):
    # Whoever runs this is the server's operator: no password is asked again before `create`
    # (the token page asks its user; docs/api.md).
    help = "Token API pribadi: buat (create), cabut (revoke), daftar (list); untuk administrator."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        create = actions.add_parser("create", help="buat token untuk seorang pengguna")
        create.add_argument("username")
        create.add_argument("--nama", required=True, help="nama token, mis. dasbor provinsi")
        revoke = actions.add_parser("revoke", help="cabut token (nomor atau awalan)")
        revoke.add_argument("token", help="nomor token (kolom id) atau awalannya (lyk_...)")
        listing = actions.add_parser("list", help="daftar token")
        listing.add_argument("--pengguna", help="hanya token pengguna ini")
        listing.add_argument("--json", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "create":
            self._create(options["username"], options["nama"])
        elif options["action"] == "revoke":
            self._revoke(options["token"])
        else:
            self._list(options["pengguna"], as_json=options["json"])

    def _create(self, username: str, name: str) -> None:
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            self.fail(_("pengguna aktif %(username)s tidak ada") % {"username": username})
        token, text = create_token(user, name, actor_name=ACTOR)
        until = timezone.localtime(token.expires_at).strftime("%Y-%m-%d %H:%M")
        self.stdout.write(
            _(
                "Token %(id)s untuk %(username)s dibuat, berlaku sampai %(until)s; simpan "
                "sekarang, tidak akan ditampilkan lagi:"
            )
            % {"id": token.pk, "username": user.username, "until": until}
        )
        self.stdout.write(text)

    def _revoke(self, token: str) -> None:
        given = token.strip().rstrip("…")
        found = ApiToken.objects.filter(pk=int(given)) if given.isdigit() else None
        if found is None:
            found = ApiToken.objects.filter(prefix=given) if given else ApiToken.objects.none()
        tokens = list(found.select_related("user")[:2])
        if len(tokens) != 1:
            self.fail(_("token %(token)r tidak ditemukan atau tidak tunggal") % {"token": given})
        if revoke_token(tokens[0], actor_name=ACTOR):
            self.stdout.write(_("Token %(id)s dicabut.") % {"id": tokens[0].pk})
        else:
            self.stdout.write(_("Token %(id)s sudah dicabut.") % {"id": tokens[0].pk})

    def _list(self, username: str | None, *, as_json: bool) -> None:
        tokens = ApiToken.objects.select_related("user").order_by("pk")
        if username:
            tokens = tokens.filter(user__username=username)
        rows = [
            {
                "id": t.pk,
                "user": t.user.username,
                "name": t.name,
                "prefix": t.prefix,
                "created_at": t.created_at.isoformat(),
                "expires_at": t.expires_at.isoformat(),
                "last_used_at": t.last_used_at.isoformat() if t.last_used_at else None,
                "revoked_at": t.revoked_at.isoformat() if t.revoked_at else None,
                "state": _state(t),
            }
            for t in tokens
        ]
        if as_json:
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        names = {
            "aktif": pgettext("API token state", "aktif"),
            "kedaluwarsa": pgettext("API token state", "kedaluwarsa"),
            "dicabut": pgettext("API token state", "dicabut"),
        }
        until_word = _("s.d.")
        for r, t in zip(rows, tokens, strict=True):
            until = timezone.localtime(t.expires_at).strftime("%Y-%m-%d")
            self.stdout.write(
                f"{r['id']:>5}  {r['prefix']}…  {r['user']:<16} {names[_state(t)]:<11} "
                f"{until_word} {until}  {r['name']}"
            )


def _state(token: ApiToken) -> str:
    if token.revoked_at is not None:
        return "dicabut"
    return "kedaluwarsa" if token.expired else "aktif"
