"""Every public page makes a fixed number of queries, however much the magazine grows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Correction, FeaturedArticle
from films.models import Credit
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CitationFactory,
    CommentFactory,
    CreditFactory,
    FilmFactory,
    PersonFactory,
    SectionFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]

# The most queries each page may make. The context processor's sections are one of them, and
# every page of cards counts the approved comments of all its cards in one more.
BUDGETS = {
    "/": 8,
    # The front page's articles are worked out again, to leave them out.
    "/page/2/": 9,
    "/sections/film/": 7,
    "/sections/film/page/2/": 7,
    "/tags/melodrama/": 7,
    "/authors/writer/": 7,
    "/films/the-film/": 8,
    "/people/director/": 8,
    "/archive/": 2,
    "/archive/2025/": 6,
    "/archive/2025/01/": 6,
    "/search/?q=melodrama": 6,
    "/search/?q=": 2,
    "/no-such-page/": 4,
    "/feed/": 3,
    "/feed/atom/": 3,
    "/sections/film/feed/": 4,
    "/authors/writer/feed/": 4,
    "/tags/melodrama/feed/": 4,
    # The index counts each sitemap's pages and asks each for its latest lastmod.
    "/sitemap.xml": 12,
    # A count for the paginator, then the page of items.
    "/sitemap-articles.xml": 2,
    "/sitemap-sections.xml": 2,
    "/sitemap-authors.xml": 2,
    "/sitemap-films.xml": 2,
    "/sitemap-people.xml": 2,
    "/sitemap-pages.xml": 1,
    "/robots.txt": 0,
}
# The article, its bylines, films, directors, tags, works cited and corrections; the sections;
# the related cards (articles, bylines, films, comment counts); the comment thread.
ARTICLE_BUDGET = 14


class Corpus:
    """A magazine that grows: every article shares a section, an author, a film and a tag with the others."""

    def __init__(self):
        import datetime

        self.section = SectionFactory(name="Film", slug="film")
        SectionFactory(name="Music", slug="music")
        self.author = AuthorFactory(slug="writer")
        self.director = PersonFactory(slug="director")
        self.film = FilmFactory(slug="the-film")
        CreditFactory(film=self.film, person=self.director, role=Credit.Role.DIRECTOR)
        self.when = datetime.datetime(2025, 1, 28, 9, tzinfo=datetime.UTC)
        self.count = 0
        self.first = None

    def grow(self, n: int) -> None:
        import datetime

        for _ in range(n):
            self.count += 1
            film = FilmFactory()
            CreditFactory(film=film, person=self.director, role=Credit.Role.DIRECTOR)
            CreditFactory.create_batch(2, film=film, role=Credit.Role.CAST)
            article = ArticleFactory(
                title=f"Melodrama {self.count}",
                section=self.section if self.count % 3 else SectionFactory(name="Music", slug="music"),
                authors=[self.author, AuthorFactory()],
                films=[self.film, film],
                publish_at=self.when - datetime.timedelta(hours=self.count),
                body="<p>Intro.</p>" + "".join(f"<h2>Part {i}</h2><p>Melodrama.</p>" for i in range(4)),
            )
            article.tags.add("melodrama", f"tag {self.count}")
            Correction.objects.create(article=article, text="Fixed.")
            CitationFactory(article=article)
            CommentFactory(article=article)
            if self.count % 4 == 0:
                FeaturedArticle.objects.create(article=article, order=self.count)
            self.first = self.first or article


def _queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == (404 if path == "/no-such-page/" else 200), (path, response.status_code)
    return len(queries)


@pytest.fixture
def corpus():
    return Corpus()


def test_every_page_stays_within_its_budget_as_the_magazine_grows(client, corpus, settings):
    settings.ARTICLES_PER_PAGE = 4
    corpus.grow(20)
    small = {path: _queries(client, path) for path in BUDGETS}
    small["article"] = _queries(client, corpus.first.get_absolute_url())

    corpus.grow(30)
    large = {path: _queries(client, path) for path in BUDGETS}
    large["article"] = _queries(client, corpus.first.get_absolute_url())

    assert large == small
    over = {path: count for path, count in large.items() if count > BUDGETS.get(path, ARTICLE_BUDGET)}
    assert over == {}
