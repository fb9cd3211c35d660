"""The answers the registries propose (layak.evaluation.proposals): for a question a kind of
institution informs, the share with a decree (15.1, 19.2a–e) or a count (15.3, 20.1...) in the
cycle's year; for a KHA question (2.2, 15.4...), the staff trained of the agencies assigned to
it. Yes/no questions get "ya" when the register counts at least one. A register with nothing
of the kind proposes nothing: an empty register says nothing about the region.

At most five queries for any number of questions, none when no question is the registries'.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from layak.core.instrument import AnswerKind, Question
from layak.core.messages import msg
from layak.core.numbers import Lang, Number, canonical_number, localise_number
from layak.core.registries import (
    COUNTED,
    KHA_QUESTIONS,
    Counted,
    InstitutionKind,
    Share,
    counted_kinds,
    person_key,
    share_kind,
)
from layak.evaluation.models import Assignment, Cycle
from layak.evaluation.proposals import Proposal
from layak.registries.models import AgencyStaff, Basis, Designation, Institution, Participant

_FITS = (AnswerKind.PERCENTAGE, AnswerKind.NUMBER, AnswerKind.YES_NO)


def _lang() -> Lang:
    return "en" if (translation.get_language() or "").startswith("en") else "id"


def _url(name: str, cycle: Cycle, kind: str | None = None) -> str:
    path = reverse(name, args=[kind] if kind else [])
    return f"{path}?{urlencode({'wilayah': cycle.region_id, 'tahun': cycle.year})}"


def registry_proposals(cycle: Cycle, questions: Sequence[Question]) -> dict[str, Proposal]:
    mine = [q for q in questions if q.kind in _FITS]
    found = _institution_proposals(cycle, mine)
    found.update(_kha_proposals(cycle, [q for q in mine if q.code in KHA_QUESTIONS]))
    return found


def _kinds_of(question: Question) -> list[InstitutionKind]:
    if question.kind is AnswerKind.PERCENTAGE:
        kind = share_kind(question.code)
        return [kind] if kind else []
    return counted_kinds(question.code)


def _institution_proposals(cycle: Cycle, questions: list[Question]) -> dict[str, Proposal]:
    asked = {q.code: (q, _kinds_of(q)) for q in questions}
    asked = {code: pair for code, pair in asked.items() if pair[1]}
    if not asked:
        return {}
    codes = {k.code.value for _q, kinds in asked.values() for k in kinds}
    year = cycle.year
    # kind → (active, with a decree in force, with a standard or self-assessment in force)
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for institution in Institution.objects.filter(
        region_id=cycle.region_id, kind__in=codes, active=True
    ).prefetch_related("designations"):
        held: list[Designation] = [d for d in institution.designations.all() if d.holds_in(year)]
        line = tally[institution.kind]
        line[0] += 1
        line[1] += any(d.basis == Basis.DECREE for d in held)
        line[2] += any(d.basis != Basis.DECREE for d in held)
    today = timezone.localdate()
    found = {}
    for code, (question, kinds) in asked.items():
        total = sum(tally[k.code.value][0] for k in kinds)
        if total == 0:
            continue
        names = ", ".join(k.name for k in kinds)
        url = _url("registries:kind", cycle, kinds[0].code.value) if len(kinds) == 1 else None
        url = url or _url("registries:index", cycle)
        if question.kind is AnswerKind.PERCENTAGE:
            decreed = tally[kinds[0].code.value][1]
            percent = Share(decreed, total).percent or Decimal(0)  # total > 0: never None
            value = canonical_number(percent)
            shown: object = msg("answer.shown_percent", value=Number(percent, 1))
            source = _("Registri %(kind)s: %(n)s dari %(total)s ber-SK") % {
                "kind": names,
                "n": decreed,
                "total": total,
            }
        else:
            counted = COUNTED[code]
            n = sum(tally[k.code.value][_COLUMN[counted]] for k in kinds)
            value, shown = _count_value(question, n)
            source = _count_source(counted, names, n, total)
        found[code] = Proposal(value, shown, source, today, url)
    return found


_COLUMN = {Counted.ACTIVE: 0, Counted.DECREED: 1, Counted.STANDARDISED: 2}


def _count_value(question: Question, n: int) -> tuple[str, object]:
    """The answer and the answer for people, written in the reader's language when shown."""
    if question.kind is AnswerKind.YES_NO:
        return ("ya", msg("answer.shown_yes")) if n > 0 else ("tidak", msg("answer.shown_no"))
    return str(n), Number(n)


def _count_source(counted: Counted, names: str, n: int, total: int) -> str:
    if counted is Counted.ACTIVE:
        return _("Registri %(kind)s: %(n)s lembaga aktif") % {"kind": names, "n": n}
    if counted is Counted.DECREED:
        text = _("Registri %(kind)s: %(n)s dari %(total)s ber-SK")
    else:
        text = _("Registri %(kind)s: %(n)s dari %(total)s terstandar atau sudah menilai mandiri")
    return text % {"kind": names, "n": n, "total": total}


def _kha_proposals(cycle: Cycle, questions: list[Question]) -> dict[str, Proposal]:
    """The staff trained by the end of the cycle's year, of the agencies assigned to each KHA
    question: a count question takes their number, a yes/no question "ya" when one is."""
    if not questions:
        return {}
    codes = {q.code for q in questions}
    assigned: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for code, agency_id, short in Assignment.objects.filter(
        cycle=cycle, question_code__in=codes
    ).values_list("question_code", "agency_id", "agency__short_name"):
        assigned[code].append((agency_id, short))
    agencies = {a for pairs in assigned.values() for a, _s in pairs}
    if not agencies:
        return {}
    year = cycle.year
    people: dict[int, set[str]] = defaultdict(set)
    for agency_id, name in Participant.objects.filter(
        agency_id__in=agencies, event__held_on__year__lte=year
    ).values_list("agency_id", "name"):
        people[agency_id].add(person_key(name))
    staff = dict(
        AgencyStaff.objects.filter(agency_id__in=agencies, year=year).values_list(
            "agency_id", "count"
        )
    )
    today, lang = timezone.localdate(), _lang()
    found = {}
    for question in questions:
        pairs = assigned.get(question.code, [])
        if not any(people[a] or a in staff for a, _s in pairs):
            continue  # nothing recorded for these agencies: the register says nothing
        trained = sum(len(people[a]) for a, _s in pairs)
        parts = []
        for agency_id, short in pairs:
            n, whole = len(people[agency_id]), staff.get(agency_id)
            if whole:
                percent = localise_number(Share(n, whole).percent or 0, lang, 1)
                part = _("%(agency)s %(n)s dari %(whole)s pegawai (%(percent)s %%)") % {
                    "agency": short,
                    "n": n,
                    "whole": whole,
                    "percent": percent,
                }
            else:
                part = _("%(agency)s %(n)s orang") % {"agency": short, "n": n}
            parts.append(part)
        value, shown = _count_value(question, trained)
        source = _("Registri pelatihan KHA, terlatih: %(parts)s") % {"parts": "; ".join(parts)}
        found[question.code] = Proposal(
            value, shown, source, today, _url("registries:trainings", cycle)
        )
    return found
