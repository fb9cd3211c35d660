"""The snapshot follows `layak.core.figures`: submitted answers only, and the verified figure
per part with its stage. Rows computed under the earlier definition (drafts counted) are
deleted so that none is served; the national page recomputes them on its next read."""

from django.db import migrations, models


def forget_old_figures(apps, schema_editor):  # type: ignore[no-untyped-def]
    apps.get_model("overview", "CycleScore").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("overview", "0001_cycle_score"),
    ]

    operations = [
        migrations.RunPython(forget_old_figures, migrations.RunPython.noop),
        migrations.RemoveField(model_name="cyclescore", name="verified"),
        migrations.AddField(
            model_name="cyclescore",
            name="verified_parts",
            field=models.JSONField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="cyclescore",
            name="verified_stage",
            field=models.CharField(blank=True, max_length=32),
        ),
    ]
