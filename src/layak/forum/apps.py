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
        from layak.forum.documents import provider

        register(provider)
