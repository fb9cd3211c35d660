"""The blank matrix form (issue 18): for a question that asks for a matrix Layak cannot make
from its records, a generic form to fill in, print and upload as ordinary evidence
(docs/matrices.md, "The blank form"). It goes through the one matrix writer."""

from __future__ import annotations

from django.utils.translation import gettext as _

from layak.core.instrument import Question
from layak.evaluation.models import Cycle
from layak.web.matrix import Matrix, Table, matrix_xlsx

FORM_ROWS = 15  # numbered rows; a region with more inserts rows as in any spreadsheet
WIDTHS = (5, 34, 22, 24, 12, 26, 18)


def form_header() -> list[str]:
    return [
        _("No."),
        _("Uraian (lembaga/kegiatan/regulasi/program)"),
        _("Perangkat Daerah/pihak"),
        _("Dasar (nomor & tanggal dokumen)"),
        _("Waktu/tahun"),
        _("Sasaran/hasil"),
        _("Keterangan"),
    ]


def blank_form(cycle: Cycle, question: Question) -> Matrix:
    """The form headed with the region, the year, the question's code and its wording (its
    label when the instrument does not carry the wording)."""
    wording = question.text or question.label
    return Matrix(
        title=_("Matriks pertanyaan %(code)s") % {"code": question.code},
        region_name=cycle.region.name,
        year=cycle.year,
        subtitle=f"{question.code} · {wording}",
        tables=[
            Table(
                sheet=_("Matriks"),
                header=form_header(),
                rows=[[n, *([None] * 6)] for n in range(1, FORM_ROWS + 1)],
                widths=WIDTHS,
                ruled=True,
            )
        ],
        notes=(
            "",
            _(
                "Satu baris per lembaga, kegiatan, regulasi atau program yang menjawab "
                "pertanyaan. Uraian: namanya; Perangkat Daerah/pihak: yang melaksanakan atau "
                "menetapkan; Dasar: nomor dan tanggal SK, perda, surat atau laporan yang "
                "membuktikannya; Waktu/tahun: kapan dilaksanakan atau berlaku; Sasaran/hasil: "
                "untuk siapa dan apa hasilnya; Keterangan: hal lain yang perlu diketahui "
                "verifikator."
            ),
            _(
                "Jangan menulis nama anak. Setelah diisi, unggah berkas ini sebagai bukti "
                "pada pertanyaan %(code)s."
            )
            % {"code": question.code},
        ),
    )


def blank_form_xlsx(cycle: Cycle, question: Question) -> bytes:
    return matrix_xlsx(blank_form(cycle, question))


def blank_form_name(cycle: Cycle, question: Question) -> str:
    return f"matriks-{question.code}-{cycle.region_id}-{cycle.year}.xlsx"
