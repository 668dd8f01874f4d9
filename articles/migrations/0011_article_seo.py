"""An article's own SEO title, meta description and share picture, each optional."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0010_notifications"),
        ("images", "0004_image_default_share"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="seo_description",
            field=models.CharField(
                blank=True,
                db_default="",
                default="",
                help_text="The line under the title in search results and on shared cards. The dek when empty.",
                max_length=160,
                verbose_name="meta description",
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="seo_title",
            field=models.CharField(
                blank=True,
                db_default="",
                default="",
                help_text="The title search engines and social sites show, when it should differ from the headline. "
                "Search results show about 60 characters.",
                max_length=70,
                verbose_name="SEO title",
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="share_image",
            field=models.ForeignKey(
                blank=True,
                help_text="The picture on social sites' cards. The hero image when empty.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="images.image",
                verbose_name="share picture",
            ),
        ),
    ]
