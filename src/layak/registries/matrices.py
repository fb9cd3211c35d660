"""The matrices the registries make (issue 18): for a question a kind of institution informs,
one row per institution of the kind with the decree it holds in the year, and the kind's figures;
for a KHA question, the region's KHA trainings and each agency's trained staff. As xlsx (a
download on the kind's page, set up for printing) and as PDF, offered as ready-made evidence
(layak.evidence.ready) on the questions they answer.

The shipped instrument gives no form for a matrix (its data marks none), so the form is
Layak's, documented in docs/registries.md. The workbook is written by `layak.web.matrix`, as
every matrix is. The KHA matrix names no participant: names are
staff's personal data, and an attached document is read by everyone who reads the answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Any

from django.db.models import Count, QuerySet
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from openpyxl import Workbook

from layak.core.registries import KHA_QUESTIONS, KINDS, InstitutionKind, Share
from layak.evaluation.models import Cycle
from layak.evidence.ready import ReadyDocument
from layak.regions.models import Region
from layak.registries import queries
from layak.registries.models import Institution, TrainingEvent
from layak.tabular.printing import set_widths
from layak.web.matrix import day, saved, write_sheet
from layak.web.pdf import render_pdf

WIDTHS = (5, 40, 28, 40, 24, 14, 12, 20, 12)


@dataclass(frozen=True)
class MatrixRow:
    name: str
    place: str  # kelurahan or kecamatan
    address: str
    decree_number: str
    decree_date: str  # ISO date, or ""
    years: str  # "2024–2026", "2024–" when open
    status: str  # "ber-SK", "terstandar", "belum", "tidak aktif"


def _years(valid_from: int, valid_until: int | None) -> str:
    return f"{valid_from}–{valid_until or ''}"


def kind_matrix(region: Region, year: int, kind: str) -> tuple[queries.KindLine, list[MatrixRow]]:
    """The kind's figures and one row per institution (inactive ones last: out of the share)."""
    line, rows = queries.kind_line(region, year, kind)
    out = []
    for row in sorted(rows, key=lambda r: (not r.institution.active, r.institution.name)):
        decree = row.decree
        if not row.institution.active:
            status = _("tidak aktif")
        elif decree is not None:
            status = _("ber-SK")
        elif row.standard is not None:
            status = _("terstandar/evaluasi mandiri")
        else:
            status = _("belum ber-SK")
        unit = row.institution.unit
        out.append(
            MatrixRow(
                name=row.institution.name,
                place=unit.name if unit else "",
                address=row.institution.address,
                decree_number=decree.number if decree else "",
                decree_date=day(decree.issued_on) if decree else "",
                years=_years(decree.valid_from, decree.valid_until) if decree else "",
                status=str(status),
            )
        )
    return line, out


def _percent(share: Share) -> str:
    """One decimal in the reader's way (33,3 % / 33.3 %), as the pages show it."""
    if share.percent is None:
        return "—"
    return f"{number_format(share.percent, 1, use_l10n=True)} %"


def _definition(year: int) -> str:
    """The definition the pages show under the share (registries/_share_definition.html)."""
    return _(
        "Persentase ber-SK = lembaga aktif yang memegang SK yang berlaku pada tahun %(year)s ÷ "
        "semua lembaga aktif jenis itu (penyebut dari daftar yang diimpor atau dicatat). "
        "Lembaga nonaktif tidak dihitung."
    ) % {"year": year}


def kind_xlsx(region: Region, year: int, kind: str) -> bytes:
    line, rows = kind_matrix(region, year, kind)
    book = Workbook()
    sheet = book.worksheets[0]
    sheet.title = "Matriks"
    header = [
        _("No."),
        _("Nama lembaga"),
        _("Kelurahan/kecamatan"),
        _("Alamat"),
        _("Nomor SK"),
        _("Tanggal SK"),
        _("Masa berlaku"),
        _("Status"),
    ]
    cells = (
        [n, r.name, r.place, r.address, r.decree_number, r.decree_date, r.years, r.status]
        for n, r in enumerate(rows, start=1)
    )
    title = _("Matriks %(kind)s") % {"kind": line.label}
    write_sheet(sheet, title, region.name, year, header, cells)
    sheet.append([])
    sheet.append([_("Lembaga aktif"), line.total])
    sheet.append([_("Aktif dan ber-SK berlaku"), line.decreed])
    sheet.append([_("Persentase ber-SK"), _percent(line.share)])
    sheet.append([_("Terstandar/evaluasi mandiri"), line.standardised])
    sheet.append([_("Tidak aktif (di luar persentase)"), line.inactive])
    sheet.append([_definition(year)])
    set_widths(sheet, WIDTHS)
    return saved(book)


def kha_xlsx(region: Region, year: int) -> bytes:
    """The KHA matrix as a workbook: the trainings, and the trained staff per agency."""
    book = Workbook()
    events, agencies = book.worksheets[0], book.create_sheet()
    events.title, agencies.title = "Pelatihan", "OPD"
    title = _("Matriks pelatihan Konvensi Hak Anak (KHA)")
    header = [
        _("No."),
        _("Nama kegiatan"),
        _("Tanggal"),
        _("Penyelenggara"),
        _("Jam"),
        _("Peserta"),
    ]
    found = (
        _events(region, year)
        .annotate(attended=Count("participants"))
        .values_list("title", "held_on", "organiser", "hours", "attended")
    )
    cells: list[list[Any]] = [
        [n, name, held.isoformat(), organiser, float(hours), attended]
        for n, (name, held, organiser, hours, attended) in enumerate(found, start=1)
    ]
    write_sheet(events, title, region.name, year, header, cells)
    set_widths(events, (5, 44, 12, 30, 8, 10))
    header = [_("OPD"), _("Terlatih KHA"), _("Jumlah pegawai"), _("Persentase terlatih")]
    lines = [line for line in queries.kha_lines(region, year) if line.staff or line.share.part]
    cells = [[ln.agency.short_name, ln.share.part, ln.staff, _percent(ln.share)] for ln in lines]
    write_sheet(agencies, title, region.name, year, header, cells)
    set_widths(agencies, (30, 14, 16, 20))
    return saved(book)


def kind_pdf(region: Region, year: int, kind: str, question: str) -> bytes:
    line, rows = kind_matrix(region, year, kind)
    return render_pdf(
        "registries/pdf_kind_matrix.html",
        {
            "title": _("Matriks %(kind)s") % {"kind": line.label},
            "region_name": region.name,
            "year": year,
            "question": question,
            "line": line,
            "percent": _percent(line.share),
            "rows": rows,
        },
    )


def kha_pdf(region: Region, year: int, question: str) -> bytes:
    """Trainings held by the end of `year` and, per agency, the staff trained: no names."""
    events = list(_events(region, year).annotate(attended=Count("participants")))
    lines = [line for line in queries.kha_lines(region, year) if line.staff or line.share.part]
    return render_pdf(
        "registries/pdf_kha_matrix.html",
        {
            "title": _("Matriks pelatihan Konvensi Hak Anak (KHA)"),
            "region_name": region.name,
            "year": year,
            "question": question,
            "events": events,
            "lines": [(line, _percent(line.share)) for line in lines],
        },
    )


def _events(region: Region, year: int) -> QuerySet[TrainingEvent]:
    """The trainings held by the end of `year`: those the trained count includes."""
    return TrainingEvent.objects.filter(region=region, held_on__year__lte=year).order_by(
        "held_on", "pk"
    )


def _kinds_for(question_code: str) -> list[InstitutionKind]:
    return [k for k in KINDS if question_code in (*k.share_questions, *k.count_questions)]


def matrix_documents(cycle: Cycle, question_code: str) -> list[ReadyDocument]:
    """The provider: a kind's matrix on the questions it informs (when the region keeps any
    institution of the kind), the KHA matrix on the KHA questions (when it recorded a training).
    The year is the cycle's: the decrees in force then, the trainings held by its end. Other
    questions cost no query."""
    kinds = _kinds_for(question_code)
    kha = question_code in KHA_QUESTIONS
    if not kinds and not kha:
        return []
    region, year = cycle.region, cycle.year
    query = f"?tahun={year}&wilayah={region.code}"
    present = set(
        Institution.objects.filter(region=region, kind__in=[k.code.value for k in kinds])
        .values_list("kind", flat=True)
        .distinct()
    )
    documents = [
        ReadyDocument(
            key=f"registries.matrix:{region.code}:{kind.code.value}:{year}",
            title=_("Matriks %(kind)s %(year)s") % {"kind": kind.name, "year": year},
            year=year,
            source=_("Registri lembaga"),
            render_pdf=partial(kind_pdf, region, year, kind.code.value, question_code),
            url=reverse("registries:kind", args=[kind.code.value]) + query,
            file_name=f"matriks-{kind.code.value}-{year}.pdf",
            matrix=True,
        )
        for kind in kinds
        if kind.code.value in present
    ]
    if kha and _events(region, year).exists():
        documents.append(
            ReadyDocument(
                key=f"registries.kha:{region.code}:{year}",
                title=_("Matriks pelatihan KHA %(year)s") % {"year": year},
                year=year,
                source=_("Registri pelatihan KHA"),
                render_pdf=partial(kha_pdf, region, year, question_code),
                url=reverse("registries:trainings") + query,
                file_name=f"matriks-pelatihan-kha-{year}.pdf",
                matrix=True,
            )
        )
    return documents
