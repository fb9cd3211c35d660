"""Fixtures of the registry tests: a list of schools to import and a decree to upload (the demo's
people, `users` and `login`, come from tests/support/fixtures.py)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

KELURAHAN = ["Yosomulyo", "Imopuro", "Banjarsari", "Mulyojati", "Yosodadi", "Rejomulyo"]


def school_rows(count: int = 30) -> list[dict[str, str]]:
    """SD Negeri 1..count of Kota Metro, every third with a decree of 2024."""
    rows = []
    for n in range(1, count + 1):
        row = {
            "jenis": "SD/MI",
            "nama": f"SD Negeri {n} Metro",
            "kelurahan": KELURAHAN[n % len(KELURAHAN)],
            "alamat": f"Jl. Pendidikan No. {n}",
            "nomor_sk": "",
            "tanggal_sk": "",
            "berlaku_dari": "",
            "berlaku_sampai": "",
        }
        if n % 3 == 0:
            row |= {
                "nomor_sk": f"420/{n}/SRA/2024",
                "tanggal_sk": "15/03/2024",
                "berlaku_dari": "2024",
                "berlaku_sampai": "2026",
            }
        rows.append(row)
    return rows


def as_csv(rows: list[dict[str, str]], name: str = "daftar-sekolah.csv") -> SimpleUploadedFile:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return SimpleUploadedFile(name, out.getvalue().encode("utf-8"), "text/csv")


@pytest.fixture(scope="session")
def pdf_bytes() -> bytes:
    from layak.demo.pdf import sample_pdf

    return sample_pdf(["Keputusan Kepala Dinas Kesehatan", "Puskesmas Ramah Anak"])


@pytest.fixture
def pdf_upload(pdf_bytes: bytes) -> Callable[..., SimpleUploadedFile]:
    def make(name: str = "sk-prap.pdf", data: bytes | None = None) -> SimpleUploadedFile:
        return SimpleUploadedFile(name, pdf_bytes if data is None else data, "application/pdf")

    return make


@pytest.fixture
def metro(world: Any) -> Any:
    from layak.regions.models import Region

    return Region.objects.get(code="18.72")


@pytest.fixture(autouse=True)
def _registries_start_empty(empty_registries: int) -> None:
    """Every story here starts from an empty register (`empty_registries`, tests/support)."""
