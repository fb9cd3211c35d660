"""The stakeholder pages' refusals, each under its key (registered in MitraConfig.ready())."""

from __future__ import annotations

CATALOGUE: dict[str, tuple[str, str]] = {
    "mitra.organisation_not_regency": (
        "Wilayah organisasi harus satu kabupaten/kota.",
        "The organisation's area must be one kabupaten/kota.",
    ),
    "mitra.puspa_since_without_membership": (
        "Anggota PUSPA sejak: kosongkan bila organisasi bukan anggota PUSPA.",
        "PUSPA member since: leave empty when the organisation is not a PUSPA member.",
    ),
    "mitra.puspa_since_future": (
        "Anggota PUSPA sejak: tanggal tidak boleh di masa depan.",
        "PUSPA member since: the date cannot be in the future.",
    ),
    "mitra.commitment_until_before_from": (
        "Berlaku sampai: tanggal tidak boleh sebelum berlaku sejak.",
        "Valid until: the date cannot be before valid from.",
    ),
    "mitra.value_negative": (
        "Nilai (rupiah) tidak boleh negatif.",
        "Value (rupiah) cannot be negative.",
    ),
    "mitra.place_outside": (
        "Tempat harus satu kecamatan atau kelurahan di {region}.",
        "Place must be one kecamatan or kelurahan in {region}.",
    ),
    "mitra.indicator_unknown": (
        "Indikator KLA {code} tidak ada dalam instrumen tahun {year}.",
        "KLA indicator {code} is not in the instrument of {year}.",
    ),
    "mitra.commitment_elsewhere": (
        "Komitmen ini milik organisasi lain.",
        "This commitment belongs to another organisation.",
    ),
    # `rule` is the file's refusal (layak.files), shown in the reader's language.
    "mitra.file_refused": ("Berkas {name}: {rule}", "File {name}: {rule}"),
    "mitra.return_note_required": (
        "Catatan: tulis apa yang perlu diperbaiki sebelum mengembalikan.",
        "Note: write what needs fixing before returning it.",
    ),
}
