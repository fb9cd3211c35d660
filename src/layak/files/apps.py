from django.apps import AppConfig


class FilesConfig(AppConfig):
    name = "layak.files"
    label = "files"
    verbose_name = "Berkas"
