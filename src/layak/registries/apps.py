from django.apps import AppConfig

from layak.core.messages import register as register_messages
from layak.registries.messages import CATALOGUE


class RegistriesConfig(AppConfig):
    name = "layak.registries"
    label = "registries"
    verbose_name = "Registri lembaga dan pelatihan KHA"

    def ready(self) -> None:
        from layak.evaluation.proposals import register as register_proposals
        from layak.evidence.ready import register as register_documents
        from layak.profil.queries.institutions import register as register_profil_tables
        from layak.registries.matrices import matrix_documents
        from layak.registries.profil import institutions_per_kecamatan
        from layak.registries.proposals import registry_proposals

        register_messages(CATALOGUE)
        register_documents(matrix_documents)
        register_proposals(registry_proposals)
        register_profil_tables(institutions_per_kecamatan)
