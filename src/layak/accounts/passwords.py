"""How guessable a password is, estimated by zxcvbn (a Django password validator).

zxcvbn knows English words, names and the most common passwords, keyboard patterns, repeats,
sequences and dates. It does not know Indonesian, so the words Indonesians put in passwords
(and Layak's own: the programme, the city, the person's names and region) are given to it as
"user inputs", which it counts as the easiest guesses of all. A password needs score 3 of 4
("safely unguessable": about 10^8 guesses or more).
"""

from __future__ import annotations

import re
import threading

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from zxcvbn import zxcvbn

from layak.accounts.models import User

# Words common in Indonesian passwords, and the programme's own.
INDONESIAN_WORDS = (
    "layak",
    "kota metro",
    "metro",
    "kla",
    "kota layak anak",
    "anak",
    "gugus tugas",
    "rahasia",
    "sayang",
    "sayangku",
    "cinta",
    "indonesia",
    "merdeka",
    "bismillah",
    "alhamdulillah",
    "insyaallah",
    "pancasila",
    "garuda",
    "katasandi",
    "kata sandi",
    "sandi",
    "masuk",
    "semangat",
    "selamat",
    "jakarta",
    "lampung",
    "bunda",
    "ayah",
    "ibu",
    "rindu",
    "cantik",
    "ganteng",
    "bintang",
    "kucing",
    "persija",
    "persib",
)
# zxcvbn refuses longer passwords; the first 72 characters of a strong one are strong already.
ZXCVBN_MAX_LENGTH = 72
# zxcvbn keeps the user inputs in a module-level dictionary during a call, so two threads
# scoring at once would mix each other's words.
_ZXCVBN = threading.Lock()


def user_inputs(user: User | None) -> list[str]:
    """The person's own words (names, username, e-mail, region, unit, agency), then the
    Indonesian and programme words."""
    words: list[str] = []
    if user is not None:
        for name in ("username", "first_name", "last_name", "email"):
            words.append(str(getattr(user, name, "") or ""))
        email = str(getattr(user, "email", "") or "")
        words.append(email.partition("@")[0])
        for related in ("region", "unit", "agency"):
            # Loaded only when already set: a user being created may not be saved yet.
            if getattr(user, f"{related}_id", None) is not None:
                item = getattr(user, related)
                words.extend([str(getattr(item, "name", "")), str(getattr(item, "short_name", ""))])
    return _variants([*words, *INDONESIAN_WORDS])


def _variants(phrases: list[str]) -> list[str]:
    """Each phrase as written, without its spaces ("kotametro") and word by word, since
    zxcvbn matches a dictionary entry only whole."""
    seen: dict[str, None] = {}
    for phrase in phrases:
        text = phrase.casefold().strip()
        words = [w for w in re.split(r"[^0-9a-z]+", text) if len(w) >= 3]
        for variant in (text, "".join(text.split()), *words):
            if variant:
                seen.setdefault(variant)
    return list(seen)


def score(password: str, user: User | None = None) -> int:
    with _ZXCVBN:
        result = zxcvbn(password[:ZXCVBN_MAX_LENGTH], user_inputs=user_inputs(user))
    return int(result["score"])


class GuessabilityValidator:
    """Refuses a password zxcvbn scores below `min_score` (AUTH_PASSWORD_VALIDATORS)."""

    def __init__(self, min_score: int = 3) -> None:
        self.min_score = min_score

    def validate(self, password: str, user: User | None = None) -> None:
        if score(password, user) < self.min_score:
            raise ValidationError(
                _(
                    "Kata sandi ini terlalu mudah ditebak. Pakai kalimat sandi dari tiga atau "
                    "empat kata yang tidak berhubungan dan tidak umum, boleh dengan angka atau "
                    "tanda baca; hindari nama, nama tempat, kata seperti “rahasia” atau "
                    "“merdeka”, tanggal, urutan papan ketik, dan huruf yang berulang."
                ),
                code="password_too_guessable",
            )

    def get_help_text(self) -> str:
        return _(
            "Kata sandi harus sulit ditebak: kalimat sandi dari beberapa kata yang tidak "
            "berhubungan, bukan nama, kata umum, tanggal, atau pola."
        )
