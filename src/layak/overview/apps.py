from django.apps import AppConfig


class OverviewConfig(AppConfig):
    name = "layak.overview"
    label = "overview"
    verbose_name = "Provinsi dan nasional"
