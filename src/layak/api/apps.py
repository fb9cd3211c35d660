from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "layak.api"
    label = "api"
    verbose_name = "API"
