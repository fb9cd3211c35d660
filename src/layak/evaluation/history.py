"""The history a person reads: audit events as sentences, with people's and units' names.

The audit rows stay as recorded (docs/audit.md); this module only chooses what a reader sees.
Hashes, ids, stored names and internal flags stay in the log and the bundle manifests. Names of
people, units and agencies are read in one query each for a whole page, never per event.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from layak.accounts.models import User
from layak.audit.models import AuditEvent
from layak.core.instrument import Question
from layak.core.numbers import localise_number
from layak.core.stages import Stage
from layak.evaluation.queries.rows import STATUS_LABELS
from layak.evaluation.templatetags.answers import value_text
from layak.regions.models import Agency, Region
from layak.web.errors import request_lang
from layak.web.templatetags.layak import points

# Kept in the log, never shown: hashes, ids, versions, stored names, flags the sentence says.
HIDDEN = frozenset(
    {
        "version", "question", "unit", "sha256", "evidence", "removed", "original_name", "size",
        "stored_name", "document", "answer_version", "units", "answered", "yes", "file", "path",
        "rule", "rules", "decree", "meeting", "member", "forum", "length", "changed", "user",
        "sk_file",
    }
)  # fmt: skip
# Keys whose value is a Kemendagri code or an agency id, shown by name.
UNIT_KEYS = frozenset({"unit", "kelurahan", "place", "region"})
AGENCY_KEYS = frozenset({"agency"})
DATE_KEYS = frozenset(
    {
        "signed_on", "valid_from", "valid_until", "since", "until", "held_on", "due_on", "date",
        "date_from", "date_until", "sk_date", "given_on", "withdrawn_on", "musrenbang_on",
        "puspa_since", "on",
    }
)  # fmt: skip
POINT_KEYS = frozenset({"points", "verified_points"})

# The snapshots' keys as a reader calls them. Marked for makemessages; translated when shown.
FIELD_LABELS = {
    "value": gettext_noop("jawaban"),
    "points": gettext_noop("nilai"),
    "note": gettext_noop("catatan"),
    "status": gettext_noop("status"),
    "stage": gettext_noop("tahap"),
    "verified_points": gettext_noop("nilai terverifikasi"),
    "title": gettext_noop("judul dokumen"),
    "document_year": gettext_noop("tahun dokumen"),
    "valid_until_year": gettext_noop("berlaku sampai tahun"),
    "agencies": gettext_noop("OPD"),
    "agency": gettext_noop("OPD"),
    "reason": gettext_noop("alasan"),
    "number": gettext_noop("nomor"),
    "signed_on": gettext_noop("tanggal ditetapkan"),
    "valid_from": gettext_noop("berlaku mulai"),
    "valid_until": gettext_noop("berlaku sampai"),
    "position": gettext_noop("jabatan"),
    "kind": gettext_noop("jenis"),
    "name": gettext_noop("nama"),
    "organisation": gettext_noop("lembaga"),
    "since": gettext_noop("sejak"),
    "until": gettext_noop("sampai"),
    "held_on": gettext_noop("tanggal"),
    "agenda": gettext_noop("agenda"),
    "place": gettext_noop("tempat"),
    "guests": gettext_noop("tamu"),
    "minutes": gettext_noop("notulen"),
    "decisions": gettext_noop("keputusan"),
    "attendees": gettext_noop("anggota hadir"),
    "what": gettext_noop("tindak lanjut"),
    "due_on": gettext_noop("tenggat"),
    "question_codes": gettext_noop("pertanyaan"),
    "year": gettext_noop("tahun"),
    "part": gettext_noop("klaster"),
    "indicator": gettext_noop("indikator"),
    "relevance": gettext_noop("keterkaitan dengan anak"),
    "child_share": gettext_noop("porsi untuk anak"),
    "output": gettext_noop("keluaran"),
    "budgets": gettext_noop("anggaran"),
}


@dataclass(frozen=True)
class Change:
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class Entry:
    at: datetime
    sentence: str
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class _Names:
    people: Mapping[int, str]
    units: Mapping[str, str]
    agencies: Mapping[int, str]


def read_history(
    events: Iterable[AuditEvent],
    *,
    question: Question | None = None,
    choices: Mapping[str, Mapping[str, object]] | None = None,
) -> list[Entry]:
    """Each event as a sentence and the fields it changed, in the current language. `choices`
    gives the labels of an app's own coded fields (a task force position, an action's status)."""
    events = list(events)
    names = _names(events)
    labels = choices or {}
    return [_entry(e, names, question, labels) for e in events]


def _names(events: list[AuditEvent]) -> _Names:
    people = {e.actor_id for e in events if e.actor_id is not None}
    units: set[str] = set()
    agencies: set[int] = set()
    for event in events:
        for data in (event.before or {}, event.after or {}):
            units.update(str(data[k]) for k in UNIT_KEYS if data.get(k))
            agencies.update(int(data[k]) for k in AGENCY_KEYS if str(data.get(k, "")).isdigit())
    return _Names(
        people={u.pk: str(u) for u in User.objects.filter(pk__in=people)} if people else {},
        units=dict(Region.objects.filter(code__in=units).values_list("code", "name"))
        if units
        else {},
        agencies=dict(Agency.objects.filter(pk__in=agencies).values_list("pk", "short_name"))
        if agencies
        else {},
    )


def _entry(
    event: AuditEvent,
    names: _Names,
    question: Question | None,
    choices: Mapping[str, Mapping[str, object]],
) -> Entry:
    before, after = event.before or {}, event.after or {}
    who = names.people.get(event.actor_id or 0) or event.actor_name or _("Sistem")
    writer = SENTENCES.get(event.action)
    sentence = writer(who, before, after, names) if writer else _generic(who, before)
    skip = HIDDEN | SAID_IN_SENTENCE.get(event.action, frozenset())
    keys = [k for k in after if k not in skip] + [
        k for k in before if k not in after and k not in skip
    ]

    def shown(key: str, value: Any) -> str:
        # Only a saved answer holds what someone chose; a recomputed one holds the units' share.
        if key == "value" and value and question and event.action == "answer.save":
            return value_text(question, value, unit_answer=bool(after.get("unit")))
        return field_value(key, value, names, choices)

    changes = tuple(
        Change(field_label(k), shown(k, before.get(k, "")), shown(k, after.get(k, "")))
        for k in keys
        if before.get(k) != after.get(k)
    )
    return Entry(at=event.at, sentence=sentence, changes=changes)


def field_label(key: str) -> str:
    label = FIELD_LABELS.get(key)
    return translation.gettext(label) if label else key.replace("_", " ")


def field_value(
    key: str,
    value: Any,
    names: _Names | None = None,
    choices: Mapping[str, Mapping[str, object]] | None = None,
) -> str:
    """A recorded value as a reader writes it: Ya/Tidak, a status's label, a unit's name, a
    date, points with the language's decimal mark."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return _("Ya") if value else _("Tidak")
    if choices and key in choices and str(value) in choices[key]:
        return str(choices[key][str(value)])
    if names is not None and key in UNIT_KEYS:
        return names.units.get(str(value), str(value))
    if names is not None and key in AGENCY_KEYS and str(value).isdigit():
        return names.agencies.get(int(value), str(value))
    if key in POINT_KEYS:
        try:
            return points(Decimal(str(value)))
        except InvalidOperation:  # history is shown as recorded, whatever it holds
            return str(value)
    if key == "status" and str(value) in STATUS_LABELS:
        return translation.gettext(STATUS_LABELS[str(value)])
    if key == "stage" and str(value) in {s.value for s in Stage}:
        return translation.gettext(Stage(str(value)).label)
    if key in DATE_KEYS:
        return _date(value)
    if key == "attendees" and isinstance(value, list):
        return ngettext("%(n)d orang", "%(n)d orang", len(value)) % {"n": len(value)}
    if isinstance(value, list):
        return "; ".join(field_value(key, v, names, choices) for v in value)
    if isinstance(value, dict):
        return "; ".join(
            f"{field_value(key, k, names, choices)}: {field_value('', v, names, choices)}"
            for k, v in value.items()
        )
    return str(value)


def _date(value: Any) -> str:
    try:
        return str(formats.date_format(date.fromisoformat(str(value)), "j M Y"))
    except ValueError:
        return str(value)


def file_text(name: object, size: object) -> str:
    """A file as people name it: "Notulen.pdf (21,9 KB)"."""
    if not isinstance(size, int) or size <= 0:
        return str(name or "")
    mb = size >= 1024 * 1024
    amount = Decimal(size) / (1024 * 1024 if mb else 1024)
    unit = "MB" if mb else "KB"
    return f"{name} ({localise_number(amount, request_lang(), 1)} {unit})"


# Sentences --------------------------------------------------------------------------------------

Writer = Callable[[str, dict[str, Any], dict[str, Any], _Names], str]


def _generic(who: str, before: dict[str, Any]) -> str:
    if before:
        return _("%(who)s mengubah catatan ini.") % {"who": who}
    return _("%(who)s mencatat ini.") % {"who": who}


def _stage(data: dict[str, Any]) -> str:
    return field_value("stage", data.get("stage", ""))


def _answer_save(who: str, before: dict[str, Any], after: dict[str, Any], names: _Names) -> str:
    if after.get("unit"):
        unit = names.units.get(str(after["unit"]), str(after["unit"]))
        return _("%(who)s menyimpan jawaban %(unit)s.") % {"who": who, "unit": unit}
    if after.get("status") == "diajukan":
        return _("%(who)s mengajukan jawaban.") % {"who": who}
    return _("%(who)s menyimpan draf jawaban.") % {"who": who}


def _recompute(who: str, before: dict[str, Any], after: dict[str, Any], names: _Names) -> str:
    if not isinstance(after.get("units"), int):
        return _("Jawaban kota dihitung ulang dari jawaban wilayah.")
    return ngettext(
        "Jawaban kota dihitung ulang dari jawaban wilayah: %(yes)d dari %(units)d wilayah "
        "menjawab Ya, %(answered)d sudah menjawab.",
        "Jawaban kota dihitung ulang dari jawaban wilayah: %(yes)d dari %(units)d wilayah "
        "menjawab Ya, %(answered)d sudah menjawab.",
        after["units"],
    ) % {"yes": after.get("yes", 0), "units": after["units"], "answered": after.get("answered", 0)}


def _verification(who: str, before: dict[str, Any], after: dict[str, Any], names: _Names) -> str:
    words = {
        "diterima": _("%(who)s menerima jawaban pada tahap %(stage)s."),
        "perbaikan": _("%(who)s mengembalikan jawaban untuk diperbaiki pada tahap %(stage)s."),
        "ditolak": _("%(who)s menolak jawaban pada tahap %(stage)s."),
    }
    sentence = words.get(str(after.get("status")), _("%(who)s memverifikasi jawaban (%(stage)s)."))
    return sentence % {"who": who, "stage": _stage(after)}


def _file(data: dict[str, Any]) -> dict[str, str]:
    return {
        "title": str(data.get("title") or data.get("original_name") or ""),
        "file": file_text(data.get("original_name"), data.get("size")),
    }


def _says(sentence: str) -> Writer:
    """A sentence that needs only the person's name."""
    return lambda who, before, after, names: translation.gettext(sentence) % {"who": who}


def _saves(created: str, changed: str) -> Writer:
    """A record written for the first time, or changed."""
    return lambda who, before, after, names: (
        translation.gettext(changed if before else created) % {"who": who}
    )


def _with_file(sentence: str) -> Writer:
    return lambda who, before, after, names: (
        translation.gettext(sentence)
        % {
            "who": who,
            **_file(after),
        }
    )


SENTENCES: dict[str, Writer] = {
    "answer.save": _answer_save,
    "answer.recompute": _recompute,
    "answer.submit": _says(
        gettext_noop("%(who)s mengajukan jawaban kota yang dihitung dari jawaban wilayah.")
    ),
    "answer.carry": lambda who, before, after, names: (
        _("Jawaban disalin dari siklus %(year)s sebagai draf yang perlu ditinjau.")
        % {"year": after.get("carried_from_year", "")}
    ),
    "answer.review": _says(
        gettext_noop("%(who)s menandai jawaban dari tahun lalu sudah ditinjau.")
    ),
    "verification.save": _verification,
    "evidence.add": _with_file(gettext_noop("%(who)s menambahkan bukti “%(title)s”: %(file)s.")),
    "evidence.carry": _with_file(
        gettext_noop("Bukti “%(title)s” yang masih berlaku ditautkan dari tahun lalu: %(file)s.")
    ),
    "evidence.remove": _with_file(gettext_noop("%(who)s menghapus bukti “%(title)s”: %(file)s.")),
    "unggahan_ditolak": lambda who, before, after, names: (
        _("%(who)s mengunggah %(file)s; berkas ditolak.")
        % {"who": who, "file": str(after.get("file", ""))}
    ),
    "stage.lock": lambda who, before, after, names: (
        _("%(who)s mengunci tahap %(stage)s. Alasan: %(reason)s")
        % {"who": who, "stage": _stage(after), "reason": after.get("reason", "")}
    ),
    "stage.unlock": lambda who, before, after, names: (
        _("%(who)s membuka kunci tahap %(stage)s. Alasan: %(reason)s")
        % {"who": who, "stage": _stage(after), "reason": after.get("reason", "")}
    ),
    "assignment.save": _says(gettext_noop("%(who)s mengubah penugasan OPD.")),
    "gugus.decree.save": _saves(
        gettext_noop("%(who)s mencatat SK Gugus Tugas."),
        gettext_noop("%(who)s mengubah SK Gugus Tugas."),
    ),
    "gugus.member.save": _saves(
        gettext_noop("%(who)s menambahkan anggota Gugus Tugas."),
        gettext_noop("%(who)s mengubah data anggota Gugus Tugas."),
    ),
    "gugus.meeting.save": _saves(
        gettext_noop("%(who)s mencatat rapat koordinasi."),
        gettext_noop("%(who)s mengubah catatan rapat koordinasi."),
    ),
    "gugus.meeting.document": _with_file(
        gettext_noop("%(who)s menambahkan dokumen rapat “%(title)s”: %(file)s.")
    ),
    "gugus.meeting.document_remove": _with_file(
        gettext_noop("%(who)s menghapus dokumen rapat “%(title)s”: %(file)s.")
    ),
    "gugus.action.save": _saves(
        gettext_noop("%(who)s mencatat tindak lanjut."),
        gettext_noop("%(who)s mengubah tindak lanjut."),
    ),
    "gugus.action.status": _says(gettext_noop("%(who)s memperbarui status tindak lanjut.")),
    "gugus.rad.save": _saves(
        gettext_noop("%(who)s mencatat kegiatan RAD KLA."),
        gettext_noop("%(who)s mengubah kegiatan RAD KLA."),
    ),
    "mitra.organisation.save": _saves(
        gettext_noop("%(who)s mencatat organisasi mitra."),
        gettext_noop("%(who)s mengubah data organisasi mitra."),
    ),
    "mitra.commitment.save": _saves(
        gettext_noop("%(who)s mencatat komitmen."),
        gettext_noop("%(who)s mengubah komitmen."),
    ),
    "mitra.contribution.save": _saves(
        gettext_noop("%(who)s mencatat kontribusi."),
        gettext_noop("%(who)s mengubah kontribusi."),
    ),
    "mitra.commitment.confirm": _says(gettext_noop("%(who)s mengonfirmasi komitmen.")),
    "mitra.contribution.confirm": _says(gettext_noop("%(who)s mengonfirmasi kontribusi.")),
    "mitra.commitment.return": _says(
        gettext_noop("%(who)s mengembalikan komitmen untuk diperbaiki.")
    ),
    "mitra.contribution.return": _says(
        gettext_noop("%(who)s mengembalikan kontribusi untuk diperbaiki.")
    ),
    "mitra.commitment.document_add": _with_file(gettext_noop("%(who)s menambahkan %(file)s.")),
    "mitra.contribution.document_add": _with_file(gettext_noop("%(who)s menambahkan %(file)s.")),
    "mitra.commitment.document_remove": _with_file(gettext_noop("%(who)s menghapus %(file)s.")),
    "mitra.contribution.document_remove": _with_file(gettext_noop("%(who)s menghapus %(file)s.")),
    "forum.save": _saves(
        gettext_noop("%(who)s mencatat Forum Anak."),
        gettext_noop("%(who)s mengubah data Forum Anak."),
    ),
    "forum.account": _says(gettext_noop("%(who)s menghubungkan akun dengan Forum Anak.")),
    "forum.member.add": _says(gettext_noop("%(who)s menambahkan anggota Forum Anak.")),
    "forum.member.save": _says(gettext_noop("%(who)s mengubah data anggota Forum Anak.")),
    "forum.consent.add": _says(gettext_noop("%(who)s mencatat persetujuan orang tua/wali.")),
    "forum.consent.withdraw": _says(
        gettext_noop("%(who)s mencatat penarikan persetujuan orang tua/wali.")
    ),
    "forum.facilitator.save": _saves(
        gettext_noop("%(who)s menambahkan pendamping Forum Anak."),
        gettext_noop("%(who)s mengubah data pendamping Forum Anak."),
    ),
    "forum.aspiration.submit": _says(gettext_noop("%(who)s mencatat aspirasi anak.")),
    "forum.aspiration.step": _says(
        gettext_noop("%(who)s mencatat langkah tindak lanjut aspirasi.")
    ),
}

# Facts the sentence already says, so they are not listed again below it.
_FILE_FACTS = frozenset({"title", "document_year", "removed"})
SAID_IN_SENTENCE: dict[str, frozenset[str]] = {
    "verification.save": frozenset({"stage", "status"}),
    "evidence.add": _FILE_FACTS,
    "evidence.remove": _FILE_FACTS,
    "evidence.carry": _FILE_FACTS,
    "answer.carry": frozenset({"carried_from_year"}),
    "answer.review": frozenset({"carried_from_year"}),
    "stage.lock": frozenset({"stage", "locked", "reason"}),
    "stage.unlock": frozenset({"stage", "locked", "reason"}),
    "gugus.meeting.document": _FILE_FACTS,
    "gugus.meeting.document_remove": _FILE_FACTS,
}
