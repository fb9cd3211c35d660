"""The demo's accounts: one per role, all sharing one generated password."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from layak.accounts.models import User
from layak.accounts.roles import Role
from layak.demo.read import csv_rows
from layak.regions.models import Agency

ACCOUNTS = "kota-metro-akun.csv"  # username, nama, peran, opd, unit, klaster, wilayah


@dataclass(frozen=True)
class DemoUser:
    username: str
    name: str
    role: Role
    agency: str = ""
    unit: str = ""
    cluster: str = ""
    region: str = ""


def demo_users() -> list[DemoUser]:
    """The accounts of the demo file, in its order (the order `layak demo` lists them)."""
    return [
        DemoUser(
            username=row["username"],
            name=row["nama"],
            role=Role(row["peran"]),
            agency=row["opd"],
            unit=row["unit"],
            cluster=row["klaster"],
            region=row["wilayah"],
        )
        for row in csv_rows(ACCOUNTS)
    ]


def demo_password() -> str:
    """One shared password for every demo account, generated once and kept in the data folder."""
    path = Path(settings.DATA_DIR) / "demo-password.txt"
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    password = f"metro-{secrets.token_urlsafe(9)}"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(password, encoding="utf-8")
    path.chmod(0o600)
    return password


def ensure_users(password: str) -> list[DemoUser]:
    """Each demo account that is not there yet; an officer belongs to its agency in the
    region of its account."""
    users = demo_users()
    for spec in users:
        if User.objects.filter(username=spec.username).exists():
            continue
        first, _, last = spec.name.partition(" ")
        user = User(
            username=spec.username,
            first_name=first,
            last_name=last,
            role=spec.role,
            region_id=spec.region or None,
            unit_id=spec.unit or None,
            cluster=spec.cluster,
        )
        if spec.agency:
            user.agency = Agency.objects.get(region_id=spec.region, short_name=spec.agency)
        user.set_password(password)
        user.full_clean()
        user.save()
    return users
