"""The `layak` console script: Django's management commands with Layak's settings.

`layak`, `layak -h` and `layak --help` list every command with one line each, Layak's own first.

Command names follow one rule (README, "Commands"): an English verb as Django's own commands,
then what it acts on in the programme's word (`load-opd`, `remind-tindak-lanjut`) or in plain
English where the programme has none (`purge-bundles`); a command that groups several actions
on one thing is that thing's noun with English verbs below it (`token create`, `jawaban import`).
The names they replaced still work for one release, here and only here: `layak OLD ...` prints
a one-line notice on standard error and runs the new name.
"""

from __future__ import annotations

import ast
import importlib.util
import os
import sys

import django
from django.core.management import execute_from_command_line, get_commands, load_command_class
from django.utils import translation
from django.utils.translation import gettext as _

from layak.core.messages import language_from_environment

# Old leading words → the words that replace them. The longest old key that starts the command
# line wins, so `token buat` is found before a bare `token`. Removed in the release after 0.1.
RENAMED: dict[tuple[str, ...], tuple[str, ...]] = {
    ("bersihkan-bundel",): ("purge-bundles",),
    ("data-pribadi", "ekspor"): ("export-personal-data",),
    ("data-pribadi",): ("export-personal-data",),
    ("demo",): ("run-demo",),
    ("gap",): ("plan-gap",),
    ("instrument", "efforts"): ("instrument", "export-efforts"),
    ("load-agencies",): ("load-opd",),
    ("pelanggaran",): ("trace-breach",),
    ("pengingat-tindak-lanjut",): ("remind-tindak-lanjut",),
    ("pulihkan-tugas",): ("recover-tasks",),
    ("retensi",): ("apply-retention",),
    ("seed-nasional",): ("seed-national",),
    ("template",): ("write-template",),
    ("token", "buat"): ("token", "create"),
    ("token", "cabut"): ("token", "revoke"),
    ("token", "daftar"): ("token", "list"),
}


def renamed(args: list[str]) -> tuple[list[str], tuple[str, str] | None]:
    """The command line with an old name replaced by its new one, and (old, new) when it was.
    `layak help OLD` finds the new command's help too."""
    head = 1 if args[:1] == ["help"] else 0
    for old in sorted(RENAMED, key=len, reverse=True):
        if tuple(args[head : head + len(old)]) == old:
            new = RENAMED[old]
            return [*args[:head], *new, *args[head + len(old) :]], (" ".join(old), " ".join(new))
    return args, None


def _first_line(text: str) -> str:
    line = (text or "").strip().splitlines()[0] if (text or "").strip() else ""
    return line.rstrip(".")


def _written_help(app: str, name: str) -> str | None:
    """The `help = "..."` a command's class writes in its source, read without importing the
    module: importing all 65 commands for one line each (and the libraries they use) took half
    of `layak --help` (docs/performance.md, "Command line"). None when it is not a literal."""
    spec = importlib.util.find_spec(f"{app}.management.commands.{name}")
    if spec is None or spec.origin is None or not spec.origin.endswith(".py"):
        return None
    with open(spec.origin, encoding="utf-8") as source:
        tree = ast.parse(source.read())
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and node.name == "Command":
            for item in node.body:
                if (
                    isinstance(item, ast.Assign)
                    and any(isinstance(t, ast.Name) and t.id == "help" for t in item.targets)
                    and isinstance(item.value, ast.Constant)
                    and isinstance(item.value.value, str)
                ):
                    return item.value.value
    return None


def overview() -> str:
    django.setup()
    ours: list[tuple[str, str]] = []
    django_commands: list[tuple[str, str]] = []
    for name, app in sorted(get_commands().items()):
        try:
            written = _written_help(app, name)
            help_text = _first_line(
                written if written is not None else str(load_command_class(app, name).help)
            )
        except Exception:
            help_text = ""
        (ours if app.startswith("layak") else django_commands).append((name, help_text))
    width = max(len(n) for n, _help in ours + django_commands) + 2
    lines = [
        "Penggunaan / usage: layak PERINTAH [opsi]   (layak help PERINTAH untuk rinciannya)",
        "",
        "Perintah Layak:",
        *(f"  {n.ljust(width)}{h}" for n, h in ours),
        "",
        "Perintah Django:",
        *(f"  {n.ljust(width)}{h}" for n, h in django_commands),
    ]
    return "\n".join(lines)


def _warn_renamed(old: str, new: str) -> None:
    """One line on standard error, in the reader's language (the commands' LAYAK_LANGUAGE)."""
    django.setup()  # the catalogue needs the app registry; execute_from_command_line reuses it
    with translation.override(language_from_environment()):
        notice = _(
            "layak: perintah `%(old)s` sudah berganti nama menjadi `%(new)s`; nama lama tidak "
            "berlaku lagi mulai rilis berikutnya."
        ) % {"old": old, "new": new}
    sys.stderr.write(notice + "\n")


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "layak.settings")
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args in (["-h"], ["--help"], ["help"]):
        print(overview())  # noqa: T201 - this is the command line's own output
        return
    args, change = renamed(args)
    if change is not None:
        _warn_renamed(*change)
    execute_from_command_line(["layak", *args])


if __name__ == "__main__":
    main()
