"""The Kota Metro demo's people, the one list the tests use (their accounts are in
src/layak/demo/data/kota-metro-akun.csv).

Tests read like stories about them: Sekretariat Sari signs off, Budi of Dinkes answers his
questions, verifier Vina checks them, and an anonymous visitor sees only the public pages.
"""

from __future__ import annotations

# Username → who the person is in the demo. Order matters only for reading the access tables.
PERSONAS: dict[str, str] = {
    "admin": "the administrator, no region of their own",
    "sari": "Sari, secretariat of Kota Metro's task force (Gugus Tugas KLA)",
    "kartika": "Kartika, coordinator of cluster K3 (basic health and welfare)",
    "budi": "Budi, officer of Dinkes",
    "dewi": "Dewi, officer of Disdukcapil",
    "rina": "Rina, officer of DP3AP2KB",
    "oki": "Oki, operator of kecamatan Metro Pusat (18.72.01)",
    "yosomulyo": "Wahyu, operator of kelurahan Yosomulyo (18.72.01.1005)",
    "vina": "Vina, the provincial verifier of Lampung",
    "nadia": "Nadia, a national verifier",
    "mitra": "the account of PT Sinar Metro Abadi, a stakeholder business",
    "forumanak": "the account of Forum Anak Kota Metro",
}
USERNAMES: tuple[str, ...] = tuple(PERSONAS)

# `login(ANONYMOUS)` signs the test client out; access tables use it as a column.
ANONYMOUS = "anon"
