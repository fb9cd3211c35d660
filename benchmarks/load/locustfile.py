"""Locust users of the Kota Metro demo (T3): agency officers save drafts and upload evidence,
the secretariat, a cluster coordinator and the verifiers read. Driven by run.py, which passes
its settings in LOAD_* environment variables and reads the timings from LOAD_RESULT."""

from __future__ import annotations

import itertools
import json
import os
import random
import re
from collections import Counter, defaultdict
from typing import Any

from locust import HttpUser, between, events

from layak.demo.pdf import sample_pdf

CYCLE = int(os.environ.get("LOAD_CYCLE", "1"))
PASSWORD = os.environ.get("LOAD_PASSWORD", "")
PROFILE = os.environ.get("LOAD_PROFILE", "mix")  # mix | spike
WRITE_SHARE = float(os.environ.get("LOAD_WRITE_SHARE", "0.10"))  # of all requests
UPLOAD_KB = int(os.environ.get("LOAD_UPLOAD_KB", "1"))
RESULT = os.environ.get("LOAD_RESULT", "load-result.json")
USERS = int(os.environ.get("LOAD_USERS", "1"))
PROFIL_PAGE = "/profil-anak/18.72/2025/"

OFFICERS = ("budi", "dewi", "rina")
READERS = ("sari", "vina", "kartika", "nadia")
# Three of every five users are officers (the ones who write); the rest read.
ROTATION = ("budi", "sari", "dewi", "vina", "rina", "budi", "kartika", "dewi", "nadia", "rina")
OFFICER_SHARE = sum(1 for a in ROTATION if a in OFFICERS) / len(ROTATION)
GAP_READERS = ("sari", "vina", "kartika", "nadia")  # who may download the gap analysis

_numbers = itertools.count()
_per_account: Counter[str] = Counter()  # how many users already act as each account
# Questions already taken by a simulated user. Two browsers editing one answer at once get
# Layak's edit-conflict refusal (correctly): colleagues share an account, not a question.
_taken: set[str] = set()
# Latencies while every user is signed in; the ramp-up (password hashing at each log-in) apart.
_times: dict[str, list[float]] = defaultdict(list)
_ramp_times: dict[str, list[float]] = defaultdict(list)
_spawned = False  # every user has finished signing in
_ready = 0
_statuses: dict[str, Counter[int]] = defaultdict(Counter)
_failures: Counter[str] = Counter()
_mentions_locked = 0


def evidence_pdf(kilobytes: int) -> bytes:
    """A valid PDF of about the given size (lines of text), like a short scanned report."""
    lines = ["Laporan uji beban", "Dokumen contoh untuk bukti dukung"]
    filler = "Data pendukung kegiatan perlindungan anak tahun berjalan, per kecamatan."
    while len(sample_pdf(lines)) < kilobytes * 1024:
        lines.extend([filler] * max(1, (kilobytes * 1024 - len(sample_pdf(lines))) // 90))
    return sample_pdf(lines)


PDF = evidence_pdf(UPLOAD_KB)


@events.request.add_listener
def _record(name: str, response_time: float, response: Any, exception: Any, **_: Any) -> None:
    global _mentions_locked
    category = name.split(" ", 1)[0]
    (_times if _spawned else _ramp_times)[category].append(response_time)
    status = getattr(response, "status_code", 0) or 0
    _statuses[category][status] += 1
    if exception is not None:
        _failures[f"{name}: {str(exception)[:120]}"] += 1
    text = getattr(response, "text", "") or ""
    if status >= 500 and "database is locked" in text:
        _mentions_locked += 1


@events.quitting.add_listener
def _write_result(**_: Any) -> None:
    result = {
        "times_ms": _times,
        "ramp_up_times_ms": _ramp_times,
        "statuses": {k: dict(v) for k, v in _statuses.items()},
        "failures": dict(_failures),
        "locked_in_responses": _mentions_locked,
    }
    with open(RESULT, "w", encoding="utf-8") as out:
        json.dump(result, out)


def read(user: KlaUser) -> None:
    choice = random.random()
    if choice < 0.2:
        user.client.get(f"/siklus/{CYCLE}/", name="read dashboard")
    elif choice < 0.4:
        user.client.get(f"/siklus/{CYCLE}/pertanyaan/", name="read question list")
    else:
        code = random.choice(user.codes)
        user.client.get(f"/siklus/{CYCLE}/pertanyaan/{code}/", name="read question page")


def indicator(user: KlaUser) -> None:
    """Profil Anak, or for those who may see it the gap plan as the task force downloads it."""
    if user.username in GAP_READERS and random.random() < 0.5:
        url = f"/siklus/{CYCLE}/laporan/analisis-gap.xlsx"
        user.client.get(url, name="indicator gap plan (xlsx)")
    else:
        user.client.get(PROFIL_PAGE, name="indicator profil anak")


def save_draft(user: KlaUser) -> None:
    if user.username not in OFFICERS:
        return read(user)  # readers keep the same pace with a read
    url = f"/siklus/{CYCLE}/pertanyaan/{user.question}/simpan/"
    data = {
        "value": user.value,
        "note": f"draf uji beban {user.version}",
        "action": "draf",
        "version": str(user.version),
        "csrfmiddlewaretoken": user.csrf(),
    }
    with user.client.post(
        url, data, name="write save draft", allow_redirects=False, catch_response=True
    ) as response:
        if response.status_code == 302:
            user.version += 1
        else:
            refusal = re.search(
                r'class="error(?:list)?"[^>]*>(.*?)</(?:div|ul|span)>', response.text, re.S
            )
            reason = " ".join(re.sub(r"<[^>]+>", " ", refusal[1]).split()) if refusal else ""
            response.failure(f"draft refused: {response.status_code} {reason}")
            user.version = user.read_version()
    return None


def upload(user: KlaUser) -> None:
    if user.username not in OFFICERS:
        return read(user)
    url = f"/siklus/{CYCLE}/pertanyaan/{user.question}/bukti/"
    with user.client.post(
        url,
        data={"title": "Laporan uji beban", "document_year": "2026"},
        files={"files": ("laporan-uji-beban.pdf", PDF, "application/pdf")},
        headers={"X-CSRFToken": user.csrf()},
        name="write upload evidence",
        allow_redirects=False,
        catch_response=True,
    ) as response:
        if response.status_code != 302:
            response.failure(f"upload refused: {response.status_code}")
            return None
    # A new file changes the answer's version; the browser follows the redirect to the
    # question page and its form carries the new one (a stale form gets the edit conflict).
    user.version = user.read_version()
    return None


def mix_tasks() -> dict[Any, int]:
    """Weights per 1000 tasks. Only officers write, so their write weights are divided by the
    share of officers; readers do a read instead, so the crowd keeps the plan's mix."""
    saves, uploads = WRITE_SHARE * 0.8 * 1000, WRITE_SHARE * 0.2 * 1000
    scaled_saves, scaled_uploads = saves / OFFICER_SHARE, uploads / OFFICER_SHARE
    return {
        read: round(1000 - 200 - scaled_saves - scaled_uploads),
        indicator: 200,
        save_draft: round(scaled_saves),
        upload: round(scaled_uploads),
    }


# Deadline day: every agency uploads evidence at once, and checks its questions in between.
SPIKE_TASKS = {upload: 8, read: 2}


class KlaUser(HttpUser):
    """One person of the demo, signed in; what they do depends on their role."""

    tasks = SPIKE_TASKS if PROFILE == "spike" else mix_tasks()
    wait_time = between(0.2, 1) if PROFILE == "spike" else between(1, 3)

    def on_start(self) -> None:
        number = next(_numbers)
        self.username = ROTATION[number % len(ROTATION)]
        self.login()
        self.codes = self.question_codes()
        self.question, self.version, self.value = "", 0, ""
        if self.username in OFFICERS:
            # Officers of one agency work on different questions, as colleagues do.
            slot = _per_account[self.username]
            _per_account[self.username] += 1
            # The first question from its slot that the officer may still answer (some are
            # read-only to them: answered per kelurahan, or locked).
            for step in range(len(self.codes)):
                self.question = self.codes[(slot * 7 + step) % len(self.codes)]
                if self.question in _taken:
                    continue
                self.version = self.read_version()
                if self.version >= 0:
                    _taken.add(self.question)
                    break
        global _ready, _spawned
        _ready += 1
        _spawned = _ready >= USERS

    def login(self) -> None:
        page = self.client.get("/masuk/", name="login page")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        data = {"username": self.username, "password": PASSWORD}
        data["csrfmiddlewaretoken"] = token[1] if token else ""
        with self.client.post(
            "/masuk/", data, name="login", allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 302:
                response.failure(f"log-in of {self.username}: {response.status_code}")

    def question_codes(self) -> list[str]:
        page = self.client.get(f"/siklus/{CYCLE}/pertanyaan/", name="read question list")
        codes = sorted(set(re.findall(rf'href="/siklus/{CYCLE}/pertanyaan/([^/"]+)/"', page.text)))
        return codes or ["1.1"]

    def read_version(self) -> int:
        url = f"/siklus/{CYCLE}/pertanyaan/{self.question}/"
        page = self.client.get(url, name="read question page")
        found = re.search(r'name="version" value="(\d+)"', page.text)
        # The first choice offered, or the number already there (1 fits every number kind).
        values = [v for v in re.findall(r'name="value"[^>]* value="([^"]*)"', page.text) if v]
        self.value = values[0] if values else "1"
        return int(found[1]) if found else -1  # no answer form for this person

    def csrf(self) -> str:
        return str(self.client.cookies.get("csrftoken", ""))
