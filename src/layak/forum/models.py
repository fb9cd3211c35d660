"""Forum Anak: groups with their decree, child members (the minimum about a child), guardian
consent, adult facilitators, and the aspirations children send into planning.

A child member is a nickname, an age band, a kelurahan and a role in the forum; nothing else about
a child has a field here (no name, birth date, NIK, address or phone). Consent lives apart, on
`GuardianConsent`, which only the secretariat's pages read.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from layak.conf.fields import agency_key, region_key, user_key
from layak.conf.refusals import raise_invalid
from layak.core import aspirations as flow
from layak.core.messages import Problem, msg
from layak.core.wilayah import Level


class ForumGroup(models.Model):
    """A Forum Anak at city (kabupaten/kota), kecamatan or kelurahan level."""

    region = models.OneToOneField(
        "regions.Region",
        on_delete=models.PROTECT,
        related_name="forum_anak",
        verbose_name=_("wilayah"),
    )
    city = region_key(_("kabupaten/kota"))
    name = models.CharField(_("nama forum"), max_length=120)
    sk_number = models.CharField(_("nomor SK"), max_length=80, blank=True)
    sk_date = models.DateField(_("tanggal SK"), null=True, blank=True)
    period_from = models.PositiveSmallIntegerField(
        _("masa bakti dari tahun"), null=True, blank=True
    )
    period_until = models.PositiveSmallIntegerField(
        _("masa bakti sampai tahun"), null=True, blank=True
    )
    sk_file = models.CharField(max_length=200, blank=True, editable=False)
    sk_file_size = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["region__code"]
        verbose_name = _("Forum Anak")
        verbose_name_plural = _("Forum Anak")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_until__gte=models.F("period_from"))
                | models.Q(period_until__isnull=True)
                | models.Q(period_from__isnull=True),
                name="forum_period_order",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def level(self) -> int:
        return int(self.region.level)

    def clean(self) -> None:
        super().clean()
        region = self.region if self.region_id else None
        if region is not None:
            if region.level == Level.PROVINCE:
                raise_invalid([Problem(msg("forum.level"), column="region")])
            city = region.code[:5]
            if self.city_id and self.city_id != city:
                raise_invalid([Problem(msg("forum.region_elsewhere"), column="region")])
            self.city_id = city
        if self.period_from and self.period_until and self.period_until < self.period_from:
            raise_invalid([Problem(msg("forum.period_inverted"), column="period_until")])

    def snapshot(self) -> dict[str, Any]:
        return {
            "region": self.region_id,
            "name": self.name,
            "sk_number": self.sk_number,
            "sk_date": self.sk_date.isoformat() if self.sk_date else None,
            "period": [self.period_from, self.period_until],
            "sk_file": bool(self.sk_file),
        }


class AgeBand(models.TextChoices):
    TEN = "10-12", _("10–12 tahun")
    THIRTEEN = "13-15", _("13–15 tahun")
    SIXTEEN = "16-17", _("16–17 tahun")


class ForumRole(models.TextChoices):
    CHAIR = "ketua", _("Ketua")
    VICE = "wakil_ketua", _("Wakil ketua")
    SECRETARY = "sekretaris", _("Sekretaris")
    TREASURER = "bendahara", _("Bendahara")
    DIVISION = "koordinator_bidang", _("Koordinator bidang")
    MEMBER = "anggota", _("Anggota")


class ChildMember(models.Model):
    """The minimum about a child in the forum. Withdrawn consent erases the nickname."""

    forum = models.ForeignKey(ForumGroup, on_delete=models.PROTECT, related_name="members")
    nickname = models.CharField(_("nama panggilan"), max_length=30, blank=True)
    age_band = models.CharField(_("kelompok umur"), max_length=5, choices=AgeBand.choices)
    kelurahan = region_key(_("kelurahan"), level=Level.VILLAGE)
    role = models.CharField(
        _("peran di forum"), max_length=20, choices=ForumRole.choices, default=ForumRole.MEMBER
    )
    active = models.BooleanField(_("aktif"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["forum", "-active", "role", "pk"]
        verbose_name = _("anggota anak")
        verbose_name_plural = _("anggota anak")

    def __str__(self) -> str:
        return self.shown_name

    @property
    def shown_name(self) -> str:
        """What pages show: the nickname while the child takes part, never after."""
        if self.active and self.nickname:
            return self.nickname
        return str(_("Anggota #%(id)s (tidak aktif)") % {"id": self.pk})

    def clean(self) -> None:
        super().clean()
        if (
            self.kelurahan_id
            and self.forum_id
            and not self.kelurahan_id.startswith(f"{self.forum.city_id}.")
        ):
            raise_invalid([Problem(msg("forum.kelurahan_elsewhere"), column="kelurahan")])
        if self.active:
            consent = getattr(self, "consent", None) if self.pk else None
            if consent is None or consent.withdrawn_on is not None:
                raise_invalid([Problem(msg("forum.active_without_consent"), column="active")])
            if not self.nickname.strip():
                raise_invalid([Problem(msg("forum.nickname_required"), column="nickname")])

    def snapshot(self) -> dict[str, Any]:
        """For the audit log: ids and codes, never the nickname."""
        return {
            "forum": self.forum_id,
            "age_band": self.age_band,
            "kelurahan": self.kelurahan_id,
            "role": self.role,
            "active": self.active,
        }


class ConsentRelation(models.TextChoices):
    MOTHER = "ibu", _("Ibu")
    FATHER = "ayah", _("Ayah")
    GUARDIAN = "wali", _("Wali")
    GRANDPARENT = "kakek_nenek", _("Kakek/nenek")
    SIBLING = "kakak", _("Kakak (dewasa)")


class ConsentMethod(models.TextChoices):
    FORM = "formulir", _("Formulir ditandatangani")
    RECORDED = "rekaman", _("Direkam (suara/video)")


class GuardianConsent(models.Model):
    """Who gave consent (the relation only, never a name), when, how, and when withdrawn."""

    member = models.OneToOneField(ChildMember, on_delete=models.CASCADE, related_name="consent")
    relation = models.CharField(_("diberikan oleh"), max_length=12, choices=ConsentRelation.choices)
    given_on = models.DateField(_("tanggal persetujuan"))
    method = models.CharField(_("cara"), max_length=10, choices=ConsentMethod.choices)
    withdrawn_on = models.DateField(_("dicabut pada"), null=True, blank=True)
    recorded_by = user_key()

    class Meta:
        verbose_name = _("persetujuan orang tua/wali")
        verbose_name_plural = _("persetujuan orang tua/wali")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(withdrawn_on__isnull=True)
                | models.Q(withdrawn_on__gte=models.F("given_on")),
                name="consent_withdrawn_after_given",
            )
        ]

    def __str__(self) -> str:
        return f"consent #{self.pk}"

    def snapshot(self) -> dict[str, Any]:
        return {
            "relation": self.relation,
            "given_on": self.given_on.isoformat(),
            "method": self.method,
            "withdrawn_on": self.withdrawn_on.isoformat() if self.withdrawn_on else None,
        }


class Facilitator(models.Model):
    """An adult who accompanies the forum (pendamping)."""

    forum = models.ForeignKey(ForumGroup, on_delete=models.PROTECT, related_name="facilitators")
    name = models.CharField(_("nama"), max_length=120)
    institution = models.CharField(_("lembaga"), max_length=160, blank=True)
    active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        ordering = ["forum", "-active", "name"]
        verbose_name = _("pendamping")
        verbose_name_plural = _("pendamping")

    def __str__(self) -> str:
        return self.name

    def snapshot(self) -> dict[str, Any]:
        return {
            "forum": self.forum_id,
            "name": self.name,
            "institution": self.institution,
            "active": self.active,
        }


class ForumAccount(models.Model):
    """Links a Forum Anak account (role forum_anak) to its forum, without touching User."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_account"
    )
    forum = models.ForeignKey(ForumGroup, on_delete=models.PROTECT, related_name="accounts")

    class Meta:
        verbose_name = _("akun Forum Anak")
        verbose_name_plural = _("akun Forum Anak")

    def __str__(self) -> str:
        return f"{self.user_id} → {self.forum_id}"


TOPICS = (
    ("sekolah", _("Sekolah dan belajar")),
    ("kesehatan", _("Kesehatan")),
    ("bermain", _("Tempat bermain dan olahraga")),
    ("lingkungan", _("Lingkungan bersih")),
    ("aman", _("Rasa aman")),
    ("jalan", _("Jalan dan transportasi")),
    ("kreasi", _("Seni dan kreativitas")),
    ("lainnya", _("Lainnya")),
)
STATUS_CHOICES = [
    (flow.Status.RECEIVED.value, pgettext_lazy("aspiration", "Diterima")),
    (flow.Status.DISCUSSED.value, _("Dibahas di Musrenbang")),
    (flow.Status.ACCEPTED.value, _("Diterima menjadi program/kegiatan/peraturan")),
    (flow.Status.DECLINED.value, _("Ditolak dengan alasan")),
    (flow.Status.DONE.value, _("Dilaksanakan")),
]
LEVEL_CHOICES = [
    (flow.MusrenbangLevel.KELURAHAN.value, _("Musrenbang kelurahan")),
    (flow.MusrenbangLevel.KECAMATAN.value, _("Musrenbang kecamatan")),
    (flow.MusrenbangLevel.CITY.value, _("Musrenbang kota")),
]
KIND_CHOICES = [
    (flow.OutcomeKind.PROGRAMME.value, _("Program")),
    (flow.OutcomeKind.ACTIVITY.value, _("Kegiatan")),
    (flow.OutcomeKind.REGULATION.value, _("Peraturan")),
]


class Aspiration(models.Model):
    forum = models.ForeignKey(ForumGroup, on_delete=models.PROTECT, related_name="aspirations")
    city = region_key()
    topic = models.CharField(_("topik"), max_length=12, choices=TOPICS)
    text = models.TextField(_("aspirasi"), max_length=flow.MAX_TEXT)
    place = region_key(_("tempat"), optional=True)
    on_behalf = models.BooleanField(_("disampaikan forum atas nama anak-anak"), default=False)
    submitted_by = user_key()
    submitted_at = models.DateTimeField()
    status = models.CharField(
        _("status"), max_length=12, choices=STATUS_CHOICES, default=flow.Status.RECEIVED.value
    )
    # The facts of the latest steps, kept here for lists and counts; the steps keep the history.
    musrenbang_level = models.CharField(max_length=10, choices=LEVEL_CHOICES, blank=True)
    musrenbang_on = models.DateField(null=True, blank=True)
    outcome_kind = models.CharField(max_length=10, choices=KIND_CHOICES, blank=True)
    outcome_name = models.CharField(max_length=200, blank=True)
    agency = agency_key(optional=True)
    accepted_on = models.DateField(null=True, blank=True)
    decline_reason = models.TextField(blank=True)
    done_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("aspirasi")
        verbose_name_plural = _("aspirasi")
        indexes = [models.Index(fields=["city", "status"], name="aspiration_city_status")]

    def __str__(self) -> str:
        return f"#{self.pk}"

    @property
    def status_enum(self) -> flow.Status:
        return flow.Status(self.status)

    def snapshot(self) -> dict[str, Any]:
        return {
            "forum": self.forum_id,
            "topic": self.topic,
            "place": self.place_id,
            "on_behalf": self.on_behalf,
            "status": self.status,
            "musrenbang_level": self.musrenbang_level,
            "musrenbang_on": self.musrenbang_on.isoformat() if self.musrenbang_on else None,
            "outcome_kind": self.outcome_kind,
            "outcome_name": self.outcome_name,
            "agency": self.agency_id,
            "decline_reason": self.decline_reason,
        }


class AspirationStep(models.Model):
    """One step of an aspiration's history: what, when it happened, who recorded it, a note."""

    aspiration = models.ForeignKey(Aspiration, on_delete=models.CASCADE, related_name="steps")
    status = models.CharField(max_length=12, choices=STATUS_CHOICES)
    on = models.DateField()
    note = models.TextField(blank=True)
    musrenbang_level = models.CharField(max_length=10, choices=LEVEL_CHOICES, blank=True)
    outcome_kind = models.CharField(max_length=10, choices=KIND_CHOICES, blank=True)
    outcome_name = models.CharField(max_length=200, blank=True)
    agency = agency_key(optional=True)
    reason = models.TextField(blank=True)
    recorded_by = user_key()
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["aspiration", "on", "pk"]

    def __str__(self) -> str:
        return f"{self.aspiration_id}: {self.status}"
