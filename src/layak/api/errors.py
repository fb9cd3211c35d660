"""Every API error in one shape (docs/api.md):

    {"error": {"code": "...", "message": "...", "details": [{"field"|"row"|"column", "rule",
     "message"}]}}

Messages are Indonesian, English when the request's Accept-Language prefers English. Every
refusal (the core's InputError, a model's ValidationError, a refused file) answers through one
handler, `on_refusal`, and keeps the core's message key as `rule`, the same rule the web form
shows.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, RequestDataTooBig, TooManyFilesSent
from django.core.exceptions import ValidationError as ModelValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation.trans_real import parse_accept_lang_header
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from layak.conf.refusals import refusal_of
from layak.core.messages import InputError, Lang, Problem
from layak.core.numbers import localise_number
from layak.evaluation.services import Conflict
from layak.files.inspect import Refused

# code → (Indonesian, English)
MESSAGES: dict[str, tuple[str, str]] = {
    "bad_request": ("Permintaan tidak dapat dibaca.", "The request cannot be read."),
    "unauthorized": (
        "Token API tidak ada, tidak dikenal, kedaluwarsa, atau sudah dicabut.",
        "The API token is missing, unknown, expired or revoked.",
    ),
    "forbidden": ("Anda tidak berhak melakukan ini.", "You may not do this."),
    "https_required": (
        "API hanya melayani HTTPS; token yang terkirim lewat HTTP sebaiknya dicabut.",
        "The API answers over HTTPS only; revoke a token that was sent over HTTP.",
    ),
    "not_found": ("Tidak ditemukan.", "Not found."),
    "method_not_allowed": ("Metode tidak diizinkan.", "Method not allowed."),
    "conflict": (
        "Data ini sudah diubah orang lain sejak Anda membukanya.",
        "Someone else changed this since you opened it.",
    ),
    "stage_closed": ("Tahap ini tidak menerima perubahan.", "This stage accepts no changes."),
    "invalid": ("Isian tidak sah.", "The input is not valid."),
    "too_large": (
        "Permintaan terlalu besar (paling banyak 25 MB, 20 berkas).",
        "The request is too large (at most 25 MB, 20 files).",
    ),
    "length_required": (
        "Permintaan tanpa Content-Length tidak diterima.",
        "A request body needs a Content-Length.",
    ),
    "rate_limited": (
        "Terlalu banyak permintaan; coba lagi sebentar lagi.",
        "Too many requests; try again shortly.",
    ),
}
STATUS_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    411: "length_required",
    413: "too_large",
    422: "invalid",
    429: "rate_limited",
}
# Rules of pydantic's validation errors, in both languages.
RULES: dict[str, tuple[str, str]] = {
    "missing": ("wajib diisi", "is required"),
    "int_parsing": ("harus bilangan bulat", "must be a whole number"),
    "int_type": ("harus bilangan bulat", "must be a whole number"),
    "bool_parsing": ("harus true atau false", "must be true or false"),
    "bool_type": ("harus true atau false", "must be true or false"),
    "string_type": ("harus berupa teks", "must be text"),
    "string_too_long": (
        "terlalu panjang (paling banyak {max_length})",
        "too long (at most {max_length})",
    ),
    "greater_than_equal": ("paling kecil {ge}", "must be at least {ge}"),
    "less_than_equal": ("paling besar {le}", "must be at most {le}"),
    "json_invalid": ("bukan JSON yang sah", "is not valid JSON"),
    "model_attributes_type": ("harus berupa objek JSON", "must be a JSON object"),
}


def lang_of(request: HttpRequest) -> Lang:
    """Indonesian unless Accept-Language prefers English."""
    header = request.headers.get("Accept-Language", "")
    for code, _quality in parse_accept_lang_header(header):
        if code.startswith("en"):
            return "en"
        if code.startswith("id") or code == "*":
            return "id"
    return "id"


def body(
    request: HttpRequest, code: str, details: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    indonesian, english = MESSAGES[code]
    message = english if lang_of(request) == "en" else indonesian
    return {"error": {"code": code, "message": message, "details": details or []}}


def respond(
    api: NinjaAPI, request: HttpRequest, status: int, code: str, details: list[Any] | None = None
) -> HttpResponse:
    return api.create_response(request, body(request, code, details), status=status)


def _rule_message(request: HttpRequest, error: dict[str, Any]) -> str:
    kind = str(error.get("type", ""))
    if kind in RULES:
        indonesian, english = RULES[kind]
        lang = lang_of(request)
        template = english if lang == "en" else indonesian
        context = {
            name: localise_number(value, lang)
            if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)
            else value
            for name, value in (error.get("ctx") or {}).items()
        }
        try:
            return template.format(**context)
        except (KeyError, IndexError):
            return template
    return ("nilai tidak sah: " if lang_of(request) == "id" else "not valid: ") + str(
        error.get("msg", "")
    )


def _field(loc: list[Any] | tuple[Any, ...]) -> str:
    # ("query", "limit") → limit; ("body", "payload", "value") → value; ("body",) → body
    parts = [str(p) for p in loc]
    if parts[:1] == ["body"] and len(parts) > 2:
        parts = parts[2:]
    elif parts[:1] == ["body"]:  # the body as a whole (its parameter's name is ours)
        return "body"
    elif len(parts) > 1:
        parts = parts[1:]
    return ".".join(parts)


def validation_details(request: HttpRequest, errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            "field": _field(e.get("loc", ())),
            "rule": str(e.get("type", "")),
            "message": _rule_message(request, e),
        }
        for e in errors
    ]


def input_details(request: HttpRequest, error: InputError) -> list[dict[str, Any]]:
    details: list[dict[str, Any]] = []
    for problem in error.problems:
        where: dict[str, Any] = {}
        if problem.row is not None:
            where["row"] = problem.row
            if problem.column is not None:
                where["column"] = problem.column
        elif problem.column is not None:
            where["field"] = problem.column
        details.append(
            {
                **where,
                "rule": problem.message.key,
                "message": problem.message.render(lang_of(request)),
            }
        )
    return details


def as_refusal(exc: Exception) -> InputError:
    """Any refusal as the core's InputError: a model's ValidationError through its keys, a
    refused file (layak.files) as its one problem."""
    if isinstance(exc, InputError):
        return exc
    if isinstance(exc, ModelValidationError):
        return refusal_of(exc)
    if isinstance(exc, Refused):
        return InputError([Problem(exc.message)])
    raise TypeError(f"not a refusal: {exc!r}")


def install(api: NinjaAPI) -> None:
    """Replace ninja's own error answers with the one shape."""

    def on_validation(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        details = validation_details(request, list(exc.errors))
        unreadable = any(d["rule"] == "json_invalid" for d in details)
        if unreadable:
            return respond(api, request, 400, "bad_request", details)
        return respond(api, request, 422, "invalid", details)

    def on_refusal(request: HttpRequest, exc: Exception) -> HttpResponse:
        details = input_details(request, as_refusal(exc))
        if isinstance(exc, Conflict):
            return respond(api, request, 409, "conflict", details)
        if any(d["rule"].startswith("stage.") for d in details):
            return respond(api, request, 409, "stage_closed", details)
        return respond(api, request, 422, "invalid", details)

    def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        code = STATUS_CODES.get(exc.status_code, "bad_request")
        response = respond(api, request, exc.status_code, code)
        if isinstance(exc, AuthenticationError):
            response["WWW-Authenticate"] = 'Bearer realm="layak"'
        return response

    def on_throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
        return respond(api, request, 429, "rate_limited")  # ninja adds Retry-After

    api.add_exception_handler(ValidationError, on_validation)  # type: ignore[arg-type]
    for refusal in (InputError, ModelValidationError, Refused):
        api.add_exception_handler(refusal, on_refusal)  # type: ignore[arg-type]
    api.add_exception_handler(HttpError, on_http_error)  # type: ignore[arg-type]
    api.add_exception_handler(Throttled, on_throttled)  # type: ignore[arg-type]
    api.add_exception_handler(
        Http404,
        lambda request, exc: respond(api, request, 404, "not_found"),
    )
    api.add_exception_handler(
        RequestDataTooBig,
        lambda request, exc: respond(api, request, 413, "too_large"),
    )
    api.add_exception_handler(
        TooManyFilesSent,
        lambda request, exc: respond(api, request, 413, "too_large"),
    )
    api.add_exception_handler(
        PermissionDenied,
        lambda request, exc: respond(api, request, 403, "forbidden"),
    )
