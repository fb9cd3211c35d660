from layak.conf.apps import LayakAppConfig
from layak.regions.messages import CATALOGUE


class RegionsConfig(LayakAppConfig):
    name = "layak.regions"
    label = "regions"
    verbose_name = "Wilayah dan OPD"
    catalogue = CATALOGUE
