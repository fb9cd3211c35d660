from django.db import migrations, models

import layak.api.models


class Migration(migrations.Migration):
    dependencies = [
        ("api", "0003_token_expiry"),
    ]

    operations = [
        migrations.AlterField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(
                default=layak.api.models.default_expiry, verbose_name="berlaku sampai"
            ),
        ),
    ]
