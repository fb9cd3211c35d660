from django.apps import AppConfig

from layak.core.messages import register as register_messages
from layak.regions.messages import CATALOGUE


class RegionsConfig(AppConfig):
    name = "layak.regions"
    label = "regions"
    verbose_name = "Wilayah dan OPD"

    def ready(self) -> None:
        register_messages(CATALOGUE)
