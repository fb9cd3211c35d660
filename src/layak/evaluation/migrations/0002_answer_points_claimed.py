"""An answer's points become the points the region claims, null while unanswered.

Before, an unanswered answer (a note alone) and a unit's yes/no carried 0 points; both now
carry none, so "answered" means "has points" for a region and "has a value" for a unit.
"""

from typing import Any

from django.db import migrations, models


def clear_unclaimed(apps: Any, schema_editor: Any) -> None:
    Answer = apps.get_model("evaluation", "Answer")
    Answer.objects.filter(value="").update(points=None)
    Answer.objects.filter(unit__isnull=False).update(points=None)


def zero_unclaimed(apps: Any, schema_editor: Any) -> None:
    Answer = apps.get_model("evaluation", "Answer")
    Answer.objects.filter(points__isnull=True).update(points=0)


class Migration(migrations.Migration):
    dependencies = [("evaluation", "0001_initial")]

    operations = [
        migrations.AlterField(
            model_name="answer",
            name="points",
            field=models.DecimalField(
                blank=True,
                decimal_places=4,
                default=None,
                max_digits=8,
                null=True,
                verbose_name="nilai",
            ),
        ),
        migrations.RunPython(clear_unclaimed, zero_unclaimed),
    ]
