"""The writes of KELANA/DEKELA units, verifiers and evidence through the API: the web's own
services, so the same rules, stage locks, versions and one audit row per change; refusals
leave nothing behind (no row, no file)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from layak.audit.models import AuditEvent
from layak.core.wilayah import Level
from layak.demo.pdf import sample_pdf
from layak.evaluation.models import Answer, StageWindow, Verification
from layak.evidence.models import EvidenceFile
from tests.api.apisupport import error_of

pytestmark = pytest.mark.django_db

KELANA = "25.2"  # answered per kecamatan
OKI_UNIT = "18.72.01"  # Kecamatan Metro Pusat
OTHER_UNIT = "18.72.02"


def _events() -> list[AuditEvent]:
    return list(AuditEvent.objects.exclude(action="api_token.create").order_by("pk"))


def _put(api: Callable[..., Any], user: str, url: str, body: dict[str, Any]) -> Any:
    return api(user, "put", url, data=body, content_type="application/json")


def _lock(cycle: Any, stage: str) -> None:
    StageWindow.objects.filter(cycle=cycle, stage=stage).update(
        locked_at=timezone.now(), lock_reason="rekap dikirim"
    )


# KELANA/DEKELA: a unit's own answer


def _unit_version(cycle: Any, unit: str) -> int:
    found = Answer.objects.filter(cycle=cycle, question_code=KELANA, unit_id=unit).first()
    return found.version if found else 0


def test_oki_answers_for_his_kecamatan_and_the_region_share_follows(
    api: Callable[..., Any], cycle: Any
) -> None:
    url = f"/api/v1/cycles/{cycle.pk}/answers/{KELANA}/units/{OKI_UNIT}"
    version = _unit_version(cycle, OKI_UNIT)
    seen = len(_events())
    response = _put(api, "oki", url, {"value": "tidak", "note": "belum ada", "version": version})
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["unit"]["code"], body["value"], body["version"]) == (
        OKI_UNIT,
        "tidak",
        version + 1,
    )
    # The change and the region's recomputed share: one audit row each.
    assert [e.action for e in _events()[seen:]] == ["answer.save", "answer.recompute"]
    listing = api("oki", "get", f"/api/v1/cycles/{cycle.pk}/answers/{KELANA}/units").json()
    assert [i["unit"]["code"] for i in listing["items"]] == [OKI_UNIT]  # his unit only
    assert listing["items"][0]["value"] == "tidak"
    region = Answer.objects.get(cycle=cycle, question_code=KELANA, unit__isnull=True)
    assert listing["region_value"] == region.value
    everyone = api("sari", "get", f"/api/v1/cycles/{cycle.pk}/answers/{KELANA}/units").json()
    assert everyone["count"] == cycle.region.units(Level.DISTRICT).count() > 1


def test_oki_may_not_answer_for_another_kecamatan(api: Callable[..., Any], cycle: Any) -> None:
    url = f"/api/v1/cycles/{cycle.pk}/answers/{KELANA}/units/{OTHER_UNIT}"
    before = _unit_version(cycle, OTHER_UNIT)
    response = _put(api, "oki", url, {"value": "ya", "version": before})
    assert response.status_code == 403
    assert error_of(response)["code"] == "forbidden"
    assert _unit_version(cycle, OTHER_UNIT) == before


@pytest.mark.parametrize(
    ("body", "status", "rule"),
    [
        ({"value": "mungkin", "version": None}, 422, "answer.not_yes_no"),
        ({"value": "ya", "version": 999}, 409, "answer.conflict"),
    ],
)
def test_a_bad_unit_answer_is_refused_by_rule_and_nothing_changes(
    api: Callable[..., Any], cycle: Any, body: dict[str, Any], status: int, rule: str
) -> None:
    url = f"/api/v1/cycles/{cycle.pk}/answers/{KELANA}/units/{OKI_UNIT}"
    before = _unit_version(cycle, OKI_UNIT)
    seen = len(_events())
    body = {**body, "version": before if body["version"] is None else body["version"]}
    response = _put(api, "oki", url, body)
    assert response.status_code == status
    assert [d["rule"] for d in error_of(response)["details"]] == [rule]
    assert _unit_version(cycle, OKI_UNIT) == before
    assert len(_events()) == seen


def test_a_locked_self_assessment_refuses_unit_answers(api: Callable[..., Any], cycle: Any) -> None:
    _lock(cycle, "mandiri")
    url = f"/api/v1/cycles/{cycle.pk}/answers/{KELANA}/units/{OKI_UNIT}"
    before = _unit_version(cycle, OKI_UNIT)
    response = _put(api, "oki", url, {"value": "ya", "version": before})
    assert response.status_code == 409
    assert error_of(response)["code"] == "stage_closed"
    assert _unit_version(cycle, OKI_UNIT) == before


def test_a_region_wide_question_has_no_units(api: Callable[..., Any], cycle: Any) -> None:
    response = api("sari", "get", f"/api/v1/cycles/{cycle.pk}/answers/12.2/units")
    assert response.status_code == 404


# Verification


def _verify(
    api: Callable[..., Any], user: str, cycle: Any, stage: str, body: dict[str, Any]
) -> Any:
    url = f"/api/v1/cycles/{cycle.pk}/answers/12.2/verifications/{stage}"
    return _put(api, user, url, body)


def _decision(cycle: Any, stage: str = "verifikasi_administrasi") -> Verification | None:
    return Verification.objects.filter(
        answer__cycle=cycle, answer__question_code="12.2", answer__unit__isnull=True, stage=stage
    ).first()


def test_vina_accepts_sends_back_and_rejects_each_audited(
    api: Callable[..., Any], cycle: Any
) -> None:
    existing = _decision(cycle)
    version = existing.version if existing else 0
    seen = len(_events())
    accepted = _verify(
        api, "vina", cycle, "verifikasi_administrasi", {"status": "diterima", "version": version}
    )
    assert accepted.status_code == 200, accepted.content
    body = accepted.json()
    answer = Answer.objects.get(cycle=cycle, question_code="12.2", unit__isnull=True)
    assert body["status"] == "diterima"
    assert body["verified_points"] == float(answer.points)  # empty points: the answer's
    assert [e.action for e in _events()[seen:]] == ["verification.save"]
    sent_back = _verify(
        api,
        "vina",
        cycle,
        "verifikasi_administrasi",
        {"status": "perbaikan", "note": "SK belum ditandatangani", "version": body["version"]},
    )
    assert sent_back.json()["status"] == "perbaikan"
    rejected = _verify(
        api,
        "vina",
        cycle,
        "verifikasi_administrasi",
        {"status": "ditolak", "note": "dokumen lain", "version": sent_back.json()["version"]},
    )
    assert (rejected.json()["status"], rejected.json()["verified_points"]) == ("ditolak", 0)
    listed = api("budi", "get", f"/api/v1/cycles/{cycle.pk}/answers/12.2/verifications").json()
    assert [(i["stage"], i["status"]) for i in listed["items"]] == [
        ("verifikasi_administrasi", "ditolak")
    ]


@pytest.mark.parametrize(
    ("body", "field", "rule"),
    [
        ({"status": "perbaikan", "note": "  "}, "note", "verification.note_required"),
        ({"status": "ditolak"}, "note", "verification.note_required"),
        ({"status": "setuju"}, "status", "answer.unknown_option"),
        ({"status": "diterima", "verified_points": "banyak"}, "verified_points", None),
        ({"status": "diterima", "verified_points": "9999"}, "verified_points", None),
    ],
)
def test_a_bad_decision_names_its_field_and_nothing_is_saved(
    api: Callable[..., Any], cycle: Any, body: dict[str, Any], field: str, rule: str | None
) -> None:
    existing = _decision(cycle)
    before = existing.snapshot() if existing else None
    version = existing.version if existing else 0
    response = _verify(api, "vina", cycle, "verifikasi_administrasi", {**body, "version": version})
    assert response.status_code == 422
    details = error_of(response)["details"]
    assert field in [d.get("field") for d in details]
    if rule:
        assert rule in [d["rule"] for d in details]
    after = _decision(cycle)
    assert (after.snapshot() if after else None) == before


@pytest.mark.parametrize(
    ("user", "stage", "status"),
    [
        ("nadia", "verifikasi_administrasi", 403),  # national verifiers decide later stages
        ("vina", "final", 403),
        ("budi", "verifikasi_administrasi", 403),
        ("sari", "verifikasi_administrasi", 403),
        ("vina", "mandiri", 422),  # not a verification stage
    ],
)
def test_only_the_stage_verifier_decides(
    api: Callable[..., Any], cycle: Any, user: str, stage: str, status: int
) -> None:
    response = _verify(api, user, cycle, stage, {"status": "diterima", "version": 0})
    assert response.status_code == status
    error_of(response)
    assert _decision(cycle, stage) is None or stage == "verifikasi_administrasi"


def test_a_locked_stage_refuses_decisions(api: Callable[..., Any], cycle: Any) -> None:
    _lock(cycle, "verifikasi_administrasi")
    existing = _decision(cycle)
    response = _verify(
        api,
        "vina",
        cycle,
        "verifikasi_administrasi",
        {"status": "diterima", "version": existing.version if existing else 0},
    )
    assert response.status_code == 409
    assert error_of(response)["code"] == "stage_closed"


# Evidence upload

IMMUNISATION = "12.6"  # Dinkes alone; no document in the demo


def _upload(
    api: Callable[..., Any], user: str, cycle: Any, *files: tuple[str, bytes], **fields: str
) -> Any:
    data: dict[str, Any] = {"title": "Laporan imunisasi", "document_year": "2024", **fields}
    data["files"] = [SimpleUploadedFile(name, content) for name, content in files]
    code = fields.pop("code", IMMUNISATION)
    data.pop("code", None)
    return api(user, "post", f"/api/v1/cycles/{cycle.pk}/answers/{code}/evidence", data=data)


def _stored(folder: Any) -> set[str]:
    return {str(p) for p in folder.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def pdf() -> bytes:
    return sample_pdf(["Laporan cakupan imunisasi 2024", "Dinas Kesehatan Kota Metro"])


def test_budi_uploads_a_pdf_stored_and_audited(
    api: Callable[..., Any], cycle: Any, pdf: bytes, isolated_file_storage: Any
) -> None:
    seen = len(_events())
    response = _upload(api, "budi", cycle, ("laporan.pdf", pdf))
    assert response.status_code == 201, response.content
    (item,) = response.json()["items"]
    assert (item["question"], item["content_type"], item["size"]) == (
        IMMUNISATION,
        "application/pdf",
        len(pdf),
    )
    assert [e.action for e in _events()[seen:]] == ["evidence.add"]
    download = api("budi", "get", item["download"])
    assert b"".join(download.streaming_content) == pdf


def test_html_posing_as_pdf_is_refused_whole_and_logged(
    api: Callable[..., Any], cycle: Any, pdf: bytes, isolated_file_storage: Any
) -> None:
    files_before = _stored(isolated_file_storage)
    rows_before = EvidenceFile.objects.count()
    seen = len(_events())
    response = _upload(
        api,
        "budi",
        cycle,
        ("laporan.pdf", pdf),
        ("surat.pdf", b"<html><script>alert(1)</script></html>"),
    )
    assert response.status_code == 422
    (detail,) = error_of(response)["details"]
    assert detail["field"] == "surat.pdf"
    assert detail["rule"] == "evidence.unknown_type"
    assert EvidenceFile.objects.count() == rows_before
    assert _stored(isolated_file_storage) == files_before
    (refusal,) = _events()[seen:]  # one audit event for the refused file, as on the web
    assert refusal.action != "evidence.add"


def test_an_oversized_file_and_a_missing_title_are_named(
    api: Callable[..., Any], cycle: Any, pdf: bytes
) -> None:
    big = pdf + b"\n%" + b"0" * (10 * 1024 * 1024)
    response = _upload(api, "budi", cycle, ("besar.pdf", big), title="")
    assert response.status_code == 422
    rules = {d.get("field"): d["rule"] for d in error_of(response)["details"]}
    assert rules["title"] == "evidence.title_required"
    assert rules["besar.pdf"] == "file.too_large"


@pytest.mark.parametrize(("user", "status"), [("dewi", 404), ("vina", 403), ("nadia", 403)])
def test_others_may_not_upload_to_dinkes_question(
    api: Callable[..., Any], cycle: Any, pdf: bytes, user: str, status: int
) -> None:
    rows_before = EvidenceFile.objects.count()
    response = _upload(api, user, cycle, ("laporan.pdf", pdf))
    assert response.status_code == status
    assert EvidenceFile.objects.count() == rows_before


def test_oki_uploads_to_his_kecamatan_answer(
    api: Callable[..., Any], cycle: Any, pdf: bytes
) -> None:
    response = _upload(api, "oki", cycle, ("rekap.pdf", pdf), code=KELANA, unit=OKI_UNIT)
    assert response.status_code == 201, response.content
    assert response.json()["items"][0]["unit"] == OKI_UNIT
    other = _upload(api, "oki", cycle, ("rekap.pdf", pdf), code=KELANA, unit=OTHER_UNIT)
    assert other.status_code == 403


def test_a_locked_stage_refuses_uploads_and_keeps_no_file(
    api: Callable[..., Any], cycle: Any, pdf: bytes, isolated_file_storage: Any
) -> None:
    _lock(cycle, "mandiri")
    files_before = _stored(isolated_file_storage)
    response = _upload(api, "budi", cycle, ("laporan.pdf", pdf))
    assert response.status_code == 409
    assert error_of(response)["code"] == "stage_closed"
    assert _stored(isolated_file_storage) == files_before


def test_a_body_over_the_request_limit_is_413_in_the_error_shape(
    api: Callable[..., Any], cycle: Any, pdf: bytes
) -> None:
    from django.test import override_settings

    rows_before = EvidenceFile.objects.count()
    with override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000):
        response = _upload(api, "budi", cycle, ("laporan.pdf", pdf), title="x" * 2000)
    assert response.status_code == 413
    assert error_of(response)["code"] == "too_large"
    assert EvidenceFile.objects.count() == rows_before


def test_a_draft_cannot_be_decided_through_the_api(api: Callable[..., Any], cycle: Any) -> None:
    """The web form and the API share the rule: only a submitted answer is verified."""
    Answer.objects.filter(cycle=cycle, question_code="12.2", unit__isnull=True).update(
        status="draf"
    )
    existing = _decision(cycle)
    before = existing.snapshot() if existing else None
    response = _verify(
        api,
        "vina",
        cycle,
        "verifikasi_administrasi",
        {"status": "diterima", "version": existing.version if existing else 0},
    )
    assert response.status_code == 422
    assert [d["rule"] for d in error_of(response)["details"]] == ["verification.not_submitted"]
    after = _decision(cycle)
    assert (after.snapshot() if after else None) == before
