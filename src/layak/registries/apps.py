from django.apps import AppConfig

from layak.core.messages import register as register_messages
from layak.registries.messages import CATALOGUE


class RegistriesConfig(AppConfig):
    name = "layak.registries"
    label = "registries"
    verbose_name = "Registri lembaga dan pelatihan KHA"

    def ready(self) -> None:
        from layak.evidence.ready import register
        from layak.registries.matrices import matrix_documents

        register_messages(CATALOGUE)
        register(matrix_documents)
