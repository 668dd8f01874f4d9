"""Works cited are listed alphabetically, as MLA asks, unless an article keeps the order entered."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0007_article_python_defaults_for_new_articles"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="citations_in_entered_order",
            field=models.BooleanField(
                db_default=False,
                default=False,
                help_text=(
                    "Works cited are listed alphabetically, as MLA asks: by author, or by title when there is none. "
                    "Tick to list them in the order given to them here instead."
                ),
                verbose_name="keep works cited in the order entered",
            ),
        ),
    ]
