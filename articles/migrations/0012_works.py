"""Articles discuss works of any kind, and works cited may point at a work's record.

The film links become work links (ArticleFilm → ArticleWork). In the database nothing the running
release reads changes name (docs/deploy.md): the table stays articles_articlefilm and its column
film_id, which now refers to works (a film's work has the film's id). What the running release's
permissions and history call the film links is renamed to the work links here: the content type
and its permissions (which Django does not rename with a model), so that the roles keep them, and
the revisions that hold film links, so that history still reads and reverts them.
"""

import json

import django.db.models.deletion
from django.db import migrations, models


def _rename_links(apps, schema_editor, old: str, new: str, old_field: str, new_field: str) -> None:
    db = schema_editor.connection.alias
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Version = apps.get_model("reversion", "Version")
    content_type = ContentType.objects.using(db).filter(app_label="articles", model=old).first()
    if content_type is None:
        return
    existing = ContentType.objects.using(db).filter(app_label="articles", model=new).first()
    if existing is not None:
        # Made by an earlier run of the permissions' post_migrate: the links' grants are on the old one.
        Permission.objects.using(db).filter(content_type=existing).delete()
        Version.objects.using(db).filter(content_type=existing).update(content_type=content_type)
        existing.delete()
    content_type.model = new
    content_type.save(update_fields=["model"])
    for permission in Permission.objects.using(db).filter(content_type=content_type):
        action = permission.codename.rsplit("_", 1)[0]
        permission.codename = f"{action}_{new}"
        permission.name = permission.name.replace("film discussed", "work discussed")
        permission.save(update_fields=["codename", "name"])
    for version in Version.objects.using(db).filter(content_type=content_type, format="json").iterator():
        data = json.loads(version.serialized_data)
        for item in data:
            item["model"] = f"articles.{new}"
            fields = item.get("fields", {})
            if old_field in fields:
                fields[new_field] = fields.pop(old_field)
        version.serialized_data = json.dumps(data)
        version.save(update_fields=["serialized_data"])


def build_search_documents(apps, schema_editor):
    """Every article's search document, now with the works it discusses of any kind, their people,
    companies and ISBNs (PostgreSQL only). The code's own definition, read at this point of the
    history: nothing it reads is changed by a later migration yet; if one ever is, move this there.
    The documents only: their copies for search (0013_search_entries) have no table yet."""
    from articles.search import update_search_documents, uses_full_text

    if uses_full_text(schema_editor.connection.alias):
        update_search_documents(using=schema_editor.connection.alias)


def rename_forwards(apps, schema_editor):
    _rename_links(apps, schema_editor, "articlefilm", "articlework", "film", "work")


def rename_backwards(apps, schema_editor):
    _rename_links(apps, schema_editor, "articlework", "articlefilm", "work", "film")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0011_article_seo"),
        # 0006 too: the search documents built here read every kind's companies and ISBNs.
        ("films", "0006_other_kinds"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
        # The roles hold the film links' permissions, renamed here: they must exist first.
        ("desk", "0003_works_for_the_desk"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterModelTable(name="articlefilm", table="articles_articlefilm"),
                migrations.RemoveConstraint(model_name="articlefilm", name="unique_article_film"),
                migrations.RenameModel(old_name="ArticleFilm", new_name="ArticleWork"),
                migrations.RenameField(model_name="articlework", old_name="film", new_name="work"),
                migrations.AlterField(
                    model_name="articlework",
                    name="work",
                    field=models.ForeignKey(
                        db_column="film_id",
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="article_links",
                        to="films.work",
                    ),
                ),
                migrations.AlterField(
                    model_name="articlework",
                    name="article",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="article_works",
                        to="articles.article",
                    ),
                ),
                migrations.AlterField(
                    model_name="articlework",
                    name="is_card",
                    field=models.BooleanField(
                        default=False,
                        help_text="Show this work's card at the top of the article (one work at most).",
                        verbose_name="card",
                    ),
                ),
                migrations.AlterModelOptions(
                    name="articlework",
                    options={
                        "ordering": ["order", "pk"],
                        "verbose_name": "work discussed",
                        "verbose_name_plural": "works discussed",
                    },
                ),
                migrations.AddConstraint(
                    model_name="articlework",
                    constraint=models.UniqueConstraint(fields=("article", "work"), name="unique_article_film"),
                ),
                migrations.RemoveField(model_name="article", name="films"),
                migrations.AddField(
                    model_name="article",
                    name="works",
                    field=models.ManyToManyField(
                        help_text="Films, albums, books, TV series, seasons or episodes and games this article "
                        "discusses.",
                        related_name="articles",
                        through="articles.ArticleWork",
                        to="films.work",
                    ),
                ),
            ],
            database_operations=[
                # film_id now refers to works (the same ids).
                migrations.AlterField(
                    model_name="articlefilm",
                    name="film",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="article_links", to="films.work"
                    ),
                ),
            ],
        ),
        migrations.RunPython(rename_forwards, rename_backwards),
        migrations.RunPython(build_search_documents, migrations.RunPython.noop),
        migrations.AddField(
            model_name="citation",
            name="work",
            field=models.ForeignKey(
                blank=True,
                help_text="A film, album, book, series or game we keep: the entry then links to its page and takes "
                "its author, title, publisher and date from the record (fields typed here fill what the record "
                "lacks).",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="citations",
                to="films.work",
                verbose_name="work in our records",
            ),
        ),
        migrations.AlterField(
            model_name="citation",
            name="kind",
            field=models.CharField(
                choices=[
                    ("book", "Book"),
                    ("chapter", "Chapter or essay in a book"),
                    ("article", "Article (journal, magazine, newspaper)"),
                    ("web", "Web page"),
                    ("film", "Film"),
                    ("song", "Song"),
                    ("album", "Album"),
                    ("tv", "TV series or season"),
                    ("episode", "TV episode"),
                    ("game", "Video game"),
                    ("other", "Other"),
                ],
                default="book",
                max_length=20,
            ),
        ),
    ]
