"""Instruments: the yearly questionnaires cycles use (not secret: any token reads them)."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from ninja import Query, Router

from layak.api.paging import Paging, page
from layak.api.schemas import InstrumentDetail, InstrumentPage, ok
from layak.core.instrument import Question
from layak.evaluation.models import InstrumentRecord

router = Router(tags=["instrumen"])


def _record(record: InstrumentRecord) -> dict[str, Any]:
    return {
        "id": record.pk,
        "slug": record.slug,
        "year": record.year,
        "name": record.name,
        "digest": record.digest,
    }


def _question(q: Question) -> dict[str, Any]:
    return {
        "code": q.code,
        "label": q.label,
        "text": q.text,
        "kind": q.kind.value,
        "max_points": q.max_points,
        "agencies": list(q.agencies),
        "per_kecamatan": q.per_kecamatan,
        "per_desa_kelurahan": q.per_desa_kelurahan,
        "options": [{"key": o.key, "label": o.label, "fraction": o.fraction} for o in q.options],
        "thresholds": [{"value": t.value, "fraction": t.fraction} for t in q.thresholds],
        "direction": q.direction.value,
    }


@router.get("/instruments", response=ok(InstrumentPage), url_name="instruments")
def instruments(request: HttpRequest, paging: Query[Paging]) -> dict[str, Any]:
    records = InstrumentRecord.objects.order_by("-year", "slug", "pk").defer("data")
    return page(records, paging, _record)


@router.get("/instruments/{instrument_id}", response=ok(InstrumentDetail), url_name="instrument")
def instrument(request: HttpRequest, instrument_id: int) -> dict[str, Any]:
    record = InstrumentRecord.objects.filter(pk=instrument_id).first()
    if record is None:
        raise Http404
    core = record.instrument
    return {
        **_record(record),
        "max_total": core.max_total,
        "bands": [
            {"name": b.name, "min_points": b.min_points, "max_points": b.max_points}
            for b in core.bands
        ],
        "parts": [
            {
                "code": p.code,
                "name": p.name,
                "max_points": p.max_points,
                "stated_max": p.stated_max,
                "indicators": [
                    {
                        "code": i.code,
                        "name": i.name,
                        "max_points": i.max_points,
                        "questions": [_question(q) for q in i.questions],
                    }
                    for i in p.indicators
                ],
            }
            for p in core.parts
        ],
    }
