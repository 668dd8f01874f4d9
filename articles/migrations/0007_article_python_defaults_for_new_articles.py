# A Python default beside the database's for the embargo's source and the editor's note, so that a
# new, unsaved article holds "" rather than an expression object (the writer's form showed it).
# The columns and their DEFAULT '' do not change: state only, so SQLite does not rebuild the table.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0006_hot_query_indexes"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="article",
                    name="editor_note",
                    field=models.TextField(
                        blank=True,
                        db_default="",
                        default="",
                        help_text="Why the article was sent back to its writer.",
                        verbose_name="note from the editor",
                    ),
                ),
                migrations.AlterField(
                    model_name="article",
                    name="embargo_set_by",
                    field=models.CharField(
                        blank=True,
                        db_default="",
                        default="",
                        help_text=(
                            "Who set the embargo: the distributor or the festival, "
                            "e.g. “Neon” or “Festival de Cannes”."
                        ),
                        max_length=200,
                        verbose_name="embargo set by",
                    ),
                ),
            ]
        ),
    ]
