"""What the form pages of a record a kabupaten/kota keeps share (an institution, a training):
the form that saves the record with its service and returns to the record's own page, the
region named in its links as on the lists."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.contrib import messages
from django.forms import ModelForm
from django.http import HttpResponse
from django.shortcuts import redirect

from layak.accounts.typing import SignedInRequest
from layak.regions.lookups import chosen
from layak.registries.models import Institution, TrainingEvent
from layak.web.forms import form_page

KeptT = TypeVar("KeptT", Institution, TrainingEvent)


def kept_form_page(
    request: SignedInRequest,
    form: ModelForm[Any],
    template: str,
    save: Callable[..., KeptT],
    saved_message: Callable[[KeptT], str],
) -> HttpResponse:
    """The form of the record `form` changes, on `template`. `save` is the service (user,
    record); `saved_message` says what was saved, from the record the service returns."""
    item = form.instance

    def saved() -> HttpResponse:
        record = save(request.user, item, request=request)
        messages.success(request, saved_message(record))
        return redirect(record)

    region = item.region
    context = {"item": item, "region": region, "chosen": chosen(request, region)}
    return form_page(request, form, template, context, saved)
