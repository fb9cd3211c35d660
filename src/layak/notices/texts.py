"""Each notice's sentence, written when it is read, in the reader's language.

`params` holds the facts the sentence names (who, which question, which stage, the note). A
Forum Anak account reads its aspiration's steps in words for a child (docs/forum-anak.md)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from layak.core.stages import Stage
from layak.notices.models import Kind, Notice


def _stage(params: Mapping[str, Any]) -> str:
    value = str(params.get("stage", ""))
    try:
        return _(Stage(value).label)
    except ValueError:
        return value


def _on(params: Mapping[str, Any]) -> str:
    """A day kept as ISO 8601, in the reader's way ("9 Juli 2026", "9 July 2026")."""
    try:
        return formats.date_format(date.fromisoformat(str(params.get("on", ""))), "j F Y")
    except ValueError:
        return str(params.get("on", ""))


def _question(params: Mapping[str, Any]) -> str:
    return f"{params.get('question', '')} {params.get('label', '')}".strip()


def _about_answer(template: str) -> Callable[[Mapping[str, Any]], str]:
    """A verifier's or an officer's action on an answer: who, which question, which stage."""
    return lambda p: (
        _(template)
        % {
            "who": p.get("who", ""),
            "question": _question(p),
            "stage": _stage(p),
        }
    )


_sent_back = _about_answer(
    gettext_noop("%(who)s mengembalikan jawaban %(question)s untuk diperbaiki (%(stage)s).")
)
_resubmitted = _about_answer(
    gettext_noop("%(who)s mengajukan ulang jawaban %(question)s setelah perbaikan (%(stage)s).")
)
_accepted = _about_answer(gettext_noop("%(who)s menerima jawaban %(question)s (%(stage)s)."))
_rejected = _about_answer(gettext_noop("%(who)s menolak jawaban %(question)s (%(stage)s)."))


def _assigned(p: Mapping[str, Any]) -> str:
    return _("%(who)s menugaskan pertanyaan %(question)s kepada %(agency)s.") % {
        "who": p.get("who", ""),
        "question": _question(p),
        "agency": p.get("agency", ""),
    }


def _window(p: Mapping[str, Any]) -> dict[str, Any]:
    """What the notices of a stage window opening or closing say: which stage, when, how soon."""
    return {"stage": _stage(p), "year": p.get("year", ""), "days": p.get("days", ""), "on": _on(p)}


def _window_opens(p: Mapping[str, Any]) -> str:
    return _("Tahap %(stage)s %(year)s dibuka dalam %(days)s hari, pada %(on)s.") % _window(p)


def _window_closes(p: Mapping[str, Any]) -> str:
    return _("Tahap %(stage)s %(year)s ditutup dalam %(days)s hari, pada %(on)s.") % _window(p)


def _stage_locked(p: Mapping[str, Any]) -> str:
    return _("%(who)s mengunci tahap %(stage)s %(year)s: %(reason)s") % {
        "who": p.get("who", ""),
        "stage": _stage(p),
        "year": p.get("year", ""),
        "reason": p.get("note", ""),
    }


def _action_due(p: Mapping[str, Any]) -> str:
    return _("Tindak lanjut “%(what)s” jatuh tempo %(on)s.") % {
        "what": p.get("what", ""),
        "on": _on(p),
    }


def _confirmed(p: Mapping[str, Any]) -> str:
    return _("%(who)s mengonfirmasi catatan “%(title)s”; kini ikut dihitung.") % {
        "who": p.get("who", ""),
        "title": p.get("title", ""),
    }


def _returned(p: Mapping[str, Any]) -> str:
    return _("%(who)s mengembalikan catatan “%(title)s” untuk dilengkapi.") % {
        "who": p.get("who", ""),
        "title": p.get("title", ""),
    }


def _aspiration_step(p: Mapping[str, Any]) -> str:
    """For a child: what happened to their aspiration, without the planning cycle's words."""
    topic = p.get("topic", "")
    status = p.get("status", "")
    if status == "dibahas":
        return _("Aspirasimu “%(topic)s” sedang dibahas di musyawarah rencana kota.") % {
            "topic": topic
        }
    if status == "diakomodasi":
        return _("Hore! Aspirasimu “%(topic)s” masuk rencana kerja %(agency)s.") % {
            "topic": topic,
            "agency": p.get("agency", ""),
        }
    if status == "ditolak":
        return _(
            "Aspirasimu “%(topic)s” belum bisa dijalankan. Alasannya bisa kamu baca di halamanmu."
        ) % {"topic": topic}
    if status == "dilaksanakan":
        return _("Aspirasimu “%(topic)s” sudah dikerjakan. Terima kasih sudah bersuara!") % {
            "topic": topic
        }
    return _("Aspirasimu “%(topic)s” sudah kami terima.") % {"topic": topic}


SENTENCES: dict[str, Callable[[Mapping[str, Any]], str]] = {
    Kind.SENT_BACK: _sent_back,
    Kind.RESUBMITTED: _resubmitted,
    Kind.ACCEPTED: _accepted,
    Kind.REJECTED: _rejected,
    Kind.ASSIGNED: _assigned,
    Kind.WINDOW_OPENS: _window_opens,
    Kind.WINDOW_CLOSES: _window_closes,
    Kind.STAGE_LOCKED: _stage_locked,
    Kind.ACTION_DUE: _action_due,
    Kind.CONTRIBUTION_CONFIRMED: _confirmed,
    Kind.CONTRIBUTION_RETURNED: _returned,
    Kind.ASPIRATION_STEP: _aspiration_step,
}


def sentence(notice: Notice) -> str:
    return SENTENCES[notice.kind](notice.params)


def note_of(notice: Notice) -> str:
    """The note a person wrote with the action (a verifier's reason), shown under the sentence."""
    return str(notice.params.get("note", "")) if notice.kind != Kind.STAGE_LOCKED else ""
