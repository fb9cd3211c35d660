from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "layak.evidence"
    label = "evidence"
    verbose_name = "Bukti dukung"
