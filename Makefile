# Layak: two commands on a fresh machine, `make demo` and `make test`.
SHELL := /bin/bash
UV_VERSION := 0.13.8
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
BIN := $(VENV)/bin
PYTHON ?= python3
# The suite runs on every core (pytest-xdist): each worker has its own test database, data folder
# and temporary files. Bytecode is written beside the sources even where PYTHONDONTWRITEBYTECODE
# is set: the workers and the `layak` subprocesses of the tests then share the bytecode that
# `make install` compiled, and compile the rest once (docs/performance.md, "Test suite").
# Tests are handed to the workers two at a time (--maxschedchunk 2), so both finish within a test
# of each other: in larger batches one worker was left with the slow transactional tests at the
# end while the other waited, 6 to 14 s (docs/performance.md, "Seventh pass").
PYTEST := env -u PYTHONDONTWRITEBYTECODE $(BIN)/pytest -n auto --maxschedchunk 2

.PHONY: install chromium demo test quick lint types unit postgres-tests benchmark instrument clean security

# uv itself is installed into a private tool environment, so nothing global is needed.
$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

# The bytecode of the libraries Layak runs on is compiled at install (by uv), and Layak's own by
# compileall, so that `layak` starts in about a second even where PYTHONDONTWRITEBYTECODE is set
# or the install is read-only (docs/performance.md, "Start-up"). The development tools (pytest,
# Playwright, moto, schemathesis...) are added without: compiling the whole environment took
# 57 s instead of 19 s, mostly for modules no test imports.
$(VENV)/.synced: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --quiet --no-dev --compile-bytecode
	$(UV) sync --frozen --quiet
	$(BIN)/python -m compileall -q src/layak
	touch $@

install: $(VENV)/.synced

demo: install
	$(BIN)/layak migrate --noinput --verbosity 0
	$(BIN)/layak run-demo

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	env -u DATABASE_URL $(BIN)/layak makemigrations --check --dry-run --verbosity 0

types: install
	$(BIN)/mypy

# T11 (docs/security.md): bandit on our code, and the locked dependencies against PyPI's
# vulnerability service (a warning, not a failure, when the service cannot be reached).
security: install
	$(BIN)/bandit -q -c pyproject.toml -r src
	UV=$(UV) $(BIN)/python .ci/audit_dependencies.py

# The browser tests drive Debian's Chromium (Playwright never downloads a browser here); the PDF
# tests read the rendered reports back with poppler's pdftotext.
chromium:
	command -v chromium >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium)
	command -v pdftotext >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils)

# xdist's default --dist load: loadscope, loadfile and loadgroup key tests by node id and would
# run only one of the schemathesis cases in tests/api/test_api_fuzz.py, which share one id; and
# worksteal hands a worker tests from the end of another's queue, so a transactional test (which
# empties the tables; pytest-django runs them last) came before ordinary ones that need the demo.
unit: install chromium
	env -u DATABASE_URL $(PYTEST)

# The tests without a browser and without PostgreSQL, on SQLite: the check to run while working.
# Property tests draw a quarter of their examples here (tests/support/examples.py); make test
# draws them all.
quick: install
	env -u DATABASE_URL LAYAK_QUICK_EXAMPLES=1 $(PYTEST) -m "not browser"

# The database tests again on PostgreSQL when DATABASE_URL names a reachable server
# (CI sets LAYAK_REQUIRE_POSTGRES=1, so an unreachable server fails instead of skipping).
postgres-tests: install
	@if [ -z "$$DATABASE_URL" ]; then \
	  echo "DATABASE_URL is not set: PostgreSQL run skipped"; \
	elif $(BIN)/python -m layak.conf.reachable; then \
	  $(PYTEST) -m django_db; \
	elif [ -n "$$LAYAK_REQUIRE_POSTGRES" ]; then \
	  echo "PostgreSQL at DATABASE_URL is not reachable" >&2; exit 1; \
	else \
	  echo "PostgreSQL at DATABASE_URL is not reachable: skipped"; \
	fi

# The static checks run beside the test runs, not before them: they are single-threaded and
# much of their time is spent waiting on the network (PyPI's vulnerability service), time the
# two test workers fill. Their output is printed whole at the end, after the SQLite and
# PostgreSQL runs; `make test` fails if either part failed.
CHECKS_LOG := .cache/checks.log
test: install
	@mkdir -p .cache
	@( $(MAKE) --no-print-directory -j2 -O lint types security > $(CHECKS_LOG) 2>&1; \
	   echo $$? > $(CHECKS_LOG).status ) & \
	$(MAKE) --no-print-directory unit postgres-tests; tests=$$?; \
	wait; cat $(CHECKS_LOG); checks=$$(cat $(CHECKS_LOG).status); \
	echo "make test: lint, types and security exit $$checks; the tests exit $$tests"; \
	[ "$$tests" = 0 ] && [ "$$checks" = 0 ]

benchmark: install
	$(UV) sync --frozen --quiet --group bench
	$(BIN)/python benchmarks/bench_scoring.py
	$(BIN)/python benchmarks/bench_gap.py
	$(BIN)/python benchmarks/bench_xlsx.py
	$(BIN)/python benchmarks/bench_cli.py
	$(BIN)/python benchmarks/bench_reports.py

# Rebuild the shipped kla-2024 instrument and demo answers from ../shared/data.
instrument: install
	$(BIN)/python scripts/build_kla2024.py
	$(BIN)/python scripts/build_demo_answers.py

clean:
	rm -rf $(VENV) $(TOOLS) .cache .pytest_cache .mypy_cache .ruff_cache
