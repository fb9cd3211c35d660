from django.apps import AppConfig

from layak.core.messages import register as register_messages
from layak.mitra.messages import CATALOGUE


class MitraConfig(AppConfig):
    name = "layak.mitra"
    label = "mitra"
    verbose_name = "Mitra"

    def ready(self) -> None:
        register_messages(CATALOGUE)
        from layak.evidence.ready import register
        from layak.mitra.documents import provide
        from layak.mitra.matrices import matrix_documents

        register(provide)
        register(matrix_documents)
