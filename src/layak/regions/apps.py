from django.apps import AppConfig


class RegionsConfig(AppConfig):
    name = "layak.regions"
    label = "regions"
    verbose_name = "Wilayah dan OPD"
