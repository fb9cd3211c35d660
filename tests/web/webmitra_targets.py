"""Concrete URLs of the stakeholder (mitra) pages for the access matrix, from the Kota Metro
demo: PT Sinar Metro Abadi is the organisation the account "mitra" acts for; Radio Swara Metro
is another organisation of the same city; "other" records of the secretariat lie in Kota Bandar
Lampung; a reader's "other" record is one still awaiting confirmation."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.urls import reverse
from django.utils import timezone

from tests.web.websupport import Target

READERS = ("kartika", "budi", "dewi", "rina", "oki", "yosomulyo", "vina", "nadia")
METRO = "18.72"


def _org(name: str) -> Any:
    from layak.mitra.models import Organisation

    return Organisation.objects.get(region_id=METRO, name=name)


def _elsewhere(users: dict[str, Any]) -> dict[str, Any]:
    """An organisation of Kota Bandar Lampung with a record of each kind and a file."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from layak.demo.pdf import sample_pdf
    from layak.files.storage import files_kept_only_on_success
    from layak.mitra.models import Commitment, Contribution, Organisation, Status
    from layak.mitra.services import check_files, store_documents

    org, _ = Organisation.objects.get_or_create(
        region_id="18.71", name="PT Teluk Betung Jaya", defaults={"kind": "dunia_usaha"}
    )
    today = timezone.localdate()
    commitment = Commitment.objects.create(
        organisation=org, kind="csr", title="CSR Teluk", date_from=today, created_by=users["admin"]
    )
    contribution = Contribution.objects.create(
        organisation=org,
        title="Taman bermain",
        date=today,
        value=1,
        place_id="18.71.01",
        indicator_code="11",
        status=Status.PENDING,
        created_by=users["admin"],
    )
    upload = SimpleUploadedFile("a.pdf", sample_pdf(["a"]), "application/pdf")
    with files_kept_only_on_success() as saved:
        store_documents(users["admin"], contribution, check_files([upload]), saved, None)
    return {"org": org, "commitment": commitment, "contribution": contribution}


def _record(kind: str, organisation: str, status: str) -> Any:
    from layak.mitra.models import Commitment, Contribution

    model = Commitment if kind == "commitment" else Contribution
    return model.objects.filter(organisation=_org(organisation), status=status).first()


def _pending_commitment(users: dict[str, Any]) -> Any:
    from layak.mitra.models import Commitment

    return Commitment.objects.create(
        organisation=_org("PT Sinar Metro Abadi"),
        kind="mou",
        title="MoU uji",
        date_from=timezone.localdate(),
        created_by=users["mitra"],
    )


def _contribution_data() -> dict[str, str]:
    return {
        "title": "Pojok ASI uji",
        "date": (timezone.localdate() - timedelta(days=3)).isoformat(),
        "value": "1.000.000",
        "place": "18.72.01.1005",
        "indicator_code": "14",
    }


def _commitment_data() -> dict[str, str]:
    return {"kind": "csr", "title": "CSR uji", "date_from": timezone.localdate().isoformat()}


def mitra_target(name: str, username: str, variant: str, users: dict[str, Any]) -> Target | None:
    own = variant == "own"
    sinar = "PT Sinar Metro Abadi"
    radio = "Radio Swara Metro 98,6 FM"
    chosen = f"?wilayah={METRO}" if username == "admin" else ""
    if name in ("mitra:index", "mitra:confirmations", "mitra:summary"):
        return Target(reverse(name)) if own else None
    if name == "mitra:summary_xlsx":  # Kota Metro's matrix; "other": Kota Banda Aceh's
        if own:
            return Target(reverse(name) + f"?wilayah={METRO}")
        limited = ("sari", "kartika", "budi", "dewi", "rina", "oki", "yosomulyo", "vina")
        return Target(reverse(name) + "?wilayah=11.71") if username in limited else None
    if name == "mitra:organisation_new":
        if not own:
            return None
        data = {"name": "Yayasan Uji Coba", "kind": "ormas", "active": "on"}
        return Target(reverse(name) + chosen, data)
    if name in ("mitra:organisation", "mitra:organisation_edit"):
        if own:
            org = _org(sinar)
        elif username == "mitra":
            org = _org(radio)
        elif username == "sari":
            org = _elsewhere(users)["org"]
        else:
            return None
        return Target(reverse(name, args=[org.pk]), {"name": org.name, "kind": org.kind})
    if name in ("mitra:commitment_new", "mitra:contribution_new"):
        if own:
            org = _org(sinar)
        elif username == "mitra":
            org = _org(radio)
        elif username == "sari":
            org = _elsewhere(users)["org"]
        else:
            return None
        data = _contribution_data() if "contribution" in name else _commitment_data()
        return Target(reverse(name, args=[org.pk]), data)
    kind = "commitment" if "commitment" in name else "contribution"
    if name in ("mitra:document", "mitra:document_remove"):
        kind = "contribution"
    if own:
        if name in ("mitra:commitment_edit", "mitra:review_commitment"):
            record = _pending_commitment(users)
        elif name in (
            "mitra:contribution_edit",
            "mitra:review_contribution",
            "mitra:document_remove",
        ):
            record = _record(kind, sinar, "menunggu")
        else:
            record = _record(kind, sinar, "dikonfirmasi")
    elif username == "mitra":
        record = _record(kind, radio, "dikonfirmasi")
    elif username == "sari":
        record = _elsewhere(users)[kind]
    elif username in READERS:
        record = _record(kind, "Toserba Mulya Jaya Metro", "menunggu")
    else:
        return None
    if name in ("mitra:document", "mitra:document_remove"):
        return Target(reverse(name, args=[record.documents.first().pk]))
    if name.startswith("mitra:review_"):
        return Target(reverse(name, args=[record.pk]), {"action": "konfirmasi"})
    data: dict[str, str] = {}
    if name == "mitra:contribution_edit":
        data = _contribution_data()
    elif name == "mitra:commitment_edit":
        data = _commitment_data()
    return Target(reverse(name, args=[record.pk]), data)
