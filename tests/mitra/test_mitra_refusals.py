"""Bad input is refused whole with an Indonesian message naming the field, and nothing is saved;
a stakeholder sees no other organisation's records and confirms nothing, not even its own."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.core.files.storage import default_storage
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from layak.audit.models import AuditEvent
from layak.mitra.models import Commitment, Contribution, Document, Status


def contribution(**changes: str) -> dict[str, str]:
    data = {
        "title": "Ruang bermain ramah anak Taman Yosomulyo",
        "date": (timezone.localdate() - timedelta(days=5)).isoformat(),
        "value": "25.000.000",
        "place": "18.72.01.1005",
        "indicator_code": "11",
    }
    return {**data, **changes}


def refused(client: Client, url: str, data: dict[str, Any], files_refused: int = 0) -> str:
    """Nothing is saved; only a refused file is audited (one `unggahan_ditolak` event each)."""
    before = (Contribution.objects.count(), Document.objects.count(), AuditEvent.objects.count())
    response = client.post(url, data)
    assert response.status_code == 400
    after = (Contribution.objects.count(), Document.objects.count(), AuditEvent.objects.count())
    assert after == (before[0], before[1], before[2] + files_refused), "nothing is saved"
    if files_refused:
        assert AuditEvent.objects.first().action == "unggahan_ditolak"
    return response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"value": "-5.000"}, "Nilai (rupiah) tidak boleh negatif."),
        ({"value": "dua puluh juta"}, "Nilai (rupiah) tidak terbaca"),
        ({"value": "1.500.000,505"}, "paling banyak dua angka sen"),
        ({"place": "18.71.01"}, "Tempat harus satu kecamatan atau kelurahan di Kota Metro."),
        ({"place": "18.72"}, "Tempat harus satu kecamatan atau kelurahan di Kota Metro."),
        ({"indicator_code": "99"}, "Indikator KLA 99 tidak ada dalam instrumen tahun"),
    ],
)
def test_bad_input_names_the_field_and_saves_nothing(
    login: Callable[[str], Client], sinar: Any, changes: dict[str, str], message: str
) -> None:
    url = reverse("mitra:contribution_new", args=[sinar.pk])
    page = refused(login("mitra"), url, contribution(**changes))
    assert message in page
    assert "Belum disimpan: periksa isian yang ditandai." in page


@pytest.mark.django_db
def test_every_problem_is_reported_at_once_and_a_bad_file_is_refused_by_its_content(
    login: Callable[[str], Client], sinar: Any, pdf_upload: Callable[..., Any]
) -> None:
    url = reverse("mitra:contribution_new", args=[sinar.pk])
    stored = default_storage.listdir("mitra/18.72")[1]
    fake = pdf_upload("foto.pdf", b"<html><script>alert(1)</script></html>")
    page = refused(
        login("mitra"),
        url,
        {**contribution(value="-1", indicator_code="99"), "berkas": fake},
        files_refused=0,  # the form's own errors stop it before the file is judged
    )
    assert "Nilai (rupiah) tidak boleh negatif." in page
    assert "Indikator KLA 99" in page
    files = refused(login("mitra"), url, {**contribution(), "berkas": fake}, files_refused=1)
    assert "Berkas foto.pdf:" in files
    assert default_storage.listdir("mitra/18.72")[1] == stored, "no file written"


@pytest.mark.django_db
def test_a_commitment_cannot_end_before_it_starts(
    login: Callable[[str], Client], sinar: Any
) -> None:
    today = timezone.localdate()
    url = reverse("mitra:commitment_new", args=[sinar.pk])
    count = Commitment.objects.count()
    response = login("mitra").post(
        url,
        {
            "kind": "mou",
            "title": "MoU Pojok ASI",
            "date_from": today.isoformat(),
            "date_until": (today - timedelta(days=1)).isoformat(),
        },
    )
    assert response.status_code == 400
    assert "Berlaku sampai: tanggal tidak boleh sebelum berlaku sejak." in response.content.decode()
    assert Commitment.objects.count() == count


@pytest.mark.django_db
def test_a_stakeholder_sees_no_other_organisation_and_confirms_nothing(
    login: Callable[[str], Client], sinar: Any, radio: Any
) -> None:
    mitra = login("mitra")
    theirs = Contribution.objects.get(
        organisation=radio, title="Talkshow mingguan Suara Anak Metro"
    )
    for url in (
        reverse("mitra:organisation", args=[radio.pk]),
        reverse("mitra:contribution", args=[theirs.pk]),
        reverse("mitra:contribution_pdf", args=[theirs.pk]),
        reverse("mitra:contribution_edit", args=[theirs.pk]),
        reverse("mitra:document", args=[theirs.documents.get().pk]),
    ):
        assert mitra.get(url).status_code == 404, url
    assert (
        mitra.post(reverse("mitra:contribution_new", args=[radio.pk]), contribution()).status_code
        == 404
    )
    own = Contribution.objects.get(
        organisation=sinar, title="Sponsor peringatan Hari Anak Nasional tingkat kota"
    )
    assert own.status == Status.PENDING
    review = reverse("mitra:review_contribution", args=[own.pk])
    assert mitra.post(review, {"action": "konfirmasi"}).status_code == 403
    own.refresh_from_db()
    assert own.status == Status.PENDING
    # Lists and totals are the secretariat's.
    assert mitra.get(reverse("mitra:confirmations")).status_code == 403
    page = mitra.get(reverse("mitra:organisation", args=[sinar.pk])).content.decode()
    assert "Radio Swara Metro" not in page


@pytest.mark.django_db
def test_sari_cannot_review_another_city_and_a_reader_sees_no_pending_record(
    login: Callable[[str], Client], users: dict[str, Any]
) -> None:
    pending = Contribution.objects.get(
        organisation__region_id="18.72", title="Pojok ASI di Toserba Mulya Jaya"
    )
    assert pending.status == Status.PENDING
    assert login("budi").get(reverse("mitra:contribution", args=[pending.pk])).status_code == 404
    confirmed = Contribution.objects.get(title="Pojok ASI di Puskesmas Metro")
    assert confirmed.status == Status.CONFIRMED
    budi = login("budi")
    assert budi.get(reverse("mitra:contribution", args=[confirmed.pk])).status_code == 200
    assert budi.get(reverse("mitra:contribution_edit", args=[confirmed.pk])).status_code == 403


@pytest.mark.django_db
def test_the_services_refuse_with_keys_at_the_fields(
    users: dict[str, Any], sinar: Any, pdf_upload: Callable[..., Any]
) -> None:
    """Without a form in front (the demo, the API), the same rules answer the core's keyed
    InputError: a file's own rule stays inside the file's refusal, in the reader's language."""
    from layak.core.messages import InputError
    from layak.mitra import services

    record = Contribution(
        organisation=sinar,
        title="Pojok ASI",
        date=timezone.localdate(),
        value=-1,
        place_id="18.72.01.1005",
        indicator_code="11",
    )
    fake = pdf_upload("foto.pdf", b"<html><script>alert(1)</script></html>")
    with pytest.raises(InputError) as refused:
        services.save_record(users["sari"], record, [fake])
    problems = {(p.column, p.message.key) for p in refused.value.problems}
    assert problems == {("value", "mitra.value_negative"), ("berkas", "mitra.file_refused")}
    file = next(p for p in refused.value.problems if p.column == "berkas")
    assert file.message.params["rule"].key == "evidence.unknown_type"  # type: ignore[attr-defined]
    assert file.message.render("en").startswith("File foto.pdf: ")

    pending = Contribution.objects.filter(organisation=sinar, status=Status.PENDING).first()
    assert pending is not None
    with pytest.raises(InputError) as no_note:
        services.review(users["sari"], pending, confirm=False, note=" ")
    assert [(p.column, p.message.key) for p in no_note.value.problems] == [
        ("note", "mitra.return_note_required")
    ]
