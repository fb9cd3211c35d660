"""The registries' refusals, each under its key (registered in RegistriesConfig.ready())."""

from __future__ import annotations

CATALOGUE: dict[str, tuple[str, str]] = {
    "registries.not_regency": (
        "Wilayah harus satu kabupaten/kota.",
        "The area must be one kabupaten/kota.",
    ),
    "registries.unit_outside": (
        "Kelurahan/kecamatan harus satu wilayah di {region}.",
        "The kelurahan/kecamatan must be one unit in {region}.",
    ),
    "registries.unit_unknown": (
        "kelurahan/kecamatan {name!r} tidak ada di {region}",
        "there is no kelurahan/kecamatan {name!r} in {region}",
    ),
    "registries.kind_unknown": (
        "jenis {value!r} tidak dikenal; tulis salah satu: {kinds}",
        "kind {value!r} is unknown; write one of: {kinds}",
    ),
    "registries.kind_not_kept": (
        "jenis {kind} dicatat oleh OPD lain; OPD Anda mencatat: {kept}",
        "kind {kind} is kept by another agency; your agency keeps: {kept}",
    ),
    "registries.duplicate_name": (
        "{name!r} sudah ada di baris {first_row} untuk jenis yang sama",
        "{name!r} is already in row {first_row} for the same kind",
    ),
    "registries.name_taken": (
        "Sudah ada lembaga dengan nama dan jenis ini di wilayah ini.",
        "There is already an institution of this kind with this name in this region.",
    ),
    "registries.until_before_from": (
        "Berlaku sampai tahun: tidak boleh sebelum tahun mulai berlaku.",
        "Valid until (year): cannot be before the year it takes effect.",
    ),
    "registries.year_out_of_range": (
        "Tahun {year} di luar rentang {first}–{last}.",
        "Year {year} is outside {first}–{last}.",
    ),
    "registries.decree_date_required": (
        "Tanggal SK wajib diisi untuk SK.",
        "The decree's date is required for a decree (SK).",
    ),
    "registries.decree_after_start": (
        "Tanggal SK ({date}) jatuh sesudah tahun mulai berlaku {year}.",
        "The decree's date ({date}) falls after the year it takes effect, {year}.",
    ),
    "registries.not_a_year": (
        "{value!r} bukan tahun (tulis mis. 2024)",
        "{value!r} is not a year (write e.g. 2024)",
    ),
    "registries.not_a_date": (
        "{value!r} bukan tanggal (tulis mis. 2024-03-15 atau 15/03/2024)",
        "{value!r} is not a date (write e.g. 2024-03-15 or 15/03/2024)",
    ),
    "registries.decree_incomplete": (
        "nomor SK diisi: isi juga {column}",
        "a decree number is given: fill in {column} too",
    ),
    "registries.import_rejected": (
        "{count} baris ditolak; tidak ada yang disimpan. Perbaiki lalu unggah lagi.",
        "{count} rows refused; nothing was saved. Correct them and upload again.",
    ),
    "registries.hours_positive": (
        "Jumlah jam pelatihan harus lebih dari 0.",
        "The training's hours must be more than 0.",
    ),
    "registries.agency_elsewhere": (
        "OPD harus OPD {region}.",
        "The agency must be one of {region}.",
    ),
    "registries.agency_not_yours": (
        "Anda hanya mencatat peserta dan pegawai OPD Anda sendiri.",
        "You record participants and staff of your own agency only.",
    ),
    "registries.staff_negative": (
        "Jumlah pegawai tidak boleh negatif.",
        "The number of staff cannot be negative.",
    ),
    # `rule` is the file's refusal (layak.files), shown in the reader's language.
    "registries.file_refused": ("Berkas {name}: {rule}", "File {name}: {rule}"),
}
