"""RSS and Atom feeds, parsed with feedparser: valid, published articles only, the right items."""

import datetime

import feedparser
import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Correction
from front.feeds import FEED_LENGTH
from tests.factories import AlbumFactory, ArticleFactory, AuthorFactory, FilmFactory, SeasonFactory, SectionFactory

pytestmark = pytest.mark.django_db

KINDS = [("", "rss20"), ("_atom", "atom10")]


def _parse(client, url: str, version: str):
    response = client.get(url)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == version
    return feed


@pytest.fixture
def corpus():
    film, music = SectionFactory(name="Film", slug="film"), SectionFactory(name="Music", slug="music")
    ines, tomas = AuthorFactory(name="Ines Calloway"), AuthorFactory(name="Tomás Ferreira")
    days_ago = lambda n: timezone.now() - datetime.timedelta(days=n)  # noqa: E731
    a = ArticleFactory(
        title="On Anora",
        section=film,
        authors=[ines],
        dek="A fairy tale that keeps the receipts.",
        publish_at=days_ago(3),
    )
    a.tags.add("sex work", "sean baker")
    b = ArticleFactory(title="On Spirit of Eden", section=music, authors=[tomas], publish_at=days_ago(2))
    b.tags.add("talk talk")
    c = ArticleFactory(title="Two hands", section=film, authors=[ines, tomas], publish_at=days_ago(1))
    c.tags.add("sex work")
    hidden = [
        ArticleFactory(title="Draft piece", section=film, authors=[ines], draft=True),
        ArticleFactory(title="Scheduled piece", section=film, authors=[ines], scheduled=True),
    ]
    for article in hidden:
        article.tags.add("sex work")
    return {"film": film, "music": music, "ines": ines, "tomas": tomas, "a": a, "b": b, "c": c}


@pytest.mark.parametrize(("suffix", "version"), KINDS)
def test_site_feed_carries_published_articles_newest_first(client, corpus, suffix, version):
    feed = _parse(client, reverse(f"feed{suffix}"), version)

    assert [entry.title for entry in feed.entries] == ["Two hands", "On Spirit of Eden", "On Anora"]
    assert feed.feed.title == "The Long Take"
    first = next(entry for entry in feed.entries if entry.title == "On Anora")
    assert first.link == "http://testserver/articles/" + corpus["a"].slug + "/"
    assert first.summary == "A fairy tale that keeps the receipts."
    assert first.author == "Ines Calloway"
    assert {tag.term for tag in first.tags} == {"Film", "sex work", "sean baker"}
    assert first.published_parsed is not None


@pytest.mark.parametrize(("suffix", "version"), KINDS)
def test_section_feed_has_only_that_section(client, corpus, suffix, version):
    url = reverse(f"section_feed{suffix}", kwargs={"slug": "music"})

    feed = _parse(client, url, version)

    assert [entry.title for entry in feed.entries] == ["On Spirit of Eden"]
    assert "Music" in feed.feed.title
    # The film section's draft and scheduled pieces stay out of its feed.
    film = _parse(client, reverse(f"section_feed{suffix}", kwargs={"slug": "film"}), version)
    assert [entry.title for entry in film.entries] == ["Two hands", "On Anora"]


@pytest.mark.parametrize(("suffix", "version"), KINDS)
def test_author_feed_has_only_their_articles(client, corpus, suffix, version):
    url = reverse(f"author_feed{suffix}", kwargs={"slug": corpus["tomas"].slug})

    feed = _parse(client, url, version)

    assert [entry.title for entry in feed.entries] == ["Two hands", "On Spirit of Eden"]
    two_hands = next(entry for entry in feed.entries if entry.title == "Two hands")
    assert two_hands.author == "Ines Calloway, Tomás Ferreira"
    # Ines's draft and scheduled pieces stay out of hers.
    ines = _parse(client, reverse(f"author_feed{suffix}", kwargs={"slug": corpus["ines"].slug}), version)
    assert [entry.title for entry in ines.entries] == ["Two hands", "On Anora"]


@pytest.mark.parametrize(("suffix", "version"), KINDS)
def test_tag_feed_has_only_tagged_published_articles(client, corpus, suffix, version):
    url = reverse(f"tag_feed{suffix}", kwargs={"slug": "sex-work"})

    feed = _parse(client, url, version)

    assert [entry.title for entry in feed.entries] == ["Two hands", "On Anora"]


@pytest.mark.parametrize("name", ["section_feed", "author_feed", "tag_feed", "section_feed_atom"])
def test_feeds_of_unknown_things_are_404(client, name):
    assert client.get(reverse(name, kwargs={"slug": "nothing"})).status_code == 404


def test_atom_entry_updated_follows_the_latest_correction(client):
    article = ArticleFactory(title="Corrected", publish_at=timezone.now() - datetime.timedelta(days=10))
    Correction.objects.create(article=article, text="Fixed a date.", date=timezone.now() - datetime.timedelta(days=2))

    feed = _parse(client, reverse("feed_atom"), "atom10")

    entry = feed.entries[0]
    published = datetime.datetime(*entry.published_parsed[:6], tzinfo=datetime.UTC)
    updated = datetime.datetime(*entry.updated_parsed[:6], tzinfo=datetime.UTC)
    assert (updated - published).days == 8


def test_feed_length_is_capped(client):
    ArticleFactory.create_batch(FEED_LENGTH + 2)

    feed = _parse(client, reverse("feed"), "rss20")

    assert len(feed.entries) == FEED_LENGTH


@pytest.mark.parametrize(
    ("page", "feed_name", "kwargs"),
    [
        ("home", "feed", {}),
        ("articles:section", "section_feed", {"slug": "film"}),
        ("articles:tag", "tag_feed", {"slug": "sex-work"}),
    ],
)
def test_pages_announce_their_feeds_in_the_head(client, corpus, page, feed_name, kwargs):
    html = client.get(reverse(page, kwargs=kwargs)).content.decode()
    head = html.split("</head>")[0]

    for suffix, mime in (("", "application/rss+xml"), ("_atom", "application/atom+xml")):
        url = "http://testserver" + reverse(f"{feed_name}{suffix}", kwargs=kwargs)
        assert f'rel="alternate" type="{mime}"' in head
        assert f'href="{url}"' in head


def test_author_page_announces_the_author_feed(client, corpus):
    head = client.get(corpus["ines"].get_absolute_url()).content.decode().split("</head>")[0]

    assert f'href="http://testserver/authors/{corpus["ines"].slug}/feed/"' in head
    assert f'href="http://testserver/authors/{corpus["ines"].slug}/feed/atom/"' in head


@pytest.mark.parametrize(
    ("suffix", "version", "field"), [("", "rss20", "slash_comments"), ("_atom", "atom10", "thr_total")]
)
def test_feeds_count_approved_comments_only(client, suffix, version, field, admin_user):
    from comments import services
    from comments.models import Comment
    from tests.factories import CommentFactory

    busy = ArticleFactory(title="Busy", publish_at=timezone.now() - datetime.timedelta(days=1))
    ArticleFactory(title="Quiet", publish_at=timezone.now() - datetime.timedelta(days=2))
    CommentFactory.create_batch(2, article=busy)
    waiting = CommentFactory(article=busy, status=Comment.Status.PENDING)
    for status in (Comment.Status.REJECTED, Comment.Status.SPAM):
        CommentFactory(article=busy, status=status)
    url = reverse(f"feed{suffix}")

    feed = _parse(client, url, version)
    assert {entry.title: entry[field] for entry in feed.entries} == {"Busy": "2", "Quiet": "0"}

    services.comment_approve(comment=waiting, by=admin_user)
    feed = _parse(client, url, version)
    assert {entry.title: entry[field] for entry in feed.entries} == {"Busy": "3", "Quiet": "0"}


def test_each_kind_of_work_has_a_feed_of_the_articles_about_it(client):
    album_review = ArticleFactory(title="On a record", works=[AlbumFactory()])
    ArticleFactory(title="On a film", works=[FilmFactory()])
    season_review = ArticleFactory(title="On a season", works=[SeasonFactory()])
    ArticleFactory(title="A draft on a record", works=[AlbumFactory()], draft=True)

    albums = feedparser.parse(client.get("/feed/albums/").content)
    tv = feedparser.parse(client.get("/feed/tv/atom/").content)

    assert [entry.title for entry in albums.entries] == [album_review.title]
    assert albums.feed.title.startswith("Albums")
    assert [entry.title for entry in tv.entries] == [season_review.title]
    assert client.get("/feed/atom/").status_code == 200
    assert client.get("/feed/plays/").status_code == 404
