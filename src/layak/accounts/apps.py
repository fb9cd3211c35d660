from layak.accounts.messages import CATALOGUE
from layak.conf.apps import LayakAppConfig


class AccountsConfig(LayakAppConfig):
    name = "layak.accounts"
    label = "accounts"
    verbose_name = "Akun dan peran"
    catalogue = CATALOGUE

    def ready(self) -> None:
        super().ready()
        from layak.accounts import auth_events  # noqa: F401 - audit of log-ins and failures
