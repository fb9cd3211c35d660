"""API tokens expire. Tokens made before this migration expire 90 days (the default of
LAYAK_API_TOKEN_DAYS) after they were made, so an old one stops working at once. The column
becomes required in 0004 (its own transaction: PostgreSQL refuses to alter a table with
pending trigger events from the rows just updated)."""

from datetime import timedelta
from typing import Any

from django.db import migrations, models


def expire_existing(apps: Any, schema_editor: Any) -> None:
    ApiToken = apps.get_model("api", "ApiToken")
    for token in ApiToken.objects.filter(expires_at__isnull=True).iterator():
        token.expires_at = token.created_at + timedelta(days=90)
        token.save(update_fields=["expires_at"])


class Migration(migrations.Migration):
    dependencies = [
        ("api", "0002_rate_counts"),
    ]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(null=True, verbose_name="berlaku sampai"),
        ),
        migrations.RunPython(expire_existing, migrations.RunPython.noop),
    ]
