"""The one shape of an app's lookup (its lookups.py): the row a request names by its id, when
the person may see it; 404 otherwise, also for a row that exists (its existence is not
revealed). The apps' lookups each wrote these four lines; they now say only which rows and
which rule."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.db.models import Model, QuerySet
from django.http import Http404

RowT = TypeVar("RowT", bound=Model)


def visible_or_404(rows: QuerySet[RowT], pk: int, may_see: Callable[[RowT], bool]) -> RowT:
    found = rows.filter(pk=pk).first()
    if found is None or not may_see(found):
        raise Http404
    return found
