"""Films become one kind of work.

A new table, films_work, holds what every kind of work shares; each film gets its row there with
the film's own id, so the film's row (whose `id` column becomes its link to the work) and every
reference to a film, credits and articles' links included, still hold. Credits now point at any
work. Nothing the running release reads is dropped or renamed in the database (docs/deploy.md):
films_film keeps its title, slug, year, release date, synopsis and poster columns (nullable now:
the new code writes them on the work) until a later release drops them, and credits keep their
column film_id.
"""

import django.db.models.deletion
from django.core.management.color import no_style
from django.db import migrations, models


def copy_films_to_works(apps, schema_editor):
    Film = apps.get_model("films", "Film")
    Work = apps.get_model("films", "Work")
    db = schema_editor.connection.alias
    Work.objects.using(db).bulk_create(
        Work(
            id=film.id,
            kind="film",
            title=film.title,
            slug=film.slug,
            year=film.year,
            release_date=film.release_date,
            picture_id=film.poster_id,
            summary=film.synopsis,
        )
        for film in Film.objects.using(db).order_by("id").iterator()
    )
    # Works made from now on take ids after the films'.
    connection = schema_editor.connection
    for sql in connection.ops.sequence_reset_sql(no_style(), [Work]):
        schema_editor.execute(sql)


def copy_works_to_films(apps, schema_editor):
    """Back: the films' own columns get what their works say (a film edited since is kept)."""
    Film = apps.get_model("films", "Film")
    Work = apps.get_model("films", "Work")
    db = schema_editor.connection.alias
    for work in Work.objects.using(db).filter(kind="film"):
        Film.objects.using(db).filter(pk=work.pk).update(
            title=work.title,
            slug=work.slug,
            year=work.year,
            release_date=work.release_date,
            poster_id=work.picture_id,
            synopsis=work.summary,
        )


class FilmIsAWork(migrations.operations.base.Operation):
    """Make Film a child of Work in the migration state (Django has no operation for a model's bases)."""

    reversible = True

    def state_forwards(self, app_label, state):
        state.models[app_label, "film"].bases = ("films.work",)
        state.reload_model(app_label, "film", delay=True)

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        pass

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        pass

    def describe(self):
        return "Make Film a kind of Work"


class Migration(migrations.Migration):
    dependencies = [
        ("films", "0004_proposals"),
        ("images", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="person",
            name="is_group",
            field=models.BooleanField(
                db_default=False,
                default=False,
                help_text="Tick for a band, a duo, an orchestra or a collective credited under one name.",
                verbose_name="a group",
            ),
        ),
        migrations.CreateModel(
            name="Work",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("film", "Film"),
                            ("album", "Album"),
                            ("book", "Book"),
                            ("series", "TV series"),
                            ("season", "TV season"),
                            ("episode", "TV episode"),
                            ("game", "Video game"),
                        ],
                        editable=False,
                        max_length=10,
                    ),
                ),
                ("title", models.CharField(max_length=300)),
                (
                    "slug",
                    models.SlugField(help_text="The last part of the work's address.", max_length=200, unique=True),
                ),
                (
                    "year",
                    models.PositiveSmallIntegerField(
                        blank=True, help_text="Year of first release; tells apart works of the same title.", null=True
                    ),
                ),
                (
                    "release_date",
                    models.DateField(
                        blank=True, help_text="Release date shown on the card (the home market's).", null=True
                    ),
                ),
                (
                    "picture",
                    models.ForeignKey(
                        blank=True,
                        help_text="A poster, cover or still, from the media library.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="images.image",
                    ),
                ),
                (
                    "summary",
                    models.TextField(
                        blank=True, db_default="", default="", help_text="A few sentences about the work."
                    ),
                ),
            ],
            options={
                "ordering": ["title", "year"],
                "indexes": [models.Index(fields=["kind", "title"], name="work_kind_title_idx")],
            },
        ),
        migrations.RunPython(copy_films_to_works, migrations.RunPython.noop),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                # Credits point at works.
                migrations.RemoveField(model_name="film", name="people"),
                migrations.RemoveConstraint(model_name="credit", name="unique_credit_per_role"),
                migrations.RenameField(model_name="credit", old_name="film", new_name="work"),
                migrations.AlterField(
                    model_name="credit",
                    name="work",
                    field=models.ForeignKey(
                        db_column="film_id",
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="credits",
                        to="films.work",
                    ),
                ),
                migrations.AddConstraint(
                    model_name="credit",
                    constraint=models.UniqueConstraint(
                        fields=("work", "person", "role"), name="unique_credit_per_role"
                    ),
                ),
                migrations.AlterModelOptions(name="credit", options={"ordering": ["work", "role", "order", "pk"]}),
                # What every work has moves to the work.
                migrations.RemoveField(model_name="film", name="title"),
                migrations.RemoveField(model_name="film", name="slug"),
                migrations.RemoveField(model_name="film", name="year"),
                migrations.RemoveField(model_name="film", name="release_date"),
                migrations.RemoveField(model_name="film", name="synopsis"),
                migrations.RemoveField(model_name="film", name="poster"),
                # The film's id is its link to its work.
                migrations.RenameField(model_name="film", old_name="id", new_name="work_ptr"),
                migrations.AlterField(
                    model_name="film",
                    name="work_ptr",
                    field=models.OneToOneField(
                        db_column="id",
                        on_delete=django.db.models.deletion.CASCADE,
                        parent_link=True,
                        primary_key=True,
                        serialize=False,
                        to="films.work",
                    ),
                ),
                FilmIsAWork(),
                migrations.AddField(
                    model_name="work",
                    name="people",
                    field=models.ManyToManyField(related_name="works", through="films.Credit", to="films.person"),
                ),
            ],
            database_operations=[
                # The columns the new code leaves to the work take no value from it.
                migrations.AlterField(
                    model_name="film", name="title", field=models.CharField(max_length=300, null=True)
                ),
                migrations.AlterField(
                    model_name="film", name="slug", field=models.SlugField(max_length=200, unique=True, null=True)
                ),
                migrations.AlterField(model_name="film", name="synopsis", field=models.TextField(null=True)),
                # Credits' film_id now refers to works (the same ids).
                migrations.AlterField(
                    model_name="credit",
                    name="film",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="credits", to="films.work"
                    ),
                ),
                # films_film.id refers to its work (and PostgreSQL's own numbering of films goes).
                migrations.AlterField(
                    model_name="film",
                    name="id",
                    field=models.OneToOneField(
                        db_column="id",
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        serialize=False,
                        related_name="+",
                        to="films.work",
                    ),
                ),
                # Back: the films' columns get their works' values before they are NOT NULL again.
                migrations.RunPython(migrations.RunPython.noop, copy_works_to_films),
            ],
        ),
    ]
