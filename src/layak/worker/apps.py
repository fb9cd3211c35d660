from django.apps import AppConfig


class WorkerConfig(AppConfig):
    name = "layak.worker"
    label = "worker"
    verbose_name = "Pekerja latar belakang"
