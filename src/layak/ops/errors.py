"""A refusal of an operations command, in Indonesian and English."""

from __future__ import annotations


class OpsRefused(Exception):
    """The command cannot go on; nothing was written (or what was written is named)."""

    def __init__(self, indonesian: str, english: str) -> None:
        super().__init__(indonesian)
        self.indonesian = indonesian
        self.english = english

    def render(self, lang: str) -> str:
        return self.english if lang == "en" else self.indonesian
