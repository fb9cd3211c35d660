"""The import service: a new current dataset in one transaction with its audit row, or nothing
at all (refused, dry run, a failure part-way); the same file twice changes nothing; and no NIK
anywhere in the database afterwards."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.db import models

from layak.audit.models import AuditEvent
from layak.core.messages import InputError
from layak.profil import services
from layak.profil.models import ProfilCell, ProfilDataset, ProfilDisability, ProfilImport
from tests.profil.profil_import_support import DIRTY_ROWS, EXTRACT_HEADER, YEAR, nik

pytestmark = pytest.mark.django_db


def counts() -> tuple[int, int, int, int]:
    return (
        ProfilDataset.objects.count(),
        ProfilCell.objects.count(),
        ProfilDisability.objects.count(),
        AuditEvent.objects.count(),
    )


def current(metro: Any) -> list[ProfilDataset]:
    return list(ProfilDataset.objects.filter(region=metro, year=YEAR, is_current=True))


def test_an_aggregated_table_becomes_the_current_dataset_with_one_audit_row(
    metro: Any, aggregate_table: Path, person: Callable[[str], Any]
) -> None:
    sari = person("sari")
    before = counts()
    imported = services.import_file(path=aggregate_table, region=metro, year=YEAR, user=sari)
    result, dataset = imported
    assert imported.saved
    assert not imported.unchanged
    assert dataset is not None
    assert dataset.is_current
    assert (dataset.source, dataset.year, dataset.imported_by, dataset.original_name) == (
        "aggregate",
        YEAR,
        sari,
        "tabel.csv",
    )
    assert dataset.summary == result.summary_json()
    assert dataset.cells.count() == 4
    assert {c.as_core() for c in dataset.cells.all()} == set(result.cells)
    assert counts() == (before[0] + 1, before[1] + 4, before[2], before[3] + 1)
    event = AuditEvent.objects.get(action="profil.import", object_id=str(dataset.pk))
    assert (event.actor, event.region_code, event.before) == (sari, "18.72", None)
    assert event.after is not None
    assert event.after["children"] == 60


def test_a_new_import_replaces_the_current_dataset_and_keeps_the_old_one(
    metro: Any, aggregate_table: Path, clean_extract: Path
) -> None:
    _, first = services.import_file(path=aggregate_table, region=metro, year=YEAR)
    _, second = services.import_file(path=clean_extract, region=metro, year=YEAR)
    assert first is not None
    assert second is not None
    first.refresh_from_db()
    assert not first.is_current
    assert first.replaced_at is not None
    assert current(metro) == [second]
    assert second.source == "microdata"
    assert second.children == 4
    event = AuditEvent.objects.get(action="profil.import", object_id=str(second.pk))
    assert event.before is not None
    assert event.before["dataset"] == first.pk
    assert first.cells.count() == 4  # history keeps its cube


def test_the_same_file_again_changes_nothing_and_says_so(metro: Any, aggregate_table: Path) -> None:
    services.import_file(path=aggregate_table, region=metro, year=YEAR)
    before = counts()
    again = services.import_file(path=aggregate_table, region=metro, year=YEAR)
    assert again.unchanged
    assert not again.saved
    assert again.dataset is not None
    assert again.dataset.is_current
    assert counts() == before


def test_a_dry_run_writes_nothing_and_reports_what_the_real_run_does(
    metro: Any, clean_extract: Path
) -> None:
    before = counts()
    dry = services.import_file(path=clean_extract, region=metro, year=YEAR, dry_run=True)
    assert (dry.dataset, dry.saved) == (None, False)
    assert counts() == before
    real = services.import_file(path=clean_extract, region=metro, year=YEAR)
    assert real.result.summary_json() == dry.result.summary_json()


def test_rows_that_break_a_rule_refuse_the_whole_import(
    metro: Any, dirty_extract: Path, person: Callable[[str], Any]
) -> None:
    before = counts()
    refused = services.import_file(path=dirty_extract, region=metro, year=YEAR, user=person("sari"))
    assert (refused.dataset, refused.saved) == (None, False)
    assert refused.result.rows_rejected == 4
    assert [(r.row, r.rule) for r in refused.result.rejected_rows] == [
        (7, "sex_unknown"),
        (8, "nik_duplicate"),
        (9, "date_future"),
        (10, "code_outside"),
    ]
    assert counts()[:3] == before[:3]
    event = AuditEvent.objects.get(action="unggahan_ditolak")
    assert event.after is not None
    assert event.after["rows_rejected"] == 4
    assert counts()[3] == before[3] + 1


def test_skip_invalid_keeps_the_valid_rows_and_the_report(metro: Any, dirty_extract: Path) -> None:
    imported = services.import_file(path=dirty_extract, region=metro, year=YEAR, skip_invalid=True)
    dataset = imported.dataset
    assert imported.saved
    assert dataset is not None
    assert dataset.skip_invalid
    assert dataset.children == 4
    assert dataset.rejected_rows[1] == {"row": 8, "rule": "nik_duplicate", "first_row": 2}
    assert dataset.summary["rejections"] == {
        "sex_unknown": 1,
        "nik_duplicate": 1,
        "date_future": 1,
        "code_outside": 1,
    }


def test_an_unreadable_file_is_refused_whole_with_one_audit_row(
    metro: Any, write_csv: Callable[..., Path]
) -> None:
    other = write_csv([("Metro Pusat", "412")], header=["kecamatan", "bayi"])
    before = counts()
    with pytest.raises(InputError) as refused:
        services.import_file(path=other, region=metro, year=YEAR)
    assert refused.value.problems[0].message.key == "profil.unknown_layout"
    assert counts() == (*before[:3], before[3] + 1)
    event = AuditEvent.objects.get(action="unggahan_ditolak")
    assert event.after == {
        "path": "profil_anak",
        "file": "tabel.csv",
        "rule": "profil.unknown_layout",
        "year": YEAR,
    }


def test_a_failure_while_saving_leaves_the_old_dataset_current(
    metro: Any, aggregate_table: Path, clean_extract: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, first = services.import_file(path=aggregate_table, region=metro, year=YEAR)
    before = counts()

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(ProfilDisability.objects, "bulk_create", broken)
    with pytest.raises(RuntimeError):
        services.import_file(path=clean_extract, region=metro, year=YEAR)
    assert counts() == before
    assert current(metro) == [first]


def test_years_regions_and_villages(metro: Any, aggregate_table: Path) -> None:
    assert services.years_with_data(metro) == [2025]  # the demo's generated extract
    services.import_file(path=aggregate_table, region=metro, year=YEAR)
    assert services.years_with_data(metro) == [2025, YEAR]
    villages = services.villages_of(metro)
    assert len(villages) == 22
    assert villages["18.72.04.1003"] == "18.72.04"
    assert services.regency(" 18.72 ") == metro
    for code in ("18.72.01", "18", "99.99"):
        with pytest.raises(InputError) as unknown:
            services.regency(code)
        assert unknown.value.problems[0].message.key == "profil.region_unknown"
    for year in (1999, 2100):
        with pytest.raises(InputError) as bad_year:
            services.import_file(path=aggregate_table, region=metro, year=year)
        assert bad_year.value.problems[0].message.key == "profil.bad_year"


def test_a_region_whose_villages_are_not_loaded_is_refused(
    world: Any, aggregate_table: Path
) -> None:
    from layak.regions.models import Region

    empty = Region.objects.create(code="18.99", name="Kota Uji", level=2, parent_id="18")
    with pytest.raises(InputError) as refused:
        services.import_file(path=aggregate_table, region=empty, year=YEAR)
    assert refused.value.problems[0].message.key == "profil.no_villages"


def _text_values(model: type[models.Model]) -> list[str]:
    fields = [
        f.name
        for f in model._meta.concrete_fields
        if isinstance(f, (models.CharField, models.TextField, models.JSONField))
    ]
    if not fields:
        return []
    return [str(value) for row in model.objects.values_list(*fields) for value in row]


def test_no_nik_is_kept_anywhere_after_imports(
    metro: Any,
    dirty_extract: Path,
    person: Callable[[str], Any],
    isolated_file_storage: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    services.import_file(path=dirty_extract, region=metro, year=YEAR)  # refused
    services.import_file(path=dirty_extract, region=metro, year=YEAR, skip_invalid=True)
    upload = SimpleUploadedFile(f"ekstrak-{nik(1)}.csv", dirty_extract.read_bytes())
    job = services.start_web_import(
        user=person("sari"), region=metro, year=YEAR, upload=upload, skip_invalid=False
    )
    assert ProfilImport.objects.get(pk=job.pk).status == "refused"
    niks = {row[0] for row in DIRTY_ROWS}
    for model in apps.get_models():
        for value in _text_values(model):
            assert not any(n in value for n in niks), f"{model.__name__}: {value[:80]}"
    assert not any(n in caplog.text for n in niks)
    stored = [p for p in isolated_file_storage.rglob("*") if p.is_file()]
    assert not [p for p in stored if "profil-anak" in str(p)]  # the upload is gone


def test_a_nik_typed_into_the_disability_column_is_masked(
    metro: Any, write_csv: Callable[..., Path]
) -> None:
    path = write_csv(
        [
            (nik(21), "L", "2015-01-01", "18.72.01.1001", "Y", "Y", nik(22)),
            (nik(23), "L", "2015-01-01", "18.72.01.1001", "Y", "Y", nik(24)),
        ],
        header=EXTRACT_HEADER,
        name="salah-ketik.csv",
    )
    _, dataset = services.import_file(path=path, region=metro, year=YEAR)
    assert dataset is not None
    assert list(dataset.disabilities.values_list("kind", "children")) == [("*" * 16, 2)]
