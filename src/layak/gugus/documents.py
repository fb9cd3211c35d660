"""Documents generated from the task force's records, as PDF (layak.web.pdf.render_pdf): the
decree with its members, a meeting's minutes with attendance and decisions, the RAD KLA and
its realisation (monev). They are what the ready-made evidence attaches."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from layak.core.child_names import screen_names
from layak.evidence.screening import child_names
from layak.gugus import charts
from layak.gugus import policy as rules
from layak.gugus import queries as present
from layak.gugus.models import Decree, Meeting, Member, MemberKind
from layak.web.pdf import render_pdf


def _by_role(members: list[Member]) -> list[Member]:
    """A child's seat in the task force is listed by its role, not the child's name: these
    documents leave the task force's pages as evidence read by verifiers (docs/forum-anak.md).
    The members are read-only copies for the document, never saved."""
    for member in members:
        if member.kind == MemberKind.CHILDREN:
            member.name = _("Perwakilan anak (nama tidak dicantumkan)")
    return members


def decree_pdf(decree: Decree, year: int) -> bytes:
    members = _by_role(present.members_in_order(decree))
    return render_pdf(
        "gugus/pdf_decree.html",
        {
            "title": _("SK Gugus Tugas KLA dan susunan anggota"),
            "region_name": decree.region.name,
            "decree": decree,
            "year": year,
            "members": members,
        },
    )


def meeting_pdf(meeting: Meeting, reader: Any = None) -> bytes:
    """The minutes; for a `reader`, only the action items the meeting page shows him (an
    officer sees his own agency's). Without one (the region's own evidence for 2.3), all."""
    actions = meeting.actions.select_related("agency").order_by("due_on", "id")
    shown = [
        a
        for a in actions
        if reader is None or rules.sees_action(reader, meeting.region_id, a.agency_id)
    ]
    # The minutes leave the task force's pages (evidence for 2.3, read by verifiers): a child
    # named in them ("Alya (Ketua Forum Anak)") is called by their role (docs/forum-anak.md).
    names = child_names(meeting.region_id)

    def screened(text: str) -> str:
        return screen_names(text, names)

    for action in shown:  # read-only copies for the document, never saved
        action.what = screened(action.what)
    return render_pdf(
        "gugus/pdf_meeting.html",
        {
            "title": _("Notulen rapat koordinasi Gugus Tugas KLA"),
            "region_name": meeting.region.name,
            "meeting": meeting,
            "agenda": screened(meeting.agenda),
            "minutes": screened(meeting.minutes),
            "decisions": [screened(d) for d in meeting.decision_lines],
            "guests": [screened(g) for g in meeting.guest_lines],
            "attendees": _by_role(present.members_in_meeting(meeting)),
            "actions": shown,
        },
    )


def rad_pdf(region_code: str, region_name: str, year: int, *, monev: bool) -> bytes:
    plan = present.rad_plan(region_code, year)
    title = (
        _("Pemantauan dan evaluasi RAD KLA %(year)s") % {"year": year}
        if monev
        else _("Rencana Aksi Daerah KLA %(year)s") % {"year": year}
    )
    chart = charts.budget_chart(
        [(p.code, p.totals) for p in plan.parts] + [(_("Total"), plan.total)],
        title,
        _("Rencana dan realisasi anggaran per bagian; bagian gelap melayani hak anak."),
    )
    return render_pdf(
        "gugus/pdf_rad.html",
        {
            "title": title,
            "region_name": region_name,
            "plan": plan,
            "monev": monev,
            "chart": chart,
            "rows": {p.code: [present.activity_rows(a) for a in p.activities] for p in plan.parts},
            "indicators": present.indicator_names(plan.instrument),
        },
    )
