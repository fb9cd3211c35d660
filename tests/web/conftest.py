"""Fixtures of the HTTP tests: evidence files, and concrete URLs built from the Kota Metro demo's
real ids (see websupport.py). The demo's people, `users` and `login`, come from tests/support."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.web.webapitoken_targets import apitoken_target
from tests.web.webforum_targets import forum_target
from tests.web.webgugus_targets import gugus_target
from tests.web.webmitra_targets import mitra_target
from tests.web.webnotices_targets import notices_target
from tests.web.weboverview_targets import overview_target
from tests.web.webpeople_targets import people_target
from tests.web.webprofil_targets import profil_target
from tests.web.webpublic_targets import public_target
from tests.web.webregistries_targets import registries_target
from tests.web.webreports_targets import reports_target
from tests.web.webroundtrip_targets import roundtrip_target
from tests.web.websupport import (
    KEC_OKI,
    OTHER_MATRIX_QUESTION,
    OTHER_QUESTION,
    OTHER_UNIT,
    OWN_MATRIX_QUESTION,
    OWN_QUESTION,
    OWN_UNIT,
    Q_DINKES,
    Q_KECAMATAN,
    Q_MATRIX,
    Target,
    valid_value,
)
from tests.web.webyears_targets import years_target


@pytest.fixture(scope="session")
def pdf_bytes() -> bytes:
    from layak.demo.pdf import sample_pdf

    return sample_pdf(["Bukti uji", "Dokumen contoh untuk pengujian"])


@pytest.fixture
def pdf_upload(pdf_bytes: bytes) -> Callable[..., SimpleUploadedFile]:
    def make(name: str = "laporan imunisasi.pdf") -> SimpleUploadedFile:
        return SimpleUploadedFile(name, pdf_bytes, content_type="application/pdf")

    return make


@pytest.fixture
def evidence_on(
    cycle: Any, users: dict[str, Any], pdf_upload: Callable[..., SimpleUploadedFile]
) -> Callable[..., int]:
    """`evidence_on(code, unit=None)`: the id of a present file on that answer; for a unit's
    own answer (the demo has no such files) one is uploaded first through the service."""
    from layak.evidence.models import EvidenceFile
    from layak.evidence.services import add_evidence
    from layak.regions.models import Region

    def find(code: str, unit: str | None = None) -> int:
        present = (
            EvidenceFile.objects.present()
            .filter(answer__cycle=cycle, answer__question_code=code, answer__unit_id=unit)
            .order_by("pk")
            .first()
        )
        if present is not None:
            return int(present.pk)
        question = cycle.instrument.question(code)
        unit_region = Region.objects.get(code=unit) if unit else None
        (added,) = add_evidence(
            users["sari"],
            cycle,
            question,
            [pdf_upload()],
            title="Bukti wilayah",
            year=str(cycle.year),
            unit=unit_region,
        )
        return int(added.pk)

    return find


@pytest.fixture
def target(
    world: Any,
    cycle: Any,
    evidence_on: Callable[..., int],
    pdf_upload: Callable[..., SimpleUploadedFile],
    users: dict[str, Any],
) -> Callable[[str, str, str], Target | None]:
    """`target(url_name, username, variant)`: a concrete URL of the demo and the form data a
    person would post there. variant "own" is an object the person may use; "other" is
    someone else's object (None when the person has no such thing, e.g. sees everything);
    "invalid" is "own" with a form that lacks its required fields."""
    from layak.core.stages import Stage
    from layak.evaluation.models import StageWindow
    from layak.regions.models import Agency, Region

    def make(name: str, username: str, variant: str) -> Target | None:
        if variant == "invalid":  # the person's own form, posted without its required fields
            valid = make(name, username, "own")
            return None if valid is None else Target(valid.url, {"bukan_isian": "x"})
        c = cycle.pk
        own = variant == "own"
        questions = OWN_QUESTION if own else OTHER_QUESTION
        units = OWN_UNIT if own else OTHER_UNIT
        code = questions.get(username, Q_DINKES if own else None)
        if name in ("home", "login", "logout", "favicon"):
            return Target(reverse(name)) if own else None
        if name == "accounts:password":
            strong = "hujan-sore-di-Yosomulyo-72"
            data = {
                "old_password": world.password,
                "new_password1": strong,
                "new_password2": strong,
            }
            return Target(reverse(name), data) if own else None
        if name == "set_language":
            return Target(reverse(name), {"language": "id", "next": "/"}) if own else None
        if name in ("evaluation:dashboard", "evaluation:questions"):
            return Target(reverse(name, args=[c])) if own else None
        # The administrator, with no region of their own, names the one whose agencies to keep.
        chosen = f"?wilayah={cycle.region_id}" if username == "admin" else ""
        if name == "cycle_new":
            if not own and username != "sari":
                return None
            region = cycle.region_id if own else "18.71"  # Sari's own, or Bandar Lampung
            year = cycle.year + 1
            data = {
                "year": str(year),
                "instrument": "kla-2024",
                "target_predicate": "Utama",
                "mandiri_opens_at": f"{year}-02-01T00:00",
                "mandiri_closes_at": f"{year}-03-31T23:59",
            }
            return Target(reverse(name) + f"?wilayah={region}", data)
        if name in ("evaluation:review_answer", "evaluation:review_unchanged", "evaluation:years"):
            return years_target(name, username, variant, cycle)
        if name in ("evaluation:stages", "evaluation:assignments"):
            return Target(reverse(name, args=[c])) if own else None
        if name == "regions:agencies":
            return Target(reverse(name) + chosen) if own else None
        if name == "evaluation:question":
            return Target(reverse(name, args=[c, code])) if code else None
        if name == "evaluation:save_answer":
            if code is None:
                return None
            value = valid_value(cycle.instrument.question(code))
            data = {"value": value, "note": "uji matriks", "action": "draf"}
            return Target(reverse(name, args=[c, code]), data)
        if name == "evaluation:save_unit_answer":
            if not own and username not in units:
                return None
            code, unit = units.get(username, (Q_KECAMATAN, KEC_OKI))
            return Target(reverse(name, args=[c, code, unit]), {"value": "ya"})
        if name == "evaluation:save_verification":
            if not own:
                return None
            args = [c, Q_DINKES, Stage.ADMINISTRATIVE.value]
            return Target(reverse(name, args=args), {"status": "diterima", "note": ""})
        if name == "evaluation:submit_computed":
            return Target(reverse(name, args=[c, "KD"])) if own else None
        if name == "evaluation:lock":
            if not own:
                return None
            window = StageWindow.objects.get(cycle=cycle, stage=Stage.SELF_ASSESSMENT.value)
            data = {"action": "kunci", "reason": "uji matriks"}
            return Target(reverse(name, args=[c, window.pk]), data)
        if name == "evaluation:window_edit":
            data = {
                "opens_at": f"{cycle.year}-09-01T08:00",
                "closes_at": f"{cycle.year}-09-30T16:00",
            }
            return Target(reverse(name, args=[c, Stage.FIELD.value]), data) if own else None
        if name == "evaluation:assignment_edit":
            if not own:
                return None
            dinkes = Agency.objects.get(region=cycle.region, short_name="Dinkes")
            data = {"agencies": [str(dinkes.pk)], "lead": str(dinkes.pk)}
            return Target(reverse(name, args=[c, Q_DINKES]), data)
        if name == "regions:agency_new":
            if not own:
                return None
            data = {"name": "Dinas Uji Coba", "short_name": "Disuji", "aliases_text": "Uji"}
            return Target(reverse(name) + chosen, {**data, "active": "on"})
        if name == "regions:agency_edit":
            if own:
                agency = Agency.objects.get(region=cycle.region, short_name="Dinkes")
            elif username == "sari":  # the secretariat of another region's agency
                agency, _ = Agency.objects.get_or_create(
                    region=Region.objects.get(code="18.71"),
                    short_name="Dinkes",
                    defaults={"name": "Dinas Kesehatan Kota Bandar Lampung"},
                )
            else:
                return None
            data = {"name": agency.name, "short_name": agency.short_name, "active": "on"}
            return Target(reverse(name, args=[agency.pk]), {**data, "aliases_text": "Diskes"})
        if name == "evidence:upload":
            data: dict[str, Any] = {"title": "Bukti uji", "document_year": str(cycle.year)}
            if username in units:
                code, unit = units[username]
                data["unit"] = unit
            elif code is None:
                return None
            return Target(reverse(name, args=[c, code]), {**data, "files": pdf_upload()})
        if name in ("evidence:download", "evidence:remove"):
            if username in units:
                evidence = evidence_on(*units[username])
            elif code is not None:
                evidence = evidence_on(code)
            else:
                return None
            return Target(reverse(name, args=[evidence]))
        if name == "evidence:matrix_form":
            if own:
                matrix_code: str | None = OWN_MATRIX_QUESTION.get(username, Q_MATRIX)
            else:
                matrix_code = OTHER_MATRIX_QUESTION.get(username)
            return Target(reverse(name, args=[c, matrix_code])) if matrix_code else None
        if name == "evidence:attach_ready":
            # No app offers a record in this test: an unknown record is "not found" for uploaders.
            return Target(reverse(name, args=[c, code]), {"key": "tidak.ada:1"}) if own else None
        if name.startswith("profil:"):
            return profil_target(name, username, variant, users)
        if name.startswith("gugus:"):
            return gugus_target(name, username, variant, users)
        if name.startswith("reports:"):
            return reports_target(name, username, variant, users, cycle)
        if name.startswith("forum:"):
            return forum_target(name, username, variant)
        if name.startswith("mitra:"):
            return mitra_target(name, username, variant, users)
        if name.startswith("registries:"):
            return registries_target(name, username, variant, users)
        if name.startswith("roundtrip:"):
            return roundtrip_target(name, username, variant, cycle, users)
        if name.startswith("public:"):
            return public_target(name, username, variant)
        if name.startswith("regions:person") or name == "regions:people":
            return people_target(name, username, variant, users)
        if name.startswith("apitoken:"):
            return apitoken_target(name, username, variant, users)
        if name.startswith("overview:"):
            return overview_target(name, username, variant)
        if name.startswith("notices:"):
            return notices_target(name, username, variant, users)
        raise AssertionError(f"no concrete URL for {name!r}: add one to the `target` fixture")

    return make
