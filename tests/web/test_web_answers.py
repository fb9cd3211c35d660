"""The answer pages through HTTP: save and submit (plain POST and htmx), refusals shown next to
their field, edit conflicts, the verifier's decision, and the filtered question list."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from layak.audit.models import AuditEvent
from layak.core.stages import Stage
from layak.evaluation import services
from layak.evaluation.history import Change, read_history
from layak.evaluation.models import Answer, Assignment, Verification
from layak.regions.models import Region
from layak.web.templatetags.layak import points_field
from tests.web.websupport import KEC_OKI, Q_DINKES, Q_DUKCAPIL, Q_KECAMATAN

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}
UNANSWERED_DINKES = "14.10"  # yes/no, left unanswered by the demo


def text_of(response: Any) -> str:
    return html.unescape(response.content.decode())


def listed_codes(response: Any, cycle: Any) -> list[str]:
    return re.findall(rf'href="/siklus/{cycle.pk}/pertanyaan/([^/"]+)/"', response.content.decode())


def _state(cycle: Any, code: str) -> tuple[Any, ...] | None:
    answer = Answer.objects.filter(cycle=cycle, question_code=code, unit=None).first()
    if answer is None:
        return None
    return (answer.value, answer.points, answer.note, answer.status, answer.version)


@pytest.mark.parametrize("htmx_first", [False, True], ids=["plain-then-htmx", "htmx-then-plain"])
def test_officer_saves_a_draft_then_submits(
    htmx_first: bool, cycle: Any, login: Callable[[str], Client]
) -> None:
    budi = login("budi")
    page_url = reverse("evaluation:question", args=[cycle.pk, UNANSWERED_DINKES])
    url = reverse("evaluation:save_answer", args=[cycle.pk, UNANSWERED_DINKES])
    page = budi.get(page_url)
    assert page.status_code == 200
    assert f'action="{url}"' in page.content.decode()  # an unanswered question has a form
    assert _state(cycle, UNANSWERED_DINKES) is None

    draft = {"value": "ya", "note": "SK inovasi sedang ditandatangani", "action": "draf"}
    submit = {"value": "ya", "note": "SK terlampir", "action": "ajukan", "version": "1"}
    for step, (data, htmx) in enumerate([(draft, htmx_first), (submit, not htmx_first)], 1):
        response = budi.post(url, data, **(HTMX if htmx else {}))
        message = "Draf jawaban disimpan." if step == 1 else "Jawaban diajukan."
        if htmx:  # the answer block alone, with the message, to swap into the page
            assert response.status_code == 200
            assert response.templates[0].name == "evaluation/_answer_block.html"
            assert "<html" not in response.content.decode()
            assert message in text_of(response)
        else:  # post/redirect/get
            assert response.status_code == 302
            assert response["Location"] == page_url
            assert message in text_of(budi.get(page_url))
        value, _points, note, status, version = _state(cycle, UNANSWERED_DINKES)  # type: ignore[misc]
        assert (value, note, version) == ("ya", data["note"], step)
        assert status == ("draf" if step == 1 else "diajukan")
    history = AuditEvent.objects.filter(action="answer.save", actor_name="budi")
    assert history.count() == 2


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("abc", "'abc' bukan angka"),
        ("150", "persentase 150 harus antara 0 dan 100"),
        ("", "jawaban wajib diisi"),
    ],
)
def test_invalid_value_is_shown_next_to_the_field_and_nothing_is_saved(
    value: str, message: str, cycle: Any, login: Callable[[str], Client]
) -> None:
    before = _state(cycle, Q_DINKES)
    events = AuditEvent.objects.exclude(action__startswith="auth.").count()
    budi = login("budi")
    url = reverse("evaluation:save_answer", args=[cycle.pk, Q_DINKES])
    data = {"value": value, "note": "", "action": "ajukan", "version": "1"}

    response = budi.post(url, data)
    assert response.status_code == 400
    page = text_of(response)
    field_errors = re.search(r'<ul class="errorlist" id="value-error">(.*?)</ul>', page, re.S)
    assert field_errors is not None
    assert message in field_errors.group(1)
    assert 'aria-invalid="true"' in page
    if value:  # what was typed stays in the field
        assert f'name="value" inputmode="decimal" value="{value}"' in page

    partial = budi.post(url, data, **HTMX)
    assert partial.status_code == 400  # htmx swaps it all the same (base.html)
    assert message in text_of(partial)
    assert _state(cycle, Q_DINKES) == before
    assert AuditEvent.objects.exclude(action__startswith="auth.").count() == events


def test_htmx_swaps_a_400_form_and_no_other_error(
    cycle: Any, login: Callable[[str], Client]
) -> None:
    """An invalid POST answers 400 with its form (docs/architecture.md); htmx's default leaves
    every 4xx unswapped, so the page configures it: 400 swaps like 2xx, other errors do not."""
    page = text_of(login("budi").get(reverse("evaluation:question", args=[cycle.pk, Q_DINKES])))
    config = re.search(r"<meta name=\"htmx-config\" content='([^']*)'>", page)
    assert config is not None
    handling = json.loads(config.group(1))["responseHandling"]

    def swaps(status: int) -> bool:
        rule = next(r for r in handling if re.search(r["code"], str(status)))  # as htmx
        return bool(rule["swap"]) and not rule.get("error", False)

    assert [swaps(s) for s in (200, 302, 400)] == [True, True, True]
    assert [swaps(s) for s in (204, 403, 404, 409, 500)] == [False] * 5


MARKUP = "<script>alert(1)</script><img src=x onerror=alert(2)>"


def test_markup_typed_into_a_note_is_shown_as_text(
    cycle: Any, login: Callable[[str], Client]
) -> None:
    """ASVS 3.2.2: what people type is escaped wherever it comes back (the htmx block, the
    question page with its form and history), so it is read as text and never runs."""
    budi = login("budi")
    url = reverse("evaluation:save_answer", args=[cycle.pk, UNANSWERED_DINKES])
    partial = budi.post(url, {"value": "ya", "note": MARKUP, "action": "draf"}, **HTMX)
    assert partial.status_code == 200
    assert _state(cycle, UNANSWERED_DINKES)[2] == MARKUP  # type: ignore[index]  # kept as typed
    page = budi.get(reverse("evaluation:question", args=[cycle.pk, UNANSWERED_DINKES]))
    for response in (partial, page):
        body = response.content.decode()
        assert "<script>alert" not in body
        assert "<img src=x" not in body
        assert body.count(html.escape(MARKUP)) >= 1


def test_stale_version_shows_the_conflict(
    cycle: Any, users: dict[str, Any], login: Callable[[str], Client]
) -> None:
    """budi opened the form at version 1; sari saved in between."""
    sari = login("sari")
    url = reverse("evaluation:save_answer", args=[cycle.pk, Q_DINKES])
    assert sari.post(url, {"value": "95", "action": "ajukan", "version": "1"}).status_code == 302
    after_sari = _state(cycle, Q_DINKES)
    assert after_sari is not None
    assert after_sari[4] == 2

    budi = login("budi")
    for headers in ({}, HTMX):  # the whole page or the answer block, 400 either way
        response = budi.post(url, {"value": "10", "action": "ajukan", "version": "1"}, **headers)
        assert response.status_code == 400
        page = text_of(response)
        assert "jawaban ini baru saja diubah oleh Sari Wulandari" in page
        assert "muat ulang" in page
    assert _state(cycle, Q_DINKES) == after_sari


def test_verifier_must_explain_a_revision_request(
    cycle: Any, login: Callable[[str], Client]
) -> None:
    vina = login("vina")
    url = reverse(
        "evaluation:save_verification", args=[cycle.pk, Q_DINKES, Stage.ADMINISTRATIVE.value]
    )
    page = vina.get(reverse("evaluation:question", args=[cycle.pk, Q_DINKES]))
    assert f'action="{url}"' in page.content.decode()

    refused = vina.post(url, {"status": "perbaikan", "note": "  ", "verified_points": ""})
    assert refused.status_code == 400
    assert "catatan wajib diisi" in text_of(refused)
    assert not Verification.objects.filter(answer__question_code=Q_DINKES).exists()

    note = "Data belum dipilah per kecamatan."
    done = vina.post(url, {"status": "perbaikan", "note": note, "verified_points": "1,5"})
    assert done.status_code == 302
    verification = Verification.objects.get(answer__question_code=Q_DINKES)
    assert (verification.status, verification.note, float(verification.verified_points)) == (
        "perbaikan",
        note,
        1.5,
    )
    # budi now finds it among the questions to revise, with the verifier's note.
    listing = login("budi").get(
        reverse("evaluation:questions", args=[cycle.pk]), {"status": "perbaikan"}
    )
    assert Q_DINKES in listed_codes(listing, cycle)
    assert note in text_of(listing)


@pytest.mark.parametrize(
    ("typed", "stored", "indonesian", "english"),
    [
        ("3", None, "3", "3"),
        ("2,5", None, "2,5", "2.5"),
        ("0.25", None, "0,25", "0.25"),
        ("1", Decimal("1.6667"), "1,67", "1.67"),  # a share of the maximum, stored to 4 places
    ],
)
def test_verifier_finds_her_points_as_people_write_them(
    typed: str,
    stored: Decimal | None,
    indonesian: str,
    english: str,
    cycle: Any,
    login: Callable[[str], Client],
) -> None:
    """Not "3,0000": at most two decimals, no trailing zeros, the language's decimal mark."""
    vina = login("vina")
    url = reverse(
        "evaluation:save_verification", args=[cycle.pk, Q_DINKES, Stage.ADMINISTRATIVE.value]
    )
    saved = vina.post(url, {"status": "diterima", "note": "", "verified_points": typed})
    assert saved.status_code == 302
    if stored is not None:
        Verification.objects.filter(answer__question_code=Q_DINKES).update(verified_points=stored)
    page_url = reverse("evaluation:question", args=[cycle.pk, Q_DINKES])

    def field_value() -> str:
        page = vina.get(page_url).content.decode()
        found = re.search(
            r'<input id="verified_points" name="verified_points"[^>]*value="([^"]*)"', page
        )
        assert found is not None
        return found.group(1)

    assert field_value() == indonesian
    history = text_of(vina.get(page_url)).split("Riwayat perubahan", 1)[1]
    assert "0000" not in history  # not the 4 places of the audit snapshot
    vina.post(reverse("set_language"), {"language": "en", "next": page_url})
    assert field_value() == english
    # What the field shows is accepted back as it is.
    again = vina.post(
        url, {"status": "diterima", "note": "", "verified_points": english, "version": "1"}
    )
    assert again.status_code == 302


@pytest.mark.parametrize(
    ("value", "indonesian", "english"),
    [
        (None, "", ""),
        (Decimal("0.0000"), "0", "0"),
        (Decimal("4.0000"), "4", "4"),
        (Decimal("1004.5000"), "1004,5", "1004.5"),  # no thousands mark in a field
        (Decimal("2.0050"), "2,01", "2.01"),
        (Decimal("0.0040"), "0", "0"),
    ],
)
def test_points_field_values(value: Decimal | None, indonesian: str, english: str) -> None:
    with translation.override("id"):
        assert points_field(value) == indonesian
    with translation.override("en"):
        assert points_field(value) == english


def test_question_list_filters(cycle: Any, login: Callable[[str], Client]) -> None:
    sari = login("sari")
    url = reverse("evaluation:questions", args=[cycle.pk])
    instrument = cycle.instrument
    everything = listed_codes(sari.get(url), cycle)
    assert everything == [q.code for q in instrument.questions]

    k3 = [q.code for q in instrument.questions if q.part_code == "K3"]
    assert listed_codes(sari.get(url, {"bagian": "K3"}), cycle) == k3

    dukcapil = set(
        Assignment.objects.filter(cycle=cycle, agency__short_name="Disdukcapil").values_list(
            "question_code", flat=True
        )
    )
    assert set(listed_codes(sari.get(url, {"opd": "Disdukcapil"}), cycle)) == dukcapil

    # The demo's provincial verifier asked for revisions of 2.1, 12.3 and 15.1.
    revise = ["2.1", "12.3", "15.1"]
    assert listed_codes(sari.get(url, {"status": "perbaikan"}), cycle) == revise
    both = sari.get(url, {"status": "perbaikan", "bagian": "K3"})
    assert listed_codes(both, cycle) == ["12.3", "15.1"]

    needle = instrument.question(Q_DINKES).label.split()[0]
    expected = [q.code for q in instrument.questions if needle.casefold() in q.label.casefold()]
    assert Q_DINKES in expected
    assert listed_codes(sari.get(url, {"cari": needle.upper()}), cycle) == expected
    assert listed_codes(sari.get(url, {"cari": "tidak-ada-yang-cocok"}), cycle) == []


def test_question_list_htmx_returns_only_the_table(
    cycle: Any, login: Callable[[str], Client]
) -> None:
    sari = login("sari")
    url = reverse("evaluation:questions", args=[cycle.pk])
    partial = sari.get(url, {"bagian": "K3"}, **HTMX)
    assert partial.status_code == 200
    assert partial.templates[0].name == "evaluation/_question_table.html"
    body = partial.content.decode()
    assert "<html" not in body
    assert 'name="bagian"' not in body  # no filter form, only the table
    k3 = sum(1 for q in cycle.instrument.questions if q.part_code == "K3")
    assert f"{k3} dari {len(cycle.instrument.questions)} pertanyaan" in body


def test_officer_lists_only_his_agencys_questions(
    cycle: Any, login: Callable[[str], Client]
) -> None:
    dinkes = set(
        Assignment.objects.filter(cycle=cycle, agency__short_name="Dinkes").values_list(
            "question_code", flat=True
        )
    )
    response = login("budi").get(reverse("evaluation:questions", args=[cycle.pk]))
    codes = listed_codes(response, cycle)
    assert set(codes) == dinkes
    assert len(codes) == len(dinkes)
    assert Q_DUKCAPIL not in codes
    assert f"{len(dinkes)} dari {len(dinkes)} pertanyaan" in text_of(response)


def test_every_visible_question_page_opens(cycle: Any, login: Callable[[str], Client]) -> None:
    """Unanswered, per-unit, verified, revised and rejected questions all render for the people
    who write or verify them (an unanswered question once crashed the answer form)."""
    codes = ["14.10", "16.8", "12.1", "12.3", "15.2", "25.2", "26.17", "4.3", "3.1a", "8.1"]
    for username in ("sari", "kartika", "vina", "nadia"):
        client = login(username)
        for code in codes:
            response = client.get(reverse("evaluation:question", args=[cycle.pk, code]))
            assert response.status_code == 200, f"{username} {code}"
    budi = login("budi")
    for code in ("14.10", "16.8", "12.3", "15.2"):
        assert budi.get(reverse("evaluation:question", args=[cycle.pk, code])).status_code == 200


def _save(user: Any, cycle: Any, code: str, value: str, unit: str | None = None) -> None:
    region = Region.objects.get(code=unit) if unit else None
    current = Answer.objects.filter(cycle=cycle, question_code=code, unit=region).first()
    services.save_answer(
        user,
        cycle,
        cycle.instrument.question(code),
        value=value,
        note="",
        expected_version=current.version if current else None,
        submit=True,
        unit=region,
    )


def _recorded(page: str) -> str:
    found = re.search(r"(?:Tercatat|Recorded): <strong>([^<]*)</strong>", page)
    assert found is not None
    return found.group(1)


def test_yes_no_answers_are_shown_in_the_pages_language(
    cycle: Any, users: dict[str, Any], login: Callable[[str], Client]
) -> None:
    """Dewi answers 4.2 "tidak", then "ya"; Vina reads it (and its history) in either language."""
    _save(users["dewi"], cycle, Q_DUKCAPIL, "tidak")
    _save(users["dewi"], cycle, Q_DUKCAPIL, "ya")
    vina = login("vina")
    url = reverse("evaluation:question", args=[cycle.pk, Q_DUKCAPIL])

    page = text_of(vina.get(url))
    assert _recorded(page) == "Ya"
    assert "jawaban: <del>Tidak</del> → Ya" in page

    vina.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = text_of(vina.get(url))
    assert _recorded(page) == "Yes"
    assert "answer: <del>No</del> → Yes" in page
    assert "<del>tidak</del>" not in page
    assert "→ ya" not in page


def test_unit_answers_show_labels_and_the_citys_share_stays_a_number(
    cycle: Any, users: dict[str, Any], login: Callable[[str], Client]
) -> None:
    _save(users["oki"], cycle, Q_KECAMATAN, "ya", unit=KEC_OKI)
    sari = login("sari")
    sari.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = text_of(sari.get(reverse("evaluation:question", args=[cycle.pk, Q_KECAMATAN])))

    cells = re.findall(r'<td data-label="Answer">([^<]*)</td>', page)
    assert "Yes" in cells
    assert set(cells) <= {"Yes", "No", "—"}
    share = Answer.objects.get(cycle=cycle, question_code=Q_KECAMATAN, unit=None).value
    # The share of kecamatan answering yes, not a yes/no.
    assert _recorded(page) == f"{share} % of the units answered yes"
    assert "answer: Yes" in page  # oki's own answer in the history


def test_a_choice_answer_shows_its_options_label(
    cycle: Any, users: dict[str, Any], login: Callable[[str], Client]
) -> None:
    _save(users["sari"], cycle, "4.3", "tetap")  # options naik / tetap / turun
    page = text_of(login("sari").get(reverse("evaluation:question", args=[cycle.pk, "4.3"])))
    assert _recorded(page) == "Tetap"


def test_history_shows_points_as_recorded_when_they_are_not_a_number() -> None:
    event: Any = SimpleNamespace(
        action="answer.save",
        at=None,
        actor_id=None,
        actor_name="budi",
        before={"points": "?"},
        after={"points": "2.5"},
    )
    with translation.override("id"):
        [entry] = read_history([event])
    assert entry.changes == (Change("nilai", "?", "2,50"),)
