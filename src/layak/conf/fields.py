"""The links that records of many apps declare alike, defined once: to the person who did
something to the record (created, updated, reviewed it), to a region and to an agency (OPD).

Each is a `ForeignKey` that protects what it points at (an account, a region or an agency that
records name is never deleted under them) and that the other side does not list back
(`related_name="+"`). A link that the other side does list, or that cascades, is written out
where it stands.

Each call makes a new field, in the place of the class body it is called in, so a model's
fields keep their order. The options given are the field's own: a migration sees the same field
as one written out.

It lives in the foundation (conf), below every app with models; the models it points at are
named by their label, as Django resolves them once the apps are loaded.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal, overload

from django.conf import settings
from django.db import models

from layak.core.wilayah import Level

if TYPE_CHECKING:
    from django.db.models.expressions import Combinable
    from django.utils.functional import _StrOrPromise

    from layak.accounts.models import User
    from layak.regions.models import Agency, Region


def _key(
    to: str,
    verbose_name: _StrOrPromise | None,
    *,
    optional: bool,
    help_text: _StrOrPromise = "",
    **options: Any,
) -> models.ForeignKey[Any, Any]:
    # Django's defaults (null, blank False; no verbose name, empty help) are left out of the
    # field's deconstruction, so passing them equals not writing them.
    return models.ForeignKey(
        to,
        null=optional,
        blank=optional,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=verbose_name,
        help_text=help_text,
        **options,
    )


@overload
def user_key(
    *, optional: Literal[False] = False, help_text: _StrOrPromise = ""
) -> models.ForeignKey[User | Combinable, User]: ...
@overload
def user_key(
    *, optional: Literal[True], help_text: _StrOrPromise = ""
) -> models.ForeignKey[User | Combinable | None, User | None]: ...
def user_key(
    *, optional: bool = False, help_text: _StrOrPromise = ""
) -> models.ForeignKey[Any, Any]:
    """Who did something to the record: `created_by`, `updated_by`, `verifier`…; `optional` for
    what may not have happened yet (`reviewed_by`) or may have no person (a command's import)."""
    return _key(settings.AUTH_USER_MODEL, None, optional=optional, help_text=help_text)


@overload
def region_key(
    verbose_name: _StrOrPromise | None = None,
    *,
    optional: Literal[False] = False,
    level: Level | None = None,
    help_text: _StrOrPromise = "",
) -> models.ForeignKey[Region | Combinable, Region]: ...
@overload
def region_key(
    verbose_name: _StrOrPromise | None = None,
    *,
    optional: Literal[True],
    level: Level | None = None,
    help_text: _StrOrPromise = "",
) -> models.ForeignKey[Region | Combinable | None, Region | None]: ...
def region_key(
    verbose_name: _StrOrPromise | None = None,
    *,
    optional: bool = False,
    level: Level | None = None,
    help_text: _StrOrPromise = "",
) -> models.ForeignKey[Any, Any]:
    """The region a record is about or happened in: its kabupaten/kota, a kecamatan/kelurahan
    (`unit`), a place. `level`: the forms offer only regions of that level."""
    options: dict[str, Any] = {} if level is None else {"limit_choices_to": {"level": level}}
    return _key("regions.Region", verbose_name, optional=optional, help_text=help_text, **options)


@overload
def agency_key(
    verbose_name: _StrOrPromise | None = None, *, optional: Literal[False] = False
) -> models.ForeignKey[Agency | Combinable, Agency]: ...
@overload
def agency_key(
    verbose_name: _StrOrPromise | None = None, *, optional: Literal[True]
) -> models.ForeignKey[Agency | Combinable | None, Agency | None]: ...
def agency_key(
    verbose_name: _StrOrPromise | None = None, *, optional: bool = False
) -> models.ForeignKey[Any, Any]:
    """The agency (OPD) that does or answers for what the record says."""
    return _key("regions.Agency", verbose_name, optional=optional)
