from django.apps import AppConfig

from layak.core.messages import register as register_messages
from layak.registries.messages import CATALOGUE


class RegistriesConfig(AppConfig):
    name = "layak.registries"
    label = "registries"
    verbose_name = "Registri lembaga dan pelatihan KHA"

    def ready(self) -> None:
        register_messages(CATALOGUE)
