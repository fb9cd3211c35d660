from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "layak.audit"
    label = "audit"
    verbose_name = "Jejak audit"
