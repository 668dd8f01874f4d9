"""Indexes for the hot queries found with EXPLAIN on the bench corpus (bench/README.md, Indexes). Only AddIndex."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0005_merge"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                condition=models.Q(("status", "published")),
                fields=["-publish_at", "-id"],
                include=("embargo_until",),
                name="article_published_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                condition=models.Q(("status", "published")),
                fields=["section", "-publish_at", "-id"],
                include=("embargo_until",),
                name="article_section_published_idx",
            ),
        ),
    ]
