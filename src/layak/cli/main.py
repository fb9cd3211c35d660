"""The `layak` console script: Django's management commands with Layak's settings.

`layak`, `layak -h` and `layak --help` list every command with one line each, Layak's own first.
"""

from __future__ import annotations

import os
import sys


def _first_line(text: str) -> str:
    line = (text or "").strip().splitlines()[0] if (text or "").strip() else ""
    return line.rstrip(".")


def overview() -> str:
    import django
    from django.core.management import get_commands, load_command_class

    django.setup()
    ours: list[tuple[str, str]] = []
    django_commands: list[tuple[str, str]] = []
    for name, app in sorted(get_commands().items()):
        try:
            help_text = _first_line(str(load_command_class(app, name).help))
        except Exception:
            help_text = ""
        (ours if app.startswith("layak") else django_commands).append((name, help_text))
    width = max(len(n) for n, _ in ours + django_commands) + 2
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


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "layak.settings")
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args in (["-h"], ["--help"], ["help"]):
        print(overview())  # noqa: T201 - this is the command line's own output
        return
    from django.core.management import execute_from_command_line

    execute_from_command_line(["layak", *args])


if __name__ == "__main__":
    main()
