from django.apps import AppConfig


class MitraConfig(AppConfig):
    name = "layak.mitra"
    label = "mitra"
    verbose_name = "Mitra"

    def ready(self) -> None:
        from layak.evidence.ready import register
        from layak.mitra.documents import provide

        register(provide)
