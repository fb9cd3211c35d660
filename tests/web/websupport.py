"""Constants and helpers shared by the HTTP tests (`from tests.web.websupport import ...`).

Demo facts these tests rely on (see layak.demo.loader): 12.2 is answered by Dinkes alone (K3,
a percentage, two files); 4.2 by Disdukcapil alone (K1, yes/no, one file); 2.2 by DP3AP2KB
alone; 25.2 is answered by every kecamatan and 26.2 by every kelurahan. The self-assessment and
administrative verification windows are open; field verification and final are not.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

Q_DINKES = "12.2"
Q_DUKCAPIL = "4.2"
Q_DP3A = "2.2"
Q_KECAMATAN = "25.2"
Q_KELURAHAN = "26.2"
KEC_OKI = "18.72.01"  # Metro Pusat
KEC_OTHER = "18.72.02"  # Metro Utara
KEL_YOSO = "18.72.01.1005"  # Yosomulyo
KEL_OTHER = "18.72.01.1002"  # Hadimulyo Timur, same kecamatan

# A question the person may see (and, where the role writes at all, write) ...
OWN_QUESTION = {
    "kartika": Q_DINKES,  # part K3, her cluster
    "budi": Q_DINKES,
    "dewi": Q_DUKCAPIL,
    "rina": Q_DP3A,
    "oki": Q_KECAMATAN,
    "yosomulyo": Q_KELURAHAN,
}
# ... and one belonging to someone else (people who see every question have none).
OTHER_QUESTION = {
    "kartika": Q_DUKCAPIL,  # K1: she reads it but does not write it
    "budi": Q_DUKCAPIL,
    "dewi": Q_DINKES,
    "rina": Q_DINKES,
    "oki": Q_DINKES,
    "yosomulyo": Q_KECAMATAN,  # asked of kecamatan, not of kelurahan
}
# A question asking for a matrix (Question.asks_matrix) the person sees, and one of someone
# else's; Q_MATRIX (Dinkes) for everyone who sees every question.
Q_MATRIX = "12.6"
OWN_MATRIX_QUESTION = {
    "budi": Q_MATRIX,
    "dewi": "4.2",
    "rina": "2.5",
    "oki": "25.2",  # asked of every kecamatan
    "yosomulyo": "26.4",  # asked of every desa/kelurahan
}
OTHER_MATRIX_QUESTION = {
    "kartika": "4.2",  # K1: she reads it
    "budi": "4.2",
    "dewi": Q_MATRIX,
    "rina": Q_MATRIX,
    "oki": Q_MATRIX,
    "yosomulyo": "25.2",
}
# Unit-level objects: the operator's own unit, and another unit of the same region.
OWN_UNIT = {"oki": (Q_KECAMATAN, KEC_OKI), "yosomulyo": (Q_KELURAHAN, KEL_YOSO)}
OTHER_UNIT = {"oki": (Q_KECAMATAN, KEC_OTHER), "yosomulyo": (Q_KELURAHAN, KEL_OTHER)}


def walk_urls(
    patterns: list[URLPattern | URLResolver] | None = None,
    prefix: str = "",
    namespace: str = "",
) -> Iterator[tuple[str, str, Callable[..., Any]]]:
    """(route, namespaced name, view) for every pattern, recursing into includes."""
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver) and entry.namespace == "api":
            # The JSON API answers tokens, not sessions: tests/api/test_api_matrix.py walks
            # every one of its operations with its own complete matrix.
            continue
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from walk_urls(entry.url_patterns, prefix + str(entry.pattern), inner)
        else:
            yield prefix + str(entry.pattern), f"{namespace}{entry.name}", entry.callback


@dataclass(frozen=True)
class Target:
    url: str
    data: dict[str, Any] = field(default_factory=dict)


def valid_value(question: Any) -> str:
    """An answer the question accepts."""
    kind = question.kind.value
    if kind == "pilihan":
        return str(question.options[0].key)
    return {"ya_tidak": "ya", "persentase": "90"}.get(kind, "1")


def header_problems(response: Any, signed_in: bool) -> list[str]:
    problems = []
    csp = response.get("Content-Security-Policy", "")
    directives = {d.strip().split(" ", 1)[0]: d.strip() for d in csp.split(";") if d.strip()}
    if directives.get("frame-ancestors") != "frame-ancestors 'none'":
        problems.append(f"CSP without frame-ancestors 'none': {csp!r}")
    if directives.get("default-src") != "default-src 'self'":
        problems.append(f"CSP default-src: {csp!r}")
    # ASVS 3.4.3: no plugins, and no injected <base> can redirect the page's relative URLs.
    for directive in ("object-src 'none'", "base-uri 'none'"):
        if directives.get(directive.split()[0]) != directive:
            problems.append(f"CSP without {directive}: {csp!r}")
    if "'unsafe-inline'" in csp or "'unsafe-eval'" in csp:
        problems.append(f"CSP allows inline code: {csp!r}")
    expected = {
        "X-Frame-Options": "DENY",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "same-origin",
        "Cross-Origin-Opener-Policy": "same-origin",
    }
    for name, value in expected.items():
        if response.get(name) != value:
            problems.append(f"{name}: {response.get(name)!r}")
    if signed_in and "no-store" not in response.get("Cache-Control", ""):
        problems.append(f"Cache-Control: {response.get('Cache-Control')!r}")
    return problems


def content_problems(response: Any) -> list[str]:
    """ASVS 3.2.1 and 4.1.1: a page says it is HTML in UTF-8; anything else is a download
    (`attachment`), never shown inside Layak's origin."""
    content_type = response.get("Content-Type", "")
    if content_type.startswith("text/html"):
        return [] if content_type == "text/html; charset=utf-8" else [content_type]
    if not response.get("Content-Disposition", "").startswith("attachment;"):
        return [f"{content_type} shown inline: {response.get('Content-Disposition')!r}"]
    return []
