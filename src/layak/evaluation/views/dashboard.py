"""Home and the region's dashboard: scores side by side, the path to the target, completeness."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from layak.accounts import policy
from layak.accounts.policy import allow
from layak.accounts.roles import ALL_ROLES, PART_READERS, REGION_READERS, STAFF, Role
from layak.accounts.typing import SignedInRequest
from layak.evaluation.lookups import cycle_for
from layak.evaluation.policy import manages_cycle, own_scope, visible_cycles
from layak.evaluation.queries.queues import unit_figures, waiting_for
from layak.evaluation.queries.scores import cluster_figures, cycle_scores
from layak.web.charts import (
    CLAIMED_MARK,
    PROJECTED,
    VERIFIED,
    PartBar,
    band_scale,
    band_scale_phone,
    meter,
    parts_chart,
    parts_chart_phone,
)


@require_GET
@allow(*ALL_ROLES)
def home(request: SignedInRequest) -> HttpResponse:
    if policy.role_of(request.user) is Role.STAKEHOLDER:
        return redirect("mitra:index")
    if policy.role_of(request.user) is Role.FORUM_ANAK:
        return redirect("forum:mine")
    cycles = list(visible_cycles(request.user).order_by("-year", "region__name")[:200])
    if len(cycles) == 1:
        return redirect("evaluation:dashboard", cycle_id=cycles[0].pk)
    return render(request, "evaluation/home.html", {"cycles": cycles})


@require_GET
@allow(*STAFF)
def dashboard(request: SignedInRequest, cycle_id: int) -> HttpResponse:
    cycle = cycle_for(request.user, cycle_id)
    role = policy.role_of(request.user)
    # A coordinator's dashboard is her cluster's: its scores, completeness and plan; an
    # officer's completeness and plan are his agency's questions, as his list shows them.
    cluster = request.user.cluster if role is Role.COORDINATOR else None
    scope = own_scope(request.user, cycle)
    scores = cycle_scores(cycle, scope)
    figures = scores.figures
    mandiri, projected, verified = figures.self_assessed, figures.projected, figures.verified
    instrument = scores.instrument
    plan = scores.plan
    items = list(plan.items)
    if role in PART_READERS or scope is not None:
        # Officers see their own part of the path; others' answers are not theirs to see.
        items = [i for i in items if scope is not None and i.code in scope]
    target = instrument.band(cycle.target_predicate)
    bars = [
        PartBar(p.code, p.name, p.max, p.score, q.score, v.score if v else None)
        for p, q, v in zip(
            mandiri.parts,
            projected.parts,
            verified.parts if verified else [None] * len(mandiri.parts),
            strict=True,
        )
        if cluster is None or p.code == cluster
    ]
    markers = [
        (_("mandiri"), mandiri.total, CLAIMED_MARK),
        (_("proyeksi"), projected.total, PROJECTED),
    ]
    if verified is not None:
        markers.append((_("terverifikasi"), verified.total, VERIFIED))
    parts_title = _("Nilai per bagian")
    parts_desc = _(
        "Untuk setiap bagian: nilai penilaian mandiri, nilai proyeksi terverifikasi, dan "
        "nilai maksimal."
    )
    band_title = _("Posisi terhadap rentang predikat")
    band_desc = _(
        "Nilai mandiri, proyeksi, dan terverifikasi pada rentang Pratama sampai KLA; garis "
        "putus-putus menandai predikat sasaran."
    )
    band_args = (
        instrument.bands,
        markers,
        target.min_points if target else None,
        band_title,
        band_desc,
    )
    band_top = instrument.bands[-1].max_points if instrument.bands else 1000
    own_unit = unit_figures(request.user, cycle)
    context = {
        "cycle": cycle,
        # An operator's own kecamatan or kelurahan first; the city's figures below.
        "own_unit": own_unit,
        "own_unit_bar": meter(own_unit.percent, own_unit.unit.name) if own_unit else "",
        "scores": scores,
        "card": scores.self_card,
        "figures": figures,
        "mandiri": mandiri,
        "projected": projected,
        "verified": verified,
        "drafts": scores.drafts,
        "plan": plan,
        "plan_items": [
            (i, instrument.question(i.code), scores.plan_agencies.get(i.code, [])) for i in items
        ],
        "plan_is_partial": len(items) != len(plan.items),
        # Each chart twice, the wide one and its phone variant; the stylesheet shows one.
        "parts_chart": parts_chart(bars, parts_title, parts_desc),
        "parts_chart_phone": parts_chart_phone(bars, parts_title, parts_desc),
        "band_chart": band_scale(*band_args, maximum=band_top),
        "band_chart_phone": band_scale_phone(*band_args, maximum=band_top),
        "parts": [
            (c, meter(c.percent, c.label), meter(c.evidence_percent, c.label)) for c in scores.parts
        ],
        "agencies": [(c, meter(c.percent, c.label)) for c in scores.agencies],
        "units": [(c, meter(c.percent, c.label)) for c in scores.units],
        "own_agency": role is Role.OFFICER,
        "manages": manages_cycle(request.user, cycle),
        "cluster": cluster_figures(figures, cluster) if cluster else None,
        "waiting": waiting_for(request.user, cycle, scores.deadlines),
        # Only the region's readers may list a kecamatan's or kelurahan's own answers.
        "unit_links": role in REGION_READERS,
    }
    return render(request, "evaluation/dashboard.html", context)
