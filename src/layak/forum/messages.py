"""The Forum Anak's refusals, each under its key (registered in ForumConfig.ready()). The steps of
an aspiration are the core's rules (`aspiration.*` in layak.core.messages)."""

from __future__ import annotations

CATALOGUE: dict[str, tuple[str, str]] = {
    # Forums and their decree.
    "forum.level": (
        "Forum Anak ada di tingkat kota, kecamatan atau kelurahan.",
        "A Forum Anak is at city, kecamatan or kelurahan level.",
    ),
    "forum.region_elsewhere": (
        "Wilayah ini bukan bagian dari kota ini.",
        "This area is not part of this city.",
    ),
    "forum.period_inverted": (
        "Akhir masa bakti sebelum awalnya.",
        "The term ends before it starts.",
    ),
    "forum.decree_kind": (
        "SK harus berupa PDF, PNG atau JPEG",
        "the decree must be a PDF, PNG or JPEG",
    ),
    # Child members and their guardians' consent.
    "forum.kelurahan_elsewhere": (
        "Kelurahan ini bukan bagian dari kota ini.",
        "This kelurahan is not part of this city.",
    ),
    "forum.active_without_consent": (
        "Anggota hanya aktif bila persetujuan orang tua/wali tercatat.",
        "A member can only be active when a parent's or guardian's consent is on record.",
    ),
    "forum.nickname_required": ("Nama panggilan wajib diisi.", "The nickname is required."),
    "forum.consent_on_record": ("Persetujuan sudah tercatat.", "Consent is already on record."),
    "forum.no_consent_in_force": (
        "Tidak ada persetujuan yang berlaku.",
        "There is no consent in force.",
    ),
    # Aspirations.
    "forum.place_elsewhere": (
        "Tempat ini bukan bagian dari kotamu.",
        "This place is not part of your city.",
    ),
    "forum.paper_consent_required": (
        "Catat aspirasi tertulis hanya bila anak yang menulisnya setuju aspirasinya diteruskan.",
        "Record a written aspiration only when the child who wrote it agrees to pass it on.",
    ),
    "forum.paper_date_future": (
        "Tanggal aspirasi ditulis tidak boleh di masa depan.",
        "The date the aspiration was written cannot be in the future.",
    ),
}
