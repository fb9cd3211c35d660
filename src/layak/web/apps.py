from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "layak.web"
    label = "web"
    verbose_name = "Antarmuka web"
