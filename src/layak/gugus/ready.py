"""The task force's records as ready-made evidence (layak.evidence.ready) on the questions of
indicator 2 they answer: the decree and members (2.1), each coordination meeting's minutes
(2.3), the RAD KLA (2.4) and its realisation (2.5).

Records of the cycle's year and the year before count: the evaluation of a year looks at what
the task force did in the year before it as well as in the year itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from layak.evaluation.models import Cycle
from layak.evidence.ready import ReadyDocument
from layak.gugus import documents as pdf
from layak.gugus.models import Decree, Meeting, RadActivity

DECREE, MEETINGS, RAD, MONEV = "2.1", "2.3", "2.4", "2.5"
SERVED = frozenset({DECREE, MEETINGS, RAD, MONEV})


def task_force_documents(cycle: Cycle, question_code: str) -> Iterable[ReadyDocument]:
    if question_code not in SERVED:
        return []
    years = (cycle.year - 1, cycle.year)
    region = cycle.region_id
    if question_code == DECREE:
        return [
            ReadyDocument(
                key=f"gugus.decree:{d.pk}",
                title=_("SK Gugus Tugas KLA %(number)s dan susunan anggota") % {"number": d.number},
                year=d.signed_on.year,
                source=_("SK Gugus Tugas"),
                render_pdf=partial(pdf.decree_pdf, d, cycle.year),
                url=reverse("gugus:decree_edit", args=[d.pk]),
                file_name=f"sk-gugus-tugas-{d.pk}.pdf",
            )
            for d in Decree.objects.filter(region_id=region).select_related("region")
            if d.covers_year(cycle.year)
        ]
    if question_code == MEETINGS:
        return [
            ReadyDocument(
                key=f"gugus.meeting:{m.pk}",
                title=_("Notulen rapat koordinasi Gugus Tugas KLA, %(date)s")
                % {"date": date_format(m.held_on, "j F Y")},
                year=m.held_on.year,
                source=_("Rapat koordinasi Gugus Tugas"),
                render_pdf=partial(pdf.meeting_pdf, m),
                url=reverse("gugus:meeting", args=[m.pk]),
                file_name=f"notulen-rapat-{m.pk}.pdf",
            )
            for m in Meeting.objects.filter(region_id=region, held_on__year__in=years)
            .select_related("region")
            .order_by("held_on")
        ]
    monev = question_code == MONEV
    planned = RadActivity.objects.filter(region_id=region, year__in=years)
    if monev:
        planned = planned.filter(budgets__realised__isnull=False)
    name = cycle.region.name
    documents = []
    for year in sorted(set(planned.values_list("year", flat=True))):
        title = (
            _("Pemantauan dan evaluasi RAD KLA %(year)s") if monev else _("RAD KLA %(year)s")
        ) % {"year": year}
        documents.append(
            ReadyDocument(
                key=f"gugus.{'monev' if monev else 'rad'}:{region}:{year}",
                title=title,
                year=year,
                source=_("RAD KLA"),
                render_pdf=partial(pdf.rad_pdf, region, name, year, monev=monev),
                url=reverse("gugus:rad", args=[region]) + f"?tahun={year}",
                file_name=f"{'monev-' if monev else ''}rad-kla-{year}.pdf",
            )
        )
    return documents
