from django.apps import AppConfig


class RoundtripConfig(AppConfig):
    name = "layak.roundtrip"
    label = "roundtrip"
    verbose_name = "Excel per OPD"
