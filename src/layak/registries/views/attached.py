"""What the pages of a record that carries a file share (an institution's decree, a
participant's certificate): the form that saves the record with its upload and returns to the
record it belongs to, and the download of the stored file with its audit row."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.forms import ModelForm
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect

from layak.accounts.typing import SignedInRequest
from layak.files.download import download_recorded
from layak.files.models import StoredFile
from layak.registries.models import Institution, TrainingEvent
from layak.web.forms import form_page


def attached_form_page(
    request: SignedInRequest,
    form: ModelForm[Any],
    owner: Institution | TrainingEvent,
    save: Callable[..., Any],
    saved_message: Callable[[], str],
) -> HttpResponse:
    """The form of a record with a file under `owner`, on the page named after the record's
    model (registries/designation_form.html), returning to the owner's page once saved. `save`
    is the service (user, record, upload); `saved_message` is read once the form has filled the
    record in."""
    item = form.instance

    def saved() -> HttpResponse:
        upload = form.cleaned_data.get("file")
        save(request.user, item, upload, request=request)
        messages.success(request, saved_message())
        return redirect(owner)

    template = f"registries/{item._meta.model_name}_form.html"
    return form_page(request, form, template, {"item": item, "owner": owner}, saved)


def attached_file(
    request: SignedInRequest,
    item: StoredFile,
    *,
    name: str,
    object_type: str,
    action: str,
    region_code: str,
) -> FileResponse:
    """The record's stored file as `<name>-<id>.<extension>`, or 404 when it has none."""
    if not item.stored_name:
        raise Http404
    return download_recorded(
        request,
        item,
        filename=f"{name}-{item.pk}.{item.extension}",
        action=action,
        object_type=object_type,
        region_code=region_code,
    )
