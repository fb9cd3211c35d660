"""The roles people hold in the programme and every set of roles the code checks. One place:
a view, a service or the API names a set from here instead of spelling the roles again."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from layak.core.stages import Stage


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    SECRETARIAT = "sekretariat", _("Sekretariat Gugus Tugas")
    COORDINATOR = "koordinator", _("Koordinator klaster")
    OFFICER = "opd", _("Petugas OPD")
    UNIT_OPERATOR = "operator", _("Operator kecamatan/kelurahan")
    PROVINCIAL_VERIFIER = "verifikator_provinsi", _("Verifikator provinsi")
    NATIONAL_VERIFIER = "verifikator_nasional", _("Verifikator nasional")
    STAKEHOLDER = "pemangku", _("Pemangku kepentingan")
    FORUM_ANAK = "forum_anak", _("Anggota Forum Anak")


# Staff of one kabupaten/kota: their account names that region.
REGION_STAFF = frozenset(
    {
        Role.SECRETARIAT,
        Role.COORDINATOR,
        Role.OFFICER,
        Role.UNIT_OPERATOR,
        Role.STAKEHOLDER,
        Role.FORUM_ANAK,
    }
)
VERIFIERS = frozenset({Role.PROVINCIAL_VERIFIER, Role.NATIONAL_VERIFIER})
# The roles a secretariat gives to accounts of its own region (never an administrator's or a
# verifier's); an administrator gives every role.
SECRETARIAT_GRANTS = REGION_STAFF

ALL_ROLES = frozenset(Role)
# Everyone who works on the evaluation (not stakeholders, not children).
STAFF = frozenset(
    {
        Role.ADMIN,
        Role.SECRETARIAT,
        Role.COORDINATOR,
        Role.OFFICER,
        Role.UNIT_OPERATOR,
        Role.PROVINCIAL_VERIFIER,
        Role.NATIONAL_VERIFIER,
    }
)
# Who keeps a region: its cycles, agencies, task force, stakeholders and Forum Anak.
MANAGERS = frozenset({Role.ADMIN, Role.SECRETARIAT})
# Who reads everything of the regions they see: every question, report and record.
REGION_READERS = frozenset(
    {
        Role.ADMIN,
        Role.SECRETARIAT,
        Role.COORDINATOR,
        Role.PROVINCIAL_VERIFIER,
        Role.NATIONAL_VERIFIER,
    }
)
# Which verifier role decides at which stage.
VERIFIER_STAGES = {
    Role.PROVINCIAL_VERIFIER: frozenset({Stage.ADMINISTRATIVE}),
    Role.NATIONAL_VERIFIER: frozenset({Stage.FIELD, Stage.FINAL}),
}
# Who writes a region-level answer and its evidence (per question: evaluation.policy).
ANSWER_WRITERS = frozenset({Role.SECRETARIAT, Role.COORDINATOR, Role.OFFICER})
# Who writes a kecamatan's or kelurahan's own answer.
UNIT_ANSWER_WRITERS = frozenset({Role.SECRETARIAT, Role.UNIT_OPERATOR})
# Who uploads evidence: the answer writers and the units' operators.
UPLOADERS = ANSWER_WRITERS | UNIT_ANSWER_WRITERS
# Who sees every region side by side (the national page, breach tracing across regions).
NATION_READERS = frozenset({Role.ADMIN, Role.NATIONAL_VERIFIER})
# A province's page: those who see the nation and the provinces' verifiers (their own province).
PROVINCE_READERS = NATION_READERS | {Role.PROVINCIAL_VERIFIER}
# The reports page: the region's readers and the agencies' officers (their own questions).
REPORT_READERS = REGION_READERS | {Role.OFFICER}
# Who takes and reads an agency's answer workbook.
ANSWER_BOOK_READERS = ANSWER_WRITERS | {Role.ADMIN}
# The task force's pages (Gugus Tugas), and who moves an action item's status.
TASK_FORCE_READERS = REGION_READERS | {Role.OFFICER}
ACTION_STATUS_UPDATERS = frozenset({Role.ADMIN, Role.SECRETARIAT, Role.OFFICER})
# Stakeholders' records: who reads the confirmed ones (besides MANAGERS), who writes them.
MITRA_READERS = frozenset(
    {
        Role.COORDINATOR,
        Role.OFFICER,
        Role.UNIT_OPERATOR,
        Role.PROVINCIAL_VERIFIER,
        Role.NATIONAL_VERIFIER,
    }
)
MITRA_WRITERS = MANAGERS | {Role.STAKEHOLDER}
# The registries of institutions and KHA training: the region's readers and the agencies'
# officers read; the secretariat keeps every kind, an officer the kinds their agency keeps.
REGISTRY_READERS = REGION_READERS | {Role.OFFICER}
REGISTRY_WRITERS = frozenset({Role.ADMIN, Role.SECRETARIAT, Role.OFFICER})
# The stakeholder pages: staff and the stakeholders themselves (each sees what policy allows).
MITRA_PAGES = STAFF | {Role.STAKEHOLDER}
# The Forum Anak pages: staff and the children's accounts (each sees what policy allows).
FORUM_PAGES = STAFF | {Role.FORUM_ANAK}
# People outside government: they see only their own records, never a region's evaluation.
OUTSIDERS = frozenset({Role.STAKEHOLDER, Role.FORUM_ANAK})
# Staff who see only their part of a region: an agency's questions, a unit's KELANA/DEKELA.
PART_READERS = frozenset({Role.OFFICER, Role.UNIT_OPERATOR})
# Who answers for an agency: its officers and the klaster coordinators (their queues).
AGENCY_WORKERS = frozenset({Role.OFFICER, Role.COORDINATOR})
# Told of a stage of the evaluation (its window, its lock): who works on a region's answers.
STAGE_AUDIENCE = AGENCY_WORKERS | {Role.SECRETARIAT, Role.UNIT_OPERATOR}
