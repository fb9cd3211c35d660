"""Forms and refusals on the web: the one helper that puts a refusal on a form, and the one shape
of a page with a form (docs/architecture.md, "Answers: 404, 403, 400").

A page with a form answers GET with the form (200). A POST whose form is invalid, or whose
service refuses the input (`InputError`), answers 400 with the same form and its errors; a POST
that is accepted redirects (302). htmx swaps a 400 like a 200 (base.html sets its
`responseHandling`), so a partial form shows its errors too.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from layak.core.messages import InputError, Lang, msg
from layak.core.rupiah import parse_amount, rupiah
from layak.web.errors import request_lang

INVALID = 400
# A date field's widget: the browser's date picker, sending ISO dates.
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

Context = Mapping[str, Any] | Callable[[], Mapping[str, Any]]


def refusals_on_form(form: BaseForm, error: InputError, lang: Lang) -> None:
    """Each problem at the field its column names, or at the top of the form when the form has
    no such field; the error keeps the message's key as its `code`."""
    for problem in error.problems:
        text = problem.message.render(lang) if problem.row is None else problem.render(lang)
        field = problem.column if problem.column in form.fields else None
        form.add_error(field, ValidationError(text, code=problem.message.key))


def form_page(
    request: HttpRequest,
    form: BaseForm,
    template: str,
    context: Context,
    save: Callable[[], HttpResponse],
    *,
    also: Sequence[BaseForm] = (),
) -> HttpResponse:
    """The one shape of a view with a form.

    GET renders `template` with `form` (200). POST checks `form` and the forms in `also`; when
    all are valid, `save()` calls the service and returns the answer (a redirect). An invalid
    form, or a refusal from the service (put on `form`), renders the template again with the
    errors, 400. `context` (or a function giving it, called only when rendering) completes
    the template's context; it holds the form as "form" unless it says otherwise.
    """
    if request.method == "POST":
        valid = [f.is_valid() for f in (form, *also)]
        if all(valid):
            try:
                return save()
            except InputError as error:
                refusals_on_form(form, error, request_lang(request))
    extra = context() if callable(context) else context
    status = INVALID if request.method == "POST" else 200
    return render(request, template, {"form": form, **extra}, status=status)


class RupiahField(forms.CharField):
    """A sum as people type it ("25.000.000", "Rp 1.500.000,50") → Decimal with two places: the
    one rule of every sum (`parse_amount`), for a contribution's value and a RAD budget line
    alike. `negative=False` refuses a sum below zero here (where no model rule does)."""

    def __init__(self, *, negative: bool = True, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.negative = negative
        self.widget.attrs.update({"inputmode": "decimal", "autocomplete": "off"})

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        amount = parse_amount(text)
        key = (
            "rupiah.unreadable"
            if amount is None
            else "rupiah.negative"
            if amount < 0 and not self.negative
            else ""
        )
        if key:
            raise ValidationError(msg(key).render(request_lang()), code=key)
        return amount

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Decimal):  # what parse_amount reads back, in either language
            return rupiah(value, "id", symbol=False, sen=True)
        return value
