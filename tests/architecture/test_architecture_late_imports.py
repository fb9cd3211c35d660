"""An import inside a function is the exception (issue 15): it is there only where start-up time
or Django's loading order needs it, and a comment says which. A comment counts when it stands on
the import's lines or on the line just above them."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "layak"


def _late_imports(source: str) -> list[ast.stmt]:
    """The first import of each run of imports inside a function's body, once each (a nested
    function's body is also inside the function around it)."""
    found: dict[int, ast.stmt] = {}
    for function in ast.walk(ast.parse(source)):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for node in ast.walk(function):
            body = getattr(node, "body", None)
            if not isinstance(body, list):
                continue
            previous_was_import = False
            for statement in body:
                is_import = isinstance(statement, ast.Import | ast.ImportFrom)
                if is_import and not previous_was_import:
                    found[statement.lineno] = statement
                previous_was_import = is_import
    return [found[line] for line in sorted(found)]


def _run_end(lines: list[str], start: int) -> int:
    """The last line (1-based) of the run of import lines beginning at `start`."""
    end = start
    while end < len(lines) and lines[end].strip().startswith(("import ", "from ", "#", ")")):
        end += 1
    return end


def unexplained(source: str, name: str) -> list[str]:
    lines = source.splitlines()
    problems = []
    for first in _late_imports(source):
        around = lines[first.lineno - 2 : _run_end(lines, first.lineno)]
        if "#" in "".join(around):
            continue
        problems.append(f"{name}:{first.lineno}: {lines[first.lineno - 1].strip()}")
    return problems


def test_every_import_inside_a_function_says_why() -> None:
    problems = []
    for path in sorted(SRC.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        problems += unexplained(path.read_text(encoding="utf-8"), str(path.relative_to(SRC)))
    assert not problems, "imports inside functions without a reason:\n" + "\n".join(problems)


def test_the_check_finds_an_unexplained_import_and_accepts_an_explained_one() -> None:
    bare = "def f():\n    x = 1\n    import json\n    return json.dumps(x)\n"
    said = "def f():\n    # json is slow to load, f rare\n    import json\n    return json\n"
    beside = "def f():\n    import json  # rare\n    return json\n"
    nested = "def f():\n    if True:\n        from os import path\n    return path\n"
    assert unexplained(bare, "m.py") == ["m.py:3: import json"]
    assert unexplained(said, "m.py") == unexplained(beside, "m.py") == []
    docstring = 'def f():\n    """Reads the import."""\n    import json\n    return json\n'
    assert unexplained(docstring, "m.py") == ["m.py:3: import json"]
    assert unexplained(nested, "m.py") == ["m.py:3: from os import path"]
    inner = "def f():\n    def g():\n        import json\n        return json\n    return g\n"
    assert unexplained(inner, "m.py") == ["m.py:3: import json"]
