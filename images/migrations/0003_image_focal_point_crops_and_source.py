"""A focal point on every picture (the centre until an editor moves it), boxes drawn per use, and
where a video's poster was fetched from."""

import django.core.validators
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("images", "0002_image_uploaded_by"),
    ]

    operations = [
        migrations.AddField(
            model_name="image",
            name="crops",
            field=models.JSONField(
                blank=True, db_default=models.Value({}, models.JSONField()), default=dict, editable=False
            ),
        ),
        migrations.AddField(
            model_name="image",
            name="focus_x",
            field=models.FloatField(
                db_default=0.5,
                default=0.5,
                help_text="Click the picture to set it: the part every crop (cards, share image) keeps in view.",
                validators=[
                    django.core.validators.MinValueValidator(0.0),
                    django.core.validators.MaxValueValidator(1.0),
                ],
                verbose_name="focal point, across",
            ),
        ),
        migrations.AddField(
            model_name="image",
            name="focus_y",
            field=models.FloatField(
                db_default=0.5,
                default=0.5,
                validators=[
                    django.core.validators.MinValueValidator(0.0),
                    django.core.validators.MaxValueValidator(1.0),
                ],
                verbose_name="focal point, down",
            ),
        ),
        migrations.AddField(
            model_name="image",
            name="source",
            field=models.URLField(blank=True, db_default="", db_index=True, editable=False, max_length=500),
        ),
        migrations.AddConstraint(
            model_name="image",
            constraint=models.CheckConstraint(
                condition=models.Q(("focus_x__gte", 0), ("focus_x__lte", 1), ("focus_y__gte", 0), ("focus_y__lte", 1)),
                name="image_focus_inside_picture",
            ),
        ),
    ]
