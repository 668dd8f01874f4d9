"""Sitemaps of articles, sections, authors, films and people, with lastmod; robots.txt points at them."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from articles.models import Article, Correction
from films.models import Credit
from tests.factories import (
    AlbumFactory,
    ArticleFactory,
    AuthorFactory,
    BookFactory,
    CompanyFactory,
    CreditFactory,
    FilmFactory,
    GameFactory,
    PersonFactory,
    SeasonFactory,
    SectionFactory,
)

pytestmark = pytest.mark.django_db

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
SECTIONS = [
    "pages",
    "articles",
    "sections",
    "authors",
    "films",
    "albums",
    "books",
    "tv",
    "games",
    "people",
    "companies",
]


def _urls(client, path: str) -> dict[str, str | None]:
    """{location: lastmod} of a sitemap."""
    response = client.get(path)
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return {
        url.findtext("sm:loc", namespaces=NS): url.findtext("sm:lastmod", namespaces=NS)
        for url in root.findall("sm:url", NS)
    }


def test_index_lists_every_sitemap(client):
    response = client.get("/sitemap.xml")

    root = ET.fromstring(response.content)
    locations = [node.findtext("sm:loc", namespaces=NS) for node in root.findall("sm:sitemap", NS)]
    assert locations == [f"http://testserver/sitemap-{section}.xml" for section in SECTIONS]


def test_articles_sitemap_has_published_articles_with_their_modified_date(client):
    published = datetime.datetime(2025, 1, 14, 9, tzinfo=datetime.UTC)
    plain = ArticleFactory(publish_at=published)
    corrected = ArticleFactory(publish_at=published)
    Correction.objects.create(
        article=corrected, text="Fixed.", date=datetime.datetime(2025, 3, 1, 12, tzinfo=datetime.UTC)
    )
    draft, scheduled = ArticleFactory(draft=True), ArticleFactory(scheduled=True)

    urls = _urls(client, "/sitemap-articles.xml")

    assert urls[f"http://testserver{plain.get_absolute_url()}"].startswith("2025-01-14")
    assert urls[f"http://testserver{corrected.get_absolute_url()}"].startswith("2025-03-01")
    assert f"http://testserver{draft.get_absolute_url()}" not in urls
    assert f"http://testserver{scheduled.get_absolute_url()}" not in urls


def test_sections_authors_films_and_people_with_published_articles(client):
    film_section, empty_section = SectionFactory(name="Film", slug="film"), SectionFactory(name="Dance", slug="dance")
    writer, silent = AuthorFactory(), AuthorFactory()
    director, unknown = PersonFactory(), PersonFactory()
    anora, unseen = FilmFactory(), FilmFactory()
    CreditFactory(work=anora, person=director, role=Credit.Role.DIRECTOR)
    CreditFactory(work=unseen, person=unknown)
    newest = timezone.now() - datetime.timedelta(hours=2)
    ArticleFactory(section=film_section, authors=[writer], films=[anora], publish_at=newest)
    ArticleFactory(
        section=film_section, authors=[writer], films=[anora], publish_at=newest - datetime.timedelta(days=9)
    )
    ArticleFactory(section=empty_section, authors=[silent], films=[unseen], draft=True)

    sections = _urls(client, "/sitemap-sections.xml")
    authors = _urls(client, "/sitemap-authors.xml")
    films = _urls(client, "/sitemap-films.xml")
    people = _urls(client, "/sitemap-people.xml")

    day = newest.date().isoformat()
    assert sections == {f"http://testserver{film_section.get_absolute_url()}": sections[next(iter(sections))]}
    assert next(iter(sections.values())).startswith(day)
    assert list(authors) == [f"http://testserver{writer.get_absolute_url()}"]
    assert list(films) == [f"http://testserver{anora.get_absolute_url()}"]
    assert list(people) == [f"http://testserver{director.get_absolute_url()}"]
    for lastmod in [*authors.values(), *films.values(), *people.values()]:
        assert lastmod.startswith(day)


def test_pages_sitemap_has_the_front_page_and_archive(client):
    ArticleFactory()

    urls = _urls(client, "/sitemap-pages.xml")

    assert set(urls) == {"http://testserver/", "http://testserver/archive/"}


def test_robots_txt_points_at_the_sitemaps(client):
    response = client.get("/robots.txt")

    text = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert "User-agent: *" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text
    for section in SECTIONS:
        assert f"Sitemap: http://testserver/sitemap-{section}.xml" in text
    # The admin's address may be a secret (ADMIN_URL): robots.txt must not give it away.
    assert "admin" not in text


def test_an_embargoed_review_lists_neither_its_film_nor_its_people_nor_its_author(client):
    director = PersonFactory(slug="hidden-director")
    film = FilmFactory(slug="under-embargo")
    CreditFactory(work=film, person=director, role=Credit.Role.DIRECTOR)
    author = AuthorFactory(slug="embargoed-critic")
    review = ArticleFactory(
        films=[film],
        authors=[author],
        embargo_until=timezone.now() + datetime.timedelta(days=2),
        embargo_set_by="Festival de Cannes",
    )
    # Whatever its publish time says, the embargo holds (as `published()` has it).
    Article.objects.filter(pk=review.pk).update(publish_at=timezone.now() - datetime.timedelta(days=1))

    listed = {**_urls(client, "/sitemap-films.xml"), **_urls(client, "/sitemap-people.xml")}
    listed |= _urls(client, "/sitemap-authors.xml")

    assert not any(slug in url for url in listed for slug in ("under-embargo", "hidden-director", "embargoed-critic"))


def test_works_of_every_kind_with_published_articles_have_their_sitemap(client):
    album, unseen_album = AlbumFactory(), AlbumFactory()
    book, season, game = BookFactory(), SeasonFactory(), GameFactory()
    newest = timezone.now() - datetime.timedelta(hours=2)
    ArticleFactory(works=[album, book], publish_at=newest)
    ArticleFactory(works=[season, game])
    ArticleFactory(works=[unseen_album], draft=True)

    albums = _urls(client, "/sitemap-albums.xml")

    assert list(albums) == [f"http://testserver{album.get_absolute_url()}"]
    assert next(iter(albums.values())).startswith(newest.date().isoformat())
    assert list(_urls(client, "/sitemap-books.xml")) == [f"http://testserver{book.get_absolute_url()}"]
    assert list(_urls(client, "/sitemap-tv.xml")) == [f"http://testserver{season.get_absolute_url()}"]
    assert list(_urls(client, "/sitemap-games.xml")) == [f"http://testserver{game.get_absolute_url()}"]
    # A film's page is in the films' sitemap only.
    assert f"http://testserver{album.get_absolute_url()}" not in _urls(client, "/sitemap-films.xml")


def test_companies_whose_works_published_articles_discuss_have_their_sitemap(client):
    label, group, games = CompanyFactory(slug="label"), CompanyFactory(slug="group"), CompanyFactory(slug="games")
    quiet, hidden = CompanyFactory(slug="quiet"), CompanyFactory(slug="hidden")
    newest = timezone.now() - datetime.timedelta(hours=2)
    older = newest - datetime.timedelta(days=3)
    ArticleFactory(works=[AlbumFactory(label=label)], publish_at=older)
    # The group distributed a film and made a game that another company published: once, at its newest.
    ArticleFactory(works=[FilmFactory(distributor=group)], publish_at=newest)
    ArticleFactory(works=[GameFactory(studio=group, publisher=games)], publish_at=older)
    ArticleFactory(works=[BookFactory(publisher=quiet)], draft=True)
    ArticleFactory(
        works=[BookFactory(publisher=hidden)],
        publish_at=older,
        embargo_until=timezone.now() + datetime.timedelta(days=1),
        embargo_set_by="The publisher",
    )

    companies = _urls(client, "/sitemap-companies.xml")

    assert list(companies) == [f"http://testserver/companies/{slug}/" for slug in ("games", "group", "label")]
    assert companies["http://testserver/companies/group/"].startswith(newest.date().isoformat())
    assert companies["http://testserver/companies/label/"].startswith(older.date().isoformat())
