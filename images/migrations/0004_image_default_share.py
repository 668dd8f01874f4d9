"""A picture the editors choose for sharing the pages that have none of their own; one at most."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("images", "0003_image_focal_point_crops_and_source"),
    ]

    operations = [
        migrations.AddField(
            model_name="image",
            name="is_default_share",
            field=models.BooleanField(
                db_default=False,
                default=False,
                editable=False,
                help_text=(
                    "Shown by other sites for the pages that have no picture of their own (the front page, "
                    "sections, tags, search). One picture at a time."
                ),
                verbose_name="default share picture",
            ),
        ),
        migrations.AddConstraint(
            model_name="image",
            constraint=models.UniqueConstraint(
                condition=models.Q(("is_default_share", True)),
                fields=("is_default_share",),
                name="one_default_share_image",
            ),
        ),
    ]
