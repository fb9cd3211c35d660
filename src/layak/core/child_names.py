"""A child's name out of a text that leaves the Forum Anak's pages (docs/forum-anak.md).

Minutes and notes are written by adults who name children as they know them: "Alya (Ketua
Forum Anak) menyampaikan usulan". Before such a text goes into a document read outside the
forum (evidence, the minutes' PDF), each child's name becomes their role in the forum:
"Ketua Forum Anak menyampaikan usulan". A name is matched as a whole word, whatever its case;
a role written after it in brackets is not repeated.
"""

from __future__ import annotations

import re
from collections.abc import Mapping


def screen_names(text: str, roles_by_name: Mapping[str, str]) -> str:
    """`text` with every name of `roles_by_name` replaced by its role. Longer names go first,
    so "Alya Putri" is not left as "Ketua Forum Anak Putri" by the name "Alya"."""
    names = sorted((n.strip() for n in roles_by_name if n.strip()), key=len, reverse=True)
    if not text or not names:
        return text
    roles = {n.casefold(): roles_by_name[n] for n in roles_by_name if n.strip()}
    pattern = re.compile(
        r"(?<!\w)(" + "|".join(re.escape(n) for n in names) + r")(?!\w)(\s*\(([^()]*)\))?",
        re.IGNORECASE,
    )

    def replace(match: re.Match[str]) -> str:
        role = roles[match.group(1).casefold()]
        bracket = match.group(2) or ""
        if match.group(3) is not None and match.group(3).strip().casefold() == role.casefold():
            bracket = ""  # "Alya (Ketua Forum Anak)" → "Ketua Forum Anak", not twice
        return role + bracket

    return pattern.sub(replace, text)
