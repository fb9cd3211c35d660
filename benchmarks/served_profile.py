"""A WSGI wrapper for benchmarks/served.py --profile: each request of a gunicorn worker runs
under cProfile, one profile per first path segment (nasional, provinsi, siklus, masuk), and
after each request the worker writes it to $LAYAK_PROFILE_OUT-<segment>-<pid>.prof (read with
`python -m pstats`). Not part of the product."""

from __future__ import annotations

import cProfile
import os
from collections.abc import Iterable
from typing import Any

from layak.wsgi import proxied_application

_profiles: dict[str, cProfile.Profile] = {}


def application(environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
    segment = environ.get("PATH_INFO", "/").strip("/").split("/")[0] or "home"
    profile = _profiles.setdefault(segment, cProfile.Profile())
    profile.enable()
    try:
        # Read the body inside the profile: the view's work ends when the iterable is consumed.
        body = list(proxied_application(environ, start_response))
    finally:
        profile.disable()
    # After every request: gunicorn ends its workers without a hook the profile could use.
    profile.dump_stats(f"{os.environ['LAYAK_PROFILE_OUT']}-{segment}-{os.getpid()}.prof")
    return body
