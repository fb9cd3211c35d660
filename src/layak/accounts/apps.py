from django.apps import AppConfig

from layak.accounts.messages import CATALOGUE
from layak.core.messages import register as register_messages


class AccountsConfig(AppConfig):
    name = "layak.accounts"
    label = "accounts"
    verbose_name = "Akun dan peran"

    def ready(self) -> None:
        register_messages(CATALOGUE)
        from layak.accounts import auth_events  # noqa: F401 - audit of log-ins and failures
