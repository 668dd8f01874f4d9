"""Articles' migrations 0001 to 0006 in one: the schema they build, in the order a new database needs it.

Four migrations numbered 0002 were written side by side and joined by three empty merges
(0003-0005). This migration replaces all nine: a new database runs it alone; a database that has
run some of them runs the rest of them instead, and Django then records this one as applied too.
The nine stay until every site has upgraded past them (docs/deploy.md, Migrations).

Written from the models as the nine leave them (makemigrations on an empty history), then checked
by hand against the nine: the same fields, indexes and constraints, and their two RunPython steps
copied below as they were. tests/magazine/test_migrations.py migrates a database to each of the
nine and on to this one, and compares its tables with a new database's.
"""

import django.contrib.postgres.search
import django.db.models.deletion
import django.utils.timezone
import taggit.managers
from django.conf import settings
from django.db import migrations, models

SEARCH_INDEX = "article_search_vector_gin"


# From 0002_reader_site. On a database this migration runs on the table was just created and has
# no rows: the step is kept so that this migration does all that the nine did.
def derive_from_bodies(apps, schema_editor):
    """Anchor the subheadings and count the reading time of articles saved before this migration."""
    from articles.text import add_heading_ids, reading_minutes

    Article = apps.get_model("articles", "Article")
    for article in Article.objects.using(schema_editor.connection.alias).only("pk", "body").iterator():
        article.body = add_heading_ids(article.body)
        article.reading_minutes = reading_minutes(article.body)
        article.save(update_fields=["body", "reading_minutes"])


# From 0002_reader_site: the GIN index is raw SQL (no model declares it), PostgreSQL only.
def create_search_index(apps, schema_editor):
    """A GIN index on the search document (PostgreSQL only)."""
    if schema_editor.connection.vendor != "postgresql":
        return
    table = schema_editor.quote_name(apps.get_model("articles", "Article")._meta.db_table)
    schema_editor.execute(f"CREATE INDEX {SEARCH_INDEX} ON {table} USING gin (search_vector)")
    # The documents themselves are built by articles' 0012_works, from what the code then reads
    # (works of every kind), which does not exist yet at this point of the history.


def drop_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {SEARCH_INDEX}")


class Migration(migrations.Migration):
    replaces = [
        ("articles", "0001_initial"),
        ("articles", "0002_workflow"),
        ("articles", "0002_article_comment_mode"),
        ("articles", "0003_merge"),
        ("articles", "0002_reader_site"),
        ("articles", "0004_merge"),
        ("articles", "0002_article_hero"),
        ("articles", "0005_merge"),
        ("articles", "0006_hot_query_indexes"),
    ]

    initial = True

    # What the nine depended on, no more.
    dependencies = [
        ("authors", "0001_initial"),
        ("films", "0001_initial"),
        ("images", "0001_initial"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Section",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=100)),
                ("slug", models.SlugField(max_length=100, unique=True)),
                (
                    "description",
                    models.TextField(blank=True, help_text="One or two sentences shown on the section page."),
                ),
                (
                    "order",
                    models.PositiveSmallIntegerField(default=0, help_text="Sections are listed by this number."),
                ),
            ],
            options={
                "ordering": ["order", "name"],
            },
        ),
        migrations.CreateModel(
            name="Article",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("title", models.CharField(max_length=300)),
                (
                    "slug",
                    models.SlugField(help_text="The last part of the article's address.", max_length=200, unique=True),
                ),
                (
                    "dek",
                    models.CharField(
                        blank=True,
                        help_text="The standfirst: one sentence under the headline that sells the piece.",
                        max_length=400,
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("essay", "Essay"),
                            ("review", "Review"),
                            ("feature", "Feature"),
                            ("interview", "Interview"),
                            ("news", "News"),
                        ],
                        default="essay",
                        max_length=20,
                    ),
                ),
                (
                    "body",
                    models.TextField(
                        blank=True, help_text="Cleaned of scripts, styles and unknown markup when saved."
                    ),
                ),
                ("hero_image", models.ImageField(blank=True, upload_to="articles/%Y/")),
                (
                    "hero_alt",
                    models.CharField(
                        blank=True,
                        help_text="What the image shows, for readers who cannot see it.",
                        max_length=300,
                        verbose_name="hero image alt text",
                    ),
                ),
                ("hero_caption", models.CharField(blank=True, max_length=300)),
                ("hero_credit", models.CharField(blank=True, max_length=200)),
                (
                    "rating",
                    models.PositiveSmallIntegerField(
                        blank=True,
                        choices=[(1, "★☆☆☆☆"), (2, "★★☆☆☆"), (3, "★★★☆☆"), (4, "★★★★☆"), (5, "★★★★★")],
                        help_text="Reviews only: the magazine's rating out of five.",
                        null=True,
                    ),
                ),
                (
                    "reading_minutes",
                    models.PositiveSmallIntegerField(
                        db_default=1,
                        default=1,
                        editable=False,
                        help_text="Counted from the body when the article is saved.",
                    ),
                ),
                ("search_vector", django.contrib.postgres.search.SearchVectorField(editable=False, null=True)),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("draft", "Draft"),
                            ("review", "In review"),
                            ("published", "Published"),
                            ("archived", "Unpublished"),
                        ],
                        default="draft",
                        max_length=20,
                    ),
                ),
                (
                    "publish_at",
                    models.DateTimeField(
                        blank=True,
                        help_text=(
                            "When readers first see the article. A time in the future schedules it; "
                            "it then appears by itself."
                        ),
                        null=True,
                        verbose_name="publish time",
                    ),
                ),
                (
                    "embargo_until",
                    models.DateTimeField(
                        blank=True,
                        help_text="Nothing publishes before this time, whatever the publish time says.",
                        null=True,
                        verbose_name="embargo until",
                    ),
                ),
                (
                    "embargo_set_by",
                    models.CharField(
                        blank=True,
                        db_default="",
                        help_text=(
                            "Who set the embargo: the distributor or the festival, "
                            "e.g. “Neon” or “Festival de Cannes”."
                        ),
                        max_length=200,
                        verbose_name="embargo set by",
                    ),
                ),
                (
                    "editor_note",
                    models.TextField(
                        blank=True,
                        db_default="",
                        help_text="Why the article was sent back to its writer.",
                        verbose_name="note from the editor",
                    ),
                ),
                (
                    "submitted_at",
                    models.DateTimeField(blank=True, editable=False, null=True, verbose_name="submitted for review"),
                ),
                ("lock_version", models.PositiveIntegerField(db_default=0, default=0, editable=False)),
                (
                    "comment_mode",
                    models.CharField(
                        choices=[
                            ("default", "Site default"),
                            ("pre", "Pre-moderated: nothing shows before approval"),
                            ("post", "Post-moderated: shows at once, can be taken down"),
                            ("closed", "Closed"),
                        ],
                        db_default="default",
                        default="default",
                        help_text=(
                            "How comments are moderated here; they also close a set number of days after publication."
                        ),
                        max_length=10,
                        verbose_name="comments",
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "hero",
                    models.ForeignKey(
                        blank=True,
                        help_text="The picture at the top of the article and on its cards, from the media library.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="images.image",
                        verbose_name="hero image",
                    ),
                ),
                (
                    "tags",
                    taggit.managers.TaggableManager(
                        blank=True,
                        help_text="A comma-separated list of tags.",
                        through="taggit.TaggedItem",
                        to="taggit.Tag",
                        verbose_name="Tags",
                    ),
                ),
                (
                    "updated_by",
                    models.ForeignKey(
                        blank=True,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["-publish_at", "-pk"],
                "permissions": [
                    ("publish_article", "Can publish, schedule and unpublish articles"),
                    ("edit_any_article", "Can see and edit every writer’s articles"),
                ],
            },
        ),
        migrations.CreateModel(
            name="ArticleAuthor",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("order", models.PositiveSmallIntegerField(default=0)),
                (
                    "article",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="article_authors",
                        to="articles.article",
                    ),
                ),
                (
                    "author",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="article_links", to="authors.author"
                    ),
                ),
            ],
            options={
                "verbose_name": "byline",
                "ordering": ["order", "pk"],
            },
        ),
        migrations.AddField(
            model_name="article",
            name="authors",
            field=models.ManyToManyField(
                related_name="articles", through="articles.ArticleAuthor", to="authors.author"
            ),
        ),
        migrations.CreateModel(
            name="ArticleFilm",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "is_card",
                    models.BooleanField(
                        default=False,
                        help_text="Show this film's card at the top of the article (one film at most).",
                        verbose_name="film card",
                    ),
                ),
                ("order", models.PositiveSmallIntegerField(default=0)),
                (
                    "article",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="article_films",
                        to="articles.article",
                    ),
                ),
                (
                    "film",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="article_links", to="films.film"
                    ),
                ),
            ],
            options={
                "verbose_name": "film discussed",
                "verbose_name_plural": "films discussed",
                "ordering": ["order", "pk"],
            },
        ),
        migrations.AddField(
            model_name="article",
            name="films",
            field=models.ManyToManyField(
                help_text="Films this article discusses.",
                related_name="articles",
                through="articles.ArticleFilm",
                to="films.film",
            ),
        ),
        migrations.CreateModel(
            name="Citation",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("order", models.PositiveSmallIntegerField(default=0)),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("book", "Book"),
                            ("chapter", "Chapter or essay in a book"),
                            ("article", "Article (journal, magazine, newspaper)"),
                            ("web", "Web page"),
                            ("film", "Film"),
                            ("song", "Song"),
                            ("album", "Album"),
                            ("other", "Other"),
                        ],
                        default="book",
                        max_length=20,
                    ),
                ),
                (
                    "author",
                    models.CharField(
                        blank=True,
                        help_text="As MLA lists it: “Last, First” — or a band or an organisation.",
                        max_length=300,
                    ),
                ),
                ("title", models.CharField(max_length=500)),
                (
                    "container",
                    models.CharField(
                        blank=True,
                        help_text="The larger work it is part of: journal, book, album, website.",
                        max_length=300,
                    ),
                ),
                (
                    "contributors",
                    models.CharField(blank=True, help_text="For example “directed by Sean Baker”.", max_length=300),
                ),
                ("publisher", models.CharField(blank=True, max_length=200)),
                ("volume", models.CharField(blank=True, max_length=20)),
                ("issue", models.CharField(blank=True, max_length=20)),
                ("pages", models.CharField(blank=True, help_text="For example 12–30.", max_length=20)),
                ("year", models.PositiveSmallIntegerField(blank=True, null=True)),
                (
                    "date",
                    models.DateField(
                        blank=True, help_text="Only when the full date matters (articles, web pages).", null=True
                    ),
                ),
                ("url", models.URLField(blank=True, verbose_name="URL")),
                (
                    "article",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="citations", to="articles.article"
                    ),
                ),
            ],
            options={
                "verbose_name": "work cited",
                "verbose_name_plural": "works cited",
                "ordering": ["order", "pk"],
            },
        ),
        migrations.CreateModel(
            name="Correction",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "kind",
                    models.CharField(
                        choices=[("correction", "Correction"), ("update", "Update")],
                        default="correction",
                        max_length=20,
                    ),
                ),
                (
                    "date",
                    models.DateTimeField(
                        default=django.utils.timezone.now, help_text="When the article was corrected or updated."
                    ),
                ),
                (
                    "text",
                    models.TextField(help_text="Plain text, shown under the article: what was wrong, or what is new."),
                ),
                (
                    "article",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="corrections", to="articles.article"
                    ),
                ),
            ],
            options={
                "verbose_name": "correction or update",
                "verbose_name_plural": "corrections and updates",
                "ordering": ["date", "pk"],
            },
        ),
        migrations.CreateModel(
            name="FeaturedArticle",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "order",
                    models.PositiveSmallIntegerField(
                        default=0, help_text="The front page shows the lowest numbers first."
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "article",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE, related_name="featured", to="articles.article"
                    ),
                ),
            ],
            options={
                "verbose_name": "featured article",
                "ordering": ["order", "pk"],
            },
        ),
        migrations.CreateModel(
            name="FormerSlug",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("slug", models.SlugField(max_length=200, unique=True)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "article",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="former_slugs", to="articles.article"
                    ),
                ),
            ],
            options={
                "verbose_name": "former address",
                "verbose_name_plural": "former addresses",
                "ordering": ["-created_at", "-pk"],
            },
        ),
        migrations.AddField(
            model_name="article",
            name="section",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT, related_name="articles", to="articles.section"
            ),
        ),
        migrations.AddConstraint(
            model_name="articleauthor",
            constraint=models.UniqueConstraint(fields=("article", "author"), name="unique_article_author"),
        ),
        migrations.AddConstraint(
            model_name="articlefilm",
            constraint=models.UniqueConstraint(fields=("article", "film"), name="unique_article_film"),
        ),
        migrations.AddConstraint(
            model_name="articlefilm",
            constraint=models.UniqueConstraint(
                condition=models.Q(("is_card", True)), fields=("article",), name="one_card_film_per_article"
            ),
        ),
        migrations.AddIndex(
            model_name="correction",
            index=models.Index(fields=["article", "-date"], name="correction_article_date_idx"),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(fields=["status", "-publish_at"], name="article_status_publish_idx"),
        ),
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
        migrations.AddConstraint(
            model_name="article",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("status", "published"), _negated=True), ("publish_at__isnull", False), _connector="OR"
                ),
                name="published_article_has_publish_time",
            ),
        ),
        migrations.AddConstraint(
            model_name="article",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("rating__isnull", True), models.Q(("rating__gte", 1), ("rating__lte", 5)), _connector="OR"
                ),
                name="article_rating_one_to_five",
            ),
        ),
        migrations.RunPython(derive_from_bodies, migrations.RunPython.noop),
        migrations.RunPython(create_search_index, drop_search_index),
    ]
