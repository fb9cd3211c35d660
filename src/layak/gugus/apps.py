from django.apps import AppConfig

from layak.core.messages import register as register_messages
from layak.gugus.messages import CATALOGUE


class GugusConfig(AppConfig):
    name = "layak.gugus"
    label = "gugus"
    verbose_name = "Gugus Tugas KLA"

    def ready(self) -> None:
        register_messages(CATALOGUE)
        from layak.evidence.ready import register
        from layak.gugus.matrices import matrix_documents
        from layak.gugus.ready import task_force_documents

        register(task_force_documents)
        register(matrix_documents)
