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
READ_ALL_QUESTIONS = frozenset(
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
