"""Each person's own view: "Menunggu saya" on the dashboard, the counts that link to exactly
the rows they count, Kartika's cluster, and Wahyu's own kelurahan first.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from layak.core.stages import Stage
from layak.evaluation import services
from layak.evaluation.models import Answer, Assignment, StageWindow
from layak.evidence.services import add_evidence
from layak.regions.models import Region

pytestmark = pytest.mark.django_db


def _waiting(client: Any, cycle: Any) -> dict[str, Any]:
    response = client.get(reverse("evaluation:dashboard", args=[cycle.pk]))
    assert response.status_code == 200
    return {w.label: w for w in response.context["waiting"]}


def _listed(client: Any, url: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200
    return [row.question.code for row in response.context["rows"]]


def test_vina_sends_budis_12_2_back_and_it_waits_for_budi(cycle, users, login):
    before = _waiting(login("budi"), cycle)["Dikembalikan"]
    assert "12.2" not in _listed(login("budi"), before.url)

    answer = Answer.objects.get(cycle=cycle, question_code="12.2", unit__isnull=True)
    services.verify(
        users["vina"],
        answer,
        Stage.ADMINISTRATIVE,
        status="perbaikan",
        points="",
        note="Lampirkan daftar penerima Buku KIA.",
        expected_version=None,
    )

    sent_back = _waiting(login("budi"), cycle)["Dikembalikan"]
    assert sent_back.count == before.count + 1
    listed = _listed(login("budi"), sent_back.url)
    assert "12.2" in listed
    assert len(listed) == sent_back.count
    assert "menunggu=dikembalikan" in sent_back.url


def test_vinas_queue_matches_the_province_page_and_shrinks_when_she_decides(cycle, users, login):
    vina = login("vina")
    queue = _waiting(vina, cycle)["Menunggu verifikasi administrasi"]
    listed = _listed(vina, queue.url)
    assert queue.count == len(listed) > 0

    province = vina.get(reverse("overview:province", args=["18"]))
    metro = next(f for f in province.context["figures"] if f.cycle_id == cycle.pk)
    assert metro.queue == queue.count
    link = reverse("evaluation:questions", args=[cycle.pk]) + "?menunggu=verifikasi_administrasi"
    assert link in province.content.decode()
    assert _listed(vina, link) == listed

    decided = Answer.objects.get(cycle=cycle, question_code=listed[0], unit__isnull=True)
    services.verify(
        users["vina"],
        decided,
        Stage.ADMINISTRATIVE,
        status="diterima",
        points="",
        note="",
        expected_version=None,
    )
    after = _waiting(login("vina"), cycle)["Menunggu verifikasi administrasi"]
    assert after.count == queue.count - 1
    assert listed[0] not in _listed(login("vina"), after.url)


def test_sari_sees_questions_without_an_agency_but_not_the_units_own(cycle, login):
    sari = login("sari")
    no_agency = _waiting(sari, cycle)["Belum punya OPD"]
    listed = _listed(sari, no_agency.url)
    assert len(listed) == no_agency.count
    assert not any(cycle.instrument.question(code).per_unit for code in listed)
    page = sari.get(reverse("evaluation:assignments", args=[cycle.pk]))
    assert page.context["missing"] == no_agency.count
    # KELANA/DEKELA questions without an agency are answered by the units: not counted.
    assigned = set(Assignment.objects.filter(cycle=cycle).values_list("question_code", flat=True))
    without = [q for q in cycle.instrument.questions if q.code not in assigned]
    assert any(q.per_unit for q in without)
    assert no_agency.count == sum(1 for q in without if not q.per_unit)


def test_sari_sees_the_stage_that_closes_within_a_week(cycle, login):
    now = timezone.now()
    StageWindow.objects.filter(cycle=cycle, stage=Stage.ADMINISTRATIVE.value).update(
        opens_at=now - timedelta(days=10), closes_at=now + timedelta(days=3)
    )
    StageWindow.objects.filter(cycle=cycle, stage=Stage.FIELD.value).update(
        opens_at=now + timedelta(days=20), closes_at=now + timedelta(days=40)
    )
    sari = login("sari")
    soon = _waiting(sari, cycle)["Tahap ditutup dalam 7 hari"]
    assert soon.count == 1
    page = sari.get(soon.url)
    assert [w.stage for w in page.context["windows"]] == [Stage.ADMINISTRATIVE.value]


def test_every_completeness_count_links_to_exactly_its_rows(cycle, login):
    sari = login("sari")
    page = sari.get(reverse("evaluation:dashboard", args=[cycle.pk]))
    html = page.content.decode()
    listed = reverse("evaluation:questions", args=[cycle.pk])
    for c, _bar, _evidence in page.context["parts"]:
        assert f"{listed}?bagian={c.key}&amp;status=dijawab" in html
        assert len(_listed(sari, f"{listed}?bagian={c.key}&status=dijawab")) == c.answered
        assert len(_listed(sari, f"{listed}?bagian={c.key}&status=berbukti")) == c.with_evidence
        assert len(_listed(sari, f"{listed}?bagian={c.key}")) == c.total
    for c, _bar in page.context["agencies"][:5]:
        assert len(_listed(sari, f"{listed}?opd={c.key}&status=dijawab")) == c.answered
        assert len(_listed(sari, f"{listed}?opd={c.key}")) == c.total
    for c, _bar in page.context["units"][:3]:
        assert len(_listed(sari, f"{listed}?wilayah={c.key}&status=dijawab")) == c.answered
        assert len(_listed(sari, f"{listed}?wilayah={c.key}")) == c.total


def test_kartika_sees_cluster_k3(cycle, login):
    page = login("kartika").get(reverse("evaluation:dashboard", args=[cycle.pk]))
    figures = page.context["figures"]
    k3 = next(p for p in figures.self_assessed.parts if p.code == "K3")
    assert page.context["cluster"].self_assessed == k3
    assert [c.key for c, _a, _e in page.context["parts"]] == ["K3"]
    for item, question, _agencies in page.context["plan_items"]:
        assert question.part_code == "K3", item.code
    in_k3 = {q.code for q in cycle.instrument.questions if q.part_code == "K3"}
    assert sum(c.total for c, _bar in page.context["agencies"]) >= len(in_k3) > 0
    for queue in page.context["waiting"]:
        assert "bagian=K3" in queue.url
    # The city's dashboard still shows every part to Sari.
    city = login("sari").get(reverse("evaluation:dashboard", args=[cycle.pk]))
    assert len(city.context["parts"]) == len(cycle.instrument.parts)


def test_wahyu_sees_his_own_answer_status_and_evidence(cycle, users, login, pdf_upload):
    yosomulyo = Region.objects.get(code="18.72.01.1005")
    neighbour = Region.objects.get(code="18.72.01.1001")
    question = cycle.instrument.question("26.2")
    # Another kelurahan's file is that kelurahan's, not Wahyu's.
    add_evidence(
        users["sari"], cycle, question, [pdf_upload()], title="SK", year="2024", unit=neighbour
    )
    mine = Answer.objects.filter(cycle=cycle, question_code="26.2", unit=yosomulyo).first()
    services.save_answer(
        users["yosomulyo"],
        cycle,
        question,
        value="ya",
        note="",
        expected_version=mine.version if mine else None,
        submit=True,
        unit=yosomulyo,
    )
    wahyu = login("yosomulyo")
    rows = {
        r.question.code: r
        for r in wahyu.get(reverse("evaluation:questions", args=[cycle.pk])).context["rows"]
    }
    page = wahyu.get(reverse("evaluation:question", args=[cycle.pk, "26.2"]))
    assert rows["26.2"].status == "diajukan"
    assert rows["26.2"].answer["value"] == "ya"
    assert rows["26.2"].evidence == page.context["own_evidence"]

    add_evidence(
        users["yosomulyo"], cycle, question, [pdf_upload()], title="SK", year="2024", unit=yosomulyo
    )
    again = wahyu.get(reverse("evaluation:questions", args=[cycle.pk]) + "?cari=26.2")
    page = wahyu.get(reverse("evaluation:question", args=[cycle.pk, "26.2"]))
    assert (
        again.context["rows"][0].evidence
        == page.context["own_evidence"]
        == 1 + rows["26.2"].evidence
    )
    html = page.content.decode()
    assert html.index("Jawaban Yosomulyo") < html.index("Jawaban kota")


def test_budi_sees_his_items_due_within_a_week_and_the_list_holds_exactly_them(
    cycle: Any, login: Any
) -> None:
    """Dinkes has one item due in two days (and one overdue): the dashboard says 1 and links to
    the list of exactly that item."""
    import re

    client = login("budi")
    dashboard = client.get(reverse("evaluation:dashboard", args=[cycle.pk])).content.decode()
    found = re.search(
        r'href="([^"]+\?segera=1)">(\d+) tindak lanjut jatuh tempo dalam 7 hari', dashboard
    )
    assert found is not None
    link, count = found.group(1).replace("&amp;", "&"), int(found.group(2))
    listed = client.get(link).context["actions"]
    assert count == len(listed) == 1
    today = timezone.localdate()
    assert all(today <= item.due_on <= today + timedelta(days=7) for item in listed)
    assert "Lengkapi laporan PRAP" in listed[0].what
