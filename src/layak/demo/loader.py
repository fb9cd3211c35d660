"""The Kota Metro demo: regions, agencies, one account per role, Profil Anak, Forum Anak, the
task force, stakeholders, the registries of institutions and KHA training, and a part-filled
evaluation.

Everything here is simulated for the demonstration; nothing is Kota Metro's official data
except the region codes and names (Kemendagri) and the office names, which are public. Each
part reads its records from `layak/demo/data/` and writes them through the apps' services and
models, so they are validated and audited like real input. Loading is idempotent: a second run
changes nothing.
"""

from __future__ import annotations

from django.db import transaction

from layak.demo.accounts import demo_password, ensure_users
from layak.demo.evaluation import ensure_cycle
from layak.demo.forum import ensure_forum_anak
from layak.demo.gugus import ensure_task_force
from layak.demo.mitra import load_stakeholders
from layak.demo.profil import ensure_profil_anak
from layak.demo.regions import ensure_agencies, ensure_regions
from layak.demo.registries import load_registries
from layak.evaluation.models import Cycle


@transaction.atomic
def load_demo() -> Cycle:
    """Load or find the demo; returns Kota Metro's current cycle."""
    region = ensure_regions()
    ensure_agencies(region)
    ensure_users(demo_password())
    ensure_profil_anak(region)
    ensure_forum_anak(region)
    ensure_task_force(region)
    load_stakeholders(region)
    load_registries(region)
    return ensure_cycle(region)
