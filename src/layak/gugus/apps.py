from django.apps import AppConfig


class GugusConfig(AppConfig):
    name = "layak.gugus"
    label = "gugus"
    verbose_name = "Gugus Tugas KLA"

    def ready(self) -> None:
        from layak.evidence.ready import register
        from layak.gugus.ready import task_force_documents

        register(task_force_documents)
