"""The Forum Anak's matrix (issue 18, docs/matrices.md): the children's aspirations of a year
followed through development planning, one row per aspiration: its topic, the forum that sent
it, when, the Musrenbang that discussed it, what it became (a regulation, programme or
activity, with the agency) and whether it was carried out. As a workbook on the aspirations
page (`layak.web.matrix`) and as a PDF offered as ready-made evidence on 6.2 (the Forum Anak in
development planning) and 6.3 (the children as Pelopor dan Pelapor).

It holds what the forum's documents hold (forum/documents.py) and nothing more: no child's
nickname, no child's own words, no reason a proposal was declined; a child named in an
outcome's name, which staff wrote, is called by their role.
"""

from __future__ import annotations

from collections import Counter
from functools import partial

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from layak.core import aspirations as flow
from layak.core.child_names import screen_names
from layak.evaluation.models import Cycle
from layak.evidence.ready import ReadyDocument
from layak.evidence.screening import child_names
from layak.forum import services
from layak.forum.models import KIND_CHOICES, LEVEL_CHOICES, STATUS_CHOICES, TOPICS, Aspiration
from layak.regions.models import Region
from layak.web.matrix import Matrix, Table, day, pdf_later

QUESTIONS = frozenset({"6.2", "6.3"})


def _of_year(city_code: str, year: int) -> QuerySet[Aspiration]:
    """The aspirations with a step in `year`: sent, discussed, accepted or carried out."""
    return Aspiration.objects.filter(city_id=city_code).filter(
        Q(submitted_at__year=year)
        | Q(musrenbang_on__year=year)
        | Q(accepted_on__year=year)
        | Q(done_on__year=year)
    )


def aspirations_matrix(city: Region, year: int) -> Matrix:
    found = _of_year(city.code, year).select_related("forum", "agency", "place")
    aspirations = list(found.order_by("submitted_at", "pk"))
    topics, statuses = dict(TOPICS), dict(STATUS_CHOICES)
    levels, kinds = dict(LEVEL_CHOICES), dict(KIND_CHOICES)
    names = child_names(city.code) if any(a.outcome_name for a in aspirations) else {}
    rows = [
        [
            n,
            str(topics.get(a.topic, a.topic)),
            a.forum.name,
            a.place.name if a.place else "",
            day(timezone.localtime(a.submitted_at).date()),
            _("forum atas nama anak-anak") if a.on_behalf else _("anak"),
            str(levels.get(a.musrenbang_level, "")),
            day(a.musrenbang_on),
            str(statuses.get(a.status, a.status)),
            str(kinds.get(a.outcome_kind, "")),
            screen_names(a.outcome_name, names),
            a.agency.short_name if a.agency else "",
            day(a.accepted_on),
            day(a.done_on),
        ]
        for n, a in enumerate(aspirations, start=1)
    ]
    counted = Counter(a.status for a in aspirations)
    inputs = services.input_counts(city.code).get(year, dict.fromkeys(flow.OutcomeKind, 0))
    table = Table(
        sheet=_("Aspirasi"),
        header=[
            _("No."),
            _("Topik"),
            _("Forum"),
            _("Tempat"),
            _("Disampaikan"),
            _("Oleh"),
            _("Musrenbang"),
            _("Tanggal Musrenbang"),
            _("Status"),
            _("Menjadi"),
            _("Nama peraturan/program/kegiatan"),
            _("OPD"),
            _("Diakomodasi"),
            _("Dilaksanakan"),
        ],
        rows=rows,
        widths=(5, 22, 28, 18, 12, 16, 20, 12, 24, 12, 34, 14, 12, 12),
        totals=[
            (_("Aspirasi"), len(aspirations)),
            *[(str(label), counted[value]) for value, label in STATUS_CHOICES if counted[value]],
            *[
                (
                    _("%(kind)s yang memuat masukan anak (diakomodasi pada tahun ini)")
                    % {"kind": label},
                    inputs[flow.OutcomeKind(value)],
                )
                for value, label in KIND_CHOICES
            ],
        ],
    )
    return Matrix(
        title=_("Matriks aspirasi Forum Anak dalam perencanaan pembangunan"),
        region_name=city.name,
        year=year,
        tables=[table],
        notes=[
            _(
                "Aspirasi yang disampaikan, dibahas, diakomodasi atau dilaksanakan pada tahun "
                "%(year)s. Isi aspirasi dan nama anak tidak dimuat: hanya topik, forum dan "
                "tindak lanjutnya. Peraturan, program dan kegiatan dihitung sekali per nama pada "
                "tahun diakomodasi."
            )
            % {"year": year}
        ],
    )


def matrix_documents(cycle: Cycle, question_code: str) -> list[ReadyDocument]:
    """The provider: the matrix on 6.2 and 6.3 for the cycle's year and the year before, when
    an aspiration had a step in it. Other questions cost no query."""
    if question_code not in QUESTIONS:
        return []
    city = cycle.region
    documents = []
    for year in (cycle.year - 1, cycle.year):
        if not _of_year(city.code, year).exists():
            continue
        documents.append(
            ReadyDocument(
                key=f"forum.matriks:{city.code}:{year}",
                title=_("Matriks aspirasi Forum Anak %(year)s") % {"year": year},
                year=year,
                source=_("Forum Anak"),
                render_pdf=pdf_later(partial(aspirations_matrix, city, year), question_code),
                url=reverse("forum:aspirations") + f"?wilayah={city.code}",
                file_name=f"matriks-aspirasi-forum-anak-{year}.pdf",
                matrix=True,
            )
        )
    return documents
