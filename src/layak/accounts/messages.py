"""Refusals about people's accounts, each under its key (registered in AccountsConfig.ready())."""

from __future__ import annotations

CATALOGUE: dict[str, tuple[str, str]] = {
    "account.region_required": (
        "Peran ini memerlukan satu kabupaten/kota.",
        "This role needs one kabupaten/kota.",
    ),
    "account.province_required": (
        "Verifikator provinsi memerlukan satu provinsi.",
        "A provincial verifier needs one province.",
    ),
    "account.agency_required": (
        "Petugas OPD harus terikat pada satu OPD.",
        "An OPD officer must belong to one OPD.",
    ),
    "account.agency_elsewhere": (
        "OPD ini bukan milik kabupaten/kota pengguna.",
        "This OPD does not belong to the user's kabupaten/kota.",
    ),
    "account.agency_is_supplier": (
        "Ini sumber data yang dikoordinasi OPD lain; petugas terikat pada OPD-nya.",
        "This is a data source coordinated by another agency; officers belong to that agency.",
    ),
    "account.unit_required": (
        "Operator harus terikat pada satu kecamatan atau desa/kelurahan.",
        "An operator must belong to one kecamatan or desa/kelurahan.",
    ),
    "account.unit_elsewhere": (
        "Wilayah ini bukan bagian dari kabupaten/kota pengguna.",
        "This area is not part of the user's kabupaten/kota.",
    ),
    "account.cluster_required": (
        "Koordinator harus memegang satu bagian (mis. K3).",
        "A coordinator must hold one part (e.g. K3).",
    ),
    "account.username_taken": (
        "Nama pengguna ini sudah dipakai.",
        "This username is already taken.",
    ),
    "account.own_account": (
        "Akun Anda sendiri tidak diubah perannya, dinonaktifkan atau diatur ulang di sini; "
        "pakai halaman kata sandi.",
        "You do not change the role of, deactivate or reset your own account here; use the "
        "password page.",
    ),
    "account.not_locked": (
        "Akun ini tidak sedang terkunci.",
        "This account is not locked.",
    ),
}
