"""`layak.web.typeset`: Typst reads nothing outside the template's folder, prints Indonesian and
English text with its dashes and symbols in DejaVu Sans, and still prints when DejaVu is
missing."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from pathlib import Path

import pikepdf
import pytest
import typst

from layak.web import typeset

TEXT = "Kurang menuju Utama — 17,62 poin · nilai ≥ 80 % · Short of Utama — 17.62 points"


@pytest.fixture
def template(tmp_path: Path) -> Callable[[str], Path]:
    def write(body: str) -> Path:
        folder = tmp_path / "typst"
        folder.mkdir(exist_ok=True)
        path = folder / "page.typ"
        path.write_text(
            '#set text(font: "DejaVu Sans")\n#let d = json(bytes(sys.inputs.data))\n' + body
        )
        return path

    return write


@pytest.fixture
def fonts_found_again() -> Iterator[None]:
    typeset._fonts.cache_clear()
    yield
    typeset._fonts.cache_clear()


def _fonts(document: bytes) -> set[str]:
    with pikepdf.open(io.BytesIO(document)) as pdf:
        return {
            str(f.BaseFont).split("+")[-1]
            for page in pdf.pages
            for f in page.resources.Font.values()
        }


def test_text_with_dashes_and_symbols_prints_in_dejavu(
    template: Callable[[str], Path], pdf_text: Callable[[bytes], str]
) -> None:
    if not (typeset.DEJAVU_FOLDER / "DejaVuSans.ttf").is_file():
        pytest.skip("DejaVu Sans is not installed")
    document = typeset.typeset(template("#d.text"), {"text": TEXT})
    assert " ".join(pdf_text(document).split()) == TEXT
    assert _fonts(document) == {"DejaVuSans"}


def test_the_template_reads_nothing_outside_its_folder(
    template: Callable[[str], Path], tmp_path: Path
) -> None:
    (tmp_path / "secret.txt").write_text("rahasia")
    for body in ('#read("../secret.txt")', '#read("/etc/passwd")'):
        with pytest.raises(typst.TypstError):
            typeset.typeset(template(body), {})


def test_without_dejavu_the_text_still_prints_in_typsts_own_fonts(
    template: Callable[[str], Path],
    pdf_text: Callable[[bytes], str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    fonts_found_again: None,
) -> None:
    monkeypatch.setattr(typeset, "DEJAVU_FOLDER", tmp_path / "none")
    monkeypatch.setattr(typeset.shutil, "which", lambda _name: None)  # and no fontconfig
    document = typeset.typeset(template("#d.text"), {"text": "Laporan Penilaian Mandiri"})
    assert "Laporan Penilaian Mandiri" in pdf_text(document)
    assert not any("DejaVu" in name for name in _fonts(document))
