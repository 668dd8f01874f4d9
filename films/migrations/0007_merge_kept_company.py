"""The merge log keeps a company too: two duplicate companies can be merged, like people and works."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("films", "0006_other_kinds"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="merge",
            name="merge_kept_person_or_work_not_both",
        ),
        migrations.AddField(
            model_name="merge",
            name="kept_company",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="films.company",
            ),
        ),
        migrations.AddConstraint(
            model_name="merge",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("kept_person__isnull", True), ("kept_work__isnull", True)),
                    models.Q(("kept_company__isnull", True), ("kept_person__isnull", True)),
                    models.Q(("kept_company__isnull", True), ("kept_work__isnull", True)),
                    _connector="OR",
                ),
                name="merge_keeps_one_record",
            ),
        ),
    ]
