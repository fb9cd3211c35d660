"""The registries of institutions that serve children, and of staff trained in the Convention on
the Rights of the Child (Konvensi Hak Anak, KHA): the kinds of institution, which agency keeps
each kind, and the two shares the instrument asks about.

- A *kind* of institution (Puskesmas, a school of one level, PUSPAGA, ...) is kept by the
  agencies whose names (name, short name or an alias, as `core.agencies` matches them) are among
  its keepers: Dinas Kesehatan the puskesmas, Dinas Pendidikan and Kemenag the schools. Names
  vary between regions, so a keeper is a set of the names regions use, not one agency.
- A school level is one kind, school and madrasah together (TK/RA, SD/MI...), because the
  instrument asks one share per level (19.2a–e); the education office keeps the schools and
  Kemenag the madrasah, both the level. SMA/SMK and SLB are the province's (UU 23/2014, annex
  I.A: secondary and special education), not the kabupaten/kota's: no agency of the region
  runs them, so the region's education office (or the secretariat) records them from the
  province's figures, and the kind says so (`provincial`). No madrasah is an SLB: Kemenag
  keeps the SMA/MA/SMK level (its MA), not the SLB.
- The *designation share* of a kind in a year: the active institutions of the kind that hold a
  decree (SK) in force that year, among all active institutions of the kind ("% Puskesmas
  ramah anak ber-SK", question 15.1; 19.2a–e per school level).
- The *KHA share* of an agency in a year: its staff trained in KHA by the end of that year (each
  person once, however many trainings), among the staff it reported for that year.

The question codes are those of the 2024 instrument (kla-2024); a question an instrument does
not have is never offered.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from layak.core.agencies import normalise_agency

# The names regions give the agencies that keep institutions (core.agencies normalises them).
DP3A = ("DP3AP2KB", "DPPPAPPKB", "DP3A", "DP3AKB", "DPPPA", "Dinas PPPA")
DISDIK = ("Disdik", "Disdikbud", "Dinas Pendidikan", "Dinas Pendidikan dan Kebudayaan")
DINKES = ("Dinkes", "Dinas Kesehatan")
DINSOS = ("Dinsos", "Dinas Sosial")
DISHUB = ("Dishub", "Dinas Perhubungan")
KEMENAG = ("Kemenag", "Kantor Kementerian Agama")
PARIWISATA = ("Disporapar", "Disparpor", "Dispar", "Dinas Pariwisata")
UPTD_PPA = ("UPTD PPA",)


class KindCode(StrEnum):
    PUSPAGA = "puspaga"
    PAUD_HI = "paud_hi"
    LKSA = "lksa"
    RBRA = "rbra"
    RASS = "rass"
    PUSKESMAS = "puskesmas"
    SCHOOL_TK = "sekolah_tk"
    SCHOOL_SD = "sekolah_sd"
    SCHOOL_SMP = "sekolah_smp"
    SCHOOL_SMA = "sekolah_sma"
    SCHOOL_SLB = "sekolah_slb"
    PKA = "pka"
    RIRA = "rira"
    UPTD_PPA = "uptd_ppa"


@dataclass(frozen=True)
class InstitutionKind:
    code: KindCode
    name: str  # the name users know, as the import's "jenis" column may also spell it
    keepers: tuple[str, ...]
    share_questions: tuple[str, ...] = ()  # a share of the kind designated (%)
    count_questions: tuple[str, ...] = ()  # a count of designated or standardised ones
    provincial: bool = False  # run by the province: the region records it from its figures

    def kept_by(self, agency_names: Iterable[str]) -> bool:
        wanted = {normalise_agency(k) for k in self.keepers}
        return any(normalise_agency(n) in wanted for n in agency_names)


KINDS: tuple[InstitutionKind, ...] = (
    InstitutionKind(KindCode.PUSPAGA, "PUSPAGA", DP3A + DINSOS, count_questions=("8.1", "8.3")),
    InstitutionKind(KindCode.PAUD_HI, "Pos PAUD-HI", DISDIK, count_questions=("9.1",)),
    InstitutionKind(KindCode.LKSA, "LKSA", DINSOS + KEMENAG, count_questions=("10.1", "10.2")),
    InstitutionKind(KindCode.RBRA, "RBRA", DP3A, count_questions=("11.1", "11.2")),
    InstitutionKind(KindCode.RASS, "RASS", DISHUB, count_questions=("11.5",)),
    InstitutionKind(KindCode.PUSKESMAS, "Puskesmas", DINKES, ("15.1",), ("15.3",)),
    InstitutionKind(KindCode.SCHOOL_TK, "TK/RA", DISDIK + KEMENAG, ("19.2a",), ("19.3",)),
    InstitutionKind(KindCode.SCHOOL_SD, "SD/MI", DISDIK + KEMENAG, ("19.2b",), ("19.3",)),
    InstitutionKind(KindCode.SCHOOL_SMP, "SMP/MTs", DISDIK + KEMENAG, ("19.2c",), ("19.3",)),
    InstitutionKind(
        KindCode.SCHOOL_SMA, "SMA/MA/SMK", DISDIK + KEMENAG, ("19.2d",), ("19.3",), True
    ),
    InstitutionKind(KindCode.SCHOOL_SLB, "SLB", DISDIK, ("19.2e",), ("19.3",), True),
    InstitutionKind(KindCode.PKA, "PKA", DISDIK + PARIWISATA + DP3A, count_questions=("20.1",)),
    InstitutionKind(KindCode.RIRA, "RIRA", KEMENAG + DP3A, count_questions=("20.2",)),
    InstitutionKind(KindCode.UPTD_PPA, "UPTD PPA", DP3A + UPTD_PPA, count_questions=("21A.4a",)),
)
BY_CODE: dict[str, InstitutionKind] = {k.code.value: k for k in KINDS}

# The questions on staff trained in KHA (kla-2024): the instrument names the agencies asked.
KHA_QUESTIONS: tuple[str, ...] = (
    "2.2",
    "4.5",
    "5.6",
    "6.4",
    "8.5",
    "9.2",
    "10.4",
    "11.3",
    "11.6",
    "15.4",
    "19.4",
    "20.4",
    "21A.8",
)


def kind_of(text: str) -> InstitutionKind | None:
    """A kind from its code or its name, as a spreadsheet writes either ("puskesmas",
    "SD/MI", "sd/mi")."""
    wanted = normalise_agency(text)
    for kind in KINDS:
        if wanted in (normalise_agency(kind.code.value), normalise_agency(kind.name)):
            return kind
    return None


def kinds_kept_by(agency_names: Iterable[str]) -> list[InstitutionKind]:
    names = list(agency_names)
    return [k for k in KINDS if k.kept_by(names)]


def holds_in(valid_from: int, valid_until: int | None, year: int, *, revoked: bool) -> bool:
    """Does a designation count in `year`? From its first year to its last (open when none),
    unless it was revoked."""
    if revoked:
        return False
    return valid_from <= year and (valid_until is None or year <= valid_until)


@dataclass(frozen=True)
class Share:
    """`part` among `whole`: the institutions designated among all of their kind, or an
    agency's staff trained among its staff."""

    part: int
    whole: int

    @property
    def percent(self) -> Decimal | None:
        """The share in percent with one decimal (half up), None when there is no whole. It
        may exceed 100 when the part counts more than the whole reported: shown, not hidden."""
        if self.whole <= 0:
            return None
        return (Decimal(100 * self.part) / Decimal(self.whole)).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )

    @property
    def exceeds(self) -> bool:
        return self.whole > 0 and self.part > self.whole


def designation_share(institutions: Iterable[tuple[bool, bool]]) -> Share:
    """Per institution (active, designated in the year): the share among the active ones."""
    active = [designated for is_active, designated in institutions if is_active]
    return Share(sum(active), len(active))


def person_key(name: str) -> str:
    """A participant's name as one person: case, spacing and punctuation ignored, so that
    "Dr. Ani  Rahma" and "dr ani rahma" are one trained person."""
    return " ".join(re.sub(r"[^\w\s]", " ", name.casefold()).split())


def trained_by(participations: Iterable[tuple[str, int]], year: int) -> int:
    """Distinct people (by `person_key`) trained at an event held in `year` or before."""
    return len({person_key(name) for name, held in participations if held <= year})


def kha_share(participations: Iterable[tuple[str, int]], staff: int | None, year: int) -> Share:
    return Share(trained_by(participations, year), staff or 0)


class Counted(StrEnum):
    """What a count question counts among a kind's active institutions in the year."""

    ACTIVE = "aktif"  # every active one: "lembaga ... yang berfungsi"
    DECREED = "sk"  # those holding a decree (SK) in force: "PKA ber-SK"
    STANDARDISED = "standar"  # a standard or self-assessment in force: "terstandar"


# The count (or yes/no) questions the registries answer, and what each counts (kla-2024's
# labels). 9.1 asks about the PAUD-HI task force, not the posts: the registry proposes nothing.
COUNTED: dict[str, Counted] = {
    "8.1": Counted.ACTIVE,
    "8.3": Counted.STANDARDISED,
    "10.1": Counted.ACTIVE,
    "10.2": Counted.STANDARDISED,
    "11.1": Counted.ACTIVE,
    "11.2": Counted.STANDARDISED,
    "11.5": Counted.ACTIVE,
    "15.3": Counted.STANDARDISED,
    "19.3": Counted.STANDARDISED,
    "20.1": Counted.DECREED,
    "20.2": Counted.DECREED,
    "21A.4a": Counted.ACTIVE,
}


def share_kind(question_code: str) -> InstitutionKind | None:
    """The kind whose share with a decree answers a percentage question (15.1, 19.2a...)."""
    return next((k for k in KINDS if question_code in k.share_questions), None)


def counted_kinds(question_code: str) -> list[InstitutionKind]:
    """The kinds a count question counts together (19.3: the schools of every level)."""
    if question_code not in COUNTED:
        return []
    return [k for k in KINDS if question_code in k.count_questions]
