"""A magazine of films upgrades to works of every kind: each film keeps its id, credits and articles
keep their films, history still reads and reverts the film links, and the roles keep their grants."""

import json

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from reversion.models import Revision, Version

BEFORE = [
    ("films", "0004_proposals"),
    ("articles", "0011_article_seo"),
    ("desk", "0002_writers_propose_films_and_people"),
]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_films_become_works_with_their_ids_and_everything_pointing_at_them_holds():
    old = _migrate(BEFORE)
    Film, Person = old.get_model("films", "Film"), old.get_model("films", "Person")
    Company, Credit = old.get_model("films", "Company"), old.get_model("films", "Credit")
    Section, Article = old.get_model("articles", "Section"), old.get_model("articles", "Article")
    ArticleFilm = old.get_model("articles", "ArticleFilm")
    neon = Company.objects.create(name="Neon", slug="neon")
    User = old.get_model("auth", "User")
    writer = User.objects.create(username="writer")
    # A writer's proposal, pending an editor, stays one on the film's row.
    Film.objects.create(id=7, title="Starlet", slug="starlet", year=2012, status="pending", proposed_by=writer)
    anora = Film.objects.create(
        id=12, title="Anora", slug="anora", year=2024, distributor=neon, synopsis="Ani marries.", runtime=139
    )
    baker = Person.objects.create(name="Sean Baker", slug="sean-baker")
    Credit.objects.create(film=anora, person=baker, role="director")
    section = Section.objects.create(name="Film", slug="film")
    essay = Article.objects.create(title="Anora", slug="anora-essay", section=section, status="draft")
    link = ArticleFilm.objects.create(article=essay, film=anora, is_card=True)
    content_type, _ = ContentType.objects.get_or_create(app_label="articles", model="articlefilm")
    revision = Revision.objects.create(date_created="2026-01-01T00:00:00Z", comment="")
    Version.objects.create(
        revision=revision,
        content_type=content_type,
        object_id=str(link.pk),
        db="default",
        format="json",
        serialized_data=serializers.serialize("json", [link]),
        object_repr="Anora",
    )

    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    from articles.models import ArticleWork
    from films.models import Credit as NewCredit
    from films.models import Film as NewFilm
    from films.models import Work

    assert sorted(Work.objects.values_list("pk", "kind", "title")) == [(7, "film", "Starlet"), (12, "film", "Anora")]
    film = NewFilm.objects.get(pk=12)
    assert (film.title, film.slug, film.summary, film.runtime, film.distributor.name) == (
        "Anora",
        "anora",
        "Ani marries.",
        139,
        "Neon",
    )
    assert NewCredit.objects.get().work_id == 12
    assert list(NewFilm.objects.pending().values_list("pk", "proposed_by_id")) == [(7, writer.pk)]
    assert list(NewFilm.objects.confirmed().values_list("pk", flat=True)) == [12]
    assert list(ArticleWork.objects.values_list("article_id", "work_id", "is_card")) == [(essay.pk, 12, True)]
    # A new work takes an id after the films'.
    assert NewFilm.objects.create(title="Tangerine", slug="tangerine").pk > 12
    # History still reads the film link, as a work link.
    version = Version.objects.get(object_id=str(link.pk), revision_id=revision.pk)
    assert json.loads(version.serialized_data)[0]["fields"]["work"] == 12
    assert version._object_version.object.work_id == 12
    # The roles keep what they may do with the links.
    contributor = Group.objects.filter(name="Contributor").values_list("permissions__codename", flat=True)
    assert {"add_articlework", "view_work", "add_film", "add_person"} <= set(contributor)
