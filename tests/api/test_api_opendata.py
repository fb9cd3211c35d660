"""The open-data export: anyone, no token, only what the public page publishes, in the long
format of Satu Data Indonesia (kode_wilayah, nama_wilayah, indikator, nilai, satuan, tahun)."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.test import Client

from layak.api.opendata import COLUMNS
from layak.public.queries import latest_profile, served_region, year_scores
from tests.api.apisupport import error_of

JSON, CSV = "/api/v1/open-data/18.72.json", "/api/v1/open-data/18.72.csv"


@pytest.mark.django_db
def test_anyone_reads_the_figures_of_the_public_page(client: Client, world: Any) -> None:
    response = client.get(JSON)
    assert response.status_code == 200
    assert "public" in response["Cache-Control"]
    body = response.json()
    assert body["kolom"] == list(COLUMNS)
    rows = body["data"]
    assert all(set(r) == set(COLUMNS) for r in rows)
    region = served_region("18.72")
    latest = year_scores(region)[0]
    assert latest.figure is not None
    mine = {(r["indikator"], r["tahun"]): r["nilai"] for r in rows if r["kode_wilayah"] == "18.72"}
    # The indicator names the basis of the figure the public page shows.
    basis = latest.figure.basis.label("id").lower()
    total = mine[(f"Nilai KLA ({basis})", latest.year)]
    assert total == pytest.approx(latest.figure.total, abs=0.001)
    assert mine[(f"Predikat KLA ({basis})", latest.year)] == (
        latest.figure.predicate or "di bawah Pratama"
    )
    assert mine[("Keadaan angka KLA", latest.year)].startswith("sementara")
    parts = [r for r in rows if r["indikator"].startswith(f"Nilai KLA ({basis}) K")]
    assert len(parts) == len(latest.parts)
    profil = latest_profile(region)
    assert profil is not None
    year, context = profil
    shown = context["shown"]
    assert mine[("Jumlah anak usia 0-17 tahun", year)] == shown.region.children.value


@pytest.mark.django_db
def test_profil_anak_cells_under_five_children_never_leave(client: Client, world: Any) -> None:
    rows = client.get(JSON).json()["data"]
    counts = [r["nilai"] for r in rows if r["satuan"] == "jiwa"]
    assert counts
    for value in counts:
        assert value == "x" or value == 0 or value >= 5, value  # one marker, never "<5"


def test_withheld_cells_carry_their_mark_never_their_number() -> None:
    from layak.api.opendata import _cell
    from layak.core.profil_anak.display import Shown

    # Even if a withheld cell carried its number by mistake, only the marker leaves.
    assert _cell(Shown(3, "hidden")) == "x"
    assert _cell(Shown(41, "hidden")) == "x"
    assert _cell(Shown(None, "none")) is None
    assert _cell(Shown(97.456, "shown"), percent=True) == 97.46


@pytest.mark.django_db
def test_the_csv_has_the_same_rows(client: Client, world: Any) -> None:
    response = client.get(CSV)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="layak-18.72.csv"' in response["Content-Disposition"]
    read = list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))
    rows = client.get(JSON).json()["data"]
    assert [tuple(r) for r in read[:1]] == [COLUMNS]
    assert [(r["indikator"], r["tahun"]) for r in read] == [
        (r["indikator"], str(r["tahun"])) for r in rows
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["99.99", "18.72.01", "18", "x<script>"])
def test_a_region_the_public_page_does_not_serve_is_404(
    client: Client, world: Any, code: str
) -> None:
    for suffix in ("json", "csv"):
        response = client.get(f"/api/v1/open-data/{code}.{suffix}")
        assert response.status_code == 404
        assert error_of(response)["code"] == "not_found"


@pytest.mark.django_db
def test_the_public_region_page_links_both_downloads(client: Client, world: Any) -> None:
    page = client.get("/publik/18.72/").content.decode()
    assert f'href="{CSV}"' in page
    assert f'href="{JSON}"' in page
