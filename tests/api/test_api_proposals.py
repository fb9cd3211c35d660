"""The registries' proposals through the API: the rule of the question page holds here too.
Budi of Dinkes answers 15.1 (the share of puskesmas with a decree) from his own tool; the
demo's register proposes 60,0 % (six of ten puskesmas ber-SK). An answer that departs from it
needs a note, refused at the `note` field with the same rule the web form shows."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from layak.evaluation.models import Answer
from tests.api.apisupport import error_of

pytestmark = pytest.mark.django_db


def _put(api: Callable[..., Any], user: str, cycle: Any, code: str, body: dict[str, Any]) -> Any:
    return api(
        user,
        "put",
        f"/api/v1/cycles/{cycle.pk}/answers/{code}",
        data=body,
        content_type="application/json",
    )


def _current(cycle: Any, code: str) -> Answer:
    return Answer.objects.get(cycle=cycle, question_code=code, unit__isnull=True)


def test_budi_departs_from_the_registry_only_with_a_note(
    api: Callable[..., Any], cycle: Any
) -> None:
    before = _current(cycle, "15.1")
    refused = _put(api, "budi", cycle, "15.1", {"value": "80", "version": before.version})
    assert refused.status_code == 422
    (detail,) = error_of(refused)["details"]
    assert (detail["field"], detail["rule"]) == ("note", "answer.proposal_note")
    assert detail["message"] == (
        "jawaban berbeda dari usulan registri (60,0 %): tulis catatan alasannya"
    )
    assert _current(cycle, "15.1").version == before.version  # nothing written

    note = "Dua puskesmas menerima SK bulan ini; registri belum diperbarui."
    saved = _put(
        api, "budi", cycle, "15.1", {"value": "80", "note": note, "version": before.version}
    )
    assert saved.status_code == 200, saved.content
    assert (saved.json()["value"], saved.json()["note"]) == ("80", note)


def test_the_refusal_reads_in_english_for_an_english_client(
    api: Callable[..., Any], cycle: Any
) -> None:
    before = _current(cycle, "15.1")
    refused = api(
        "budi",
        "put",
        f"/api/v1/cycles/{cycle.pk}/answers/15.1",
        data={"value": "80", "version": before.version},
        content_type="application/json",
        headers={"Accept-Language": "en"},
    )
    (detail,) = error_of(refused)["details"]
    assert detail["rule"] == "answer.proposal_note"
    # The proposal is written in the client's way too: a decimal point, not a comma.
    assert detail["message"] == (
        "the answer differs from the registry's proposal (60.0 %): write a note saying why"
    )


def test_a_yes_no_proposal_reads_in_the_clients_language(
    api: Callable[..., Any], cycle: Any
) -> None:
    """8.3: the register of PUSPAGA holds one, none standardised: it proposes "Tidak" / "No"."""
    before = _current(cycle, "8.3")
    for language, proposed in (("id", "(Tidak)"), ("en", "(No)")):
        refused = api(
            "rina",
            "put",
            f"/api/v1/cycles/{cycle.pk}/answers/8.3",
            data={"value": "ya", "version": before.version},
            content_type="application/json",
            headers={"Accept-Language": language},
        )
        assert refused.status_code == 422, refused.content
        (detail,) = error_of(refused)["details"]
        assert proposed in detail["message"]


def test_budi_takes_the_proposal_without_a_note(api: Callable[..., Any], cycle: Any) -> None:
    before = _current(cycle, "15.1")
    saved = _put(api, "budi", cycle, "15.1", {"value": "60,0", "version": before.version})
    assert saved.status_code == 200, saved.content
    assert (saved.json()["value"], saved.json()["note"]) == ("60,0", "")  # 60,0 is 60


def test_a_question_no_register_informs_needs_no_note(api: Callable[..., Any], cycle: Any) -> None:
    before = _current(cycle, "12.2")
    saved = _put(api, "budi", cycle, "12.2", {"value": "75", "version": before.version})
    assert saved.status_code == 200, saved.content


def test_an_empty_register_proposes_nothing_and_asks_for_no_note(
    api: Callable[..., Any], cycle: Any, empty_registries: int
) -> None:
    before = _current(cycle, "15.1")
    saved = _put(api, "budi", cycle, "15.1", {"value": "80", "version": before.version})
    assert saved.status_code == 200, saved.content
