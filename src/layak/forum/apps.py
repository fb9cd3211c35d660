from django.apps import AppConfig

from layak.core.messages import register as register_messages
from layak.forum.messages import CATALOGUE


class ForumConfig(AppConfig):
    name = "layak.forum"
    label = "forum"
    verbose_name = "Forum Anak"

    def ready(self) -> None:
        register_messages(CATALOGUE)
        from layak.evidence.ready import register
        from layak.evidence.screening import register as register_names
        from layak.forum.documents import provider
        from layak.forum.matrices import matrix_documents
        from layak.forum.screening import child_roles

        register(provider)
        register(matrix_documents)
        register_names(child_roles)
