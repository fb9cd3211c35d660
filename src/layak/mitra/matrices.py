"""The stakeholders' matrix (issue 18, docs/matrices.md): in a year, one row per confirmed
contribution by KLA indicator (who, what, when, where, its value) and one row per confirmed
commitment in force (MoU, CSR programme), with the totals per kind of organisation. As a
workbook on the overview page (`layak.web.matrix`) and as a PDF offered as ready-made evidence
on indicator 3's questions (partnerships per part, the business forum and its activities).

Only confirmed records count, as in every stakeholder document. An organisation's contact
person is not in it: a name and a telephone number are not evidence of a partnership.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from decimal import Decimal
from functools import partial
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from layak.core.partnerships import (
    BUSINESS_ACTIVITY_QUESTION,
    BUSINESS_FORUM_QUESTION,
    PARTNERSHIP_QUESTIONS,
)
from layak.evaluation.models import Cycle
from layak.evaluation.queries.instrument import instrument_for
from layak.evidence.ready import ReadyDocument
from layak.mitra.documents import SOURCE, confirmed_contributions, years_for
from layak.mitra.models import Commitment, Kind, Status
from layak.regions.models import Region
from layak.web.matrix import Matrix, Table, day, pdf_later

QUESTIONS = frozenset({*PARTNERSHIP_QUESTIONS, BUSINESS_FORUM_QUESTION, BUSINESS_ACTIVITY_QUESTION})


def _commitments(region_code: str, year: int) -> list[Commitment]:
    """Confirmed commitments in force in `year` (from its first year to its last)."""
    found = (
        Commitment.objects.filter(organisation__region_id=region_code, status=Status.CONFIRMED)
        .filter(date_from__lte=date(year, 12, 31))
        .filter(Q(date_until__isnull=True) | Q(date_until__gte=date(year, 1, 1)))
        .select_related("organisation")
        .order_by("organisation__name", "date_from", "id")
    )
    return list(found)


def partnership_matrix(region: Region, year: int) -> Matrix:
    instrument = instrument_for(region.code, year)
    order = {i.code: n for n, i in enumerate(instrument.indicators)}
    names = {i.code: i.name for i in instrument.indicators}
    contributions = sorted(
        confirmed_contributions(region.code).filter(date__year=year),
        key=lambda c: (order.get(c.indicator_code, len(order)), c.date, c.pk),
    )
    kinds = dict(Kind.choices)
    rows = [
        [
            n,
            f"{c.indicator_code}. {names.get(c.indicator_code, '')}",
            c.organisation.name,
            str(kinds.get(c.organisation.kind, c.organisation.kind)),
            c.title,
            c.date.isoformat(),
            c.place.name,
            c.value,
            c.commitment.title if c.commitment else "",
        ]
        for n, c in enumerate(contributions, start=1)
    ]
    commitments = _commitments(region.code, year)
    served = Counter(c.commitment_id for c in contributions if c.commitment_id)
    commitment_rows = [
        [
            n,
            c.organisation.name,
            str(kinds.get(c.organisation.kind, c.organisation.kind)),
            c.get_kind_display(),
            c.number,
            c.title,
            c.date_from.isoformat(),
            day(c.date_until),
            served[c.pk],
        ]
        for n, c in enumerate(commitments, start=1)
    ]
    total = sum((c.value for c in contributions), Decimal(0))
    organisations = len({c.organisation_id for c in contributions})
    value_label = _("Nilai kontribusi (Rp)")
    per_kind: list[tuple[str, Any]] = []
    for value, label in Kind.choices:
        of_kind = [c for c in contributions if c.organisation.kind == value]
        if of_kind:
            per_kind.append((_("Kontribusi dari %(kind)s") % {"kind": label}, len(of_kind)))
    return Matrix(
        title=_("Matriks kemitraan untuk KLA"),
        region_name=region.name,
        year=year,
        tables=[
            Table(
                sheet=_("Kontribusi"),
                header=[
                    _("No."),
                    _("Indikator KLA"),
                    _("Organisasi"),
                    _("Jenis organisasi"),
                    _("Kontribusi"),
                    _("Tanggal"),
                    _("Tempat"),
                    _("Nilai (Rp)"),
                    _("Bagian dari komitmen"),
                ],
                rows=rows,
                widths=(5, 34, 30, 20, 36, 12, 20, 16, 30),
                money=frozenset({7}),
                totals=[
                    (_("Kontribusi terkonfirmasi"), len(contributions)),
                    (_("Organisasi yang berkontribusi"), organisations),
                    (value_label, total),
                    *per_kind,
                ],
                money_totals=frozenset({value_label}),
            ),
            Table(
                sheet=_("Komitmen"),
                header=[
                    _("No."),
                    _("Organisasi"),
                    _("Jenis organisasi"),
                    _("Jenis komitmen"),
                    _("Nomor dokumen"),
                    _("Judul"),
                    _("Berlaku sejak"),
                    _("Berlaku sampai"),
                    _("Kontribusi pada tahun ini"),
                ],
                rows=commitment_rows,
                widths=(5, 30, 20, 22, 20, 36, 12, 12, 12),
                totals=[(_("Komitmen terkonfirmasi yang berlaku"), len(commitments))],
            ),
        ],
        notes=[
            _(
                "Hanya kontribusi dan komitmen yang telah dikonfirmasi sekretariat Gugus Tugas. "
                "Nilai adalah perkiraan nilai kontribusi yang dicatat mitra."
            )
        ],
    )


def _has_records(region_code: str, year: int) -> bool:
    return confirmed_contributions(region_code).filter(date__year=year).exists() or bool(
        _commitments(region_code, year)
    )


def matrix_documents(cycle: Cycle, question_code: str) -> list[ReadyDocument]:
    """The provider: the matrix on indicator 3's questions, for the cycle's year and the year
    before when it has confirmed records. Other questions cost no query."""
    if question_code not in QUESTIONS or not cycle.instrument.has_question(question_code):
        return []
    region = cycle.region
    return [
        ReadyDocument(
            key=f"mitra.matriks:{region.code}:{year}",
            title=_("Matriks kemitraan untuk KLA %(year)s") % {"year": year},
            year=year,
            source=SOURCE,
            render_pdf=pdf_later(partial(partnership_matrix, region, year), question_code),
            url=reverse("mitra:summary") + f"?tahun={year}&wilayah={region.code}",
            file_name=f"matriks-kemitraan-{year}.pdf",
            matrix=True,
        )
        for year in sorted(years_for(cycle))
        if _has_records(region.code, year)
    ]
