"""The task force's refusals, each under its key (registered in GugusConfig.ready())."""

from __future__ import annotations

CATALOGUE: dict[str, tuple[str, str]] = {
    # The decree and its members.
    "gugus.decree_until_before_from": (
        "Tanggal akhir berlaku tidak boleh sebelum tanggal mulai.",
        "The end date cannot be before the start date.",
    ),
    "gugus.member_agency_required": (
        "Anggota dari perangkat daerah memerlukan OPD.",
        "A member from a government agency needs an OPD.",
    ),
    "gugus.member_organisation_required": (
        "Tuliskan organisasi yang diwakili anggota ini.",
        "Write the organisation this member represents.",
    ),
    "gugus.member_until_before_since": (
        "Tanggal berhenti tidak boleh sebelum tanggal mulai.",
        "The leaving date cannot be before the start date.",
    ),
    "gugus.member_agency_elsewhere": (
        "OPD ini bukan milik kabupaten/kota SK ini.",
        "This OPD does not belong to the decree's kabupaten/kota.",
    ),
    # Meetings.
    "gugus.meeting_date_out_of_range": (
        "Tanggal rapat di luar rentang yang masuk akal.",
        "The meeting date is outside a sensible range.",
    ),
    "gugus.attendee_elsewhere": (
        "Anggota dari wilayah lain tidak dapat dicatat hadir.",
        "Members from another region cannot be recorded as present.",
    ),
    "gugus.document_title_required": (
        "Judul dokumen wajib diisi.",
        "The document title is required.",
    ),
    "gugus.document_file_required": (
        "Pilih berkas yang akan diunggah.",
        "Choose a file to upload.",
    ),
    # Action items.
    "gugus.action_agency_elsewhere": (
        "OPD ini bukan milik kabupaten/kota rapat.",
        "This OPD does not belong to the meeting's kabupaten/kota.",
    ),
    "gugus.action_unknown_questions": (
        "Kode pertanyaan tidak ada di instrumen {instrument}: {codes}.",
        "Question codes not in instrument {instrument}: {codes}.",
    ),
    "gugus.action_unknown_status": (
        "Pilih salah satu status yang tersedia.",
        "Choose one of the available statuses.",
    ),
    # The action plan (RAD KLA).
    "gugus.rad_direct_share": (
        "Kegiatan yang langsung melayani anak berporsi 100%.",
        "An activity that serves children directly has a share of 100%.",
    ),
    "gugus.rad_indirect_share": (
        "Kegiatan tidak langsung memerlukan porsi antara 1 dan 99%.",
        "An indirect activity needs a share between 1 and 99%.",
    ),
    "gugus.rad_unknown_part": (
        "Bagian ini tidak ada di instrumen {instrument}.",
        "This part is not in instrument {instrument}.",
    ),
    "gugus.rad_unknown_indicator": (
        "Indikator {code} bukan bagian dari {part} di instrumen {instrument}.",
        "Indicator {code} is not part of {part} in instrument {instrument}.",
    ),
    "gugus.rad_agency_elsewhere": (
        "OPD ini bukan milik kabupaten/kota ini.",
        "This OPD does not belong to this kabupaten/kota.",
    ),
    "gugus.rad_unknown_source": ("Sumber dana tidak dikenal.", "Unknown funding source."),
    "gugus.rad_realised_without_plan": (
        "Isi rencana anggaran sebelum realisasinya.",
        "Fill in the planned budget before the amount spent.",
    ),
    "gugus.rad_budget_required": (
        "Kegiatan memerlukan rencana anggaran.",
        "The activity needs a planned budget.",
    ),
}
