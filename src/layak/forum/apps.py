from layak.conf.apps import LayakAppConfig
from layak.forum.messages import CATALOGUE


class ForumConfig(LayakAppConfig):
    name = "layak.forum"
    label = "forum"
    verbose_name = "Forum Anak"
    catalogue = CATALOGUE
    ready_documents = ("layak.forum.documents.provider", "layak.forum.matrices.matrix_documents")

    def ready(self) -> None:
        super().ready()
        # Only once the app registry is ready: these modules import models.
        from layak.evidence.screening import register as register_names
        from layak.forum.screening import child_roles

        register_names(child_roles)
