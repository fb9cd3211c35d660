"""A coordinated supplier: an Agency row that is not an agency (the Forum Anak Daerah, the
business community) and names the agency that coordinates it. Existing rows stay agencies."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("regions", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="agency",
            name="coordinator",
            field=models.ForeignKey(
                blank=True,
                help_text=(
                    "Isi bila ini bukan OPD tetapi sumber data yang dikoordinasi OPD lain (mis. "
                    "Forum Anak Daerah oleh DP3AP2KB): pertanyaan yang menyebutnya ditugaskan ke "
                    "OPD itu."
                ),
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="coordinated",
                to="regions.agency",
                verbose_name="dikoordinasi oleh",
            ),
        ),
        migrations.AddConstraint(
            model_name="agency",
            constraint=models.CheckConstraint(
                condition=models.Q(("coordinator", models.F("pk")), _negated=True),
                name="agency_not_own_coordinator",
            ),
        ),
    ]
