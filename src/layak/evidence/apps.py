from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "layak.evidence"
    label = "evidence"
    verbose_name = "Bukti dukung"

    def ready(self) -> None:
        # Imported here: the models' registry must be ready. Evaluation sits below this app
        # and reaches the carrying of evidence only through this hook.
        from layak.evaluation.carryover import register_carrier
        from layak.evidence.services import carry_evidence

        register_carrier(carry_evidence)
