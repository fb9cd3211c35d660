from layak.conf.apps import LayakAppConfig
from layak.registries.messages import CATALOGUE


class RegistriesConfig(LayakAppConfig):
    name = "layak.registries"
    label = "registries"
    verbose_name = "Registri lembaga dan pelatihan KHA"
    catalogue = CATALOGUE
    ready_documents = ("layak.registries.matrices.matrix_documents",)

    def ready(self) -> None:
        super().ready()
        # Only once the app registry is ready: these modules import models.
        from layak.evaluation.proposals import register as register_proposals
        from layak.profil.queries.institutions import register as register_profil_tables
        from layak.registries.profil import institutions_per_kecamatan
        from layak.registries.proposals import registry_proposals

        register_proposals(registry_proposals)
        register_profil_tables(institutions_per_kecamatan)
