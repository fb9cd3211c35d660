"""The administrator's commands: load agencies, open a cycle, add a user (on the demo world)."""

from __future__ import annotations

from pathlib import Path

import pytest

from layak.accounts.models import User
from layak.accounts.roles import Role
from layak.audit.models import AuditEvent
from layak.evaluation.models import Assignment, Cycle, StageWindow
from layak.regions.models import Agency

pytestmark = pytest.mark.django_db


def test_bandar_lampung_loads_its_agencies_and_a_second_load_changes_nothing(
    layak, world, tmp_path: Path
) -> None:
    opd = tmp_path / "opd.csv"
    opd.write_text(
        "singkatan,nama,nama_lain\n"
        "Dinkes,Dinas Kesehatan,\n"
        "Disdukcapil,Dinas Kependudukan dan Pencatatan Sipil,Capil;Dukcapil\n",
        encoding="utf-8",
    )
    first = layak("load-opd", opd, "--wilayah", "18.71")
    assert first.code == 0, first.err
    assert "2 OPD: 2 baru, 0 diubah." in first.out
    capil = Agency.objects.get(region_id="18.71", short_name="Disdukcapil")
    assert capil.aliases == ["Capil", "Dukcapil"]
    events = AuditEvent.objects.filter(action="agency.load").count()
    assert "2 OPD: 0 baru, 0 diubah." in layak("load-opd", opd, "--wilayah", "18.71").out
    assert AuditEvent.objects.filter(action="agency.load").count() == events


def test_bandar_lampung_records_the_forum_anak_as_a_supplier_its_dp3a_coordinates(
    layak, world, tmp_path: Path
) -> None:
    opd = tmp_path / "opd.csv"
    opd.write_text(
        "singkatan,nama,nama_lain,dikoordinasi\n"
        "FAD,Forum Anak Daerah,Forum Anak Daerah (FAD),DP3A\n"
        "DP3A,Dinas Pemberdayaan Perempuan dan Perlindungan Anak,DPPPA,\n",
        encoding="utf-8",
    )
    result = layak("load-opd", opd, "--wilayah", "18.71")
    assert result.code == 0, result.err
    assert "2 OPD: 2 baru, 0 diubah." in result.out
    fad = Agency.objects.get(region_id="18.71", short_name="FAD")
    assert fad.coordinator is not None
    assert fad.coordinator.short_name == "DP3A"
    event = AuditEvent.objects.get(action="agency.load", object_id=str(fad.pk))
    assert event.after is not None
    assert event.after["coordinator"] == "DP3A"
    assert "2 OPD: 0 baru, 0 diubah." in layak("load-opd", opd, "--wilayah", "18.71").out


def test_a_supplier_coordinated_by_nobody_known_or_by_another_supplier_is_refused(
    layak, world, tmp_path: Path
) -> None:
    opd = tmp_path / "opd.csv"
    opd.write_text(
        "singkatan,nama,dikoordinasi\nFAD,Forum Anak Daerah,Dinas Antah\nAPSAI,Dunia Usaha,FAD\n",
        encoding="utf-8",
    )
    result = layak("load-opd", opd, "--wilayah", "18.71")
    assert result.code == 2
    assert "baris 2, kolom dikoordinasi: OPD Dinas Antah yang mengoordinasi tidak ada" in result.err
    assert "baris 3, kolom dikoordinasi: FAD sendiri dikoordinasi OPD lain" in result.err
    assert not Agency.objects.filter(region_id="18.71").exists()


def test_a_sheet_with_a_missing_name_and_a_duplicate_is_refused_whole(
    layak, world, tmp_path: Path
) -> None:
    opd = tmp_path / "opd.csv"
    opd.write_text(
        "singkatan,nama\nDinkes,Dinas Kesehatan\nDinkes,\nDinsos,Dinas Sosial\n", encoding="utf-8"
    )
    result = layak("load-opd", opd, "--wilayah", "18.71")
    assert result.code == 2
    assert "baris 3, kolom nama: wajib diisi" in result.err
    assert "baris 3, kolom singkatan: kode Dinkes sudah muncul di baris 2" in result.err
    assert not Agency.objects.filter(region_id="18.71").exists()


def test_opening_a_cycle_assigns_questions_by_alias_and_names_what_matched_nothing(
    layak, world, tmp_path: Path
) -> None:
    opd = tmp_path / "opd.csv"
    opd.write_text("singkatan,nama,nama_lain\nDinkes,Dinas Kesehatan,\n", encoding="utf-8")
    layak("load-opd", opd, "--wilayah", "18.71")
    result = layak(
        "open-cycle",
        "--wilayah",
        "18.71",
        "--tahun",
        "2027",
        "--mandiri",
        "2027-02-01:2027-03-31",
        "--verifikasi-lapangan",
        "2027-05-01:2027-06-15",
        "--dokumen-susulan",
        "2027-05-03",
    )
    assert result.code == 0, result.err
    cycle = Cycle.objects.get(region_id="18.71", year=2027)
    assert Assignment.objects.filter(cycle=cycle, agency__short_name="Dinkes").count() == 94
    assert "Disdukcapil" in result.out  # named as matching no agency
    field = StageWindow.objects.get(cycle=cycle, stage="verifikasi_lapangan")
    assert field.documents_until is not None
    again = layak(
        "open-cycle", "--wilayah", "18.71", "--tahun", "2027", "--mandiri", "2027-02-01:2027-03-31"
    )
    assert again.code == 2
    assert "sudah ada" in again.err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--wilayah", "18.99"], "tidak ada"),
        (["--wilayah", "18.71", "--mandiri", "2027-03-31:2027-02-01"], "--mandiri: tahap harus"),
        (["--wilayah", "18.71", "--mandiri", "1 Feb:31 Mar"], "harus YYYY-MM-DD"),
        (["--wilayah", "18.71", "--sasaran", "Emas"], "tidak dikenal"),
    ],
)
def test_a_bad_cycle_is_refused_with_a_clear_message(layak, world, args, message) -> None:
    full = ["open-cycle", "--tahun", "2028", "--mandiri", "2028-02-01:2028-03-31", *args]
    result = layak(*full)
    assert result.code == 2
    assert message in result.err
    assert not Cycle.objects.filter(year=2028).exists()


def test_add_user_creates_a_bound_officer_with_a_strong_password(layak, world) -> None:
    result = layak(
        "add-user",
        "ani",
        "--peran",
        "opd",
        "--wilayah",
        "18.72",
        "--opd",
        "Dinsos",
        "--nama",
        "Ani Rahma",
    )
    assert result.code == 0, result.err
    ani = User.objects.get(username="ani")
    assert (ani.role, ani.agency.short_name, ani.get_full_name()) == (
        Role.OFFICER,
        "Dinsos",
        "Ani Rahma",
    )
    password = result.out.split("Kata sandi awal: ")[1].split(" ")[0]
    assert ani.check_password(password)
    assert ani.must_change_password  # the operator knows it: changed at the first log-in
    assert "wajib menggantinya saat pertama masuk" in result.out
    assert AuditEvent.objects.filter(action="user.create", object_id=str(ani.pk)).count() == 1


def test_add_user_refuses_an_officer_without_an_agency_of_that_region(layak, world) -> None:
    result = layak("add-user", "tono", "--peran", "opd", "--wilayah", "18.71", "--opd", "Dinkes")
    assert result.code == 2
    assert "Petugas OPD harus terikat pada satu OPD" in result.err
    assert not User.objects.filter(username="tono").exists()
