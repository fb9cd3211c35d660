"""The one response that hands a file to a person, stored or made on the spot.

Every download carries the same headers: `Content-Disposition` (attachment unless asked
inline, the name escaped and, when it is not ASCII, given as RFC 6266's `filename*`), the
content type Layak judged, `X-Content-Type-Options: nosniff` so a browser never guesses another
type, and, for anything private, `Cache-Control: private, no-store` so no cache or shared
computer keeps a copy. Public files (open data) set their own caching.
"""

from __future__ import annotations

from typing import IO, TypeVar, overload

from django.core.files.storage import default_storage
from django.http import FileResponse, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.utils.http import content_disposition_header

from layak.audit.log import record
from layak.files.models import StoredFile

PRIVATE = "private, no-store"
R = TypeVar("R", bound=HttpResponseBase)


@overload
def download(
    content: bytes, *, filename: str, content_type: str, private: bool = ..., inline: bool = ...
) -> HttpResponse: ...


@overload
def download(
    content: IO[bytes],
    *,
    filename: str,
    content_type: str,
    private: bool = ...,
    inline: bool = ...,
) -> FileResponse: ...


def download(
    content: bytes | IO[bytes],
    *,
    filename: str,
    content_type: str,
    private: bool = True,
    inline: bool = False,
) -> HttpResponse | FileResponse:
    """`content` (bytes made for this response, or an open file, streamed) as `filename`."""
    response: HttpResponse | FileResponse
    if isinstance(content, bytes):
        response = HttpResponse(content, content_type=content_type)
        disposition = content_disposition_header(not inline, filename)
        if disposition:
            response["Content-Disposition"] = disposition
    else:
        response = FileResponse(
            content, as_attachment=not inline, filename=filename, content_type=content_type
        )
    return _protected(response, private)


def download_stored(stored_name: str, *, filename: str, content_type: str) -> FileResponse:
    """A private file from Layak's file storage, by the name Layak stored it under."""
    handle = default_storage.open(stored_name, "rb")
    return download(handle, filename=filename, content_type=content_type)


def download_recorded(
    request: HttpRequest,
    item: StoredFile,
    *,
    filename: str,
    action: str,
    object_type: str,
    region_code: str,
) -> FileResponse:
    """A stored file handed to the signed-in person, with the audit row of who read it (evidence,
    stakeholders' documents, on the web and in the API)."""
    record(
        action,
        actor=request.user,
        object_type=object_type,
        object_id=item.pk,
        region_code=region_code,
        request=request,
    )
    return download_stored(item.stored_name, filename=filename, content_type=item.content_type)


def _protected(response: R, private: bool) -> R:
    response["X-Content-Type-Options"] = "nosniff"
    if private:
        response["Cache-Control"] = PRIVATE
    return response
