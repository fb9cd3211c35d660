"""The open-data export (`opendata.py`) as JSON and CSV: public, no token, like the public
page it draws from; only regions the public page serves (404 otherwise)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control
from ninja import Router, Schema

from layak.api.opendata import as_csv, open_data
from layak.api.schemas import Error, RegionOut
from layak.files.download import download
from layak.public.queries import served_region

router = Router(tags=["data terbuka"])
MAX_AGE = 300  # as the public page: figures change slowly, readers may keep them 5 minutes


class OpenDataRow(Schema):
    kode_wilayah: str
    nama_wilayah: str
    indikator: str
    nilai: float | str
    satuan: str
    tahun: int


class OpenDataOut(Schema):
    wilayah: RegionOut
    kolom: list[str]
    data: list[OpenDataRow]


def _cached(response: HttpResponse) -> HttpResponse:
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    return response


@router.get(
    "/open-data/{code}.json",
    response={200: OpenDataOut, frozenset({404, 405}): Error},
    auth=None,
    url_name="open_data_json",
)
def open_data_json(request: HttpRequest, response: HttpResponse, code: str) -> dict[str, Any]:
    """A region's published figures, one row per region code, indicator and year."""
    region = served_region(code)
    _cached(response)
    return {
        "wilayah": {"code": region.code, "name": region.name},
        "kolom": ["kode_wilayah", "nama_wilayah", "indikator", "nilai", "satuan", "tahun"],
        "data": open_data(region),
    }


@router.get(
    "/open-data/{code}.csv",
    response={200: None, frozenset({404, 405}): Error},
    auth=None,
    url_name="open_data_csv",
    openapi_extra={
        "responses": {
            200: {
                "description": "CSV: kode_wilayah,nama_wilayah,indikator,nilai,satuan,tahun",
                "content": {"text/csv": {"schema": {"type": "string"}}},
            }
        }
    },
)
def open_data_csv(request: HttpRequest, code: str) -> HttpResponse:
    """The same rows as CSV (UTF-8, comma, a header line)."""
    region = served_region(code)
    response = download(
        as_csv(open_data(region)).encode(),
        filename=f"layak-{region.code}.csv",
        content_type="text/csv; charset=utf-8",
        private=False,
    )
    return _cached(response)
