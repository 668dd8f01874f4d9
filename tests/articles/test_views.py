import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Correction
from films.models import Credit
from tests.articles.test_query_budgets import ARTICLE_BUDGET
from tests.factories import (
    AlbumFactory,
    ArticleFactory,
    AuthorFactory,
    BookFactory,
    CitationFactory,
    CommentFactory,
    CompanyFactory,
    CreditFactory,
    FilmFactory,
    PersonFactory,
    SectionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def anora_essay():
    baker = PersonFactory(name="Sean Baker", slug="sean-baker")
    anora = FilmFactory(
        title="Anora", slug="anora", release_date=datetime.date(2024, 10, 18), distributor=CompanyFactory(name="Neon")
    )
    CreditFactory(work=anora, person=baker, role=Credit.Role.DIRECTOR)
    article = ArticleFactory(
        title="‘Anora’, (Sex) Work, and the Fantasies of Genre",
        slug="anora-essay",
        dek="A fairy tale that keeps the receipts.",
        section=SectionFactory(name="Film", slug="film"),
        body="<p>Opening.</p><h2>First</h2><p>One.</p><h2>Second</h2><p>Two.</p><h2>Third</h2><p>Three.</p>",
        authors=[AuthorFactory(name="Ines Calloway", slug="ines-calloway"), AuthorFactory(name="Tomás Ferreira")],
        films=[anora],
        publish_at=datetime.datetime(2025, 1, 14, 9, tzinfo=datetime.UTC),
    )
    article.tags.add("sean baker", "sex work")
    CitationFactory(article=article, author="Fisher, Mark", title="Capitalist Realism", publisher="Zero Books")
    CommentFactory(article=article, name="Approved Reader", body="Lovely piece.")
    CommentFactory(article=article, name="Pending Reader", body="Awaiting you.", status="pending")
    return article


def test_article_page_shows_every_element(client, anora_essay):
    response = client.get(anora_essay.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1" in html and "‘Anora’, (Sex) Work, and the Fantasies of Genre" in html
    assert "A fairy tale that keeps the receipts." in html
    assert 'href="/films/anora/"' in html
    assert 'href="/people/sean-baker/">Sean Baker</a>' in html
    assert "<dt>Distributor</dt><dd>Neon</dd>" in html
    assert '<time datetime="2024-10-18">18 October 2024</time>' in html
    assert 'href="/authors/ines-calloway/" rel="author">Ines Calloway</a> and ' in html
    assert '<time datetime="2025-01-14T09:00:00+00:00">14 January 2025</time>' in html
    assert 'href="/sections/film/"' in html
    assert 'href="/tags/sex-work/" rel="tag">sex work</a>' in html
    assert html.count('<h2 id="') >= 3
    assert "Works Cited" in html and "Fisher, Mark. <cite>Capitalist Realism</cite>. Zero Books, 2009." in html
    assert "Comments (1)" in html
    assert "Lovely piece." in html and "Awaiting you." not in html
    for field in ('name="name"', 'name="email"', 'name="body"'):
        assert field in html


def test_article_page_lists_works_cited_alphabetically(client, anora_essay):
    CitationFactory(article=anora_essay, author="Take That", title="Greatest Day", order=1)
    CitationFactory(article=anora_essay, author="", title="The Florida Project", order=2)

    html = client.get(anora_essay.get_absolute_url()).content.decode()

    section = html[html.index('<section class="works-cited"') :]
    positions = [section.index(text) for text in ("Fisher, Mark", "The Florida Project", "Take That")]
    assert positions == sorted(positions)


def test_article_page_is_semantic_html(client, anora_essay):
    html = client.get(anora_essay.get_absolute_url()).content.decode()

    article = html[html.index("<article") : html.index("</article>")]
    header = article[article.index("<header") : article.index("</header>")]
    assert "<h1" in header and 'class="dek"' in header and "<time datetime=" in header
    assert '<aside class="film-card"' in article and "<dl>" in article
    assert '<section class="works-cited"' in article
    assert "<h2" in html[html.index('<section id="comments"') :]


@pytest.mark.parametrize(
    "traits",
    [{"draft": True}, {"scheduled": True}, {"status": Article.Status.REVIEW}, {"status": Article.Status.ARCHIVED}],
)
def test_unpublished_article_is_404_for_readers(client, traits):
    article = ArticleFactory(**traits)

    assert client.get(article.get_absolute_url()).status_code == 404


def test_unknown_article_is_404(client):
    response = client.get(reverse("articles:detail", kwargs={"slug": "no-such-article"}))

    assert response.status_code == 404
    assert "find that page" in response.content.decode()


def test_home_lists_latest_published_articles(client):
    older = ArticleFactory(title="Older piece", publish_at=datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC))
    newer = ArticleFactory(title="Newer piece")
    ArticleFactory(title="Secret draft", draft=True)

    response = client.get("/")

    assert response.status_code == 200
    assert [card.pk for card in response.context["latest"]] == [newer.pk, older.pk]
    assert "Secret draft" not in response.content.decode()


def test_home_paginates(client, settings):
    from front.views import LATEST_ON_HOME, PER_SECTION_ON_HOME

    on_front_page = LATEST_ON_HOME + PER_SECTION_ON_HOME
    ArticleFactory.create_batch(on_front_page + settings.ARTICLES_PER_PAGE + 1)

    assert len(client.get("/page/2/").context["articles"]) == settings.ARTICLES_PER_PAGE
    assert len(client.get("/page/3/").context["articles"]) == 1
    assert client.get("/page/99/").status_code == 404


def test_section_page_lists_its_published_articles(client):
    music = SectionFactory(name="Music", slug="music")
    in_section = ArticleFactory(section=music)
    ArticleFactory(section=music, draft=True)
    ArticleFactory()

    response = client.get(music.get_absolute_url())

    assert response.status_code == 200
    assert list(response.context["articles"]) == [in_section]
    assert "<h1" in response.content.decode() and "Music" in response.content.decode()


def test_tag_page_lists_tagged_published_articles_newest_first(client):
    now = timezone.now()
    older = ArticleFactory(publish_at=now - datetime.timedelta(days=9))
    newer = ArticleFactory(publish_at=now - datetime.timedelta(days=2))
    draft = ArticleFactory(draft=True)
    for article in (older, newer, draft):
        article.tags.add("sex work")
    ArticleFactory().tags.add("melodrama")

    response = client.get(reverse("articles:tag", kwargs={"slug": "sex-work"}))

    assert response.status_code == 200
    assert list(response.context["articles"]) == [newer, older]


@pytest.mark.parametrize("name", ["articles:section", "articles:tag", "authors:author", "films:film", "films:person"])
def test_unknown_slugs_are_404(client, name):
    assert client.get(reverse(name, kwargs={"slug": "nothing-here"})).status_code == 404


def test_sitemap_lists_published_articles_only(client):
    public = ArticleFactory()
    draft = ArticleFactory(draft=True)

    response = client.get("/sitemap-articles.xml")

    xml = response.content.decode()
    assert response.status_code == 200
    assert public.get_absolute_url() in xml
    assert draft.get_absolute_url() not in xml


def _article_page_queries(client, article) -> int:
    # The first read renders what the test's writes left pending (their transaction never commits,
    # renderings/changes.py); the second is what every reader's costs.
    client.get(article.get_absolute_url())
    with CaptureQueriesContext(connection) as queries:
        assert client.get(article.get_absolute_url()).status_code == 200
    return len(queries)


def _grow(article, size: int) -> None:
    for order in range(size):
        film = FilmFactory()
        CreditFactory.create_batch(2, work=film)
        article.article_works.create(work=film, order=order + 1)
        article.article_authors.create(author=AuthorFactory(), order=order + 1)
        CitationFactory(article=article)
        CommentFactory(article=article)
        article.tags.add(f"tag {order}")
        # Related articles: about the same film, and sharing a tag.
        ArticleFactory(films=[film]).tags.add(f"tag {order}")
        Correction.objects.create(article=article, text=f"Correction {order}.")


def test_article_page_query_count_does_not_grow(no_page_cache, client, anora_essay):
    _grow(anora_essay, 1)
    small = _article_page_queries(client, anora_essay)
    _grow(anora_essay, 6)
    large = _article_page_queries(client, anora_essay)

    assert small == large
    assert large <= ARTICLE_BUDGET


def test_the_archive_lists_the_articles_about_each_kind_of_work(client):
    on_album, on_book = ArticleFactory(works=[AlbumFactory()]), ArticleFactory(works=[BookFactory()])
    ArticleFactory(works=[AlbumFactory()], draft=True)

    index = client.get(reverse("articles:archive")).content.decode()
    response = client.get(reverse("articles:archive_kind", kwargs={"kind": "albums"}))

    assert f'href="{reverse("articles:archive_kind", kwargs={"kind": "books"})}"' in index
    assert list(response.context["articles"]) == [on_album]
    assert 'href="http://testserver/feed/albums/"' in response.content.decode()
    assert list(client.get("/archive/books/").context["articles"]) == [on_book]
    assert client.get("/archive/plays/").status_code == 404
