from django.apps import AppConfig


class CliConfig(AppConfig):
    name = "layak.cli"
    label = "layak_cli"
    verbose_name = "Layak command line"
