from layak.conf.apps import LayakAppConfig
from layak.mitra.messages import CATALOGUE


class MitraConfig(LayakAppConfig):
    name = "layak.mitra"
    label = "mitra"
    verbose_name = "Mitra"
    catalogue = CATALOGUE
    ready_documents = ("layak.mitra.documents.provide", "layak.mitra.matrices.matrix_documents")
