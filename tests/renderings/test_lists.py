"""List pages (the front page, sections, tags, authors, the archive, works, people, companies) and
the later pages of comments, read from their stored cards and pages: the same HTML as rendered
from scratch, in a number of queries that neither the page number nor the cards on it change."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import FeaturedArticle
from articles.page import dressed, render_card
from articles.writing import write_article
from comments.models import Comment
from renderings.models import ArticleCard, CommentsPage
from tests.factories import (
    AlbumFactory,
    ArticleFactory,
    AuthorFactory,
    CommentFactory,
    CompanyFactory,
    CreditFactory,
    FilmFactory,
    ImageFactory,
    PersonFactory,
    SectionFactory,
)
from tests.renderings.pages import drain_worker, fresh_page

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]

CARD_TEMPLATE = "articles/_card.html"


def _ago(days: float) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)


def _magazine(count: int, *, picture=None) -> dict:
    """`count` articles in one section, by one author, on one film (a director, a distributor),
    one album, tagged alike, a picture on every third, newest first by a day each."""
    section, author = SectionFactory(name="Film", slug="film"), AuthorFactory(name="Jude", slug="jude")
    film = FilmFactory(title="Anora", slug="anora", year=2024, distributor=CompanyFactory(name="Neon", slug="neon"))
    person = PersonFactory(name="Sean Baker", slug="sean-baker")
    CreditFactory(work=film, person=person)
    album = AlbumFactory(title="Wild God", slug="wild-god")
    picture = picture or ImageFactory(size=(80, 45))
    for n in range(count):
        article = ArticleFactory(
            section=section,
            authors=[author],
            films=[film, album] if n % 2 else [film],
            hero=picture if n % 3 == 0 else None,
            publish_at=_ago(n + 1),
        )
        article.tags.add("class")
    return {"section": section, "author": author, "film": film, "person": person, "album": album}


def _list_paths(things: dict) -> list[str]:
    year = _ago(1).year
    return [
        things["section"].get_absolute_url(),
        reverse("articles:tag", args=["class"]),
        things["author"].get_absolute_url(),
        things["film"].get_absolute_url(),
        things["album"].get_absolute_url(),
        things["person"].get_absolute_url(),
        things["film"].distributor.get_absolute_url(),
        reverse("articles:archive_year", args=[year]),
        reverse("articles:archive_kind", kwargs={"kind": "films"}),
    ]


def _page(path: str, number: int) -> str:
    return path if number == 1 else f"{path}page/{number}/"


def _queries(client: Client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(captured)


# --- The same pages ------------------------------------------------------------------------------


def test_every_list_page_is_what_rendering_its_cards_afresh_gives(client, settings):
    settings.ARTICLES_PER_PAGE = 3
    things = _magazine(8)
    FeaturedArticle.objects.create(article=ArticleFactory(hero=ImageFactory(size=(80, 45)), publish_at=_ago(0.5)))
    FeaturedArticle.objects.create(article=ArticleFactory(publish_at=_ago(0.6)), order=1)
    drain_worker()
    paths = ["/", "/page/2/"] + [_page(path, n) for path in _list_paths(things) for n in (1, 2)]

    for path in paths:
        served = client.get(path)
        assert served.status_code == 200, path
        assert CARD_TEMPLATE not in [template.name for template in served.templates], path
        assert served.content == fresh_page(path).content, path


def test_without_picks_the_front_page_opens_with_its_latest_as_rendered_afresh(client):
    for days in (1, 2, 3, 4):
        ArticleFactory(hero=ImageFactory(size=(80, 45)), publish_at=_ago(days))
    drain_worker()

    served = client.get("/")

    assert served.content == fresh_page("/").content
    assert served.content.decode().count('fetchpriority="high"') == 1


def test_the_picks_dress_their_stored_cards_as_the_card_template_would():
    article = ArticleFactory(hero=ImageFactory(size=(80, 45)))
    dress = {
        "card_class": "card-lead",
        "image_sizes": "(min-width: 60rem) 38rem, 100vw",
        "image_loading": "eager",
        "image_priority": "high",
    }

    assert dressed(render_card(article, "h3", {}), **dress) == render_card(article, "h3", dress)
    assert 'class="card card-with-image card-lead"' in dressed(render_card(article, "h3", {}), **dress)


def test_a_list_with_a_card_not_stored_renders_its_cards_in_one_count_of_comments(client):
    things = _magazine(4)
    CommentFactory(article=things["section"].articles.first())
    drain_worker()
    path = things["section"].get_absolute_url()
    stored = client.get(path).content
    ArticleCard.objects.filter(pk=things["section"].articles.first().pk).delete()

    with CaptureQueriesContext(connection) as captured:
        rendered = client.get(path)

    assert rendered.content == stored
    assert CARD_TEMPLATE in [template.name for template in rendered.templates]
    assert len([query for query in captured if "comments_comment" in query["sql"]]) == 1


# --- Query budgets --------------------------------------------------------------------------------


def test_a_list_page_costs_the_same_on_page_one_and_page_five_of_a_hundred_articles(client):
    things = _magazine(100)
    drain_worker()

    for path in _list_paths(things):
        assert _queries(client, _page(path, 1)) == _queries(client, _page(path, 5)) <= 4, path
    # The front page's later pages: the blocks of page one (to leave them out), the count, the cards.
    assert _queries(client, "/page/2/") == _queries(client, "/page/5/") == 6
    # Page one: the picks, the latest, the sections and their blocks, the count of the rest.
    assert _queries(client, "/") == 5


def test_a_list_page_costs_the_same_for_three_or_thirty_cards(client, settings):
    things = _magazine(30)
    drain_worker()

    for path in [*_list_paths(things), "/page/2/"]:
        settings.ARTICLES_PER_PAGE = 3
        few = _queries(client, path)
        settings.ARTICLES_PER_PAGE = 30
        many = client.get(path)
        with CaptureQueriesContext(connection) as captured:
            many = client.get(path)
        assert len(many.context["cards"]) > 3 or path == "/page/2/", path
        assert len(captured) == few, path


# --- Later pages of comments ------------------------------------------------------------------------


def _commented(settings, threads: int):
    settings.COMMENTS_THREADS_PER_PAGE = 2
    article = ArticleFactory(title="Anora", slug="anora")
    for n in range(threads):
        top = CommentFactory(article=article, body=f"Thread {n} says so at length.")
        CommentFactory(article=article, parent=top, body=f"A reply to thread {n}.")
    CommentFactory(article=article, status=Comment.Status.PENDING, body="Waiting for a moderator.")
    drain_worker()
    return article


def test_a_later_page_of_comments_is_its_stored_page_in_two_queries(client, settings):
    article = _commented(settings, 5)
    path = reverse("comments:page", kwargs={"slug": article.slug, "page": 2})

    with CaptureQueriesContext(connection) as captured:
        served = client.get(path)

    # The stored page with the article's title, section and count of pages; the sections of the navigation.
    assert len(captured) == 2
    assert served.content == fresh_page(path).content
    html = served.content.decode()
    assert "Thread 2 says so" in html and "A reply to thread 3." in html and "Thread 0 says" not in html
    assert "Waiting for a moderator" not in html
    assert CommentsPage.objects.filter(article=article).count() == 3


def test_every_later_page_of_comments_is_what_rendering_it_afresh_gives(client, settings):
    article = _commented(settings, 5)

    for number in (2, 3):
        path = reverse("comments:page", kwargs={"slug": article.slug, "page": number})
        assert client.get(path).content == fresh_page(path).content, path
    assert client.get(reverse("comments:page", kwargs={"slug": article.slug, "page": 4})).status_code == 404


def test_a_later_page_of_comments_shows_a_comment_approved_since(client, settings):
    article = _commented(settings, 3)
    path = reverse("comments:page", kwargs={"slug": article.slug, "page": 2})
    client.get(path)
    pending = Comment.objects.get(status=Comment.Status.PENDING)
    pending.status = Comment.Status.APPROVED
    pending.save()
    drain_worker()

    html = client.get(path).content.decode()

    assert "Waiting for a moderator" in html
    assert client.get(path).content == fresh_page(path).content


def test_a_later_page_of_comments_follows_its_article_to_a_new_slug_and_redirects_page_one(client, settings):
    article = _commented(settings, 3)
    old = reverse("comments:page", kwargs={"slug": article.slug, "page": 2})
    article.slug = "anora-essay"
    write_article(article)
    drain_worker()

    moved = client.get(old)

    assert moved.status_code == 301 and moved.url == "/articles/anora-essay/comments/page/2/"
    assert client.get("/articles/anora-essay/comments/page/1/").url == "/articles/anora-essay/#comments"
    assert client.get("/articles/anora-essay/comments/page/2/?page=3").url == "/articles/anora-essay/comments/page/3/"


def test_a_deep_page_finds_its_articles_before_joining_their_cards(client, settings):
    settings.ARTICLES_PER_PAGE = 2
    things = _magazine(12)
    drain_worker()

    for path in _list_paths(things):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(_page(path, 3))
        assert response.status_code == 200, path
        (cards_query,) = [query["sql"] for query in captured if "renderings_articlecard" in query["sql"]]
        # The offset is taken in a subquery of ids: only the page's two cards are read.
        assert " IN (SELECT " in cards_query and "OFFSET 4" in cards_query.split(" IN (SELECT ", 1)[1], path
        assert response.content == fresh_page(_page(path, 3)).content, path
