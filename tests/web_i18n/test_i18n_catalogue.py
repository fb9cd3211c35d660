"""The English catalogue: complete, compiled, and used by the pages.

`django.po` is the source of the English translation; `django.mo` is compiled from it and kept in
the repository, so a fresh machine needs no gettext tools. These tests fail when an entry is left
untranslated or fuzzy, when the `.mo` does not hold exactly what the `.po` says (edited but not
recompiled), and when the dashboard does not follow the language cookie. See docs/i18n.md.
"""

from __future__ import annotations

import gettext
import re
import struct
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from layak.core.stages import STAGE_LABELS
from layak.evaluation.history import FIELD_LABELS
from layak.evaluation.queries.rows import STATUS_LABELS

CATALOGUE = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES"
PO = CATALOGUE / "django.po"
MO = CATALOGUE / "django.mo"

PLACEHOLDER = re.compile(r"%(?:\([^)]+\))?[-#0 +]*\d*(?:\.\d+)?[sdif%]")


@dataclass
class Entry:
    line: int
    flags: set[str] = field(default_factory=set)
    context: str | None = None
    msgid: str = ""
    plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    obsolete: bool = False

    @property
    def key(self) -> str:
        """The entry's key as a .mo file stores it."""
        key = self.msgid if self.plural is None else f"{self.msgid}\x00{self.plural}"
        return key if self.context is None else f"{self.context}\x04{key}"

    @property
    def value(self) -> str:
        return "\x00".join(self.msgstr[i] for i in sorted(self.msgstr))

    @property
    def name(self) -> str:
        return f"django.po line {self.line}: {self.msgid[:60]!r}"


def _unquote(text: str) -> str:
    body = text.strip()
    assert len(body) >= 2, f"not a quoted string: {text!r}"
    assert body[0] == body[-1] == '"', f"not a quoted string: {text!r}"
    escapes = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}
    return re.sub(r"\\(.)", lambda m: escapes[m.group(1)], body[1:-1])


def parse_po(text: str) -> list[Entry]:
    """A small state machine over the lines: comments and flags, then keywords and their
    continuation lines; a blank line (or a new entry's comment) ends an entry."""
    entries: list[Entry] = []
    current: Entry | None = None
    target: tuple[str, int] | None = None  # the keyword continuation lines extend

    def finish() -> None:
        nonlocal current, target
        if current is not None:
            entries.append(current)
        current, target = None, None

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            finish()
            continue
        obsolete = line.startswith("#~")
        if obsolete:
            line = line[2:].strip()
        elif line.startswith("#"):
            if current is not None and target is not None:
                finish()  # a comment after the strings starts the next entry
            if current is None:
                current = Entry(number)
            if line.startswith("#,"):
                current.flags |= {f.strip() for f in line[2:].split(",")}
            continue
        if current is None:
            current = Entry(number)
        current.obsolete = current.obsolete or obsolete
        match = re.match(r"(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])?\s+(\".*\")$", line)
        if match:
            keyword, index, quoted = match.groups()
            if keyword == "msgctxt" and target is not None:
                finish()
                current = Entry(number, obsolete=obsolete)
            target = (keyword, int(index or 0))
            _extend(current, target, _unquote(quoted), start=True)
        elif line.startswith('"') and target is not None:
            _extend(current, target, _unquote(line), start=False)
        else:
            pytest.fail(f"django.po line {number} is not understood: {raw!r}")
    finish()
    return entries


def _extend(entry: Entry, target: tuple[str, int], text: str, *, start: bool) -> None:
    keyword, index = target
    if keyword == "msgctxt":
        entry.context = text if start else (entry.context or "") + text
    elif keyword == "msgid":
        entry.msgid = text if start else entry.msgid + text
    elif keyword == "msgid_plural":
        entry.plural = text if start else (entry.plural or "") + text
    else:
        entry.msgstr[index] = text if start else entry.msgstr.get(index, "") + text


def read_mo(path: Path) -> dict[str, str]:
    """Every (key, translation) pair of a compiled catalogue, read by the GNU .mo layout."""
    data = path.read_bytes()
    (magic,) = struct.unpack("<I", data[:4])
    order = {0x950412DE: "<", 0xDE120495: ">"}.get(magic)
    assert order is not None, f"{path} is not a gettext .mo file"
    _revision, count, originals, translations = struct.unpack(f"{order}4I", data[4:20])
    pairs: dict[str, str] = {}
    for i in range(count):
        olen, ooff = struct.unpack(f"{order}2I", data[originals + 8 * i : originals + 8 * i + 8])
        tlen, toff = struct.unpack(
            f"{order}2I", data[translations + 8 * i : translations + 8 * i + 8]
        )
        pairs[data[ooff : ooff + olen].decode()] = data[toff : toff + tlen].decode()
    return pairs


@pytest.fixture(scope="module")
def po_entries() -> list[Entry]:
    return [e for e in parse_po(PO.read_text(encoding="utf-8")) if not e.obsolete]


@pytest.fixture(scope="module")
def messages(po_entries: list[Entry]) -> list[Entry]:
    return [e for e in po_entries if e.msgid != ""]


# --- (a) the .po: complete, not fuzzy, placeholders kept ---------------------------------------


def test_the_po_header_declares_utf8_and_english_plurals(po_entries: list[Entry]) -> None:
    header = next(e for e in po_entries if e.msgid == "" and e.context is None)
    assert "fuzzy" not in header.flags, "the header is fuzzy: msgfmt would drop it"
    text = header.msgstr[0]
    assert "Language: en\n" in text
    assert "charset=UTF-8" in text
    assert "Plural-Forms: nplurals=2; plural=(n != 1);" in text


def test_the_catalogue_is_not_empty(messages: list[Entry]) -> None:
    assert len(messages) > 100


def test_no_entry_is_fuzzy(messages: list[Entry]) -> None:
    fuzzy = [e.name for e in messages if "fuzzy" in e.flags]
    assert not fuzzy, "fuzzy entries (check the translation, then remove the flag):\n" + "\n".join(
        fuzzy
    )


def test_every_entry_is_translated(messages: list[Entry]) -> None:
    untranslated = [
        e.name
        for e in messages
        if not e.msgstr
        or any(not text for text in e.msgstr.values())
        or (e.plural is not None and sorted(e.msgstr) != [0, 1])
    ]
    assert not untranslated, "untranslated entries:\n" + "\n".join(untranslated)


def test_translations_keep_the_placeholders(messages: list[Entry]) -> None:
    wrong = []
    for e in messages:
        if "python-format" not in e.flags:
            continue
        wanted = sorted(PLACEHOLDER.findall(e.msgid))
        for text in e.msgstr.values():
            if sorted(PLACEHOLDER.findall(text)) != wanted:
                wrong.append(f"{e.name} → {text!r}")
    assert not wrong, "placeholders differ from the msgid:\n" + "\n".join(wrong)


def test_strings_used_through_variables_are_in_the_catalogue(messages: list[Entry]) -> None:
    """Templates translate these at run time ({% translate row.status_label %}, the history's
    field labels; its sentences are checked in tests/web/test_web_history.py): makemessages
    finds them only where they are marked with gettext_noop."""
    translated = {e.msgid for e in messages if e.context is None and all(e.msgstr.values())}
    used = [
        *STATUS_LABELS.values(),
        *FIELD_LABELS.values(),
        *STAGE_LABELS.values(),
    ]
    missing = sorted({text for text in used if text not in translated})
    assert not missing, f"not in django.po: {missing}"


# --- (b) the .mo: compiled from this very .po --------------------------------------------------


def test_the_mo_holds_exactly_what_the_po_says(po_entries: list[Entry]) -> None:
    """Compares content, not file times (a git checkout gives both files arbitrary times): a .po
    edited, or refreshed by makemessages, without `layak compilemessages` fails here."""
    assert MO.exists(), "django.mo is missing: run `layak compilemessages` (docs/i18n.md)"
    expected = {
        e.key: e.value
        for e in po_entries
        if "fuzzy" not in e.flags and e.msgstr and all(e.msgstr.values())
    }
    compiled = read_mo(MO)
    # msgfmt leaves the POT-Creation-Date out of the compiled header.
    for pairs in (expected, compiled):
        pairs[""] = re.sub(r"POT-Creation-Date: [^\n]*\n", "", pairs.get("", ""))
    stale = sorted(
        k.split("\x00")[0] or "(header)"
        for k in expected.keys() | compiled.keys()
        if expected.get(k) != compiled.get(k)
    )
    assert not stale, (
        "django.mo does not match django.po; run `layak compilemessages` (docs/i18n.md). "
        f"Differing entries: {stale[:20]}"
    )


def test_python_gettext_reads_the_mo_with_english_plurals() -> None:
    with MO.open("rb") as fh:
        catalogue = gettext.GNUTranslations(fh)
    assert catalogue.gettext("Penilaian mandiri") == "Self-assessment"
    assert catalogue.ngettext("%(days)s hari lagi", "%(days)s hari lagi", 1) == "%(days)s day left"
    assert catalogue.ngettext("%(days)s hari lagi", "%(days)s hari lagi", 3) == (
        "%(days)s days left"
    )


# --- (c) the dashboard follows the language cookie ---------------------------------------------

ENGLISH_HEADINGS = {
    "Self-assessment",
    "Projected verified",
    "Verified",
    "Position against the predicates",
    "Points by part",
    "Completeness by OPD",
    "Completeness by kecamatan/kelurahan",
    "Schedule",
}
INDONESIAN_HEADINGS = {
    "Penilaian mandiri",
    "Proyeksi terverifikasi",
    "Terverifikasi",
    "Posisi terhadap predikat",
    "Nilai per bagian",
    "Kelengkapan per OPD",
    "Kelengkapan per kecamatan/kelurahan",
    "Jadwal",
}
# Interface words that must not be left in Indonesian on the English page (instrument content,
# such as question and part names, stays Indonesian on purpose).
INDONESIAN_WORDS = (
    "Dasbor",
    "Pertanyaan",
    "Penugasan",
    "Keluar",
    "Menuju",
    "Jalan termurah",
    "belum berpredikat",
    "hari lagi",
    "Langsung ke isi",
    "Sistem Kabupaten/Kota Layak Anak",
    "Verifikasi administrasi",
)


def _dashboard(client: Client, cycle_id: int) -> tuple[str, set[str]]:
    from layak.accounts.models import User

    client.force_login(User.objects.get(username="sari"))
    response = client.get(reverse("evaluation:dashboard", args=[cycle_id]))
    assert response.status_code == 200
    text = response.content.decode()
    headings = {re.sub(r"<[^>]+>", "", h).strip() for h in re.findall(r"<h2>(.*?)</h2>", text)}
    return text, headings


@pytest.mark.django_db
def test_the_dashboard_is_in_english_with_the_language_cookie(world: Any, client: Client) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    text, headings = _dashboard(client, world.cycle_id)
    assert '<html lang="en">' in text
    assert headings >= ENGLISH_HEADINGS, f"missing: {ENGLISH_HEADINGS - headings}"
    assert not INDONESIAN_HEADINGS & headings
    left = [w for w in (*INDONESIAN_HEADINGS, *INDONESIAN_WORDS) if w in text]
    assert not left, f"Indonesian left on the English dashboard: {left}"


@pytest.mark.django_db
def test_the_dashboard_is_in_indonesian_without_the_cookie(world: Any, client: Client) -> None:
    text, headings = _dashboard(client, world.cycle_id)
    assert '<html lang="id">' in text
    assert headings >= INDONESIAN_HEADINGS, f"missing: {INDONESIAN_HEADINGS - headings}"
    assert not ENGLISH_HEADINGS & headings
    assert "Self-assessment" not in text
    assert "Projected verified" not in text


@pytest.mark.django_db
def test_the_language_switch_sets_the_cookie(world: Any, client: Client) -> None:
    url = reverse("evaluation:dashboard", args=[world.cycle_id])
    from layak.accounts.models import User

    client.force_login(User.objects.get(username="sari"))
    response = client.post(reverse("set_language"), {"language": "en", "next": url})
    assert response.status_code == 302
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    _text, headings = _dashboard(client, world.cycle_id)
    assert headings >= ENGLISH_HEADINGS
