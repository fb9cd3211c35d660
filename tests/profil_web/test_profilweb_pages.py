"""The Profil Anak pages as each person meets them: who may read, who may import, what the
progress and the result say, and the refusals (log-in, 403 for a role, 404 for another region,
405 for a wrong method)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.profil_web.profilweb_support import KNOWN_YEAR
from tests.support.people import USERNAMES

pytestmark = pytest.mark.django_db

PAGE = "/profil-anak/18.72/2025/"  # the demo's generated extract
KNOWN = f"/profil-anak/18.72/{KNOWN_YEAR}/"  # the hand-made cells
READERS = ("admin", "sari", "kartika", "budi", "dewi", "rina", "oki", "yosomulyo", "vina", "nadia")
HEADER = ("nik", "jenis_kelamin", "tanggal_lahir", "kode_wilayah", "akta_kelahiran", "kia",
          "disabilitas")  # fmt: skip
ROWS = [
    ("3172010101080001", "L", "2020-05-01", "18.72.01.1001", "Y", "T", ""),
    ("3172010101080002", "P", "01-06-2019", "18.72.01.1001", "Y", "Y", "Tunarungu"),
    ("3172010101080003", "P", "15/07/2010", "18.72.02.1001", "Y", "T", ""),
    ("3172010101080004", "L", "1990-01-01", "18.72.02.1001", "Y", "T", ""),
]
BAD_ROWS = [
    *ROWS,
    ("3172010101080005", "X", "2015-03-03", "18.72.01.1001", "Y", "Y", ""),  # row 6
    ("3172010101080001", "L", "2016-03-03", "18.72.01.1001", "Y", "Y", ""),  # row 7, dup of 2
]


def _extract(rows: list[tuple[str, ...]], name: str = "ekstrak.csv") -> SimpleUploadedFile:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    writer.writerows(rows)
    return SimpleUploadedFile(name, out.getvalue().encode("utf-8"), content_type="text/csv")


def _outcome(response: Any) -> str:
    if response.status_code == 302 and response["Location"].startswith("/masuk/?next="):
        return "L"
    return str(response.status_code)


def test_every_staff_member_of_the_region_reads_the_page(login: Callable[[str], Client]) -> None:
    got = {}
    for username in ("anon", *USERNAMES):
        got[username] = _outcome(login(username).get(PAGE))
    expected = {"anon": "L", "mitra": "403", "forumanak": "403"} | dict.fromkeys(READERS, "200")
    assert got == expected


def test_the_page_answers_get_only(login: Callable[[str], Client]) -> None:
    client = login("sari")
    assert client.post(PAGE).status_code == 405
    assert client.head(PAGE).status_code == 405
    assert client.get(f"{PAGE}pdf/").status_code == 200
    assert client.post(f"{PAGE}pdf/").status_code == 405
    assert client.get("/profil-anak/18.72/impor/").status_code == 405


def test_another_region_is_not_found_for_its_staff(login: Callable[[str], Client]) -> None:
    assert login("sari").get("/profil-anak/18.71/2025/").status_code == 404
    assert login("sari").get("/profil-anak/18.71/2025/pdf/").status_code == 404
    assert login("vina").get("/profil-anak/31.71/2025/").status_code == 404  # not her province
    assert login("nadia").get("/profil-anak/18.71/2025/").status_code == 200  # no data yet
    assert login("sari").get("/profil-anak/18.72/1999/").status_code == 404
    assert login("sari").get("/profil-anak/18.72/2999/").status_code == 404


def test_the_index_takes_region_staff_to_the_latest_year(
    login: Callable[[str], Client], known_dataset: Any
) -> None:
    response = login("budi").get("/profil-anak/")
    assert response.status_code == 302
    assert response["Location"] == PAGE
    listing = login("admin").get("/profil-anak/")
    assert listing.status_code == 200
    assert "Kota Metro" in listing.content.decode()
    assert f'href="{KNOWN}"' in listing.content.decode()
    assert _outcome(login("anon").get("/profil-anak/")) == "L"
    assert login("mitra").get("/profil-anak/").status_code == 403
    assert login("sari").post("/profil-anak/").status_code == 405


def test_the_page_shows_the_known_figures(
    login: Callable[[str], Client], known_dataset: Any, users: dict[str, Any]
) -> None:
    html = login("dewi").get(KNOWN).content.decode()
    for text in (
        "Profil Anak Kota Metro 2024",
        "3.801",  # children
        "92,13%",  # akta coverage
        "79,40%",  # KIA coverage
        "Margodadi",
        "Piramida penduduk anak",
        "Wilayah yang paling tertinggal",
        "ekstrak-uji-2024.csv",  # provenance: the file ...
        users["sari"].get_full_name(),  # ... and who imported it
    ):
        assert text in html, text
    # Staff see every number: Margodadi's 3 children are not withheld on the page.
    assert "&lt;5" not in html
    # The officer reads but does not import.
    assert 'action="/profil-anak/18.72/impor/"' not in html
    assert "<svg" in html
    assert 'role="img"' in html


def test_the_import_form_is_for_the_secretariat_and_administrators(
    login: Callable[[str], Client],
) -> None:
    assert 'action="/profil-anak/18.72/impor/"' in login("sari").get(PAGE).content.decode()
    assert 'action="/profil-anak/18.72/impor/"' in login("admin").get(PAGE).content.decode()
    for username in ("kartika", "budi", "oki", "vina", "nadia", "mitra"):
        response = login(username).post(
            "/profil-anak/18.72/impor/", {"year": "2023", "file": _extract(ROWS)}
        )
        assert response.status_code == 403, username
    assert _outcome(login("anon").post("/profil-anak/18.72/impor/", {"year": "2023"})) == "L"


def test_an_import_runs_and_reports_its_counts(login: Callable[[str], Client]) -> None:
    client = login("sari")
    response = client.post("/profil-anak/18.72/impor/", {"year": "2023", "file": _extract(ROWS)})
    assert response.status_code == 302
    job_url = response["Location"]
    assert job_url.startswith("/profil-anak/impor/")
    page = client.get(job_url).content.decode()
    assert "Impor selesai" in page
    assert "Baris dibaca" in page
    assert 'hx-trigger="every 1s"' not in page  # finished: no more polling
    assert "3172010101080001" not in page  # never a NIK
    profile = client.get("/profil-anak/18.72/2023/").content.decode()
    assert "Profil Anak Kota Metro 2023" in profile
    assert "ekstrak.csv" in profile
    # Another secretariat's job is not found; an officer may not open jobs at all.
    assert login("budi").get(job_url).status_code == 403
    assert login("nadia").get(job_url).status_code == 403


def test_a_refused_import_lists_rules_and_rows_in_indonesian(
    login: Callable[[str], Client],
) -> None:
    client = login("sari")
    response = client.post(
        "/profil-anak/18.72/impor/", {"year": "2023", "file": _extract(BAD_ROWS)}
    )
    page = client.get(response["Location"]).content.decode()
    assert "Impor ditolak" in page
    assert "Jenis kelamin tidak dikenal" in page
    assert "NIK ganda" in page
    assert "NIK yang sama sudah ada di baris 2" in page
    assert '<td class="num" data-label="Baris">6</td>' in page
    assert client.get("/profil-anak/18.72/2023/").content.decode().count("Belum ada data") == 1


def test_form_errors_come_back_on_the_page(login: Callable[[str], Client]) -> None:
    response = login("sari").post("/profil-anak/18.72/impor/", {"year": "1990"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="errorlist"' in html


def test_the_progress_endpoint_polls_while_running(
    login: Callable[[str], Client], users: dict[str, Any]
) -> None:
    from layak.profil.models import ImportStatus, ProfilImport
    from layak.regions.models import Region

    job = ProfilImport.objects.create(
        requested_by=users["sari"],
        region=Region.objects.get(code="18.72"),
        year=2023,
        original_name="besar.csv",
        status=ImportStatus.RUNNING,
        progress=42,
    )
    client = login("sari")
    partial = client.get(f"/profil-anak/impor/{job.pk}/", HTTP_HX_REQUEST="true")
    html = partial.content.decode()
    assert partial.status_code == 200
    assert "<html" not in html  # only the part that changes
    assert 'hx-trigger="every 1s"' in html
    assert 'value="42"' in html
    ProfilImport.objects.filter(pk=job.pk).update(
        status=ImportStatus.DONE,
        progress=100,
        result={"rows_read": 10, "rows_valid": 10, "rows_rejected": 0, "adults": 2,
                "children": 8, "rejections": {}, "saved": True},
    )  # fmt: skip
    done = client.get(f"/profil-anak/impor/{job.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 1s"' not in done
    assert "Impor selesai" in done
    assert login("admin").get(f"/profil-anak/impor/{job.pk}/").status_code == 200
    assert login("sari").post(f"/profil-anak/impor/{job.pk}/").status_code == 405
    missing = "/profil-anak/impor/00000000-0000-0000-0000-000000000000/"
    assert login("sari").get(missing).status_code == 404


def test_the_navigation_links_the_profile_for_staff_only(login: Callable[[str], Client]) -> None:
    assert 'href="/profil-anak/"' in login("budi").get(PAGE).content.decode()
    home = login("mitra").get("/masuk/", follow=True).content.decode()
    assert 'href="/profil-anak/"' not in home


def test_the_page_speaks_english(login: Callable[[str], Client], known_dataset: Any) -> None:
    client = login("sari")
    client.cookies["django_language"] = "en"
    html = client.get(KNOWN).content.decode()
    assert "Population pyramid of children" in html
    assert "Places that lag most" in html
    assert "92.13%" in html
    assert "Tahun dengan data" not in html


def test_each_coverage_chart_says_which_document_it_counts(
    login: Callable[[str], Client], known_dataset: Any
) -> None:
    """Rina of DP3AP2KB reads the four coverage charts side by side: each names its document
    and its places above the bars, in her language."""
    client = login("rina")
    html = client.get(KNOWN).content.decode()
    for caption in (
        "<figcaption>Akta kelahiran: anak 0–17 tahun yang memilikinya, per kecamatan</figcaption>",
        "<figcaption>Kartu Identitas Anak (KIA): anak 0–17 tahun yang memilikinya, "
        "per desa/kelurahan</figcaption>",
    ):
        assert caption in html
    assert html.count("<figcaption>") == 4
    client.cookies["django_language"] = "en"
    english = client.get(KNOWN).content.decode()
    assert "<figcaption>Birth certificate: children aged 0–17 who have one, by kecamatan" in english


def test_the_page_costs_a_fixed_number_of_queries(
    login: Callable[[str], Client], known_dataset: Any, django_assert_max_num_queries: Any
) -> None:
    """Session and user, region, dataset, years, recent imports, the header's unread notices and
    the region's latest cycle (the menu), and the session's save (three, with its savepoint):
    the profile itself comes from the cache, however many kelurahan and cells the region has."""
    client = login("sari")
    client.get(KNOWN)  # the first view computes the profile once
    with django_assert_max_num_queries(11):
        response = client.get(KNOWN)
    assert response.status_code == 200
