"""Every public page makes a fixed number of queries, however much the magazine grows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Correction, FeaturedArticle
from comments.models import Comment
from films.models import Credit
from images.services import image_set_default_share
from tests.comments.helpers import post
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CitationFactory,
    CommentFactory,
    CreditFactory,
    FilmFactory,
    ImageFactory,
    PersonFactory,
    SectionFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]

# The most queries each page may make. The site's sections are one of them on every page.
BUDGETS = {
    # The editors' picks, the latest, the sections, each section's newest, the count of the rest.
    "/": 5,
    # The front page's articles are worked out again, to leave them out; then the page of the rest.
    "/page/2/": 6,
    # A page about something: it with its stored header, the count, the page of stored cards, the
    # sections (core/views.py `ListReads`).
    "/sections/film/": 4,
    "/sections/film/page/2/": 4,
    "/tags/melodrama/": 4,
    "/authors/writer/": 4,
    "/films/the-film/": 4,
    "/people/director/": 4,
    "/archive/": 2,
    "/archive/2025/": 6,
    "/archive/2025/01/": 6,
    # On PostgreSQL one query ranks the matches and one fetches the page (articles/search.py);
    # one more when a snippet is not in the window of the body it was looked for in.
    "/search/?q=melodrama": 6,
    "/search/?q=": 2,
    "/no-such-page/": 4,
    # Feeds count the approved comments of their items in one query too.
    "/feed/": 4,
    "/feed/atom/": 4,
    "/sections/film/feed/": 5,
    "/authors/writer/feed/": 5,
    "/tags/melodrama/feed/": 5,
    "/feed/albums/": 4,
    "/feed/tv/atom/": 4,
    # The index counts each sitemap's pages and asks each for its latest lastmod: two for each of the
    # ten (films, albums, books, tv and games among them), one for the front pages', one for the
    # companies' (their items, read once for both).
    "/sitemap.xml": 20,
    # A count for the paginator, then the page of items.
    "/sitemap-articles.xml": 2,
    "/sitemap-sections.xml": 2,
    "/sitemap-authors.xml": 2,
    "/sitemap-films.xml": 2,
    "/sitemap-people.xml": 2,
    "/sitemap-albums.xml": 2,
    "/sitemap-books.xml": 2,
    "/sitemap-tv.xml": 2,
    "/sitemap-games.xml": 2,
    "/sitemap-pages.xml": 1,
    # One UNION ALL of a grouped query for each part a company plays.
    "/sitemap-companies.xml": 1,
    "/robots.txt": 0,
}
# The article's stored page with its first page of comments (renderings/views.py), its "Read next"
# cards, the sections.
ARTICLE_BUDGET = 3
# A later page of comments: the sections, the article, and the same three for its page.
COMMENTS_PAGE_BUDGET = 5


class Corpus:
    """A magazine that grows: every article shares a section, an author, a film and a tag with the others."""

    def __init__(self):
        import datetime

        self.section = SectionFactory(name="Film", slug="film")
        SectionFactory(name="Music", slug="music")
        self.author = AuthorFactory(slug="writer")
        self.director = PersonFactory(slug="director")
        self.film = FilmFactory(slug="the-film")
        CreditFactory(work=self.film, person=self.director, role=Credit.Role.DIRECTOR)
        self.when = datetime.datetime(2025, 1, 28, 9, tzinfo=datetime.UTC)
        self.count = 0
        self.first = None

    def grow(self, n: int) -> None:
        import datetime

        for _ in range(n):
            self.count += 1
            film = FilmFactory()
            CreditFactory(work=film, person=self.director, role=Credit.Role.DIRECTOR)
            CreditFactory.create_batch(2, work=film, role=Credit.Role.CAST)
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
            self.comment_on_first()

    def comment_on_first(self) -> None:
        """One more thread on the first article: a reply two deep, and now and then a removed comment."""
        import datetime

        when = self.when + datetime.timedelta(minutes=self.count)
        status = Comment.Status.REJECTED if self.count % 5 == 0 else Comment.Status.APPROVED
        head = CommentFactory(article=self.first, status=status, created_at=when)
        reply = CommentFactory(article=self.first, parent=head, created_at=when + datetime.timedelta(seconds=1))
        CommentFactory(article=self.first, parent=reply, created_at=when + datetime.timedelta(seconds=2))

    def comment_pages(self) -> list[str]:
        return [reverse("comments:page", kwargs={"slug": self.first.slug, "page": 2})]


def _queries(client, path: str) -> int:
    # A first read renders the stored pages the test's writes left pending (their transaction never
    # commits: renderings/changes.py); the second is what every reader's costs.
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == (404 if path == "/no-such-page/" else 200), (path, response.status_code)
    return len(queries)


@pytest.fixture
def corpus(django_capture_on_commit_callbacks):
    # The editors chose a default share picture, which pages without one of their own show: it is
    # read from the cache, filled when it was chosen (front/sharing.py), never once per page.
    with django_capture_on_commit_callbacks(execute=True):
        image_set_default_share(image=ImageFactory(size=(400, 300)))
    return Corpus()


def test_every_page_stays_within_its_budget_as_the_magazine_grows(client, corpus, settings):
    settings.ARTICLES_PER_PAGE = 4
    settings.COMMENTS_THREADS_PER_PAGE = 4
    corpus.grow(20)
    small = {path: _queries(client, path) for path in BUDGETS}
    small["article"] = _queries(client, corpus.first.get_absolute_url())
    small.update({path: _queries(client, path) for path in corpus.comment_pages()})

    corpus.grow(30)
    large = {path: _queries(client, path) for path in BUDGETS}
    large["article"] = _queries(client, corpus.first.get_absolute_url())
    large.update({path: _queries(client, path) for path in corpus.comment_pages()})

    assert large == small
    budgets = {**BUDGETS, "article": ARTICLE_BUDGET} | dict.fromkeys(corpus.comment_pages(), COMMENTS_PAGE_BUDGET)
    over = {path: count for path, count in large.items() if count > budgets[path]}
    assert over == {}


def _thread(article, threads: int) -> None:
    """`threads` top-level comments, each with a reply and a reply to that; every tenth taken down."""
    import datetime

    start = datetime.datetime(2025, 2, 1, tzinfo=datetime.UTC)
    heads = Comment.objects.bulk_create(
        Comment(
            article=article,
            name=f"Reader {n}",
            email=f"reader{n}@example.com",
            body="A thoughtful comment.",
            status=Comment.Status.REJECTED if n % 10 == 3 else Comment.Status.APPROVED,
            created_at=start + datetime.timedelta(minutes=n),
        )
        for n in range(threads)
    )
    parents = heads
    for depth in (1, 2):
        parents = Comment.objects.bulk_create(
            Comment(
                article=article,
                parent=parent,
                depth=depth,
                name="Replier",
                email="replier@example.com",
                body="A reply.",
                status=Comment.Status.APPROVED,
                created_at=parent.created_at + datetime.timedelta(seconds=1),
            )
            for parent in parents
        )


def test_article_page_costs_the_same_with_50_comments_as_with_1000(client, corpus):
    corpus.grow(2)
    short, long = ArticleFactory(), ArticleFactory()
    # 17 threads of three comments (51), then 334 (1,002).
    _thread(short, 17)
    _thread(long, 334)

    short_count = _queries(client, short.get_absolute_url())
    long_count = _queries(client, long.get_absolute_url())
    second_page = _queries(client, reverse("comments:page", kwargs={"slug": long.slug, "page": 2}))

    assert short_count == long_count <= ARTICLE_BUDGET
    assert second_page <= COMMENTS_PAGE_BUDGET


# A held comment from a new address: the article's row with all that triage and the block check read of
# the sender (one statement); the comment's insert (ON CONFLICT DO NOTHING: a double submit needs no
# savepoint); the commenter's row and the log's in one statement on PostgreSQL, two on SQLite. The test's
# transaction makes the request's BEGIN and COMMIT savepoints; the moderators' mail runs after the commit,
# at most once per window. A process's first post also reads the word list, which it then keeps.
COMMENT_POST_BUDGET = 5 if connection.vendor == "postgresql" else 6


def test_posting_a_comment_costs_the_same_on_a_small_and_a_rich_article(client, corpus):
    corpus.grow(2)
    plain = ArticleFactory(authors=[AuthorFactory()], films=[])
    _thread(corpus.first, 40)
    # Whichever test posted first in this process, the word list is compiled by now.
    assert post(client, plain, email="zero@example.com").status_code == 302

    with CaptureQueriesContext(connection) as on_plain:
        assert post(client, plain, email="one@example.com").status_code == 302
    with CaptureQueriesContext(connection) as on_rich:
        assert post(client, corpus.first, email="two@example.com").status_code == 302

    assert len(on_plain) == len(on_rich) <= COMMENT_POST_BUDGET
