"""A new gunicorn worker loads the views, translations and templates before its first request
(`layak.wsgi.warm_up`, from deploy/gunicorn.conf.py's post_worker_init), without the database."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from django.template import engines
from pytest_django import DjangoDbBlocker

from layak.evidence import ready
from layak.wsgi import warm_up

CONFIG = Path(__file__).resolve().parents[2] / "deploy" / "gunicorn.conf.py"


def test_warming_up_compiles_every_template_without_touching_the_database(
    caplog: pytest.LogCaptureFixture,
    django_db_blocker: DjangoDbBlocker,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    loader = engines["django"].engine.template_loaders[0]  # the cached loader of production
    loader.reset()
    monkeypatch.setattr(ready, "_PROVIDERS", {})  # as in a new worker: none imported yet
    with caplog.at_level(logging.WARNING, logger="layak.wsgi"), django_db_blocker.block():
        warm_up()
    assert not caplog.records, [r.getMessage() for r in caplog.records]
    compiled = set(loader.get_template_cache)
    assert {"base.html", "overview/national.html", "evaluation/dashboard.html"} <= compiled
    assert set(ready._PROVIDERS) == set(ready._PATHS)


def test_the_shipped_gunicorn_configuration_warms_up_each_worker() -> None:
    namespace: dict[str, object] = {}
    exec(compile(CONFIG.read_text(encoding="utf-8"), str(CONFIG), "exec"), namespace)  # noqa: S102
    assert callable(namespace["post_worker_init"])
