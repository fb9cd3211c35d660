"""Kemendagri region codes: level, parent and kind from the code itself (no Django).

`18` province, `18.72` kabupaten/kota, `18.72.01` kecamatan, `18.72.01.1001` desa/kelurahan;
a desa/kelurahan code whose last part starts with 1 is a kelurahan, with 2 a desa.
"""

from __future__ import annotations

import re
from enum import IntEnum

CODE = re.compile(r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$")


class Level(IntEnum):
    PROVINCE = 1
    REGENCY = 2  # kabupaten or kota
    DISTRICT = 3  # kecamatan
    VILLAGE = 4  # desa or kelurahan


def is_valid_code(code: str) -> bool:
    return bool(CODE.match(code))


def level_of(code: str) -> Level:
    return Level(code.count(".") + 1)


def parent_of(code: str) -> str | None:
    return code.rsplit(".", 1)[0] if "." in code else None


def kind_of(code: str, name: str) -> str:
    """provinsi, kota, kabupaten, kecamatan, kelurahan or desa."""
    level = level_of(code)
    if level is Level.PROVINCE:
        return "provinsi"
    if level is Level.REGENCY:
        return "kota" if name.strip().casefold().startswith("kota") else "kabupaten"
    if level is Level.DISTRICT:
        return "kecamatan"
    return "kelurahan" if code.rsplit(".", 1)[1].startswith("1") else "desa"


def normalise_name(name: str) -> str:
    """'Iring Mulyo' and 'Iringmulyo' match: case, spaces and punctuation are ignored."""
    return re.sub(r"[^0-9a-z]", "", name.casefold())
