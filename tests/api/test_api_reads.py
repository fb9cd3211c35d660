"""The read endpoints: pagination bounds, filters, another region's data, Profil Anak's
public mode, aspirations without children's text, and the evidence download."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from layak.audit.models import AuditEvent
from layak.demo.profil import PROFIL_YEAR
from layak.forum.models import Aspiration
from tests.api.apisupport import error_of


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "status", "count"),
    [
        ("", 200, 50),
        ("?limit=1", 200, 1),
        ("?limit=200", 200, 200),
        ("?limit=201", 422, 0),
        ("?limit=0", 422, 0),
        ("?offset=270", 200, 4),
        ("?offset=9999", 200, 0),
        ("?limit=x", 422, 0),
    ],
)
def test_answer_pages_stay_within_bounds(
    api: Callable[..., Any], cycle: Any, query: str, status: int, count: int
) -> None:
    response = api("sari", "get", f"/api/v1/cycles/{cycle.pk}/answers{query}")
    assert response.status_code == status
    if status == 200:
        body = response.json()
        assert body["count"] == 274
        assert len(body["items"]) == count
    else:
        assert error_of(response)["details"][0]["field"] in ("limit", "offset")


@pytest.mark.django_db
def test_answers_filter_by_part_agency_and_status(api: Callable[..., Any], cycle: Any) -> None:
    base = f"/api/v1/cycles/{cycle.pk}/answers?limit=200"
    k3 = api("sari", "get", base + "&part=K3").json()["items"]
    assert k3
    assert {a["part"] for a in k3} == {"K3"}
    dinkes = api("sari", "get", base + "&agency=Dinkes").json()["items"]
    assert all("Dinkes" in a["agencies"] for a in dinkes)
    unanswered = api("sari", "get", base + "&status=belum").json()["items"]
    assert all(a["state"] == "belum" for a in unanswered)
    # Budi sees only Dinkes' questions, as on the web.
    mine = api("budi", "get", base).json()
    assert 0 < mine["count"] < 274


@pytest.mark.django_db
def test_cycles_are_those_the_caller_sees(api: Callable[..., Any], cycle: Any) -> None:
    from layak.core.loader import load_builtin
    from layak.core.stages import Stage
    from layak.evaluation.setup import open_cycle
    from layak.regions.models import Region

    now, day = timezone.now(), timedelta(days=1)
    lampung, _ = open_cycle(
        Region.objects.get(code="18.71"),
        cycle.year,
        load_builtin("kla-2024"),
        {Stage.SELF_ASSESSMENT: (now - day, now + day, None)},
    )
    sari = api("sari", "get", "/api/v1/cycles").json()
    assert [c["id"] for c in sari["items"]] == [cycle.pk]
    vina = api("vina", "get", "/api/v1/cycles?region=18.71").json()
    assert [c["id"] for c in vina["items"]] == [lampung.pk]
    assert api("vina", "get", f"/api/v1/cycles?year={cycle.year + 1}").json()["count"] == 0
    for url in (f"/api/v1/cycles/{lampung.pk}", f"/api/v1/cycles/{lampung.pk}/scores"):
        assert api("sari", "get", url).status_code == 404
        assert api("budi", "get", url).status_code == 404
        assert api("nadia", "get", url).status_code == 200


@pytest.mark.django_db
def test_scores_and_gap_match_the_dashboard(api: Callable[..., Any], cycle: Any) -> None:
    from layak.evaluation.queries.scores import cycle_scores

    expected = cycle_scores(cycle)
    figures = expected.figures
    scores = api("sari", "get", f"/api/v1/cycles/{cycle.pk}/scores").json()
    # Each figure named by its basis, with its own distances (docs/scoring.md).
    for name, figure in (
        ("self_assessed", figures.self_assessed),
        ("projected_verified", figures.projected),
        ("verified", figures.verified),
    ):
        assert figure is not None  # the demo's provincial verification is under way
        shown = scores[name]
        assert shown["basis"] == figure.basis.value
        assert shown["label"] == figure.label("id")
        assert shown["stage"] == figure.stage.value
        assert (shown["total"], shown["predicate"]) == (figure.total, figure.predicate)
        assert shown["points_to_target"] == figure.points_to_target
        assert shown["target"] == cycle.target_predicate
        assert [p["score"] for p in shown["parts"]] == [p.score for p in figure.parts]
    assert scores["verified_stage"] == figures.verified_stage
    assert scores["points_at_risk"] == figures.points_at_risk
    assert scores["drafts"]["answers"] == expected.drafts.answers
    english = api(
        "sari", "get", f"/api/v1/cycles/{cycle.pk}/scores", headers={"Accept-Language": "en"}
    )
    assert english.json()["projected_verified"]["label"] == "Projected verified"
    gap = api("sari", "get", f"/api/v1/cycles/{cycle.pk}/gap").json()
    assert [i["code"] for i in gap["items"]] == [i.code for i in expected.plan.items]
    assert (gap["basis"], gap["current"]) == ("proyeksi_terverifikasi", figures.projected.total)
    assert gap["needed"] == figures.projected.points_to_target
    assert gap["partial"] is False
    budi = api("budi", "get", f"/api/v1/cycles/{cycle.pk}/gap?target=Utama").json()
    assert all("Dinkes" in i["agencies"] for i in budi["items"])


@pytest.mark.django_db
def test_profil_anak_is_full_for_region_staff_and_public_for_others(
    api: Callable[..., Any],
) -> None:
    url = f"/api/v1/regions/18.72/profil-anak/{PROFIL_YEAR}"
    full = api("sari", "get", url).json()
    assert full["mode"] == "full"
    public = api("mitra", "get", url).json()
    assert public["mode"] == "public"
    assert public["profile"]["public"] is True
    states = [
        cell["state"]
        for row in public["profile"]["by_kelurahan"]
        for cell in (row["children"], row["male"], row["female"])
    ]
    assert "shown" in states
    for row in public["profile"]["by_kelurahan"]:
        for cell in (row["children"], row["male"], row["female"]):
            assert (
                cell["state"] != "shown"
                or cell["value"] is None
                or cell["value"] >= 5
                or cell["value"] == 0
            )
    assert api("sari", "get", "/api/v1/regions/18.71/profil-anak/2024").status_code == 404
    assert api("sari", "get", "/api/v1/regions/18.72/profil-anak/1990").status_code == 404


@pytest.mark.django_db
def test_aspirations_never_carry_the_childrens_text_outside_the_secretariat(
    api: Callable[..., Any],
) -> None:
    url = "/api/v1/regions/18.72/aspirations?limit=200"
    kept = api("sari", "get", url).json()["items"]
    assert kept
    assert any(a["text"] for a in kept)
    for username in ("budi", "vina", "forumanak"):
        items = api(username, "get", url).json()["items"]
        assert items, username
        assert all(a["text"] is None and a["decline_reason"] is None for a in items), username
    assert api("mitra", "get", url).status_code == 404
    status = api("sari", "get", url + "&status=diterima").json()["items"]
    assert all(a["status"] == "diterima" for a in status)


@pytest.mark.django_db
def test_an_outcome_naming_a_child_calls_her_by_her_role(api: Callable[..., Any]) -> None:
    """Sari wrote an accepted aspiration's outcome as "Taman bermain usulan Dinda"; Dinda chairs
    Forum Anak Kota Metro. Whoever reads it through the API reads her role, as in the forum's
    documents and on the public page; the record keeps what Sari wrote."""
    aspiration = (
        Aspiration.objects.filter(city_id="18.72", status="diterima").order_by("pk").first()
    )
    assert aspiration is not None
    aspiration.outcome_name = "Taman bermain usulan Dinda di Metro Pusat"
    aspiration.save(update_fields=["outcome_name"])
    for username in ("sari", "budi", "forumanak"):
        items = api(username, "get", "/api/v1/regions/18.72/aspirations?limit=200").json()["items"]
        mine = next(a for a in items if a["id"] == aspiration.pk)
        assert mine["outcome_name"] == "Taman bermain usulan Ketua Forum Anak di Metro Pusat"
        assert all("Dinda" not in (a["outcome_name"] or "") for a in items), username
    aspiration.refresh_from_db()
    assert aspiration.outcome_name == "Taman bermain usulan Dinda di Metro Pusat"


@pytest.mark.django_db
def test_evidence_metadata_and_download(api: Callable[..., Any], cycle: Any) -> None:
    listed = api("budi", "get", f"/api/v1/cycles/{cycle.pk}/answers/12.2/evidence").json()
    assert listed["count"] == 2
    first = listed["items"][0]
    download = api("budi", "get", first["download"])
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    assert download["Cache-Control"] == "private, no-store"
    content = b"".join(download.streaming_content)
    assert content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(
        action="evidence.download", object_id=str(first["id"])
    ).exists()
    assert api("dewi", "get", first["download"]).status_code == 404


@pytest.mark.django_db
def test_instruments_with_parts_indicators_and_questions(
    api: Callable[..., Any], cycle: Any
) -> None:
    listed = api("mitra", "get", "/api/v1/instruments").json()
    assert listed["items"][0]["slug"] == "kla-2024"
    detail = api("mitra", "get", f"/api/v1/instruments/{cycle.instrument_record_id}").json()
    questions = [q for p in detail["parts"] for i in p["indicators"] for q in i["questions"]]
    assert len(questions) == 274
    assert api("mitra", "get", "/api/v1/instruments/99999").status_code == 404


@pytest.mark.django_db
def test_schema_and_docs_page_load_nothing_from_elsewhere(client: Any, world: Any) -> None:
    schema = client.get("/api/v1/openapi.json")
    assert schema.status_code == 200
    assert "/api/v1/cycles/{cycle_id}/answers/{code}" in schema.json()["paths"]
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "http://" not in html
    assert "https://" not in html
    assert "<script" not in html
    assert "frame-ancestors 'none'" in docs["Content-Security-Policy"]
