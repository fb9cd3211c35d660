"""Audit rows cannot be changed or deleted by any SQL (layak.audit.maintenance, docs/audit.md).

The actor link no longer empties itself when a user is deleted (that UPDATE would be refused
by the trigger): a person with a history is deactivated, not deleted.
"""

from typing import Any

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from layak.audit.maintenance import create_triggers, drop_triggers


def forwards(apps: Any, schema_editor: Any) -> None:
    create_triggers(schema_editor.connection)


def backwards(apps: Any, schema_editor: Any) -> None:
    drop_triggers(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="auditevent",
            name="actor",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.RunPython(forwards, backwards),
    ]
