"""T7: every URL states who may use it, and an explicit matrix of who gets what.

The matrix is written out by hand on purpose: a change of policy must change this table, and a
new URL name that is not in it fails `test_every_url_name_is_in_the_matrix` ("unmapped URL").
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.db import transaction
from django.db.models.signals import post_save
from django.test import Client
from django.urls import include, path
from django.views.i18n import set_language as django_set_language

from layak.accounts.policy import allow, public
from layak.accounts.roles import Role
from layak.audit.models import AuditEvent, AuditEventQuerySet
from layak.evaluation.views import dashboard as views_dashboard
from tests.support.people import ANONYMOUS, USERNAMES
from tests.web.websupport import content_problems, header_problems, walk_urls

# Column order of every row below (adm = admin, kart = kartika, yoso = yosomulyo, nadi = nadia,
# mitr = mitra, fa = forumanak).
COLUMNS = (ANONYMOUS, *USERNAMES)
# Cells: a status code; "L" = 302 to the log-in page (/masuk/?next=...); "302" = any other
# redirect (the PRG redirect after a write, home to the dashboard, ...); "-" = the person has no
# such object (the variant "other" exists only for people with a limited view).
# Rows: "GET"/"POST" on an object the person may use; "GET other"/"POST other" on another
# agency's question or file, another unit's answer or another region's agency; "POST invalid"
# the same form posted without its required fields.
# The rule the table keeps (docs/architecture.md, "Answers"): an object the person may not see
# is 404, never a hint that it exists; a page whose role the person lacks is 403 (@allow); an
# invalid or refused POST is 400 with the form and its errors again.
_405 = " ".join(["405"] * len(COLUMNS))
# The registries' rows shared by several URLs: a record only its keeper changes (Budi's
# puskesmas and his training: admin, sari, budi), and a form every officer may use.
KEEPER_ROWS = {
    "GET": "          L    200  200  403  200  403  403  403  403  403  403  403  403",
    "POST": "         L    302  302  403  302  403  403  403  403  403  403  403  403",
    "GET other": "    -    -    404  403  404  404  404  -    -    -    -    -    -",
    "POST other": "   -    -    404  403  404  404  404  -    -    -    -    -    -",
    "POST invalid": "  L    400  400  403  400  403  403  403  403  403  403  403  403",
}
RECORDER_ROWS = {
    "GET": "          L    200  200  403  200  200  200  403  403  403  403  403  403",
    "POST": "         L    302  302  403  302  302  302  403  403  403  403  403  403",
    "POST invalid": "  L    400  400  403  400  400  400  403  403  403  403  403  403",
}
#                         anon adm  sari kart budi dewi rina oki  yoso vina nadi mitr fa
MATRIX: dict[str, dict[str, str]] = {
    "home": {
        "GET": "          L    302  302  302  302  302  302  302  302  302  302  302  302",
        "POST": _405,
    },
    "login": {
        "GET": "          200  302  302  302  302  302  302  302  302  302  302  302  302",
        "POST": "         200  302  302  302  302  302  302  302  302  302  302  302  302",
    },
    "logout": {
        "GET": _405,
        "POST": "         L    302  302  302  302  302  302  302  302  302  302  302  302",
    },
    # Everyone signed in changes their own password (docs/audit.md; T10).
    "accounts:password": {
        "GET": "          L    200  200  200  200  200  200  200  200  200  200  200  200",
        "POST": "         L    302  302  302  302  302  302  302  302  302  302  302  302",
    },
    # Accounts (layak.accounts.services): the administrator keeps every account, the
    # secretariat its own region's staff; "other" is the administrator's own account, which
    # is not there for the secretariat (404).
    "regions:people": {
        "GET": "          L    200  200  403  403  403  403  403  403  403  403  403  403",
        "POST": _405,
    },
    "regions:person_new": {
        "GET": "          L    200  200  403  403  403  403  403  403  403  403  403  403",
        "POST": "         L    200  200  403  403  403  403  403  403  403  403  403  403",
        "POST invalid": "  L    400  400  403  403  403  403  403  403  403  403  403  403",
    },
    "regions:person": {
        "GET": "          L    200  200  403  403  403  403  403  403  403  403  403  403",
        "POST": "         L    302  302  403  403  403  403  403  403  403  403  403  403",
        "GET other": "    -    -    404  -    -    -    -    -    -    -    -    -    -",
        "POST other": "   -    -    404  -    -    -    -    -    -    -    -    -    -",
        "POST invalid": "  L    400  400  403  403  403  403  403  403  403  403  403  403",
    },
    "regions:person_active": {
        "GET": _405,
        "POST": "         L    302  302  403  403  403  403  403  403  403  403  403  403",
        "POST other": "   -    -    404  -    -    -    -    -    -    -    -    -    -",
    },
    "regions:person_reset": {
        "GET": _405,
        "POST": "         L    200  200  403  403  403  403  403  403  403  403  403  403",
        "POST other": "   -    -    404  -    -    -    -    -    -    -    -    -    -",
    },
    "regions:person_unlock": {
        "GET": _405,
        "POST": "         L    302  302  403  403  403  403  403  403  403  403  403  403",
        "POST other": "   -    -    404  -    -    -    -    -    -    -    -    -    -",
    },
    # Everyone signed in has an inbox (layak.notices); another person's notice is not there.
    "notices:inbox": {
        "GET": "          L    200  200  200  200  200  200  200  200  200  200  200  200",
        "POST": _405,
    },
    "notices:open": {
        "GET": "          L    302  302  302  302  302  302  302  302  302  302  302  302",
        "POST": _405,
        "GET other": "    L    404  404  404  404  404  404  404  404  404  404  404  404",
    },
    "notices:all_read": {
        "GET": _405,
        "POST": "         L    302  302  302  302  302  302  302  302  302  302  302  302",
    },
    "notices:preferences": {
        "GET": "          L    200  200  200  200  200  200  200  200  200  200  200  200",
        "POST": "         L    302  302  302  302  302  302  302  302  302  302  302  302",
        "POST invalid": "  L    400  400  400  400  400  400  400  400  400  400  400  400",
    },
    "set_language": {
        "GET": "          302  302  302  302  302  302  302  302  302  302  302  302  302",
        "POST": "         302  302  302  302  302  302  302  302  302  302  302  302  302",
    },
    # The browsers' default icon request: the same redirect to the static SVG for everyone.
    "favicon": {
        "GET": "          302  302  302  302  302  302  302  302  302  302  302  302  302",
        "POST": _405,
    },
    # Personal API tokens (layak.api): staff keep their own; creating answers the page with
    # the token shown once (200); someone else's token is not there (404).
    "apitoken:list": {
        "GET": "          L    200  200  200  200  200  200  200  200  200  200  403  403",
        "POST": "         L    200  200  200  200  200  200  200  200  200  200  403  403",
    },
    "apitoken:revoke": {
        "GET": _405,
        "POST": "         L    302  302  302  302  302  302  302  302  302  302  403  403",
        "POST other": "   L    404  404  404  404  404  404  404  404  404  404  403  403",
    },
    # Province and national pages (layak.overview): national verifiers and administrators see
    # the nation and every province; a provincial verifier only their own province (another
    # province is not there: 404); region staff neither.
    "overview:national": {
        "GET": "          L    200  403  403  403  403  403  403  403  403  200  403  403",
        "POST": _405,
    },
    "overview:province": {
        "GET": "          L    200  403  403  403  403  403  403  403  200  200  403  403",
        "POST": _405,
        "GET other": "    -    -    -    -    -    -    -    -    -    404  -    -    -",
    },
    "evaluation:dashboard": {
        "GET": "          L    200  200  200  200  200  200  200  200  200  200  403  403",
        "POST": _405,
    },
    "evaluation:questions": {
        "GET": "          L    200  200  200  200  200  200  200  200  200  200  403  403",
        "POST": _405,
    },
    "evaluation:question": {
        "GET": "          L    200  200  200  200  200  200  200  200  200  200  403  403",
        "POST": _405,
        "GET other": "    -    -    -    200  404  404  404  404  404  -    -    -    -",
        "POST other": "   -    -    -    405  405  405  405  405  405  -    -    -    -",
    },
    "evaluation:save_answer": {
        "GET": _405,
        "POST": "         L    403  302  302  302  302  302  403  403  403  403  403  403",
        "POST other": "   -    -    -    403  404  404  404  403  403  -    -    -    -",
    },
    "evaluation:save_unit_answer": {
        "GET": _405,
        "POST": "         L    403  302  403  403  403  403  302  302  403  403  403  403",
        "POST other": "   -    -    -    -    -    -    -    403  403  -    -    -    -",
    },
    "evaluation:save_verification": {
        "GET": _405,
        "POST": "         L    403  403  403  403  403  403  403  403  302  403  403  403",
    },
    # The secretariat submits the KELANA/DEKELA answers computed from the units in one step.
    "evaluation:submit_computed": {
        "GET": _405,
        "POST": "         L    302  302  403  403  403  403  403  403  403  403  403  403",
    },
    # The year after (evaluation.carryover): whoever writes an answer confirms it as carried
    # from last year; the secretariat (and the administrator) confirms every unchanged one.
    "evaluation:review_answer": {
        "GET": _405,
        "POST": "         L    403  302  302  302  302  302  302  302  403  403  403  403",
        "POST other": "   -    -    -    403  404  404  404  403  403  -    -    -    -",
    },
    "evaluation:review_unchanged": {
        "GET": _405,
        "POST": "         L    302  302  403  403  403  403  403  403  403  403  403  403",
    },
    "evaluation:years": {
        "GET": "          L    200  200  200  200  200  200  200  200  200  200  403  403",
        "POST": _405,
    },
    # Opening a region's next cycle: its secretariat, or an administrator for any region
    # (?wilayah=); another region is not there for the secretariat (404).
    "cycle_new": {
        "GET": "          L    200  200  403  403  403  403  403  403  403  403  403  403",
        "POST": "         L    302  302  403  403  403  403  403  403  403  403  403  403",
        "GET other": "    -    -    404  -    -    -    -    -    -    -    -    -    -",
        "POST other": "   -    -    404  -    -    -    -    -    -    -    -    -    -",
        "POST invalid": "  L    400  400  403  403  403  403  403  403  403  403  403  403",
    },
    "evaluation:stages": {
        "GET": "          L    200  200  403  403  403  403  403  403  403  403  403  403",
        "POST": _405,
    },
    # A stage's dates, in the region's time zone (another region's cycle is its own 404).
    "evaluation:window_edit": {
        "GET": "          L    200  200  403  403  403  403  403  403  403  403  403  403",
        "POST": "         L    302  302  403  403  403  403  403  403  403  403  403  403",
        "POST invalid": "  L    400  400  403  403  403  403  403  403  403  403  403  403",
    },
    "evaluation:lock": {
        "GET": _405,
        "POST": "         L    302  302  403  403  403  403  403  403  403  403  403  403",
    },
    "evaluation:assignments": {
        "GET": "          L    200  200  403  403  403  403  403  403  403  403  403  403",
        "POST": _405,
    },
    "evaluation:assignment_edit": {
        "GET": "          L    200  200  403  403  403  403  403  403  403  403  403  403",
        "POST": "         L    302  302  403  403  403  403  403  403  403  403  403  403",
    },
    # The administrator keeps every region's agencies (the region chosen with ?wilayah=).
    "regions:agencies": {
        "GET": "          L    200  200  403  403  403  403  403  403  403  403  403  403",
        "POST": _405,
    },
    "regions:agency_new": {
        "GET": "          L    200  200  403  403  403  403  403  403  403  403  403  403",
        "POST": "         L    302  302  403  403  403  403  403  403  403  403  403  403",
        "POST invalid": "  L    400  400  403  403  403  403  403  403  403  403  403  403",
    },
    "regions:agency_edit": {
        "GET": "          L    200  200  403  403  403  403  403  403  403  403  403  403",
        "POST": "         L    302  302  403  403  403  403  403  403  403  403  403  403",
        "GET other": "    -    -    404  -    -    -    -    -    -    -    -    -    -",
        "POST other": "   -    -    404  -    -    -    -    -    -    -    -    -    -",
        "POST invalid": "  L    400  400  403  403  403  403  403  403  403  403  403  403",
    },
    # Mitra: staff who see the region read organisations and confirmed records; the secretariat
    # keeps and confirms them; the account "mitra" keeps its own organisation's records until
    # they are confirmed. "other": another organisation (mitra), another region (sari), a record
    # still awaiting confirmation (readers).
    "mitra:index": {
        "GET": "          L    200  200  200  200  200  200  200  200  200  200  302  403",
        "POST": _405,
    },
    "mitra:confirmations": {
        "GET": "          L    200  200  403  403  403  403  403  403  403  403  403  403",
        "POST": _405,
    },
    "mitra:summary": {
        "GET": "          L    200  200  200  200  200  200  200  200  200  200  403  403",
        "POST": _405,
    },
    "mitra:summary_xlsx": {
        "GET": "          L    200  200  200  200  200  200  200  200  200  200  403  403",
        "POST": _405,
        "GET other": "    -    -    404  404  404  404  404  404  404  404  -    -    -",
    },
    "mitra:organisation_new": {
        "GET": "          L    200  200  403  403  403  403  403  403  403  403  403  403",
        "POST": "         L    302  302  403  403  403  403  403  403  403  403  403  403",
        "POST invalid": "  L    400  400  403  403  403  403  403  403  403  403  403  403",
    },
    "mitra:organisation": {
        "GET": "          L    200  200  200  200  200  200  200  200  200  200  200  403",
        "POST": _405,
        "GET other": "    -    -    404  -    -    -    -    -    -    -    -    404  -",
    },
    "mitra:organisation_edit": {
        "GET": "          L    200  200  403  403  403  403  403  403  403  403  403  403",
        "POST": "         L    302  302  403  403  403  403  403  403  403  403  403  403",
        "GET other": "    -    -    404  -    -    -    -    -    -    -    -    403  -",
        "POST other": "   -    -    404  -    -    -    -    -    -    -    -    403  -",
        "POST invalid": "  L    400  400  403  403  403  403  403  403  403  403  403  403",
    },
    "mitra:commitment_new": {
        "GET": "          L    200  200  403  403  403  403  403  403  403  403  200  403",
        "POST": "         L    302  302  403  403  403  403  403  403  403  403  302  403",
        "POST other": "   -    -    404  -    -    -    -    -    -    -    -    404  -",
        "POST invalid": "  L    400  400  403  403  403  403  403  403  403  403  400  403",
    },
    "mitra:contribution_new": {
        "GET": "          L    200  200  403  403  403  403  403  403  403  403  200  403",
        "POST": "         L    302  302  403  403  403  403  403  403  403  403  302  403",
        "POST other": "   -    -    404  -    -    -    -    -    -    -    -    404  -",
        "POST invalid": "  L    400  400  403  403  403  403  403  403  403  403  400  403",
    },
    "mitra:commitment": {
        "GET": "          L    200  200  200  200  200  200  200  200  200  200  200  403",
        "POST": _405,
        "GET other": "    -    -    404  404  404  404  404  404  404  404  404  404  -",
    },
    "mitra:commitment_edit": {
        "GET": "          L    200  200  403  403  403  403  403  403  403  403  200  403",
        "POST": "         L    302  302  403  403  403  403  403  403  403  403  302  403",
        "POST other": "   -    -    404  403  403  403  403  403  403  403  403  404  -",
        "POST invalid": "  L    400  400  403  403  403  403  403  403  403  403  400  403",
    },
    "mitra:review_commitment": {
        "GET": _405,
        "POST": "         L    302  302  403  403  403  403  403  403  403  403  403  403",
        "POST other": "   -    -    404  403  403  403  403  403  403  403  403  403  -",
    },
    "mitra:contribution": {
        "GET": "          L    200  200  200  200  200  200  200  200  200  200  200  403",
        "POST": _405,
        "GET other": "    -    -    404  404  404  404  404  404  404  404  404  404  -",
    },
    "mitra:contribution_edit": {
        "GET": "          L    200  200  403  403  403  403  403  403  403  403  200  403",
        "POST": "         L    302  302  403  403  403  403  403  403  403  403  302  403",
        "POST other": "   -    -    404  403  403  403  403  403  403  403  403  404  -",
        "POST invalid": "  L    400  400  403  403  403  403  403  403  403  403  400  403",
    },
    "mitra:review_contribution": {
        "GET": _405,
        "POST": "         L    302  302  403  403  403  403  403  403  403  403  403  403",
        "POST other": "   -    -    404  403  403  403  403  403  403  403  403  403  -",
    },
    "mitra:contribution_pdf": {
        "GET": "          L    200  200  200  200  200  200  200  200  200  200  200  403",
        "POST": _405,
        "GET other": "    -    -    404  404  404  404  404  404  404  404  404  404  -",
    },
    "mitra:document": {
        "GET": "          L    200  200  200  200  200  200  200  200  200  200  200  403",
        "POST": _405,
        "GET other": "    -    -    404  404  404  404  404  404  404  404  404  404  -",
    },
    "mitra:document_remove": {
        "GET": _405,
        "POST": "         L    302  302  403  403  403  403  403  403  403  403  302  403",
        "POST other": "   -    -    404  403  403  403  403  403  403  403  403  404  -",
    },
    # Registries (layak.registries): the region's readers and the officers read; the secretariat
    # keeps every kind, an officer the kinds of their agency (budi: puskesmas; rina: PUSPAGA...;
    # dewi of Disdukcapil none) and the participants and staff count of their agency. "other":
    # Kota Bandar Lampung's records (404 for Kota Metro's people); an officer's other
    # participant is another agency's (404: names are personal data); another person's checked
    # list is 404 to everyone else.
    "registries:index": {
        "GET": "          L    200  200  200  200  200  200  403  403  200  200  403  403",
        "POST": _405,
    },
    "registries:kind": {
        "GET": "          L    200  200  200  200  200  200  403  403  200  200  403  403",
        "POST": _405,
    },
    "registries:kind_xlsx": {
        "GET": "          L    200  200  200  200  200  200  403  403  200  200  403  403",
        "POST": _405,
    },
    "registries:kha_xlsx": {
        "GET": "          L    200  200  200  200  200  200  403  403  200  200  403  403",
        "POST": _405,
    },
    "registries:trainings": {
        "GET": "          L    200  200  200  200  200  200  403  403  200  200  403  403",
        "POST": _405,
    },
    "registries:import": {
        "GET": "          L    200  200  403  200  403  200  403  403  403  403  403  403",
        "POST": "         L    302  302  403  302  403  302  403  403  403  403  403  403",
        "POST invalid": "  L    400  400  403  400  403  400  403  403  403  403  403  403",
    },
    "registries:import_check": {
        "GET": "          L    200  200  403  200  403  200  403  403  403  403  403  403",
        "POST": _405,
        "GET other": "    -    -    404  403  404  404  404  -    -    -    -    -    -",
    },
    "registries:import_apply": {
        "GET": _405,
        "POST": "         L    302  302  403  302  403  302  403  403  403  403  403  403",
        "POST other": "   -    -    404  403  404  404  404  -    -    -    -    -    -",
    },
    "registries:institution_new": {
        "GET": "          L    200  200  403  200  403  200  403  403  403  403  403  403",
        "POST": "         L    302  302  403  302  403  302  403  403  403  403  403  403",
        "POST invalid": "  L    400  400  403  400  403  400  403  403  403  403  403  403",
    },
    "registries:institution": {
        "GET": "          L    200  200  200  200  200  200  403  403  200  200  403  403",
        "POST": _405,
        "GET other": "    -    -    404  404  404  404  404  -    -    -    -    -    -",
    },
    "registries:institution_edit": KEEPER_ROWS,
    "registries:designation_new": KEEPER_ROWS,
    "registries:designation_edit": KEEPER_ROWS,
    "registries:designation_file": {
        "GET": "          L    200  200  200  200  200  200  403  403  200  200  403  403",
        "POST": _405,
        "GET other": "    -    -    404  404  404  404  404  -    -    -    -    -    -",
    },
    "registries:event_new": RECORDER_ROWS,
    "registries:staff": RECORDER_ROWS,
    "registries:event": {
        "GET": "          L    200  200  200  200  200  200  403  403  200  200  403  403",
        "POST": _405,
        "GET other": "    -    -    404  404  404  404  404  -    -    -    -    -    -",
    },
    "registries:event_edit": KEEPER_ROWS,
    "registries:participant_new": {
        **RECORDER_ROWS,
        "GET other": "    -    -    404  403  404  404  404  -    -    -    -    -    -",
        "POST other": "   -    -    404  403  404  404  404  -    -    -    -    -    -",
    },
    "registries:participant_edit": {
        **RECORDER_ROWS,
        "GET other": "    -    -    404  403  404  404  404  -    -    -    -    -    -",
        "POST other": "   -    -    404  403  404  404  404  -    -    -    -    -    -",
    },
    "registries:certificate": {
        "GET": "          L    200  200  200  200  200  200  403  403  200  200  403  403",
        "POST": _405,
        "GET other": "    -    -    404  404  404  404  404  -    -    -    -    -    -",
    },
    "evidence:upload": {
        "GET": _405,
        "POST": "         L    403  302  302  302  302  302  302  302  403  403  403  403",
        "POST other": "   -    -    -    403  404  404  404  403  403  -    -    -    -",
    },
    "evidence:attach_ready": {
        "GET": _405,
        "POST": "         L    403  404  404  404  404  404  404  404  403  403  403  403",
    },
    "evidence:download": {
        "GET": "          L    200  200  200  200  200  200  200  200  200  200  403  403",
        "POST": _405,
        "GET other": "    -    -    -    200  404  404  404  404  404  -    -    -    -",
    },
    # The blank matrix form of a question asking for a matrix: whoever sees the question.
    "evidence:matrix_form": {
        "GET": "          L    200  200  200  200  200  200  200  200  200  200  403  403",
        "POST": _405,
        "GET other": "    -    -    -    200  404  404  404  404  404  -    -    -    -",
    },
    "evidence:remove": {
        "GET": _405,
        "POST": "         L    403  302  302  302  302  302  302  302  403  403  403  403",
        "POST other": "   -    -    -    403  404  404  404  404  404  -    -    -    -",
    },
    # Excel per agency: the secretariat takes every agency's workbook, a coordinator any agency's
    # questions of her cluster, an officer only his own agency's (403 for another agency); a
    # check of an uploaded workbook belongs to the person who uploaded it (404 for anyone else).
    "roundtrip:export": {
        "GET": "          L    200  200  200  200  200  200  403  403  403  403  403  403",
        "POST": _405,
        "GET other": "    -    -    -    -    403  403  403  -    -    -    -    -    -",
    },
    "roundtrip:export_all": {
        "GET": "          L    200  200  403  403  403  403  403  403  403  403  403  403",
        "POST": _405,
    },
    "roundtrip:upload": {
        "GET": _405,
        "POST": "         L    403  302  302  302  302  302  403  403  403  403  403  403",
        "POST other": "   -    -    -    -    403  403  403  -    -    -    -    -    -",
    },
    "roundtrip:preview": {
        "GET": "          L    403  200  200  200  200  200  403  403  403  403  403  403",
        "POST": _405,
        "GET other": "    -    -    404  404  404  404  404  -    -    -    -    -    -",
    },
    "roundtrip:apply": {
        "GET": _405,
        "POST": "         L    403  302  302  302  302  302  403  403  403  403  403  403",
        "POST other": "   -    -    404  404  404  404  404  -    -    -    -    -    -",
    },
    # Profil Anak: every staff member reads their region's; the secretariat and administrators
    # import. Region staff land on their region's latest year; the others choose a region.
    "profil:index": {
        "GET": "          L    200  302  302  302  302  302  302  302  200  200  403  403",
        "POST": _405,
    },
    "profil:page": {
        "GET": "          L    200  200  200  200  200  200  200  200  200  200  403  403",
        "POST": _405,
        "GET other": "    -    -    404  404  404  404  404  404  404  404  -    -    -",
    },
    "profil:pdf": {
        "GET": "          L    200  200  200  200  200  200  200  200  200  200  403  403",
        "POST": _405,
        "GET other": "    -    -    404  404  404  404  404  404  404  404  -    -    -",
    },
    "profil:import": {
        "GET": _405,
        "POST": "         L    302  302  403  403  403  403  403  403  403  403  403  403",
        "POST other": "   -    -    404  -    -    -    -    -    -    -    -    -    -",
    },
    "profil:job": {
        "GET": "          L    200  200  403  403  403  403  403  403  403  403  403  403",
        "POST": _405,
        "GET other": "    -    -    404  -    -    -    -    -    -    -    -    -    -",
    },
    # Laporan: the region's reports for those who read every question; an officer takes only
    # the evidence bundle of their own agency. A bundle is seen by the person who asked for it.
    "reports:index": {
        "GET": "          L    200  200  200  200  200  200  403  403  200  200  403  403",
        "POST": _405,
    },
    # The questions asking for a matrix: an officer's list holds his agency's questions only.
    "reports:matrices": {
        "GET": "          L    200  200  200  200  200  200  403  403  200  200  403  403",
        "POST": _405,
    },
    # The region's PDF reports are asked for (POST) and made in the background; the report's
    # page and its download are seen by the person who asked for it.
    "reports:self_assessment": {
        "GET": _405,
        "POST": "         L    302  302  302  403  403  403  403  403  302  302  403  403",
    },
    "reports:gap_pdf": {
        "GET": _405,
        "POST": "         L    302  302  302  403  403  403  403  403  302  302  403  403",
    },
    "reports:report": {
        "GET": "          L    200  200  200  403  403  403  403  403  200  200  403  403",
        "POST": _405,
        "GET other": "    L    404  404  404  403  403  403  403  403  404  404  403  403",
    },
    "reports:report_download": {
        "GET": "          L    200  200  200  403  403  403  403  403  200  200  403  403",
        "POST": _405,
        "GET other": "    L    404  404  404  403  403  403  403  403  404  404  403  403",
    },
    "reports:gap_xlsx": {
        "GET": "          L    200  200  200  403  403  403  403  403  200  200  403  403",
        "POST": _405,
    },
    "reports:bundle_start": {
        "GET": _405,
        "POST": "         L    302  302  302  302  302  302  403  403  302  302  403  403",
        "POST other": "   -    -    -    -    404  404  404  -    -    -    -    -    -",
    },
    "reports:bundle": {
        "GET": "          L    200  200  200  200  200  200  403  403  200  200  403  403",
        "POST": _405,
        "GET other": "    L    404  404  404  404  404  404  403  403  404  404  403  403",
    },
    "reports:bundle_download": {
        "GET": "          L    200  200  200  200  200  200  403  403  200  200  403  403",
        "POST": _405,
        "GET other": "    L    404  404  404  404  404  404  403  403  404  404  403  403",
    },
    # Gugus Tugas: staff of the region and verifiers read; the secretariat and administrators
    # change; an officer updates the status of their own agency's action items. "other" is
    # Kota Banda Aceh's task force (an officer's "other" item is another agency's).
    "gugus:index": {
        "GET": "          L    200  302  302  302  302  302  403  403  200  200  403  403",
        "POST": _405,
    },
    "gugus:home": {
        "GET": "          L    200  200  200  200  200  200  403  403  200  200  403  403",
        "POST": _405,
        "GET other": "    -    -    404  404  404  404  404  -    -    404  -    -    -",
    },
    "gugus:decree_file": {
        "GET": "          L    200  200  200  200  200  200  403  403  200  200  403  403",
        "POST": _405,
        "GET other": "    -    -    404  404  404  404  404  -    -    404  -    -    -",
    },
    "gugus:meetings": {
        "GET": "          L    200  200  200  200  200  200  403  403  200  200  403  403",
        "POST": _405,
        "GET other": "    -    -    404  404  404  404  404  -    -    404  -    -    -",
    },
    "gugus:meeting": {
        "GET": "          L    200  200  200  200  200  200  403  403  200  200  403  403",
        "POST": _405,
        "GET other": "    -    -    404  404  404  404  404  -    -    404  -    -    -",
    },
    "gugus:meeting_minutes": {
        "GET": "          L    200  200  200  200  200  200  403  403  200  200  403  403",
        "POST": _405,
        "GET other": "    -    -    404  404  404  404  404  -    -    404  -    -    -",
    },
    "gugus:meeting_document": {
        "GET": "          L    200  200  200  200  200  200  403  403  200  200  403  403",
        "POST": _405,
        "GET other": "    -    -    404  404  404  404  404  -    -    404  -    -    -",
    },
    "gugus:actions": {
        "GET": "          L    200  200  200  200  200  200  403  403  200  200  403  403",
        "POST": _405,
        "GET other": "    -    -    404  404  404  404  404  -    -    404  -    -    -",
    },
    "gugus:rad": {
        "GET": "          L    200  200  200  200  200  200  403  403  200  200  403  403",
        "POST": _405,
        "GET other": "    -    -    404  404  404  404  404  -    -    404  -    -    -",
    },
    # The matrices as workbooks (docs/matrices.md): for whoever reads the records' page; an
    # officer's meetings matrix lists only their agency's action items.
    "gugus:matrix_xlsx": {
        "GET": "          L    200  200  200  200  200  200  403  403  200  200  403  403",
        "POST": _405,
        "GET other": "    -    -    404  404  404  404  404  -    -    404  -    -    -",
    },
    "gugus:decree_new": {
        "GET": "          L    200  200  403  403  403  403  403  403  403  403  403  403",
        "POST": "         L    302  302  403  403  403  403  403  403  403  403  403  403",
        "GET other": "    -    -    404  -    -    -    -    -    -    -    -    -    -",
        "POST other": "    -    -    404  -    -    -    -    -    -    -    -    -    -",
        "POST invalid": "  L    400  400  403  403  403  403  403  403  403  403  403  403",
    },
    "gugus:decree_edit": {
        "GET": "          L    200  200  403  403  403  403  403  403  403  403  403  403",
        "POST": "         L    302  302  403  403  403  403  403  403  403  403  403  403",
        "GET other": "    -    -    404  -    -    -    -    -    -    -    -    -    -",
        "POST other": "    -    -    404  -    -    -    -    -    -    -    -    -    -",
        "POST invalid": "  L    400  400  403  403  403  403  403  403  403  403  403  403",
    },
    "gugus:member_new": {
        "GET": "          L    200  200  403  403  403  403  403  403  403  403  403  403",
        "POST": "         L    302  302  403  403  403  403  403  403  403  403  403  403",
        "GET other": "    -    -    404  -    -    -    -    -    -    -    -    -    -",
        "POST other": "    -    -    404  -    -    -    -    -    -    -    -    -    -",
        "POST invalid": "  L    400  400  403  403  403  403  403  403  403  403  403  403",
    },
    "gugus:member_edit": {
        "GET": "          L    200  200  403  403  403  403  403  403  403  403  403  403",
        "POST": "         L    302  302  403  403  403  403  403  403  403  403  403  403",
        "GET other": "    -    -    404  -    -    -    -    -    -    -    -    -    -",
        "POST other": "    -    -    404  -    -    -    -    -    -    -    -    -    -",
        "POST invalid": "  L    400  400  403  403  403  403  403  403  403  403  403  403",
    },
    "gugus:meeting_new": {
        "GET": "          L    200  200  403  403  403  403  403  403  403  403  403  403",
        "POST": "         L    302  302  403  403  403  403  403  403  403  403  403  403",
        "GET other": "    -    -    404  -    -    -    -    -    -    -    -    -    -",
        "POST other": "    -    -    404  -    -    -    -    -    -    -    -    -    -",
        "POST invalid": "  L    400  400  403  403  403  403  403  403  403  403  403  403",
    },
    "gugus:meeting_edit": {
        "GET": "          L    200  200  403  403  403  403  403  403  403  403  403  403",
        "POST": "         L    302  302  403  403  403  403  403  403  403  403  403  403",
        "GET other": "    -    -    404  -    -    -    -    -    -    -    -    -    -",
        "POST other": "    -    -    404  -    -    -    -    -    -    -    -    -    -",
        "POST invalid": "  L    400  400  403  403  403  403  403  403  403  403  403  403",
    },
    "gugus:action_new": {
        "GET": "          L    200  200  403  403  403  403  403  403  403  403  403  403",
        "POST": "         L    302  302  403  403  403  403  403  403  403  403  403  403",
        "GET other": "    -    -    404  -    -    -    -    -    -    -    -    -    -",
        "POST other": "    -    -    404  -    -    -    -    -    -    -    -    -    -",
        "POST invalid": "  L    400  400  403  403  403  403  403  403  403  403  403  403",
    },
    "gugus:action_edit": {
        "GET": "          L    200  200  403  403  403  403  403  403  403  403  403  403",
        "POST": "         L    302  302  403  403  403  403  403  403  403  403  403  403",
        "GET other": "    -    -    404  -    -    -    -    -    -    -    -    -    -",
        "POST other": "    -    -    404  -    -    -    -    -    -    -    -    -    -",
        "POST invalid": "  L    400  400  403  403  403  403  403  403  403  403  403  403",
    },
    "gugus:rad_new": {
        "GET": "          L    200  200  403  403  403  403  403  403  403  403  403  403",
        "POST": "         L    302  302  403  403  403  403  403  403  403  403  403  403",
        "GET other": "    -    -    404  -    -    -    -    -    -    -    -    -    -",
        "POST other": "    -    -    404  -    -    -    -    -    -    -    -    -    -",
        "POST invalid": "  L    400  400  403  403  403  403  403  403  403  403  403  403",
    },
    "gugus:rad_edit": {
        "GET": "          L    200  200  403  403  403  403  403  403  403  403  403  403",
        "POST": "         L    302  302  403  403  403  403  403  403  403  403  403  403",
        "GET other": "    -    -    404  -    -    -    -    -    -    -    -    -    -",
        "POST other": "    -    -    404  -    -    -    -    -    -    -    -    -    -",
        "POST invalid": "  L    400  400  403  403  403  403  403  403  403  403  403  403",
    },
    "gugus:meeting_upload": {
        "GET": _405,
        "POST": "         L    302  302  403  403  403  403  403  403  403  403  403  403",
        "POST other": "    -    -    404  -    -    -    -    -    -    -    -    -    -",
        "POST invalid": "  L    400  400  403  403  403  403  403  403  403  403  403  403",
    },
    "gugus:meeting_document_remove": {
        "GET": _405,
        "POST": "         L    302  302  403  403  403  403  403  403  403  403  403  403",
        "POST other": "    -    -    404  -    -    -    -    -    -    -    -    -    -",
    },
    "gugus:action_status": {
        "GET": _405,
        "POST": "         L    302  302  403  302  302  302  403  403  403  403  403  403",
        "POST other": "   -    -    -    -    404  404  404  -    -    -    -    -    -",
    },
    # Forum Anak: staff of the region read forums and aspirations; the secretariat keeps them;
    # the Forum Anak account has its own aspirations pages and reads its own city's forums.
    "forum:mine": {
        "GET": "          L    403  403  403  403  403  403  403  403  403  403  403  200",
        "POST": _405,
    },
    "forum:submit": {
        "GET": "          L    403  403  403  403  403  403  403  403  403  403  403  200",
        "POST": "         L    403  403  403  403  403  403  403  403  403  403  403  302",
        "POST invalid": "  L    403  403  403  403  403  403  403  403  403  403  403  400",
    },
    # Every forum of the city with its counts is a staff page: the child's account gets 403.
    "forum:groups": {
        "GET": "          L    200  200  200  200  200  200  200  200  200  200  403  403",
        "POST": _405,
    },
    "forum:group": {
        "GET": "          L    200  200  200  200  200  200  200  200  200  200  403  200",
        "POST": _405,
        "GET other": "    -    -    404  -    -    -    -    -    -    -    -    -    404",
    },
    "forum:group_new": {
        "GET": "          L    200  200  403  403  403  403  403  403  403  403  403  403",
        "POST": "         L    302  302  403  403  403  403  403  403  403  403  403  403",
        "POST invalid": "  L    400  400  403  403  403  403  403  403  403  403  403  403",
    },
    "forum:group_edit": {
        "GET": "          L    200  200  403  403  403  403  403  403  403  403  403  403",
        "POST": "         L    302  302  403  403  403  403  403  403  403  403  403  403",
        "GET other": "    -    -    404  -    -    -    -    -    -    -    -    -    403",
        "POST other": "   -    -    404  -    -    -    -    -    -    -    -    -    403",
        "POST invalid": "  L    400  400  403  403  403  403  403  403  403  403  403  403",
    },
    "forum:decree": {
        "GET": "          L    200  200  200  200  200  200  200  200  200  200  403  200",
        "POST": _405,
    },
    "forum:member_new": {
        "GET": "          L    200  200  403  403  403  403  403  403  403  403  403  403",
        "POST": "         L    302  302  403  403  403  403  403  403  403  403  403  403",
        "POST invalid": "  L    400  400  403  403  403  403  403  403  403  403  403  403",
        "GET other": "    -    -    404  -    -    -    -    -    -    -    -    -    403",
        "POST other": "   -    -    404  -    -    -    -    -    -    -    -    -    403",
    },
    "forum:paper_aspiration": {
        "GET": "          L    200  200  403  403  403  403  403  403  403  403  403  403",
        "POST": "         L    302  302  403  403  403  403  403  403  403  403  403  403",
        "POST invalid": "  L    400  400  403  403  403  403  403  403  403  403  403  403",
        "GET other": "    -    -    404  -    -    -    -    -    -    -    -    -    403",
        "POST other": "   -    -    404  -    -    -    -    -    -    -    -    -    403",
    },
    "forum:member_edit": {
        "GET": "          L    200  200  403  403  403  403  403  403  403  403  403  403",
        "POST": "         L    302  302  403  403  403  403  403  403  403  403  403  403",
        "POST invalid": "  L    400  400  403  403  403  403  403  403  403  403  403  403",
        "GET other": "    -    -    404  -    -    -    -    -    -    -    -    -    403",
        "POST other": "   -    -    404  -    -    -    -    -    -    -    -    -    403",
    },
    "forum:member_consent": {
        "GET": _405,
        "POST": "         L    302  302  403  403  403  403  403  403  403  403  403  403",
        "POST invalid": "  L    400  400  403  403  403  403  403  403  403  403  403  403",
        "POST other": "   -    -    404  -    -    -    -    -    -    -    -    -    403",
    },
    "forum:member_withdraw": {
        "GET": _405,
        "POST": "         L    302  302  403  403  403  403  403  403  403  403  403  403",
        "POST other": "   -    -    404  -    -    -    -    -    -    -    -    -    403",
    },
    "forum:facilitator_new": {
        "GET": "          L    200  200  403  403  403  403  403  403  403  403  403  403",
        "POST": "         L    302  302  403  403  403  403  403  403  403  403  403  403",
        "POST invalid": "  L    400  400  403  403  403  403  403  403  403  403  403  403",
        "GET other": "    -    -    404  -    -    -    -    -    -    -    -    -    403",
        "POST other": "   -    -    404  -    -    -    -    -    -    -    -    -    403",
    },
    "forum:facilitator_edit": {
        "GET": "          L    200  200  403  403  403  403  403  403  403  403  403  403",
        "POST": "         L    302  302  403  403  403  403  403  403  403  403  403  403",
        "POST invalid": "  L    400  400  403  403  403  403  403  403  403  403  403  403",
        "GET other": "    -    -    404  -    -    -    -    -    -    -    -    -    403",
        "POST other": "   -    -    404  -    -    -    -    -    -    -    -    -    403",
    },
    "forum:aspirations": {
        "GET": "          L    200  200  200  200  200  200  200  200  200  200  403  403",
        "POST": _405,
    },
    "forum:aspiration": {
        "GET": "          L    200  200  200  200  200  200  200  200  200  200  403  403",
        "POST": _405,
        "GET other": "    -    -    404  -    -    -    -    -    -    -    -    -    403",
    },
    "forum:aspiration_step": {
        "GET": _405,
        "POST": "         L    302  302  403  403  403  403  403  403  403  403  403  403",
        "POST invalid": "  L    400  400  403  403  403  403  403  403  403  403  403  403",
        "POST other": "   -    -    404  -    -    -    -    -    -    -    -    -    403",
    },
    "forum:aspirations_xlsx": {
        "GET": "          L    200  200  200  200  200  200  200  200  200  200  403  403",
        "POST": _405,
        "GET other": "    -    -    404  404  404  404  404  404  404  404  -    -    -",
    },
    "forum:document": {
        "GET": "          L    200  200  200  200  200  200  200  200  200  200  403  403",
        "POST": _405,
    },
    # The public pages (layak.public): the same for everyone, signed in or not; read only.
    "public:index": {
        "GET": "          200  200  200  200  200  200  200  200  200  200  200  200  200",
        "POST": _405,
    },
    "public:region": {
        "GET": "          200  200  200  200  200  200  200  200  200  200  200  200  200",
        "POST": _405,
    },
}


def _cells(row: str) -> dict[str, str]:
    cells = row.split()
    assert len(cells) == len(COLUMNS), f"row {row!r} has {len(cells)} cells"
    return dict(zip(COLUMNS, cells, strict=True))


def problems_with_rules(patterns: list[Any] | None = None) -> list[str]:
    """Patterns whose view has no access rule, a malformed one, or is not Layak's own code."""
    problems = []
    for route, name, view in walk_urls(patterns):
        roles = getattr(view, "access_roles", None)
        if roles is None:
            problems.append(f"{route} ({name}): no access rule (use @allow(...) or @public)")
        elif roles != "public" and not (
            isinstance(roles, frozenset) and roles and all(isinstance(r, Role) for r in roles)
        ):
            problems.append(f"{route} ({name}): malformed access rule {roles!r}")
        implementation = getattr(view, "view_class", None) or inspect.unwrap(view)
        if not implementation.__module__.startswith("layak."):
            problems.append(
                f"{route} ({name}): Django's own view {implementation.__module__}."
                f"{implementation.__qualname__} used directly; wrap it in a Layak view"
            )
    return problems


def test_every_view_carries_an_access_rule() -> None:
    assert problems_with_rules() == []


def test_the_rule_check_catches_unguarded_and_django_views() -> None:
    """The walk itself works: it recurses into includes and refuses Django's views."""
    nested = [path("dalam/", auth_views.LogoutView.as_view(), name="nested")]
    patterns = [
        path("ok/", views_dashboard.home, name="ok"),
        path("bahasa/", django_set_language, name="bare"),
        path("keluar/", public(auth_views.LogoutView.as_view()), name="marked"),
        path("luar/", include((nested, "ns"))),
        path("bukan/", allow(Role.ADMIN)(django_set_language), name="allowed_django"),
    ]
    found = problems_with_rules(patterns)
    assert not any(p.startswith("ok/ ") for p in found)
    assert any(p.startswith("bahasa/ (bare): no access rule") for p in found)
    assert any(p.startswith("bahasa/ (bare): Django's own view") for p in found)
    assert any(p.startswith("keluar/ (marked): Django's own view") for p in found)
    assert any(p.startswith("luar/dalam/ (ns:nested): no access rule") for p in found)
    assert any(p.startswith("bukan/ (allowed_django): Django's own view") for p in found)


def test_every_url_name_is_in_the_matrix() -> None:
    names = [name for _, name, _ in walk_urls()]
    assert len(names) == len(set(names)), f"URL names must be unique: {sorted(names)}"
    unmapped = sorted(set(names) - MATRIX.keys())
    assert not unmapped, f"unmapped URL: {unmapped}; add a row per method to MATRIX"
    stale = sorted(MATRIX.keys() - set(names))
    assert not stale, f"MATRIX names URLs that no longer exist: {stale}"
    for name, rows in MATRIX.items():
        assert {"GET", "POST"} <= rows.keys(), f"{name}: both GET and POST must be stated"
        assert set(rows) <= {"GET", "POST", "GET other", "POST other", "POST invalid"}, name
        for row in rows.values():
            cells = {"L", "-", "200", "302", "400", "403", "404", "405"}
            assert set(_cells(row).values()) <= cells


def _value(client: Client, cookie: str) -> str | None:
    morsel = client.cookies.get(cookie)
    return None if morsel is None else morsel.value


def _outcome(response: Any) -> str:
    if response.status_code == 302 and response["Location"].startswith("/masuk/?next="):
        return "L"
    return str(response.status_code)


@pytest.fixture
def audited_actions(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The action of every audit event saved while the test runs, in order: the matrix reads
    each request's events without two queries per cell. The audit log is written by
    `audit.log.record` (`objects.create`, which sends post_save) and `record_each` (one
    `bulk_create`, which sends nothing, so it is watched here too)."""
    actions: list[str] = []

    def saved(sender: Any, instance: AuditEvent, created: bool, **kwargs: Any) -> None:
        if created:
            actions.append(instance.action)

    bulk_create = AuditEventQuerySet.bulk_create

    def bulk_saved(self: Any, objs: Any, *args: Any, **kwargs: Any) -> list[AuditEvent]:
        made: list[AuditEvent] = bulk_create(self, objs, *args, **kwargs)
        actions.extend(event.action for event in made)
        return made

    monkeypatch.setattr(AuditEventQuerySet, "bulk_create", bulk_saved)
    post_save.connect(saved, sender=AuditEvent, weak=False)
    try:
        yield actions
    finally:
        post_save.disconnect(saved, sender=AuditEvent)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_authorisation_matrix(
    name: str,
    audited_actions: list[str],
    quick_pdf: None,
    client: Client,
    login: Callable[[str], Client],
    target: Callable[[str, str, str], Any],
) -> None:
    client.raise_request_exception = False  # a crash shows as 500 in the list of mismatches
    mismatches = []
    # Person by person (each signs in once), row by row.
    cells = [
        (username, row_name, expected)
        for row_name, row in MATRIX[name].items()
        for username, expected in _cells(row).items()
    ]
    cookie = settings.SESSION_COOKIE_NAME
    signed_in_as: tuple[str, str | None] = ("", None)
    added = audited_actions
    for username, row_name, expected in sorted(cells, key=lambda c: COLUMNS.index(c[0])):
        method, _, variant = row_name.partition(" ")
        if (username, _value(client, cookie)) != signed_in_as:
            login(username)  # the first row of this person, or a row that signed them out
            signed_in_as = (username, _value(client, cookie))
        for other in [name for name in client.cookies if name != cookie]:
            del client.cookies[other]  # no language, CSRF or message cookie from the last row
        # Each request runs in its own rolled-back savepoint, so one person's write does
        # not change what the next person finds.
        with transaction.atomic():
            concrete = target(name, username, variant or "own")
            if concrete is None or expected == "-":
                if (concrete is None) != (expected == "-"):
                    mismatches.append(f"{row_name} as {username}: table and targets disagree")
                transaction.set_rollback(True)
                continue
            added.clear()
            if method == "GET":
                response = client.get(concrete.url)
            else:
                response = client.post(concrete.url, concrete.data)
            transaction.set_rollback(True)
        if response.streaming:  # read to the end, which closes the file
            b"".join(response.streaming_content)
        got = _outcome(response)
        # T2 on every answer of the matrix: security headers, no caching of a signed-in
        # person's page (after /keluar/ nobody is), and anything not HTML is a download.
        signed_in = username != ANONYMOUS and name != "logout"
        for problem in header_problems(response, signed_in) + content_problems(response):
            mismatches.append(f"{row_name} {concrete.url} as {username}: {problem}")
        if got != expected:
            mismatches.append(
                f"{row_name} {concrete.url} as {username}: expected {expected}, got {got}"
            )
        elif problem := _audit_problem(response, added):
            mismatches.append(f"{row_name} {concrete.url} as {username}: {problem}")
    assert not mismatches, "\n".join(mismatches)


def _audit_problem(response: Any, added: list[str]) -> str:
    """T8: a refusal leaves exactly one access.denied event; a file sent leaves exactly one
    download event (the view's own or the middleware's)."""
    if response.status_code == 403 and added != ["access.denied"]:
        return f"a 403 must be audited once as access.denied, got {added}"
    sent_file = response.status_code == 200 and response.has_header("Content-Disposition")
    if sent_file and (len(added) != 1 or not added[0].endswith(".download")):
        return f"a file sent must be audited once as a download, got {added}"
    return ""


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_methods_a_view_does_not_handle_answer_405(
    name: str,
    client: Client,
    login: Callable[[str], Client],
    target: Callable[[str, str, str], Any],
) -> None:
    """Every view states its methods: PUT, PATCH, DELETE and HEAD reach none of them."""
    mismatches = []
    concrete = target(name, "sari", "own")  # once: a 405 comes before the view reads anything
    assert concrete is not None
    for username in (ANONYMOUS, "sari"):
        login(username)
        for method in ("put", "patch", "delete", "head"):
            with transaction.atomic():
                response = getattr(client, method)(concrete.url)
                transaction.set_rollback(True)
            if response.status_code != 405:
                mismatches.append(f"{method.upper()} as {username}: {response.status_code}")
    assert not mismatches, "\n".join(mismatches)


@pytest.mark.django_db
def test_an_officer_guessing_evidence_ids_opens_only_his_agencys_files(
    login: Callable[[str], Client], cycle: Any, users: dict[str, Any], settings: Any
) -> None:
    """T7: budi (Dinkes) walks every evidence id there is, and some that are not, on the web
    and through the API; he gets exactly the present files of Dinkes' questions, and each
    refusal is a 404 that does not say whether the file exists."""
    from django.urls import reverse

    from layak.api.tokens import create_token
    from layak.evaluation.policy import assigned_codes
    from layak.evidence.models import EvidenceFile

    budi = users["budi"]
    mine = set(assigned_codes(budi, cycle))
    everything = dict(EvidenceFile.objects.values_list("pk", "answer__question_code"))
    readable = {
        pk
        for pk, code in everything.items()
        if code in mine and EvidenceFile.objects.present().filter(pk=pk).exists()
    }
    assert readable  # both kinds are there to guess
    assert everything.keys() - readable
    settings.LAYAK_API_RATE = 10_000  # the API's 120 a minute would stop the guessing first
    _, token = create_token(budi, "uji tebakan", actor=budi)
    client = login("budi")
    api = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    # Every fifth id (a whole sweep costs half a minute) and all of his own, then beyond.
    guesses = sorted({*sorted(everything)[::5], *readable, max(everything) + 1, 10**6, 0})
    opened: dict[str, set[int]] = {"web": set(), "api": set()}
    for guess in guesses:
        for way, response in (
            ("web", client.get(reverse("evidence:download", args=[guess]))),
            ("api", api.get(f"/api/v1/evidence/{guess}/file")),
        ):
            if response.streaming:
                b"".join(response.streaming_content)
            assert response.status_code in (200, 404), (way, guess, response.status_code)
            if response.status_code == 200:
                opened[way].add(guess)
    assert opened == {"web": readable & set(guesses), "api": readable & set(guesses)}
