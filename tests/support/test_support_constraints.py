"""The suite's sparing foreign-key check (tests/support/constraints.py) still finds every broken
link: in the units table once a statement wrote it, and in every other table each time."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext

from layak.evaluation.models import Answer
from layak.regions.models import Region

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="the sparing check is SQLite's"),
]


def _checked_tables() -> list[str]:
    with CaptureQueriesContext(connection) as seen:
        connection.check_constraints()
    return [q["sql"] for q in seen.captured_queries if "foreign_key_check" in q["sql"]]


def test_a_unit_whose_parent_is_missing_is_found(world: Any) -> None:
    connection.check_constraints()  # whatever came before, the units are now checked
    Region.objects.create(
        code="18.72.99", name="Uji", level=Region.Levels.DISTRICT, parent_id="18.99"
    )
    with pytest.raises(IntegrityError):
        connection.check_constraints()
    Region.objects.filter(code="18.72.99").delete()  # the test's own end-of-test check passes


def test_the_units_are_left_out_only_while_nothing_wrote_them(world: Any) -> None:
    connection.check_constraints()
    assert not any("regions_region" in sql for sql in _checked_tables())
    assert any("evaluation_answer" in sql for sql in _checked_tables())
    Region.objects.filter(code="18.72.01").update(name="Metro Barat (uji)")
    assert _checked_tables() == ["PRAGMA foreign_key_check"]  # whole again, once
    assert not any("regions_region" in sql for sql in _checked_tables())


def test_a_link_from_another_table_to_a_missing_unit_is_found(world: Any) -> None:
    connection.check_constraints()
    answer = Answer.objects.filter(unit__isnull=False).first()
    assert answer is not None
    Answer.objects.filter(pk=answer.pk).update(unit_id="18.72.98.9999")
    with pytest.raises(IntegrityError):
        connection.check_constraints()
    Answer.objects.filter(pk=answer.pk).update(unit_id=answer.unit_id)
