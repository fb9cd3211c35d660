"""Long documents as PDF with Typst: a static template shipped in the package, the data as JSON.

WeasyPrint (`layak.web.pdf`) takes seconds to lay out a table of a few hundred rows; Typst takes
a tenth of a second (docs/performance.md), so the two long reports are typeset here. Safety
rests on two rules. The template reads its data with `json(bytes(sys.inputs.data))` and shows
the values as text: a string never becomes markup, so an answer such as `#read("/etc/passwd")`
prints as it is written. And the compiler's root is the template's own folder, with no package
path: the template can read nothing else (the charts arrive as SVG text inside the JSON).
"""

from __future__ import annotations

import json
import multiprocessing
import shutil
import subprocess
from collections.abc import Mapping
from functools import cache
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import typst

# Today's documents are set in DejaVu Sans (web/pdf_base.html); the same folder on Debian/Ubuntu.
DEJAVU_FOLDER = Path("/usr/share/fonts/truetype/dejavu")


def typeset(template: Path, data: Mapping[str, Any]) -> bytes:
    """The PDF of the Typst file `template` given `data` (any JSON value) as `sys.inputs.data`.

    It is typeset in a forked child process: Typst keeps what it laid out for the last ten
    documents in a process-wide cache (0.3 GB after one report of 274 questions, 0.8 GB after
    ten), which the worker would otherwise carry for its whole life. The fork costs about
    0.03 s (docs/performance.md)."""
    payload = json.dumps(data, ensure_ascii=False)
    fonts = _fonts()  # scanned once, in the parent, and inherited by every child
    # Fork, not spawn: the child needs no fresh interpreter. It touches neither the database nor
    # a lock another thread (the worker's heartbeat) could hold: only typst, already imported.
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_compile, args=(sender, template, payload, fonts))
    child.start()
    sender.close()
    try:
        outcome: tuple[str, Any] = receiver.recv()
    except EOFError:
        outcome = ("crash", f"Typst's process ended with code {child.exitcode}")
    finally:
        child.join()
        receiver.close()
    kind, value = outcome
    if kind == "pdf":
        return bytes(value)
    if kind == "typst":
        import typst  # the parent only needs it to raise Typst's own error: rarely, so late

        raise typst.TypstError(*value)
    raise RuntimeError(value)


def _compile(sender: Connection, template: Path, payload: str, fonts: typst.Fonts) -> None:
    """In the child: the PDF, or Typst's error (its message and diagnostic), sent back."""
    # Imported here, not at the top, as WeasyPrint is in `layak.web.pdf`: `layak --help` and the
    # commands that never write a report do not load the compiler.
    import typst

    try:
        compiler = typst.Compiler(
            template.read_bytes(), root=str(template.parent), font_paths=fonts
        )
        document = compiler.compile(format="pdf", sys_inputs={"data": payload})
        if not isinstance(document, bytes):  # a list of pages comes only from PNG and SVG
            raise TypeError("Typst returned pages, not one PDF")
        sender.send(("pdf", document))
    except typst.TypstError as error:
        sender.send(("typst", (error.message, error.diagnostic, error.hints, error.trace)))
    except Exception as error:  # any failure goes back to the parent, which raises it
        sender.send(("error", f"{type(error).__name__}: {error}"))
    finally:
        sender.close()


@cache
def _fonts() -> typst.Fonts:
    """DejaVu from the system when it is there, else only the fonts Typst carries (then text
    still renders, in Libertinus and New Computer Modern); never the other system fonts.
    Scanned once per process."""
    import typst  # as in `_compile`

    folder = _dejavu_folder()
    return typst.Fonts(
        include_system_fonts=False,
        include_embedded_fonts=True,
        font_paths=[str(folder)] if folder else [],
    )


def _dejavu_folder() -> Path | None:
    if (DEJAVU_FOLDER / "DejaVuSans.ttf").is_file():
        return DEJAVU_FOLDER
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return None
    found = subprocess.run(  # noqa: S603 - a fixed program with fixed arguments
        [fc_match, "--format=%{file}", "DejaVu Sans"],
        capture_output=True,
        text=True,
        timeout=5,
        check=False,
    ).stdout
    path = Path(found) if found else None
    return path.parent if path and path.name.startswith("DejaVuSans") else None
