from django.apps import AppConfig


class CliConfig(AppConfig):
    name = "layak.cli"
    label = "layak_cli"
    verbose_name = "Layak command line"

    def ready(self) -> None:
        from layak.conf import checks  # noqa: F401 - registers the start-up checks
