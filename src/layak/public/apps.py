from django.apps import AppConfig


class PublicConfig(AppConfig):
    """The public page of a region: results anyone may read, without logging in."""

    name = "layak.public"
    label = "public"
    verbose_name = "Halaman publik"
