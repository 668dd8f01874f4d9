"""Albums (with tracks), books, TV series, seasons and episodes, and video games (with platforms)
beside films; credits take the roles of every medium; the log of merged duplicates. New tables only."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import films.isbn


class Migration(migrations.Migration):
    dependencies = [
        ("films", "0005_works"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Platform",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=100)),
                ("slug", models.SlugField(max_length=100, unique=True)),
            ],
            options={
                "ordering": ["name"],
            },
        ),
        migrations.AlterField(
            model_name="credit",
            name="character",
            field=models.CharField(
                blank=True, help_text="For cast: the part played; for musicians: the instrument.", max_length=200
            ),
        ),
        migrations.AlterField(
            model_name="credit",
            name="role",
            field=models.CharField(
                choices=[
                    ("director", "Director"),
                    ("writer", "Writer"),
                    ("producer", "Producer"),
                    ("cinematographer", "Cinematographer"),
                    ("editor", "Editor"),
                    ("composer", "Composer"),
                    ("cast", "Cast"),
                    ("artist", "Artist"),
                    ("musician", "Musician"),
                    ("author", "Author"),
                    ("translator", "Translator"),
                    ("creator", "Creator"),
                    ("designer", "Designer"),
                ],
                default="director",
                max_length=20,
            ),
        ),
        migrations.CreateModel(
            name="Album",
            fields=[
                (
                    "work_ptr",
                    models.OneToOneField(
                        auto_created=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        parent_link=True,
                        primary_key=True,
                        serialize=False,
                        to="films.work",
                    ),
                ),
                (
                    "format",
                    models.CharField(
                        choices=[
                            ("StudioAlbum", "Studio album"),
                            ("LiveAlbum", "Live album"),
                            ("CompilationAlbum", "Compilation"),
                            ("SoundtrackAlbum", "Soundtrack"),
                            ("EPRelease", "EP"),
                            ("SingleRelease", "Single"),
                        ],
                        default="StudioAlbum",
                        max_length=20,
                    ),
                ),
                (
                    "label",
                    models.ForeignKey(
                        blank=True,
                        help_text="The record label.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="albums",
                        to="films.company",
                    ),
                ),
            ],
            options={
                "ordering": ["title", "year"],
            },
            bases=("films.work",),
        ),
        migrations.CreateModel(
            name="Game",
            fields=[
                (
                    "work_ptr",
                    models.OneToOneField(
                        auto_created=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        parent_link=True,
                        primary_key=True,
                        serialize=False,
                        to="films.work",
                    ),
                ),
                (
                    "publisher",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="games_published",
                        to="films.company",
                    ),
                ),
                (
                    "studio",
                    models.ForeignKey(
                        blank=True,
                        help_text="The studio that made it (its developer).",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="games_developed",
                        to="films.company",
                    ),
                ),
                ("platforms", models.ManyToManyField(blank=True, related_name="games", to="films.platform")),
            ],
            options={
                "verbose_name": "video game",
                "ordering": ["title", "year"],
            },
            bases=("films.work",),
        ),
        migrations.CreateModel(
            name="Series",
            fields=[
                (
                    "work_ptr",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        parent_link=True,
                        primary_key=True,
                        related_name="tv_series",
                        serialize=False,
                        to="films.work",
                    ),
                ),
                ("first_air_date", models.DateField(blank=True, null=True)),
                (
                    "last_air_date",
                    models.DateField(blank=True, help_text="Empty while it is still on the air.", null=True),
                ),
                (
                    "network",
                    models.ForeignKey(
                        blank=True,
                        help_text="The channel or streaming service that first showed it.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="series",
                        to="films.company",
                    ),
                ),
            ],
            options={
                "verbose_name": "TV series",
                "verbose_name_plural": "TV series",
                "ordering": ["title", "year"],
            },
            bases=("films.work",),
        ),
        migrations.CreateModel(
            name="Season",
            fields=[
                (
                    "work_ptr",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        parent_link=True,
                        primary_key=True,
                        related_name="tv_season",
                        serialize=False,
                        to="films.work",
                    ),
                ),
                ("number", models.PositiveSmallIntegerField()),
                (
                    "series",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="seasons", to="films.series"
                    ),
                ),
            ],
            options={
                "verbose_name": "TV season",
                "ordering": ["series", "number"],
            },
            bases=("films.work",),
        ),
        migrations.CreateModel(
            name="Track",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("number", models.PositiveSmallIntegerField(help_text="Its place on the album, from 1.")),
                ("title", models.CharField(max_length=300)),
                ("duration", models.DurationField(blank=True, help_text="Minutes and seconds, e.g. 4:05.", null=True)),
                (
                    "album",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="tracks", to="films.album"
                    ),
                ),
            ],
            options={
                "ordering": ["album", "number"],
            },
        ),
        migrations.CreateModel(
            name="Book",
            fields=[
                (
                    "work_ptr",
                    models.OneToOneField(
                        auto_created=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        parent_link=True,
                        primary_key=True,
                        serialize=False,
                        to="films.work",
                    ),
                ),
                (
                    "isbn",
                    films.isbn.ISBNField(
                        blank=True,
                        default="",
                        help_text="Of the edition discussed; hyphens are fine, and an ISBN-10 is turned into its "
                        "ISBN-13.",
                        max_length=13,
                        verbose_name="ISBN-13",
                    ),
                ),
                ("pages", models.PositiveIntegerField(blank=True, null=True)),
                (
                    "edition",
                    models.CharField(
                        blank=True, help_text="For example “First edition” or “Paperback”.", max_length=100
                    ),
                ),
                (
                    "publisher",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="books",
                        to="films.company",
                    ),
                ),
            ],
            options={
                "ordering": ["title", "year"],
                "constraints": [
                    models.UniqueConstraint(
                        condition=models.Q(("isbn", ""), _negated=True), fields=("isbn",), name="unique_book_isbn"
                    )
                ],
            },
            bases=("films.work",),
        ),
        migrations.CreateModel(
            name="Merge",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("kept_name", models.CharField(max_length=300, verbose_name="kept")),
                ("merged_name", models.CharField(max_length=300, verbose_name="merged into it")),
                (
                    "merged_id",
                    models.PositiveBigIntegerField(help_text="The id the duplicate had, and has again after an undo."),
                ),
                (
                    "summary",
                    models.TextField(
                        help_text="What moved to the record kept, and what was a duplicate of what it had."
                    ),
                ),
                ("merged_at", models.DateTimeField(auto_now_add=True)),
                ("undone_at", models.DateTimeField(blank=True, null=True)),
                (
                    "kept_person",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="films.person",
                    ),
                ),
                (
                    "kept_work",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="films.work",
                    ),
                ),
                (
                    "merged_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "revision",
                    models.OneToOneField(
                        help_text="Both records and everything linked to the duplicate, as they were before the "
                        "merge.",
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="reversion.revision",
                    ),
                ),
                (
                    "undone_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["-merged_at", "-pk"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("kept_person__isnull", True), ("kept_work__isnull", True), _connector="OR"
                        ),
                        name="merge_kept_person_or_work_not_both",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="Episode",
            fields=[
                (
                    "work_ptr",
                    models.OneToOneField(
                        auto_created=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        parent_link=True,
                        primary_key=True,
                        serialize=False,
                        to="films.work",
                    ),
                ),
                ("number", models.PositiveSmallIntegerField(help_text="Its place in the season, from 1.")),
                (
                    "season",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="episodes", to="films.season"
                    ),
                ),
            ],
            options={
                "verbose_name": "TV episode",
                "ordering": ["season", "number"],
                "constraints": [models.UniqueConstraint(fields=("season", "number"), name="unique_episode_number")],
            },
            bases=("films.work",),
        ),
        migrations.AddConstraint(
            model_name="series",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("last_air_date__isnull", True),
                    ("first_air_date__isnull", True),
                    ("last_air_date__gte", models.F("first_air_date")),
                    _connector="OR",
                ),
                name="series_ends_after_it_starts",
            ),
        ),
        migrations.AddConstraint(
            model_name="season",
            constraint=models.UniqueConstraint(fields=("series", "number"), name="unique_season_number"),
        ),
        migrations.AddConstraint(
            model_name="track",
            constraint=models.UniqueConstraint(fields=("album", "number"), name="unique_track_number"),
        ),
        migrations.AddConstraint(
            model_name="track",
            constraint=models.CheckConstraint(condition=models.Q(("number__gte", 1)), name="track_number_from_one"),
        ),
    ]
