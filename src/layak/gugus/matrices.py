"""The task force's matrices (issue 18, docs/matrices.md): its composition under the decree in
force in a year, its coordination meetings with their action items, and the RAD KLA with its
budget and realisation; each one row per record, as a workbook (`layak.web.matrix`) and as a
PDF offered as ready-made evidence on the questions of indicator 2 they answer.

No member's name is in a matrix: the composition is positions, elements and agencies (the names
are on the decree, 2.1's own document), and a child member of the task force is a child. Texts
staff wrote (agenda, decisions, action items) are screened for children's names, as the
minutes are (`layak.evidence.screening`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date
from functools import partial
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from layak.accounts.models import User
from layak.core.child_names import screen_names
from layak.core.rad import Realisation, percent, realisation
from layak.evaluation.models import Cycle
from layak.evidence.ready import ReadyDocument
from layak.evidence.screening import child_names
from layak.gugus import policy as rules
from layak.gugus import queries as present
from layak.gugus.models import ActionItem, ActionStatus, Decree, Meeting, MemberKind, RadActivity
from layak.regions.models import Region
from layak.web.matrix import Matrix, Table, day, pdf_later

MEMBERS, MEETINGS, RAD = "anggota", "rapat", "rad"
KINDS = (MEMBERS, MEETINGS, RAD)
MONEV = "2.5"
# The questions each matrix answers (kla-2024): the decree and its working across the five
# clusters (2.1, 2.3), the meetings (2.3), the plan and its yearly monitoring (2.4, 2.5).
QUESTIONS = {"2.1": (MEMBERS,), "2.3": (MEMBERS, MEETINGS), "2.4": (RAD,), MONEV: (RAD,)}


def decree_of_year(region_code: str, year: int) -> Decree | None:
    """The decree that set the task force in `year`: the latest of those in force in it."""
    decrees = Decree.objects.filter(region_id=region_code).order_by("-valid_from", "-id")
    return next((d for d in decrees if d.covers_year(year)), None)


def members_matrix(region: Region, year: int) -> Matrix:
    decree = decree_of_year(region.code, year)
    start, end = date(year, 1, 1), date(year, 12, 31)
    members = [
        m
        for m in (present.members_in_order(decree) if decree else [])
        if m.since <= end and (m.until is None or m.until >= start)
    ]
    summary = present.year_summary(region.code, year, decree)
    came = {a.member_id: a for a in summary.by_member}
    rows = []
    for n, member in enumerate(members, start=1):
        line = came.get(member.pk)
        rows.append(
            [
                n,
                member.get_position_display(),
                member.get_kind_display(),
                member.body,
                day(member.since),
                day(member.until),
                line.attended if line else 0,
                line.of if line else 0,
            ]
        )
    kinds = Counter(m.kind for m in members)
    totals: list[tuple[str, Any]] = []
    if decree is not None:
        totals += [
            (_("Nomor SK"), decree.number),
            (_("Tanggal SK"), day(decree.signed_on)),
            (_("Masa berlaku"), f"{day(decree.valid_from)} – {day(decree.valid_until)}"),
        ]
    totals.append((_("Anggota pada tahun ini"), len(members)))
    totals += [(str(label), kinds[value]) for value, label in MemberKind.choices if kinds[value]]
    totals.append((_("Rapat koordinasi pada tahun ini"), summary.count))
    table = Table(
        sheet=_("Anggota"),
        header=[
            _("No."),
            _("Jabatan dalam Gugus Tugas"),
            _("Unsur"),
            _("OPD/organisasi"),
            _("Mulai"),
            _("Sampai"),
            _("Rapat dihadiri"),
            _("Rapat selama menjadi anggota"),
        ],
        rows=rows,
        widths=(5, 30, 34, 36, 12, 12, 12, 14),
        totals=totals,
    )
    return Matrix(
        title=_("Matriks susunan Gugus Tugas KLA"),
        region_name=region.name,
        year=year,
        tables=[table],
        notes=[
            _(
                "Anggota yang menjabat pada tahun %(year)s menurut SK yang berlaku. Nama anggota "
                "tidak dimuat: namanya ada di SK Gugus Tugas; perwakilan anak disebut dengan "
                "unsurnya saja."
            )
            % {"year": year}
        ],
    )


def meetings_matrix(region: Region, year: int, reader: User | None = None) -> Matrix:
    """The year's meetings and their action items; for a `reader`, the items the meetings
    page shows them (an officer: their own agency's). Without one (evidence for 2.3), all."""
    meetings = list(present.meetings_of(region.code, year))
    items = [
        a
        for a in ActionItem.objects.filter(meeting__in=meetings)
        .select_related("agency", "meeting")
        .order_by("meeting__held_on", "due_on", "id")
        if reader is None or rules.sees_action(reader, region.code, a.agency_id)
    ]
    names = child_names(region.code)
    listed = Counter(a.meeting_id for a in items)
    meeting_rows = []
    for n, m in enumerate(meetings, start=1):
        agenda, place, decisions = _screened(names, m.agenda, m.place, "\n".join(m.decision_lines))
        meeting_rows.append(
            [
                n,
                day(m.held_on),
                agenda,
                place,
                len(m.attendees.all()),
                len(m.guest_lines),
                decisions,
                listed[m.pk],
            ]
        )
    item_rows = [
        [
            n,
            day(a.meeting.held_on),
            _screened(names, a.what)[0],
            a.agency.short_name,
            day(a.due_on),
            a.get_status_display(),
            ", ".join(a.question_codes),
        ]
        for n, a in enumerate(items, start=1)
    ]
    statuses = Counter(a.status for a in items)
    notes = [
        _(
            "Hadir: anggota Gugus Tugas yang tercatat hadir; tamu hanya dihitung, tidak "
            "disebut namanya. Nama anak dalam agenda, keputusan dan tindak lanjut diganti "
            "dengan perannya di Forum Anak."
        )
    ]
    if reader is not None and rules.own_agency_only(reader):
        notes.append(_("Tindak lanjut yang dimuat: hanya milik OPD Anda."))
    return Matrix(
        title=_("Matriks rapat koordinasi Gugus Tugas KLA"),
        region_name=region.name,
        year=year,
        tables=[
            Table(
                sheet=_("Rapat"),
                header=[
                    _("No."),
                    _("Tanggal"),
                    _("Agenda"),
                    _("Tempat"),
                    _("Anggota hadir"),
                    _("Tamu hadir"),
                    _("Keputusan"),
                    _("Tindak lanjut"),
                ],
                rows=meeting_rows,
                widths=(5, 12, 40, 24, 10, 10, 50, 10),
                totals=[(_("Rapat koordinasi"), len(meetings))],
            ),
            Table(
                sheet=_("Tindak lanjut"),
                header=[
                    _("No."),
                    _("Tanggal rapat"),
                    _("Tindak lanjut"),
                    _("OPD"),
                    _("Tenggat"),
                    _("Status"),
                    _("Pertanyaan KLA"),
                ],
                rows=item_rows,
                widths=(5, 12, 50, 16, 12, 16, 14),
                totals=[(str(label), statuses[value]) for value, label in ActionStatus.choices],
            ),
        ],
        notes=notes,
    )


def _screened(names: dict[str, str], *texts: str) -> list[str]:
    """The texts with the region's children's names replaced by their roles."""
    return [screen_names(t, names) for t in texts]


REALISATION = {
    Realisation.NOT_REPORTED: lambda: _("belum ada realisasi"),
    Realisation.PARTIAL: lambda: _("terealisasi sebagian"),
    Realisation.FULL: lambda: _("terealisasi"),
}


def rad_matrix(region: Region, year: int) -> Matrix:
    plan = present.rad_plan(region.code, year)
    indicators = present.indicator_names(plan.instrument)
    rows: list[list[Any]] = []
    for part in plan.parts:
        for activity in part.activities:
            line = present.activity_rows(activity)
            planned, realised = line["planned"], line["realised"]
            rows.append(
                [
                    len(rows) + 1,
                    part.code,
                    f"{activity.indicator_code}. {indicators.get(activity.indicator_code, '')}",
                    activity.name,
                    activity.output,
                    activity.agency.short_name,
                    activity.get_relevance_display(),
                    activity.child_share,
                    ", ".join(b.get_source_display() for b in line["sources"].values()),
                    planned,
                    line["planned_child"],
                    realised,
                    percent(realised, planned) if realised is not None else None,
                    REALISATION[realisation(planned, realised)](),
                ]
            )
    total = plan.total
    table = Table(
        sheet=_("RAD KLA"),
        header=[
            _("No."),
            _("Bagian"),
            _("Indikator"),
            _("Kegiatan"),
            _("Keluaran"),
            _("OPD"),
            _("Manfaat bagi anak"),
            _("Porsi anak (%)"),
            _("Sumber dana"),
            _("Rencana (Rp)"),
            _("Rencana untuk anak (Rp)"),
            _("Realisasi (Rp)"),
            _("Penyerapan (%)"),
            _("Status"),
        ],
        rows=rows,
        widths=(5, 7, 30, 36, 24, 14, 14, 9, 14, 16, 16, 16, 10, 18),
        money=frozenset({9, 10, 11}),
        totals=[
            (_("Kegiatan"), total.activities),
            (_("Rencana (Rp)"), total.planned),
            (_("Rencana untuk anak (Rp)"), total.planned_child),
            (_("Realisasi (Rp)"), total.realised),
            (_("Penyerapan (%)"), total.absorption),
        ],
        money_totals=frozenset(
            {_("Rencana (Rp)"), _("Rencana untuk anak (Rp)"), _("Realisasi (Rp)")}
        ),
    )
    return Matrix(
        title=_("Matriks RAD KLA"),
        region_name=region.name,
        year=year,
        tables=[table],
        notes=[
            _(
                "Rencana untuk anak = rencana × porsi anak (langsung: seluruhnya; tidak langsung: "
                "bagian anggaran yang melayani anak). Penyerapan = realisasi ÷ rencana. Status: "
                "terealisasi bila realisasi sekurang-kurangnya rencana, belum ada realisasi bila "
                "belum satu pun sumber dana dilaporkan realisasinya."
            )
        ],
    )


BUILDERS: dict[str, Callable[[Region, int], Matrix]] = {
    MEMBERS: members_matrix,
    MEETINGS: meetings_matrix,
    RAD: rad_matrix,
}
TITLES = {
    MEMBERS: lambda year: _("Matriks susunan Gugus Tugas KLA %(year)s") % {"year": year},
    MEETINGS: lambda year: _("Matriks rapat koordinasi Gugus Tugas KLA %(year)s") % {"year": year},
    RAD: lambda year: _("Matriks RAD KLA %(year)s") % {"year": year},
}
PAGES = {MEMBERS: "gugus:home", MEETINGS: "gugus:meetings", RAD: "gugus:rad"}


def _years_with(kind: str, region_code: str, years: tuple[int, ...], question: str) -> list[int]:
    """The years of `years` in which the region has records for the matrix `kind` (for the
    monitoring question 2.5, an activity with a realisation reported)."""
    if kind == MEMBERS:
        return [y for y in years if decree_of_year(region_code, y) is not None]
    if kind == MEETINGS:
        held = Meeting.objects.filter(region_id=region_code, held_on__year__in=years)
        return sorted({d.year for d in held.dates("held_on", "year")})
    planned = RadActivity.objects.filter(region_id=region_code, year__in=years)
    if question == MONEV:
        planned = planned.filter(budgets__realised__isnull=False)
    return sorted(set(planned.values_list("year", flat=True)))


def matrix_documents(cycle: Cycle, question_code: str) -> list[ReadyDocument]:
    """The provider: each matrix on the questions it answers, for the cycle's year and the
    year before (the evaluation of a year looks at both), when there are records in it; the
    composition for the cycle's year only (the task force as it is evaluated)."""
    kinds = QUESTIONS.get(question_code, ())
    region = cycle.region
    documents = []
    for kind in kinds:
        years = (cycle.year,) if kind == MEMBERS else (cycle.year - 1, cycle.year)
        for year in _years_with(kind, region.code, years, question_code):
            documents.append(
                ReadyDocument(
                    key=f"gugus.matriks-{kind}:{region.code}:{year}",
                    title=TITLES[kind](year),
                    year=year,
                    source=_("Gugus Tugas KLA"),
                    render_pdf=pdf_later(partial(BUILDERS[kind], region, year), question_code),
                    url=reverse(PAGES[kind], args=[region.code]) + f"?tahun={year}",
                    file_name=f"matriks-{kind}-{year}.pdf",
                    matrix=True,
                )
            )
    return documents


def matrix_of(kind: str, region: Region, year: int, reader: User) -> Matrix:
    """The matrix a reader downloads from the task force's pages."""
    if kind == MEETINGS:
        return meetings_matrix(region, year, reader)
    return BUILDERS[kind](region, year)
