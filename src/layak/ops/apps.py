from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "layak.ops"
    label = "ops"
    verbose_name = "Operasi"
