"""Refusals about regions and agencies (OPD), each under its key (registered in
RegionsConfig.ready())."""

from __future__ import annotations

CATALOGUE: dict[str, tuple[str, str]] = {
    # Kemendagri units (layak load-wilayah).
    "region.bad_code": (
        "kode wilayah {code!r} tidak sah (mis. 18, 18.72, 18.72.01, 18.72.01.1001)",
        "region code {code!r} is not valid (e.g. 18, 18.72, 18.72.01, 18.72.01.1001)",
    ),
    "region.missing_name": ("nama wilayah wajib diisi", "the unit's name is required"),
    "region.unknown_parent": (
        "wilayah induk {parent} dari {code} tidak ada di berkas maupun basis data",
        "the parent {parent} of {code} is neither in the file nor in the database",
    ),
    # Agencies and the suppliers they coordinate (layak load-opd, the OPD pages).
    "agency.unknown_coordinator": (
        "OPD {name} yang mengoordinasi tidak ada di berkas maupun di kabupaten/kota ini",
        "the coordinating agency {name} is neither in the file nor in this regency",
    ),
    "agency.coordinator_is_supplier": (
        "{name} sendiri dikoordinasi OPD lain; yang mengoordinasi harus OPD",
        "{name} is itself coordinated by another agency; the coordinator must be an agency",
    ),
    "agency.coordinator_elsewhere": (
        "Pilih OPD lain dari kabupaten/kota yang sama.",
        "Choose another agency of the same kabupaten/kota.",
    ),
    "agency.coordinator_not_office": (
        "Yang mengoordinasi harus OPD, bukan sumber data lain.",
        "The coordinator must be an agency, not another data source.",
    ),
    "agency.coordinates_suppliers": (
        "OPD ini mengoordinasi sumber data lain, jadi tetap OPD.",
        "This agency coordinates other data sources, so it stays an agency.",
    ),
    "agency.has_officers": (
        "OPD ini punya petugas; sumber data tidak punya petugas.",
        "This agency has officers; a data source has none.",
    ),
    "agency.short_name_taken": (
        "Singkatan ini sudah dipakai OPD lain.",
        "Another OPD already uses this short name.",
    ),
}
