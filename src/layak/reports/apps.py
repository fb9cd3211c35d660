from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "layak.reports"
    label = "reports"
    verbose_name = "Laporan"
