"""Indexes for the hot queries found with EXPLAIN on the bench corpus (bench/README.md, Indexes). Only AddIndex."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0002_moderation"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="comment",
            index=models.Index(
                models.Case(models.When(status="pending", then=models.Value(0)), default=models.Value(1)),
                models.F("created_at"),
                models.F("id"),
                name="comment_queue_order_idx",
            ),
        ),
    ]
