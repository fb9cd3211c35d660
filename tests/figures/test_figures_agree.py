"""One figure, one basis: at the same moment every surface shows the same self-assessed,
projected verified and verified figures, each named by its basis.

Random states of Kota Bandar Lampung's cycle (answers with random points, drafts and submitted
ones, evidence on the region's answer, on a kecamatan's answer or removed, verifiers' points at
random stages, some on answers taken back to a draft, the final stage closed or not) are
written to the database; the three figures are worked out from that data by hand
(`figures_support.expected_figures`, no Layak reader involved), and compared with what Nadia
(national verifier) reads on the dashboard, the province and national pages, the API scores
and the self-assessment report, and what anyone reads on the public page and in the open data
(JSON and CSV).

The report is compared through the data Typst typesets in every example (the PDF prints those
strings as they are); its PDF text (pdftotext) is compared once, for one fixed state, in
`test_the_report_pdf_states_the_same_figures`, because a PDF per example would take most of a
minute.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from layak.api.tokens import create_token
from layak.core.loader import load_builtin
from layak.core.stages import STAGE_ORDER
from layak.reports.queries.content import self_assessment_report
from layak.reports.typeset import self_assessment_data
from tests.figures.figures_support import (
    BASES,
    EVIDENCE,
    VERIFICATION_STAGES,
    YEAR,
    Claimed,
    Expected,
    State,
    build,
    dashboard,
    expected_figures,
    label,
    national_row,
    number,
    open_data,
    province_row,
    public_row,
    rolled_back,
    shown_figure,
)
from tests.support.examples import examples

KLA = load_builtin("kla-2024")
CODES = [q.code for q in KLA.questions]
FRACTIONS = (0, 0.25, 0.5, 0.66, 0.75, 1)
PROPERTY = settings(
    max_examples=examples(12),
    deadline=None,
    # No shrinking: each example writes a cycle and reads eight surfaces; the failing
    # example is printed.
    phases=(Phase.explicit, Phase.reuse, Phase.generate),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _points(maximum: float, fraction: float) -> Decimal:
    return (Decimal(str(maximum)) * Decimal(str(fraction))).quantize(Decimal("0.0001"))


@st.composite
def states(draw: st.DrawFn) -> State:
    codes = draw(st.lists(st.sampled_from(CODES), max_size=24, unique=True))
    answers = []
    for code in codes:
        maximum = KLA.question(code).max_points
        fraction = draw(st.sampled_from(FRACTIONS) | st.integers(0, 100).map(lambda n: n / 100))
        submitted = draw(st.booleans())
        stages = draw(st.lists(st.sampled_from(VERIFICATION_STAGES), max_size=3, unique=True))
        # A verifier decides on a submitted answer; a draft carries a decision only when it
        # was taken back for a revision, and then it counts nowhere either.
        if not submitted and draw(st.booleans()):
            stages = []
        verdicts = tuple(
            (stage, _points(maximum, draw(st.sampled_from(FRACTIONS))))
            for stage in sorted(stages, key=STAGE_ORDER.index)
        )
        answers.append(
            Claimed(
                code,
                _points(maximum, fraction),
                submitted,
                draw(st.sampled_from(EVIDENCE)),
                verdicts,
            )
        )
    # The rest of the instrument submitted at one share of its points, with evidence, so the
    # totals cross every predicate band and sometimes the target.
    fill = draw(st.sampled_from((0, 0, 0.5, 0.7, 0.8, 0.9, 1)))
    if fill:
        answers += [
            Claimed(code, _points(KLA.question(code).max_points, fill), True, "region")
            for code in CODES
            if code not in codes
        ]
    return State(tuple(answers), final_closed=draw(st.booleans()))


@pytest.fixture
def people(world: Any) -> dict[str, Any]:
    from layak.accounts.models import User

    return {u.username: u for u in User.objects.filter(username__in=("sari", "nadia"))}


def _close(shown: float, figure: Expected) -> bool:
    return abs(shown - figure.total) < 0.005


def check_dashboard(nadia: Client, cycle: Any, figures: dict[str, Expected | None]) -> None:
    shown = dashboard(nadia, cycle)
    for basis in BASES:
        figure, seen = figures[basis], shown[basis]
        if figure is None:
            assert seen is None, basis
            continue
        assert seen is not None, basis
        assert _close(seen.total, figure), (basis, seen, figure)
        assert (seen.label, seen.predicate) == (label(figure), figure.predicate), basis
        assert seen.to_target == pytest.approx(figure.to_target, abs=0.005), basis


def check_overview(nadia: Client, cycle: Any, figures: dict[str, Expected | None]) -> None:
    mandiri, verified = figures["penilaian_mandiri"], figures["terverifikasi"]
    assert mandiri is not None
    province, national = province_row(nadia, cycle), national_row(nadia, cycle)
    parts = len(KLA.parts)
    # Province: total, parts, predicate, to the next predicate, submitted, verified.
    # National: province, total, predicate, to the next predicate, submitted, verified.
    for total, predicate, to_next, checked in (
        (province[0], province[parts + 1], province[parts + 2], province[-1]),
        (national[1], national[2], national[3], national[-1]),
    ):
        assert _close(number(total), mandiri), (total, mandiri)
        assert predicate == (mandiri.predicate or "Belum")
        if mandiri.next_predicate is None:
            assert to_next == "—"
        else:
            name, distance = to_next.split(":")
            assert name == mandiri.next_predicate
            assert number(distance) == pytest.approx(mandiri.to_next, abs=0.005)
        if verified is None:
            assert checked == "—"
        else:
            assert _close(number(checked.split(" ")[0]), verified), (checked, verified)
            assert label(verified) in checked


def check_public(anyone: Client, state: State, figures: dict[str, Expected | None]) -> None:
    total, predicate, status = public_row(anyone)
    if not any(a.submitted for a in state.answers):
        assert (total, predicate, status) == ("—", "—", "belum ada nilai yang diajukan")
        return
    figure = shown_figure(figures)
    assert figure is not None
    assert _close(number(total), figure), (total, figure)
    assert predicate == (figure.predicate or "di bawah Pratama")
    if figure.basis == "penilaian_mandiri":
        assert status == f"penilaian mandiri {YEAR}, belum diverifikasi"
    elif state.final_closed:
        assert status == "final, terverifikasi"
    else:
        assert status == f"{label(figure)} {YEAR}, belum final"


def check_open_data(anyone: Client, state: State, figures: dict[str, Expected | None]) -> None:
    as_json, as_csv = open_data(anyone)
    figure = shown_figure(figures) if any(a.submitted for a in state.answers) else None
    for rows in (as_json, as_csv):
        totals = {k: v for k, v in rows.items() if k.startswith("Nilai KLA (") and k[-1] == ")"}
        if figure is None:
            assert totals == {}
            continue
        basis = "penilaian mandiri" if figure.basis == "penilaian_mandiri" else "terverifikasi"
        assert list(totals) == [f"Nilai KLA ({basis})"]
        assert _close(float(totals[f"Nilai KLA ({basis})"]), figure)
        assert rows[f"Predikat KLA ({basis})"] == (figure.predicate or "di bawah Pratama")


def check_api(api: Client, token: str, cycle: Any, figures: dict[str, Expected | None]) -> None:
    body = api.get(
        f"/api/v1/cycles/{cycle.pk}/scores", headers={"Authorization": f"Bearer {token}"}
    ).json()
    for name, basis in zip(("self_assessed", "projected_verified", "verified"), BASES, strict=True):
        figure, shown = figures[basis], body[name]
        if figure is None:
            assert shown is None, name
            continue
        assert (shown["basis"], shown["label"]) == (basis, label(figure)), name
        assert _close(shown["total"], figure), (name, shown["total"], figure)
        assert shown["predicate"] == figure.predicate, name
        assert shown["points_to_target"] == pytest.approx(figure.to_target, abs=0.005), name


def check_report(stages: list[list[str]], figures: dict[str, Expected | None]) -> None:
    lines = {row[0]: row[1:] for row in stages}
    for basis in BASES:
        figure = figures[basis]
        if figure is None:
            assert lines["Terverifikasi"] == ["—", "belum ada hasil verifikasi", "—"]
            continue
        total, predicate, short = lines[label(figure)]
        assert _close(number(total), figure), (basis, total, figure)
        assert predicate == (figure.predicate or "belum berpredikat")
        assert (0.0 if short == "tercapai" else number(short)) == pytest.approx(
            figure.to_target, abs=0.005
        )


def _report_stages(person: Any, cycle: Any) -> list[list[str]]:
    """The summary table as the PDF prints it: label, total, predicate, points short."""
    report = self_assessment_report(person, cycle)
    data = self_assessment_data(report, cycle, timezone.localtime())
    return list(data["summary"]["stages"])


@pytest.mark.django_db
@PROPERTY
@given(state=states())
def test_every_surface_shows_the_same_figures_on_the_same_basis(
    people: dict[str, Any], client: Client, state: State
) -> None:
    token = create_token(people["nadia"], "uji angka")[1]
    anyone, nadia = Client(), Client()
    nadia.force_login(people["nadia"])
    with rolled_back():
        cycle = build(KLA, state, people)
        figures = expected_figures(KLA, state)
        check_dashboard(nadia, cycle, figures)
        check_overview(nadia, cycle, figures)
        check_public(anyone, state, figures)
        check_open_data(anyone, state, figures)
        check_api(anyone, token, cycle, figures)
        check_report(_report_stages(people["nadia"], cycle), figures)


FIXED = State(
    (
        Claimed("1.1", Decimal("12"), True, "region", ((VERIFICATION_STAGES[0], Decimal("9")),)),
        Claimed("2.2", Decimal("3.3"), True, "unit"),
        Claimed("4.2", Decimal("0.75"), True, ""),
        Claimed("12.6", Decimal("4"), False, "region"),
        Claimed("21A.3", Decimal("11.25"), True, "removed"),
    )
)


@pytest.mark.django_db
def test_the_report_pdf_states_the_same_figures(
    people: dict[str, Any], client: Client, pdf_text: Callable[[bytes], str]
) -> None:
    """One fixed state, the report as a PDF read by pdftotext: each figure's line names its
    basis and carries its total, predicate and points short of Utama."""
    from layak.web.templatetags.layak import points

    cycle = build(KLA, FIXED, people)
    figures = expected_figures(KLA, FIXED)
    client.force_login(people["nadia"])
    # Made in the background (at once in tests), then downloaded from its page.
    asked = client.post(reverse("reports:self_assessment", args=[cycle.pk]))
    job = client.get(asked["Location"]).context["job"]
    response = client.get(reverse("reports:report_download", args=[job.pk]))
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    first_page = pdf_text(content).split("\f")[0]
    lines = {line.strip().split("  ")[0]: line for line in first_page.splitlines() if line.strip()}
    for basis in BASES:
        figure = figures[basis]
        assert figure is not None
        line = lines[label(figure)]
        assert points(figure.total) in line, (label(figure), line)
        assert (figure.predicate or "belum berpredikat") in line
        assert points(figure.to_target) in line
    self_assessed = figures["penilaian_mandiri"]
    assert self_assessed is not None
    assert self_assessed.total == 27.3  # 12 + 3.3 + 0.75 + 11.25: the draft 12.6 not counted
