from django.apps import AppConfig


class NoticesConfig(AppConfig):
    name = "layak.notices"
    label = "notices"
    verbose_name = "Pemberitahuan"
