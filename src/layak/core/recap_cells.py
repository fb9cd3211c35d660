"""The cells of a region's recap spreadsheet: headers, codes, part names, flags and rules.

Recaps come from many hands: `Nilai Max`, `Nilai Maksimal` and `nilai_max` name one column,
`IND. 21.A` and `Indikator 21 A` one indicator. Every reader here is pure and either returns
the value or raises `CellError` with the message the importer shows next to the row and column;
`question_entry` puts a row's cells together into a question of the instrument file.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from layak.core.answers import NO, YES, parse_number
from layak.core.instrument import AnswerKind, Direction, Question
from layak.core.messages import Message, msg

# Header spellings in their normalised form (see `header_name`) → the importer's column names.
_HEADERS: Mapping[str, tuple[str, ...]] = {
    "bagian": ("bagian", "klaster", "bagian_klaster", "klaster_bagian", "cluster", "kluster"),
    "no": ("no", "no_urut"),  # a running number: read, never used
    "indikator": ("indikator", "ind", "no_indikator", "indikator_kla"),
    "nama_indikator": ("nama_indikator", "uraian_indikator", "judul_indikator"),
    "pertanyaan": ("pertanyaan", "no_pertanyaan", "butir_pertanyaan", "butir"),
    "uraian": (
        "uraian",
        "uraian_pertanyaan",
        "teks",
        "teks_pertanyaan",
        "isi_pertanyaan",
        "redaksi_pertanyaan",
        "bunyi_pertanyaan",
    ),
    "label": ("label", "label_singkat", "uraian_singkat"),
    "nilai_maks": ("nilai_maks", "maks", "bobot", "bobot_nilai", "skor_maks", "poin_maks"),
    "sumber_data": (
        "sumber_data",
        "sumber",
        "opd",
        "opd_penanggung_jawab",
        "opd_pengampu",
        "opd_sumber_data",
        "penanggung_jawab",
        "perangkat_daerah",
    ),
    "maks_bagian": ("maks_bagian", "nilai_maks_bagian", "nilai_maks_klaster", "maks_klaster"),
    "maks_indikator": ("maks_indikator", "nilai_maks_indikator"),
    "per_kecamatan": ("per_kecamatan",),
    "per_desa_kelurahan": ("per_desa_kelurahan",),
    "jenis": ("jenis", "jenis_jawaban", "tipe_jawaban", "bentuk_jawaban"),
    "opsi": ("opsi", "opsi_jawaban", "pilihan", "pilihan_jawaban"),
    "arah": ("arah", "arah_ambang", "arah_nilai", "arah_capaian"),
    "ambang": ("ambang", "ambang_batas", "ambang_nilai"),
    "ketat": ("ketat", "jawaban_ketat"),
    "negatif": ("negatif", "pertanyaan_negatif"),
    "kriteria": ("kriteria", "kriteria_penilaian"),
    "data_dukung": (
        "data_dukung",
        "bukti",
        "bukti_dukung",
        "data_pendukung",
        "dokumen_pendukung",
        "dokumen_data_dukung",
        "daftar_data_dukung",
    ),
}
HEADER_NAMES = {spelling: name for name, spellings in _HEADERS.items() for spelling in spellings}
# One column saying whether every kecamatan, desa/kelurahan or both answer (`per_unit`).
UNIT_SCOPE = "per_unit"
_TOKENS = {
    **dict.fromkeys(("max", "maks", "maksimal", "maksimum", "maximum", "mak"), "maks"),
    **dict.fromkeys(("no", "nomor", "nmr", "kode"), "no"),
}
_UNIT_WORDS = frozenset({"untuk", "semua", "seluruh", "per", "setiap", "tiap", "dijawab", "oleh"})
_TOTAL = re.compile(r"(?i)^\s*(sub\s*-?\s*total|total|jumlah)\b[\s:.\-]*")
_ROMAN = {"i": "1", "ii": "2", "iii": "3", "iv": "4", "v": "5"}
_CHECKED = frozenset({"√", "✓", "✔", "v"})


class CellError(ValueError):
    """A cell that cannot be read; carries the message to show with its row and column."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.key)
        self.message = message


def header_name(text: object) -> str | None:
    """'Nilai Max' / 'Nilai Maksimal (poin)' / 'nilai_max' → 'nilai_maks'; None if unknown."""
    value = re.sub(r"\([^)]*\)", " ", str(text or "")).casefold()
    tokens = [_TOKENS.get(t, t) for t in re.split(r"[^0-9a-z]+", value) if t]
    if not tokens:
        return None
    name = HEADER_NAMES.get("_".join(tokens))
    if name is not None:
        return name
    places = set(tokens) - _UNIT_WORDS
    if places and places <= {"kecamatan", "desa", "kelurahan"} and set(tokens) & _UNIT_WORDS:
        if places == {"kecamatan"}:
            return "per_kecamatan"
        return UNIT_SCOPE if "kecamatan" in places else "per_desa_kelurahan"
    return None


def text_of(value: Any) -> str:
    """A cell as text; a whole number typed as 4 or read as 4.0 is '4'."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def without_total_word(text: str) -> tuple[str, bool]:
    """'Jumlah Indikator 19' → ('Indikator 19', True)."""
    stripped = _TOTAL.sub("", text, count=1)
    return stripped, stripped != text


def indicator_code(value: Any) -> tuple[str, str]:
    """'IND. 21.A' / 'Indikator 21 A' / '21A' → ('21A', ''); 'Indikator 4: Akta' → ('4', 'Akta').

    Text without a leading number keeps its letters and digits ('Inovasi' → 'Inovasi').
    """
    text = re.sub(r"(?i)^(indikator|ind)\b\.?\s*", "", text_of(value))
    match = re.match(r"^(\d+)(?:\s*[.\-]?\s*([A-Za-z])(?![A-Za-z]))?\s*[.:)\-–—]*\s*(.*)$", text)
    if match is None:
        return re.sub(r"[^0-9A-Za-z]", "", text), ""
    return match[1] + (match[2] or "").upper(), match[3].strip()


def question_code(value: Any) -> str:
    """'Pertanyaan 4 a' / '4 a' / '4.a' / 4.0 → '4a'; 'No. 5b' → '5b'; '' for other text.

    A code is a number and up to three letters (2za): text such as a part's title or "Jumlah"
    in the question column is not one.
    """
    text = re.sub(r"(?i)^(pertanyaan|nomor|no)\b\.?\s*", "", text_of(value))
    code = re.sub(r"[\s.\-)]", "", text)
    return code if re.fullmatch(r"[0-9]+[A-Za-z]{0,3}", code) else ""


def known_part(text: str) -> str | None:
    """The code of a part named the programme's way, or None.

    'KLASTER III', 'Klaster-IV', 'Klaster 1: Hak Sipil' → K3, K4, K1; 'Kelembagaan',
    'Penguatan Kelembagaan' → KL; 'KELANA DEKELA', 'Penyelenggaraan KLA di Kecamatan dan
    Desa/Kelurahan' → KD; the codes themselves (K1–K5, KL, KD) too.
    """
    words = re.split(r"[^0-9a-z]+", text.casefold())
    words = [w for w in words if w]
    if not words:
        return None
    if len(words) == 1 and re.fullmatch(r"k[1-5]|kl|kd", words[0]):
        return words[0].upper()
    if words[0] == "bagian":
        words = words[1:]
    if len(words) >= 2 and words[0] in ("klaster", "cluster", "kluster"):
        number = _ROMAN.get(words[1], words[1])
        return f"K{number}" if number in "12345" and len(number) == 1 else None
    if words[0] == "kelembagaan" or words[:2] == ["penguatan", "kelembagaan"]:
        return "KL"
    if words[0] in ("kelana", "dekela"):
        return "KD"
    unit_level = "kecamatan" in words and ("desa" in words or "kelurahan" in words)
    if unit_level and words[0] in ("penyelenggaraan", "kla", "kecamatan"):
        return "KD"
    return None


def part_code(text: str) -> str:
    """A known part's code, else the name in capitals with dashes ('Bagian Khusus' → ...)."""
    return known_part(text) or re.sub(r"[^0-9A-Za-z]+", "-", text.strip()).strip("-").upper()


def flag(value: Any) -> bool:
    """Y/T as recaps write it: Y, ya, ✓, 1 or T, tidak, 0; blank is no."""
    text = text_of(value).casefold()
    if not text or text in NO or text == "-":
        return False
    if text in YES or text in _CHECKED:
        return True
    raise CellError(msg("import.flag_value", value=text_of(value)))


def unit_scope(value: Any) -> tuple[bool, bool]:
    """'Kecamatan', 'Desa/Kelurahan', 'Kecamatan dan Desa' → (per kecamatan, per desa/kelurahan)."""
    text = text_of(value).casefold()
    if not text or text in NO or text == "-":
        return False, False
    words = set(re.split(r"[^a-z]+", text)) - {""}
    kecamatan = bool(words & {"kecamatan", "kec"})
    desa = bool(words & {"desa", "kelurahan", "kel"})
    if not (kecamatan or desa):
        raise CellError(msg("import.unit_scope_value", value=text_of(value)))
    return kecamatan, desa


def items(value: Any, separators: str = "|;\n") -> list[str]:
    """A list written in one cell; bullets and numbering ('- ', '• ', '1. ') are dropped."""
    parts = re.split("[" + re.escape(separators) + "]", text_of(value))
    cleaned = (re.sub(r"^\s*([-•*·]|\d+[.)])\s+", "", p).strip() for p in parts)
    return [p for p in cleaned if p]


def agencies(value: Any) -> list[str]:
    return items(value, ",;\n")


def _fraction(text: str) -> float | None:
    percent = text.strip().endswith("%")
    number = parse_number(text.strip().rstrip("%"))
    if number is None:
        return None
    number = number / 100 if percent else number
    return number if 0 <= number <= 1 else None


def options(value: Any) -> list[dict[str, Any]]:
    """'ada:Ada:1 | sebagian:Sebagian:0,5 | tidak:Tidak ada:0' (or 'Ada:1 | …', key from label)."""
    found: list[dict[str, Any]] = []
    for item in items(value):
        fields = [f.strip() for f in item.split(":")]
        fraction = _fraction(fields[-1]) if len(fields) in (2, 3) else None
        label = fields[-2] if fraction is not None else ""
        key = fields[0] if len(fields) == 3 else re.sub(r"[^0-9a-z]+", "_", label.casefold())
        if fraction is None or not label or not key.strip("_"):
            raise CellError(msg("import.bad_option", item=item))
        found.append({"key": key.strip("_"), "label": label, "fraction": fraction})
    return found


def thresholds(value: Any) -> list[dict[str, Any]]:
    """'25:0,25 | 50:0,5 | 75%:75%' → value and fraction pairs."""
    found: list[dict[str, Any]] = []
    for item in items(value):
        fields = item.split(":")
        level = parse_number(fields[0].strip().rstrip("%")) if len(fields) == 2 else None
        fraction = _fraction(fields[1]) if len(fields) == 2 else None
        if level is None or level < 0 or fraction is None:
            raise CellError(msg("import.bad_threshold", item=item))
        found.append({"value": level, "fraction": fraction})
    return found


def direction(value: Any) -> Direction:
    """naik/turun, 'makin tinggi makin baik', 'makin rendah makin baik' (and 'buruk' inverts)."""
    words = set(re.split(r"[^a-z]+", text_of(value).casefold())) - {""}
    higher = bool(words & {"naik", "tinggi", "besar", "banyak", "higher"})
    lower = bool(words & {"turun", "rendah", "kecil", "sedikit", "lower"})
    if higher == lower:
        raise CellError(msg("import.bad_direction", value=text_of(value)))
    if words & {"buruk", "jelek"}:
        higher = not higher
    return Direction.HIGHER if higher else Direction.LOWER


def answer_kind(value: Any, code: str) -> AnswerKind:
    """'ya_tidak', 'Ya/Tidak', 'pilihan', 'persentase', 'angka', 'poin'."""
    text = re.sub(r"[^a-z]+", "_", text_of(value).casefold()).strip("_")
    try:
        return AnswerKind(text)
    except ValueError:
        raise CellError(msg("instrument.unknown_kind", code=code, kind=text_of(value))) from None


_THRESHOLD_KINDS = (AnswerKind.PERCENTAGE, AnswerKind.NUMBER)


def question_entry(
    code: str,
    maximum: float,
    values: Mapping[str, Any],
    columns: frozenset[str],
    previous: Question | None,
    report: Callable[[Message, str], None],
) -> dict[str, Any]:
    """A question as the instrument file writes it, from its row and last year's question.

    A column present speaks for its row (a blank Y/T cell is "no"); what the sheet does not
    say comes from `previous`. Each unreadable cell is reported with its column.
    """

    def read(column: str, reader: Callable[[Any], Any], default: Any) -> Any:
        try:
            return reader(values.get(column))
        except CellError as error:
            report(error.message, column)
            return default

    text = text_of(values.get("uraian")) or (previous.text if previous else "")
    per_kecamatan = previous.per_kecamatan if previous else False
    per_desa = previous.per_desa_kelurahan if previous else False
    if columns & {"per_kecamatan", "per_desa_kelurahan", UNIT_SCOPE}:
        per_kecamatan, per_desa = read(UNIT_SCOPE, unit_scope, (False, False))
        per_kecamatan = per_kecamatan or read("per_kecamatan", flag, False)
        per_desa = per_desa or read("per_desa_kelurahan", flag, False)
    given_options = read("opsi", options, []) if text_of(values.get("opsi")) else []
    given_thresholds = read("ambang", thresholds, []) if text_of(values.get("ambang")) else []
    if text_of(values.get("jenis")):
        kind = read("jenis", lambda v: answer_kind(v, code), AnswerKind.POINTS)
    elif given_options:
        kind = AnswerKind.CHOICE
    elif previous is not None and (not given_thresholds or previous.kind in _THRESHOLD_KINDS):
        kind = previous.kind
    else:  # the only guess the importer makes: an "Apakah …?" question is answered yes or no
        yes_no = text.casefold().startswith("apakah")
        kind = AnswerKind.YES_NO if yes_no else AnswerKind.POINTS
    same = previous if previous is not None and previous.kind is kind else None
    entry: dict[str, Any] = {
        "code": code,
        "label": text_of(values.get("label"))
        or (previous.label if previous else "")
        or text[:80]
        or code,
        "text": text,
        "max": maximum,
        "kind": kind.value,
        "agencies": agencies(values.get("sumber_data")),
        "per_kecamatan": per_kecamatan,
        "per_desa_kelurahan": per_desa,
        "criteria": text_of(values.get("kriteria")) or (previous.criteria if previous else ""),
        "evidence": items(values.get("data_dukung")) or list(previous.evidence if previous else ()),
    }
    where = {"code": code, "kind": kind.value}
    if given_options and kind is not AnswerKind.CHOICE:
        report(msg("import.options_need_choice", **where), "opsi")
    if kind is AnswerKind.CHOICE:
        entry["options"] = given_options or [
            {"key": o.key, "label": o.label, "fraction": o.fraction}
            for o in (same.options if same else ())
        ]
        keys = [o["key"] for o in entry["options"]]
        if len(keys) < 2:
            report(msg("instrument.kind_needs_options", code=code), "opsi")
        for key in sorted({k for k in keys if keys.count(k) > 1}):
            report(msg("instrument.duplicate_option", code=code, key=key), "opsi")
    if given_thresholds and kind not in _THRESHOLD_KINDS:
        report(msg("import.thresholds_need_kind", **where), "ambang")
    if text_of(values.get("arah")) and kind not in _THRESHOLD_KINDS:
        report(msg("import.direction_needs_thresholds", **where), "arah")
    if kind in _THRESHOLD_KINDS:
        similar = previous if previous is not None and previous.kind in _THRESHOLD_KINDS else None
        entry["thresholds"] = given_thresholds or [
            {"value": t.value, "fraction": t.fraction} for t in (same.thresholds if same else ())
        ]
        if not entry["thresholds"]:
            report(msg("instrument.kind_needs_thresholds", **where), "ambang")
        if text_of(values.get("arah")):
            entry["direction"] = read("arah", direction, Direction.HIGHER).value
        elif similar is not None:
            entry["direction"] = similar.direction.value
        else:
            report(msg("import.direction_required", code=code), "arah")
    negative = same.negative if same else False
    entry["negative"] = read("negatif", flag, False) if "negatif" in columns else negative
    if entry["negative"] and kind is not AnswerKind.YES_NO:
        report(msg("instrument.negative_needs_yes_no", **where), "negatif")
    strict = previous.strict if previous else False
    entry["strict"] = read("ketat", flag, False) if "ketat" in columns else strict
    # This year's wording decides whether it asks for a matrix; without one, the base's mark
    # stands (kla-2024 ships the mark, not the ministry's sentences).
    if previous is not None and previous.matrix and not text_of(values.get("uraian")):
        entry["matrix"] = True
    return entry
