"""Answers proposed from the records Layak keeps: a question that asks for a count or a share
shows the figure computed from a register (the registries of institutions, KHA training) as
the proposed answer, with its source and date. The officer accepts it, or answers otherwise
with a note (`core.answers.proposal_note_problem`, checked in `services.check_answer_input`
for the web form, the API and the agency workbook alike).

The registers live above this layer, so each registers a provider in its AppConfig.ready():

    from layak.evaluation.proposals import register
    register(registry_proposals)

A provider gets the cycle and the questions of a page and returns a proposal per question it
informs, in a fixed number of queries however many questions (the answer list asks for all
of them at once), and none when no question is its own.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from layak.conf.refusals import active_lang
from layak.core.instrument import Question
from layak.core.messages import shown_in
from layak.evaluation.models import Cycle


@dataclass(frozen=True)
class Proposal:
    value: str  # the answer as save_answer takes it: "77.8", "3", "ya"
    # The value for people, written in the reader's language when it is shown (a Number, a
    # Message): "77,8 %" on an Indonesian page, "77.8 %" in an English API client's refusal.
    said: object
    source: str  # "Registri Puskesmas: 7 dari 9 ber-SK"
    as_of: date  # the day the figure was read from the register
    url: str | None = None  # the register's page

    @property
    def shown(self) -> str:
        """The value in the language Django speaks now (the page's)."""
        return shown_in(self.said, active_lang())


Provider = Callable[[Cycle, Sequence[Question]], dict[str, Proposal]]
_PROVIDERS: list[Provider] = []


def register(provider: Provider) -> Provider:
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)
    return provider


def proposals_for(cycle: Cycle, questions: Sequence[Question]) -> dict[str, Proposal]:
    """Question code → the proposal for it (the first provider's, when several inform it).
    Questions its units answer are computed from their answers: nothing is proposed."""
    asked = [q for q in questions if not q.per_unit]
    found: dict[str, Proposal] = {}
    for provider in _PROVIDERS:
        for code, proposal in provider(cycle, asked).items():
            found.setdefault(code, proposal)
    return found


def proposal_for(cycle: Cycle, question: Question) -> Proposal | None:
    return proposals_for(cycle, [question]).get(question.code)
