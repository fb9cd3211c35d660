from layak.conf.apps import LayakAppConfig
from layak.gugus.messages import CATALOGUE


class GugusConfig(LayakAppConfig):
    name = "layak.gugus"
    label = "gugus"
    verbose_name = "Gugus Tugas KLA"
    catalogue = CATALOGUE
    ready_documents = (
        "layak.gugus.ready.task_force_documents",
        "layak.gugus.matrices.matrix_documents",
    )
