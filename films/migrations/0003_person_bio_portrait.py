"""People get a short bio and a portrait from the media library, as authors have."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("films", "0002_film_poster"),
        ("images", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="person",
            name="bio",
            field=models.TextField(
                blank=True, default="", db_default="", help_text="A sentence or two, shown on the person's page."
            ),
        ),
        migrations.AddField(
            model_name="person",
            name="portrait",
            field=models.ForeignKey(
                blank=True,
                help_text="A photo or drawing of them, from the media library.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="images.image",
            ),
        ),
    ]
