from django.apps import AppConfig


class ProfilConfig(AppConfig):
    name = "layak.profil"
    label = "profil"
    verbose_name = "Profil Anak"
