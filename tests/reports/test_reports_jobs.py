"""Issue 16, "Documents don't freeze the page": Sari clicks for the self-assessment report, the
page shows its progress while the worker makes it, a second click joins the same job, and the
PDF is hers alone to download (privately, and audited) for a day."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.core.files.storage import default_storage
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from layak.audit.models import AuditEvent
from layak.reports.jobs import purge_reports, run_report_job
from layak.reports.models import BundleStatus, ReportJob, ReportKind
from layak.worker.recovery import REPORT_TASK, _report

pytestmark = pytest.mark.django_db
DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def busy_worker() -> Iterator[None]:
    """A worker busy elsewhere: a queued report waits until the test runs it."""
    with override_settings(TASKS=DUMMY):
        yield


def test_sari_waits_on_a_progress_page_and_a_second_click_joins_the_same_job(
    cycle: Any, login: Callable[[str], Client], busy_worker: None, quick_pdf: None
) -> None:
    sari = login("sari")
    url = reverse("reports:self_assessment", args=[cycle.pk])

    first = sari.post(url)
    second = sari.post(url)  # impatient: "nothing happened"

    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    job = ReportJob.objects.get(cycle=cycle, kind=ReportKind.SELF_ASSESSMENT)
    assert AuditEvent.objects.filter(action="report.request", object_id=str(job.pk)).count() == 1
    page = sari.get(first["Location"])
    html = page.content.decode()
    assert "Menunggu giliran" in html
    assert f'hx-get="{reverse("reports:report", args=[job.pk])}"' in html  # it polls
    assert reverse("reports:report_download", args=[job.pk]) not in html
    assert sari.get(reverse("reports:report_download", args=[job.pk])).status_code == 404

    assert run_report_job(str(job.pk)) == BundleStatus.DONE
    poll = sari.get(first["Location"], headers={"HX-Request": "true"})
    fragment = poll.content.decode()
    assert "<html" not in fragment  # htmx gets the card alone
    assert "hx-get" not in fragment  # and stops polling
    assert reverse("reports:report_download", args=[job.pk]) in fragment
    # Made, the next click starts a new report from the data as it is now.
    assert sari.post(url)["Location"] != first["Location"]


def test_the_gap_pdf_is_its_own_job_beside_the_self_assessment(
    cycle: Any, login: Callable[[str], Client], busy_worker: None, quick_pdf: None
) -> None:
    sari = login("sari")
    one = sari.post(reverse("reports:self_assessment", args=[cycle.pk]))["Location"]
    other = sari.post(reverse("reports:gap_pdf", args=[cycle.pk]))["Location"]
    assert one != other
    index = sari.get(reverse("reports:index", args=[cycle.pk])).content.decode()
    assert "Laporan Anda" in index
    assert index.count("Menunggu giliran") == 2


def test_the_download_is_private_audited_and_hers_alone(
    cycle: Any, login: Callable[[str], Client], made_report: Callable[..., Any]
) -> None:
    response, content = made_report(login("sari"), "reports:gap_pdf", cycle)
    assert content.startswith(b"%PDF")
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == (
        f'attachment; filename="Analisis-Gap-Kota-Metro-{cycle.year}.pdf"'
    )
    job = ReportJob.objects.get(cycle=cycle, kind=ReportKind.GAP)
    assert job.stored_name.startswith(f"laporan/{cycle.region_id}/")
    read = AuditEvent.objects.get(action="file.download", object_type="reports:report_download")
    assert read.actor is not None
    assert read.actor.username == "sari"
    assert read.after["file"] == f"Analisis-Gap-Kota-Metro-{cycle.year}.pdf"

    # Kartika reads the same region's reports, but not the one Sari asked for.
    kartika = login("kartika")
    assert kartika.get(reverse("reports:report", args=[job.pk])).status_code == 404
    assert kartika.get(reverse("reports:report_download", args=[job.pk])).status_code == 404
    # An officer takes no region report at all.
    budi = login("budi")
    assert budi.post(reverse("reports:gap_pdf", args=[cycle.pk])).status_code == 403


def test_a_report_asked_in_english_is_written_in_english_by_the_worker(
    cycle: Any,
    login: Callable[[str], Client],
    busy_worker: None,
    pdf_text: Callable[[bytes], str],
) -> None:
    sari = login("sari")
    sari.cookies["django_language"] = "en"
    sari.post(reverse("reports:self_assessment", args=[cycle.pk]))
    job = ReportJob.objects.get(cycle=cycle)
    assert job.language == "en"
    run_report_job(str(job.pk))  # the worker, outside any request
    job.refresh_from_db()
    with default_storage.open(job.stored_name, "rb") as handle:
        text = pdf_text(handle.read())
    assert "KLA self-assessment report" in text


def test_after_a_day_the_file_is_gone_and_the_row_stays(
    cycle: Any, login: Callable[[str], Client], quick_pdf: None
) -> None:
    sari = login("sari")
    sari.post(reverse("reports:self_assessment", args=[cycle.pk]))
    job = ReportJob.objects.get(cycle=cycle)
    assert job.status == BundleStatus.DONE
    assert default_storage.exists(job.stored_name)

    assert purge_reports(now=timezone.now() + timedelta(days=1, minutes=1)) == 1

    job.refresh_from_db()
    assert job.status == BundleStatus.EXPIRED
    assert not default_storage.exists(f"laporan/{cycle.region_id}/{job.pk}.pdf")
    assert sari.get(reverse("reports:report_download", args=[job.pk])).status_code == 404
    assert (
        "Sudah dihapus setelah satu hari"
        in sari.get(reverse("reports:report", args=[job.pk])).content.decode()
    )


def test_a_report_that_breaks_or_loses_its_worker_says_so(
    cycle: Any,
    login: Callable[[str], Client],
    busy_worker: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sari = login("sari")
    location = sari.post(reverse("reports:gap_pdf", args=[cycle.pk]))["Location"]
    job = ReportJob.objects.get(cycle=cycle)

    def broken(template: Any, data: Any) -> bytes:
        raise OSError("disk full")

    monkeypatch.setattr("layak.web.typeset.typeset", broken)
    assert run_report_job(str(job.pk)) == BundleStatus.FAILED
    assert "Laporan gagal disusun" in sari.get(location).content.decode()

    # A job whose worker died is failed by recovery, and a new click starts afresh.
    other = sari.post(reverse("reports:self_assessment", args=[cycle.pk]))["Location"]
    waiting = ReportJob.objects.get(cycle=cycle, kind=ReportKind.SELF_ASSESSMENT)

    class Task:
        task_path = REPORT_TASK
        args_kwargs = {"args": [str(waiting.pk)], "kwargs": {}}

    _report(Task())  # type: ignore[arg-type]
    assert "Laporan gagal disusun" in sari.get(other).content.decode()
    assert sari.post(reverse("reports:self_assessment", args=[cycle.pk]))["Location"] != other
