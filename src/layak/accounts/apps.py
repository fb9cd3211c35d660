from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "layak.accounts"
    label = "accounts"
    verbose_name = "Akun dan peran"

    def ready(self) -> None:
        from layak.accounts import auth_events  # noqa: F401 - audit of log-ins and failures
