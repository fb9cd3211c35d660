"""The base of Layak's management commands: refused input becomes exit status 2 and a clear
message, in the reader's language.

It lives in the foundation layer (not in `layak.cli`), so that every app can ship its commands
without importing the console script's package.
"""

from __future__ import annotations

import sys
from typing import Any, ClassVar, NoReturn

from django.core.management.base import BaseCommand, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from layak.core.messages import InputError, Lang, Message, language_from_environment
from layak.core.numbers import Numeric, localise_number

EXIT_INPUT = 2


class LayakCommand(BaseCommand):
    """A command's own words are gettext strings in Indonesian (`_("...")`, English in
    locale/en); `execute` runs the command in the reader's language (`lang`), so they, the core's
    messages and the numbers all follow LAYAK_LANGUAGE (or LC_ALL, LC_MESSAGES, LANG)."""

    requires_system_checks: ClassVar[list[str]] = []  # type: ignore[misc]
    requires_migrations_checks = False

    @property
    def lang(self) -> Lang:
        return language_from_environment()

    def number(self, value: Numeric, places: int | None = None) -> str:
        """A number in the reader's way: 91.599 and 12,5 in Indonesian, 91,599 and 12.5 in
        English."""
        return localise_number(value, self.lang, places)

    def execute(self, *args: Any, **options: Any) -> str | None:
        with translation.override(self.lang):
            try:
                return super().execute(*args, **options)
            except InputError as error:
                self.fail(error.render(self.lang))
            except ValueError as error:
                if error.args and isinstance(error.args[0], Message):
                    self.fail(error.args[0].render(self.lang))
                raise
        return None

    def fail(self, text: str) -> NoReturn:
        """Refuse with exit status 2: "Galat: ..." on standard error."""
        with translation.override(self.lang):
            heading = _("Galat:")
        sys.stderr.write(f"{heading} {text}\n" if "\n" not in text else f"{heading}\n{text}\n")
        raise SystemExit(EXIT_INPUT)


class DaysAheadCommand(LayakCommand):
    """A daily command (run from cron) about what falls within the next `--hari` days: a
    subclass gives the option's default and help, and does its work in `handle_days()`."""

    days_default: ClassVar[int]
    days_help: ClassVar[str]

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--hari", type=int, default=self.days_default, help=self.days_help)

    def handle(self, *args: Any, **options: Any) -> None:
        days = options["hari"]
        if days < 0:
            self.fail(_("--hari tidak boleh negatif"))
        self.handle_days(days)

    def handle_days(self, days: int) -> None:
        raise NotImplementedError
