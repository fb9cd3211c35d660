"""Concrete URLs of the Profil Anak pages for the authorisation matrix (test_web_access): the
`target` fixture hands every "profil:" name to `profil_target`.

"other" is another region's object: a kabupaten/kota outside the person's scope (Kota Banda
Aceh, 11.71, for Kota Metro's staff and for the Lampung provincial verifier) or a job of
Bandar Lampung's (18.71) for the Kota Metro secretariat. People who see every region have none.
"""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.web.websupport import Target

METRO, OUTSIDE, YEAR = "18.72", "11.71", 2025
REGION_STAFF = ("sari", "kartika", "budi", "dewi", "rina", "oki", "yosomulyo", "vina")
EXTRACT = (
    "nik,jenis_kelamin,tanggal_lahir,kode_wilayah,akta_kelahiran,kia,disabilitas\n"
    "3172010101080001,L,2020-05-01,18.72.01.1001,Y,T,\n"
)


def _job(region_code: str, users: dict[str, Any]) -> str:
    from layak.profil.models import ImportStatus, ProfilImport
    from layak.regions.models import Region

    region, _ = Region.objects.get_or_create(
        code=region_code, defaults={"name": "Kota Bandar Lampung", "level": 2, "parent_id": "18"}
    )
    job = ProfilImport.objects.create(
        requested_by=users["sari"] if region_code == METRO else users["admin"],
        region=region,
        year=YEAR,
        original_name="ekstrak.csv",
        status=ImportStatus.RUNNING,
        progress=10,
    )
    return str(job.pk)


def profil_target(name: str, username: str, variant: str, users: dict[str, Any]) -> Target | None:
    own = variant == "own"
    if not own and username not in REGION_STAFF:
        return None
    if name == "profil:index":
        return Target(reverse(name)) if own else None
    if name in ("profil:page", "profil:pdf"):
        return Target(reverse(name, args=[METRO if own else OUTSIDE, YEAR]))
    if name == "profil:import":
        if not own and username != "sari":
            return None
        upload = SimpleUploadedFile("ekstrak.csv", EXTRACT.encode(), content_type="text/csv")
        data = {"year": str(YEAR - 2), "file": upload, "dry_run": "on"}
        return Target(reverse(name, args=[METRO if own else OUTSIDE]), data)
    if name == "profil:job":
        if not own and username != "sari":
            return None
        return Target(reverse(name, args=[_job(METRO if own else "18.71", users)]))
    raise AssertionError(f"no concrete URL for {name!r}: add one to profil_target")
