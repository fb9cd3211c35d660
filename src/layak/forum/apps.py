from django.apps import AppConfig


class ForumConfig(AppConfig):
    name = "layak.forum"
    label = "forum"
    verbose_name = "Forum Anak"

    def ready(self) -> None:
        from layak.evidence.ready import register
        from layak.forum.documents import provider

        register(provider)
