"""Issue 13, "Numbers in Indonesian": Sari reads every number of the demo with the decimal comma
and the thousands dot, and in English with the dot, on every page she opens and in every PDF
she downloads (their HTML, which WeasyPrint lays out as it is), charts included.

The scan reads what a person sees: the text between tags (SVG <title> and labels too), not
attributes, scripts or URLs. What may look like a number with a dot and is not one: question
and indicator codes (12.2, 21A.3) and region codes (18.72.01), which are identifiers.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client

from tests.web.websupport import Target, walk_urls

# People opening the pages: the secretariat sees nearly everything; the national verifier
# adds the national and province overviews.
READERS = ("sari", "nadia")

# 3,75 · 1.004,50 · 18.72.01; not inside a document number such as 400.2.2/112/D-08/2025.
NUMBER = re.compile(r"(?<![\w.,/:-])\d++(?:[.,]\d++)*+(?![\w/])")
INDONESIAN = re.compile(r"\d{1,3}(\.\d{3})*(,\d+)?")
ENGLISH = re.compile(r"\d{1,3}(,\d{3})*(\.\d+)?")
# Text that people typed into the demo, shown as typed (a radio station's frequency, a
# planned output), and input hints that show what a field reads: both decimal marks for
# points, and rupiah in the Indonesian form in either language (parse_rupiah reads that form).
AS_TYPED = (
    "Radio Swara Metro 98,6 FM",
    "1.200 balita",
    "3.000 sambungan",
    "2,5 atau 2.5",
    "E.g. 25.000.000",
)


def visible_text(markup: str) -> str:
    markup = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", markup)
    text = html.unescape(re.sub(r"(?s)<[^>]+>", " ", markup))
    for typed in AS_TYPED:
        text = text.replace(typed, " ")
    return re.sub(r"\s+", " ", text)


def misspelt_numbers(text: str, lang: str, identifiers: set[str]) -> list[str]:
    """Numbers not written the reader's way, each with a little of the text around it. A
    number with one mark is read as the reader writes it (3,75 in Indonesian, 3.75 or 1,004
    in English); 1004,5 lacks its thousands mark in either."""
    found = []
    for m in NUMBER.finditer(text):
        token = m.group()
        if token in identifiers or not re.search(r"[.,]", token):
            continue
        if not (INDONESIAN if lang == "id" else ENGLISH).fullmatch(token):
            found.append(f"{token!r} in …{text[max(0, m.start() - 50) : m.end() + 30]}…")
    return found


@pytest.fixture
def identifiers(cycle: Any) -> set[str]:
    from layak.regions.models import Region

    instrument = cycle.instrument
    codes = {q.code for q in instrument.questions} | {i.code for i in instrument.indicators}
    return codes | set(Region.objects.values_list("code", flat=True))


@pytest.fixture
def pdf_html(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The HTML of every PDF rendered during the test; the layout itself is skipped."""
    rendered: list[str] = []

    def captured(html: str) -> bytes:
        rendered.append(html)
        return b"%PDF-1.7\n%%EOF\n"

    monkeypatch.setattr("layak.web.pdf.layout", captured)
    return rendered


def _pages(
    lang: str,
    login: Callable[[str], Client],
    target: Callable[[str, str, str], Target | None],
    pdf_html: list[str],
) -> Iterator[tuple[str, str]]:
    """(what, markup) for every page and PDF a reader opens with GET in `lang`."""
    for reader in READERS:
        client = login(reader)
        client.raise_request_exception = False  # a page that fails is another test's business
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
        for _route, name, _view in walk_urls():
            with transaction.atomic():
                concrete = target(name, reader, "own")
                if concrete is None:
                    transaction.set_rollback(True)
                    continue
                response = client.get(concrete.url)
                transaction.set_rollback(True)
            if response.streaming:
                b"".join(response.streaming_content)
            kind = response.get("Content-Type", "")
            if pdf_html:
                yield f"{reader} {concrete.url} (PDF)", pdf_html.pop()
            elif response.status_code == 200 and ("html" in kind or "svg" in kind):
                yield f"{reader} {concrete.url}", response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_page_and_pdf_writes_numbers_the_readers_way(
    lang: str,
    login: Callable[[str], Client],
    target: Callable[[str, str, str], Target | None],
    pdf_html: list[str],
    identifiers: set[str],
) -> None:
    problems, seen = [], 0
    for what, markup in _pages(lang, login, target, pdf_html):
        seen += 1
        problems += [
            f"{what}: {p}" for p in misspelt_numbers(visible_text(markup), lang, identifiers)
        ]
    assert seen > 40  # the walk reached the pages, not only log-in redirects
    assert not problems, "\n".join(problems)


def test_the_scan_tells_each_languages_numbers_apart() -> None:
    """The scan itself: it finds what it must and lets codes and thousands marks be."""
    codes = {"12.2", "18.72"}
    assert misspelt_numbers("Jawaban: 3.75 (3,75 dari 15 poin)", "id", codes) != []
    assert (
        misspelt_numbers("Jawaban: 3,75 · 12.2 · 18.72 · 1.004,50 · Rp 25.000.000", "id", codes)
        == []
    )
    assert misspelt_numbers("total 1004,50", "id", codes) != []
    assert misspelt_numbers("Answer: 3,75", "en", codes) != []
    assert misspelt_numbers("Rp 25.000.000", "en", codes) != []
    assert misspelt_numbers("Answer: 3.75 · 12.2 · 1,004.50 · Rp 25,000,000", "en", codes) == []
    assert visible_text('<td data-label="3.75">x</td><script>var a = 2.5;</script>') == " x "
