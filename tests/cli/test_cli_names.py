"""Command names: one convention, and the old names kept for one release by the `layak` script.

Most checks read the alias table and Django's command registry in-process; two run the real
script (about 1 s each) to see the notice on standard error and the renamed command's output.
"""

from __future__ import annotations

import json
import re

import pytest
from django.core.management import get_commands, load_command_class

from layak.cli.main import RENAMED, renamed
from layak.worker.runner import HeartbeatWorker

# One rule (README, "Command names"): an English verb, a hyphen, then what it acts on; or a
# programme noun whose sub-commands are English verbs. These are the nouns and the lone verbs.
GROUPS = {"instrument", "jawaban", "profil-anak", "token"}
VERBS = {"backup", "restore", "score"}
KEPT = {"db_worker"}  # django-tasks' own name: see layak/worker/management/commands/db_worker.py


def ours() -> dict[str, str]:
    return {name: app for name, app in get_commands().items() if app.startswith("layak")}


def test_every_command_of_layak_follows_the_convention() -> None:
    for name in ours():
        if name in GROUPS | VERBS | KEPT:
            continue
        assert re.fullmatch(r"[a-z]+(-[a-z]+)+", name), name
        verb = name.split("-")[0]
        assert verb in {
            "add", "apply", "check", "export", "load", "open", "plan", "purge", "recover",
            "remind", "run", "seed", "send", "trace", "write",
        }, f"{name}: is {verb!r} an English verb? add it here if so"  # fmt: skip


def test_every_old_name_leads_to_a_command_and_is_no_longer_one_itself() -> None:
    commands = ours()
    for old, new in RENAMED.items():
        assert new[0] in commands, new
        if len(old) == 1:
            assert old[0] not in commands, f"{old[0]} is still a command file"


def test_the_longest_old_words_win_and_help_finds_the_new_name() -> None:
    assert renamed(["token", "buat", "vina", "--nama", "x"]) == (
        ["token", "create", "vina", "--nama", "x"],
        ("token buat", "token create"),
    )
    assert renamed(["data-pribadi", "ekspor", "--pengguna", "budi"]) == (
        ["export-personal-data", "--pengguna", "budi"],
        ("data-pribadi ekspor", "export-personal-data"),
    )
    assert renamed(["help", "bersihkan-bundel"])[0] == ["help", "purge-bundles"]
    assert renamed(["token", "list"]) == (["token", "list"], None)
    assert renamed(["score", "gap"]) == (["score", "gap"], None)  # only leading words


def test_db_worker_stays_layaks_worker_with_its_heartbeat() -> None:
    for name in ("db_worker", "run-worker"):
        command = load_command_class(get_commands()[name], name)
        assert isinstance(command, HeartbeatWorker), name


def test_an_old_name_says_its_new_name_on_stderr_and_runs_it(layak_script) -> None:
    result = layak_script("instrument", "efforts", "--help")
    assert result.returncode == 0, result.stderr
    assert result.stderr == (
        "layak: perintah `instrument efforts` sudah berganti nama menjadi "
        "`instrument export-efforts`; nama lama tidak berlaku lagi mulai rilis berikutnya.\n"
    )
    assert "export-efforts" in result.stdout


@pytest.mark.parametrize("old", ["seed-nasional"])
def test_the_notice_is_english_for_an_english_reader(layak_script, old: str) -> None:
    result = layak_script(old, "--help", LAYAK_LANGUAGE="en")
    assert result.returncode == 0, result.stderr
    assert result.stderr == (
        f"layak: the command `{old}` is now called `seed-national`; the old name stops working "
        "in the next release.\n"
    )
    assert "--jumlah" in result.stdout


def test_new_names_print_no_notice(layak_script, demo_csv) -> None:
    result = layak_script("score", demo_csv, "--json")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert json.loads(result.stdout)["predicate"] == "Nindya"
