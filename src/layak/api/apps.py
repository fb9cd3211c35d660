from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "layak.api"
    label = "api"
    verbose_name = "API"

    def ready(self) -> None:
        # Only once the app registry is ready: these modules import models.
        from layak.accounts.models import on_password_change
        from layak.api.tokens import revoke_all

        # A password change (any path) revokes the account's tokens.
        on_password_change(revoke_all)
