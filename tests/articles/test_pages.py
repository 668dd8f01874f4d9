"""The reader's pages: front page, lists and their pagination, archive, the article's extras, errors."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Correction, FeaturedArticle
from films.models import Credit
from front.views import LATEST_ON_HOME, PER_SECTION_ON_HOME
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CreditFactory,
    FilmFactory,
    ImageFactory,
    PersonFactory,
    SectionFactory,
)

pytestmark = pytest.mark.django_db


def _ago(days: float) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)


def _ids(listed) -> list[int]:
    """The articles a block of the front page shows (its cards), or a list of articles, as ids."""
    return [item.pk for item in listed]


# --- The front page ------------------------------------------------------------------------


def test_front_page_shows_featured_in_the_editors_order(client):
    first, second, third = ArticleFactory(title="First"), ArticleFactory(title="Second"), ArticleFactory(title="Third")
    FeaturedArticle.objects.create(article=second, order=1)
    FeaturedArticle.objects.create(article=third, order=2)
    FeaturedArticle.objects.create(article=first, order=3)
    FeaturedArticle.objects.create(article=ArticleFactory(title="Featured draft", draft=True), order=0)

    response = client.get("/")

    assert _ids(response.context["featured"]) == _ids([second, third, first])
    html = response.content.decode()
    assert "Editors’ picks" in html
    assert "Featured draft" not in html


def test_without_picks_the_latest_pictures_open_the_front_page_at_once(client):
    for days in (1, 2, 3, 4):
        ArticleFactory(hero=ImageFactory(size=(400, 225)), publish_at=_ago(days))

    html = client.get("/").content.decode()

    latest = html[html.index('id="latest-title"') : html.index("</section>", html.index('id="latest-title"'))]
    assert latest.count('loading="eager"') == 3 and latest.count('fetchpriority="high"') == 1
    assert html.count('fetchpriority="high"') == 1
    later = html[html.index("</section>", html.index('id="latest-title"')) :]
    assert 'loading="lazy"' in later and 'loading="eager"' not in later


def test_front_page_latest_leaves_out_the_featured(client):
    featured, other = ArticleFactory(title="Featured one"), ArticleFactory(title="Other one")
    FeaturedArticle.objects.create(article=featured)

    response = client.get("/")

    assert _ids(response.context["latest"]) == [other.pk]
    assert response.content.decode().count(">Featured one</a>") == 1


def test_front_page_has_a_block_per_section_with_articles_not_shown_above(client):
    film, music, books = (
        SectionFactory(name="Film", slug="film"),
        SectionFactory(name="Music", slug="music"),
        SectionFactory(name="Books", slug="books"),
    )
    for order, section in enumerate((film, music, books)):
        section.order = order
        section.save()
    newest = [ArticleFactory(section=film, publish_at=_ago(n)) for n in range(1, LATEST_ON_HOME + 1)]
    older_film = [ArticleFactory(section=film, publish_at=_ago(n)) for n in (10, 11, 12, 13)]
    older_music = [ArticleFactory(section=music, publish_at=_ago(n)) for n in (14, 15)]
    # Not for readers yet: no place in a block, and a section with nothing else has none.
    ArticleFactory(section=music, scheduled=True)
    ArticleFactory(section=books, draft=True)

    response = client.get(reverse("home"))

    blocks = response.context["section_blocks"]
    assert _ids(response.context["latest"]) == _ids(newest)
    assert [block["section"] for block in blocks] == [film, music]
    assert _ids(blocks[0]["cards"]) == _ids(older_film[:PER_SECTION_ON_HOME])
    assert _ids(blocks[1]["cards"]) == _ids(older_music)
    html = response.content.decode()
    assert 'href="/sections/film/">More Film</a>' in html


def test_front_page_and_its_later_pages_show_every_article_once(client, settings):
    settings.ARTICLES_PER_PAGE = 5
    featured = ArticleFactory(publish_at=_ago(0.5))
    FeaturedArticle.objects.create(article=featured)
    # One featured, then the front page's latest and one section block, then 11 more: 5 + 5 + 1.
    articles = [ArticleFactory(publish_at=_ago(n)) for n in range(1, LATEST_ON_HOME + PER_SECTION_ON_HOME + 12)]

    front = client.get("/")
    later = [client.get(f"/page/{n}/") for n in (2, 3, 4)]

    on_front = front.context["featured"] + front.context["latest"]
    on_front += [card for block in front.context["section_blocks"] for card in block["cards"]]
    on_later = [article for response in later for article in response.context["articles"]]
    assert sorted(a.pk for a in on_front + on_later) == sorted(a.pk for a in [featured, *articles])
    assert on_later == sorted(on_later, key=lambda article: article.publish_at, reverse=True)
    assert [len(response.context["articles"]) for response in later] == [5, 5, 1]
    assert 'href="/page/2/"' in front.content.decode()
    assert client.get("/page/1/").url == "/"
    assert client.get("/?page=2").status_code == 301
    assert client.get("/?page=2").url == "/page/2/"
    assert client.get("/page/5/").status_code == 404
    assert "More articles · page 2" in later[0].content.decode()


# --- Lists about one thing, and their pagination --------------------------------------------


def _make_list_pages(settings):
    """Thirteen articles on the same section, author, film (by one director) and tag."""
    settings.ARTICLES_PER_PAGE = 5
    section, author = SectionFactory(name="Film", slug="film"), AuthorFactory(slug="writer")
    director, film = PersonFactory(slug="director"), FilmFactory(slug="the-film")
    CreditFactory(work=film, person=director, role=Credit.Role.DIRECTOR)
    articles = []
    for n in range(13):
        article = ArticleFactory(section=section, authors=[author], films=[film], publish_at=_ago(n + 1))
        article.tags.add("melodrama")
        articles.append(article)
    ArticleFactory(section=section, authors=[author], films=[film], draft=True).tags.add("melodrama")
    return articles


LIST_PAGES = ["/sections/film/", "/authors/writer/", "/films/the-film/", "/people/director/", "/tags/melodrama/"]


@pytest.mark.parametrize("base", LIST_PAGES)
def test_list_pages_are_paginated_on_stable_addresses(client, settings, base):
    articles = _make_list_pages(settings)

    pages = [client.get(base), client.get(f"{base}page/2/"), client.get(f"{base}page/3/")]

    assert [response.status_code for response in pages] == [200, 200, 200]
    assert [list(response.context["articles"]) for response in pages] == [
        articles[0:5],
        articles[5:10],
        articles[10:13],
    ]
    html = pages[1].content.decode()
    assert f'href="{base}" rel="prev"' in html
    assert f'href="{base}page/3/" rel="next"' in html
    assert f'<a href="{base}page/2/" aria-current="page">' in html
    assert client.get(f"{base}page/4/").status_code == 404
    assert client.get(f"{base}page/1/").url == base
    redirect = client.get(base, {"page": 3})
    assert (redirect.status_code, redirect.url) == (301, f"{base}page/3/")
    assert client.get(base, {"page": "x"}).status_code == 404


# --- The date archive ---------------------------------------------------------------------


def test_archive_index_lists_months_with_counts(client):
    ArticleFactory(publish_at=datetime.datetime(2025, 1, 14, 9, tzinfo=datetime.UTC))
    ArticleFactory(publish_at=datetime.datetime(2025, 1, 20, 9, tzinfo=datetime.UTC))
    ArticleFactory(publish_at=datetime.datetime(2024, 10, 4, 9, tzinfo=datetime.UTC))
    ArticleFactory(publish_at=datetime.datetime(2023, 5, 4, 9, tzinfo=datetime.UTC), draft=True)

    response = client.get("/archive/")

    html = response.content.decode()
    assert list(response.context["years"]) == [2025, 2024]
    assert '<a href="/archive/2025/01/">January</a> <span class="count">2 articles</span>' in html
    assert '<a href="/archive/2024/10/">October</a> <span class="count">1 article</span>' in html
    assert "2023" not in html


def test_archive_year_and_month_pages(client):
    january = ArticleFactory(publish_at=datetime.datetime(2025, 1, 14, 9, tzinfo=datetime.UTC))
    march = ArticleFactory(publish_at=datetime.datetime(2025, 3, 3, 9, tzinfo=datetime.UTC))
    ArticleFactory(publish_at=datetime.datetime(2024, 3, 3, 9, tzinfo=datetime.UTC))

    assert list(client.get("/archive/2025/").context["articles"]) == [march, january]
    month = client.get("/archive/2025/01/")
    assert list(month.context["articles"]) == [january]
    assert "Published in January 2025" in month.content.decode()
    assert client.get("/archive/2022/").status_code == 404
    assert client.get("/archive/2025/02/").status_code == 404
    assert client.get("/archive/2025/13/").status_code == 404


def test_archive_month_is_paginated(client, settings):
    settings.ARTICLES_PER_PAGE = 2
    for day in (1, 2, 3):
        ArticleFactory(publish_at=datetime.datetime(2025, 1, day, 9, tzinfo=datetime.UTC))

    assert len(client.get("/archive/2025/01/page/2/").context["articles"]) == 1
    assert client.get("/archive/2025/01/?page=2").url == "/archive/2025/01/page/2/"


# --- The article's extras ---------------------------------------------------------------------


def test_reading_time_is_shown_on_the_article_and_its_card(client):
    article = ArticleFactory(body="<p>" + "word " * 1150 + "</p>")

    assert article.reading_minutes == 5
    assert "5 min read" in client.get(article.get_absolute_url()).content.decode()
    assert "5 min read" in client.get("/").content.decode()


def test_long_essay_gets_a_table_of_contents_linking_to_its_subheadings(client):
    article = ArticleFactory(
        body="<p>Intro.</p><h2>The <em>first</em> turn</h2><p>a</p><h2>Second</h2><p>b</p><h2>Second</h2><p>c</p>"
    )

    html = client.get(article.get_absolute_url()).content.decode()

    assert '<nav class="toc" aria-labelledby="contents-title">' in html
    assert '<a href="#the-first-turn">The first turn</a>' in html
    assert '<a href="#second">Second</a>' in html and '<a href="#second-2">Second</a>' in html
    assert '<h2 id="the-first-turn">The <em>first</em> turn</h2>' in html


def test_short_article_has_no_table_of_contents(client):
    article = ArticleFactory(body="<p>Intro.</p><h2>Only one</h2><p>a</p>")

    assert 'class="toc"' not in client.get(article.get_absolute_url()).content.decode()


def test_corrections_are_shown_under_the_article_and_date_its_update(client):
    article = ArticleFactory(publish_at=datetime.datetime(2025, 3, 3, 7, 30, tzinfo=datetime.UTC))
    Correction.objects.create(
        article=article,
        kind=Correction.Kind.CORRECTION,
        text="An earlier version misspelled <Madison>.",
        date=datetime.datetime(2025, 3, 4, 10, tzinfo=datetime.UTC),
    )
    Correction.objects.create(
        article=article,
        kind=Correction.Kind.UPDATE,
        text="Added the full list of winners.",
        date=datetime.datetime(2025, 3, 3, 12, tzinfo=datetime.UTC),
    )

    html = client.get(article.get_absolute_url()).content.decode()

    assert 'id="corrections"' in html
    assert html.index("Added the full list") < html.index("An earlier version")
    assert "misspelled &lt;Madison&gt;." in html
    assert '<strong>Correction</strong>, <time datetime="2025-03-04T10:00:00+00:00">4 March 2025</time>' in html
    assert 'Updated <time datetime="2025-03-04T10:00:00+00:00">4 March 2025</time>' in html
    assert html.index('class="article-body"') < html.index('id="corrections"')


def test_uncorrected_article_shows_no_update(client):
    article = ArticleFactory()

    html = client.get(article.get_absolute_url()).content.decode()

    assert 'id="corrections"' not in html and "Updated" not in html
    assert article.modified_at == article.publish_at


def test_related_articles_prefer_same_film_then_director_then_tags(client):
    director = PersonFactory()
    film, other_film = FilmFactory(), FilmFactory()
    CreditFactory(work=film, person=director, role=Credit.Role.DIRECTOR)
    CreditFactory(work=other_film, person=director, role=Credit.Role.DIRECTOR)
    article = ArticleFactory(films=[film])
    article.tags.add("class", "genre")
    by_tags = ArticleFactory(title="Shares two tags", publish_at=_ago(0.1))
    by_tags.tags.add("class", "genre")
    by_one_tag = ArticleFactory(title="Shares one tag", publish_at=_ago(0.2))
    by_one_tag.tags.add("genre")
    ArticleFactory(title="Same director", films=[other_film], publish_at=_ago(5))
    ArticleFactory(title="Same film", films=[film], publish_at=_ago(9))
    ArticleFactory(title="Unrelated")
    ArticleFactory(title="Same film, draft", films=[film], draft=True)

    response = client.get(article.get_absolute_url())

    html = response.content.decode()
    related = html[html.index('id="related-title"') :]
    titles = ["Same film", "Same director", "Shares two tags", "Shares one tag"]
    positions = [related.index(f">{title}</a>") for title in titles]
    assert positions == sorted(positions)
    assert "Unrelated" not in related and "draft" not in related
    assert f">{article.title}</a>" not in related


def test_related_articles_sharing_most_tags_outlast_the_cap_on_candidates(client, monkeypatch):
    monkeypatch.setattr("articles.related.CANDIDATES_PER_KIND", 2)
    article = ArticleFactory()
    article.tags.add("class", "genre")
    # Newer articles sharing one tag outnumber the cap: the older one sharing both still leads.
    for n in range(4):
        ArticleFactory(title=f"Shares one tag {n}", publish_at=_ago(0.1)).tags.add("genre")
    ArticleFactory(title="Shares two tags", publish_at=_ago(3)).tags.add("class", "genre")

    html = client.get(article.get_absolute_url()).content.decode()

    related = html[html.index('id="related-title"') :]
    assert related.index(">Shares two tags</a>") < related.index(">Shares one tag")
    assert related.count(">Shares one tag") == 1


def test_articles_readers_cannot_see_take_no_place_among_the_candidates(client, monkeypatch):
    monkeypatch.setattr("articles.related.CANDIDATES_PER_KIND", 2)
    film = FilmFactory()
    article = ArticleFactory(films=[film])
    # The newest on the same film are not public; the older public one is still found.
    ArticleFactory(title="Scheduled on the film", films=[film], scheduled=True)
    ArticleFactory(title="Embargoed on the film", films=[film], embargo_until=timezone.now() + datetime.timedelta(1))
    ArticleFactory(title="Public on the film", films=[film], publish_at=_ago(30))

    html = client.get(article.get_absolute_url()).content.decode()

    related = html[html.index('id="related-title"') :]
    assert ">Public on the film</a>" in related
    assert "Scheduled" not in related and "Embargoed" not in related


def test_article_without_kin_has_no_related_block(client):
    article = ArticleFactory()
    ArticleFactory()

    assert 'id="related-title"' not in client.get(article.get_absolute_url()).content.decode()


# --- Errors -----------------------------------------------------------------------------------


def test_404_page_helps_the_reader_on(client):
    ArticleFactory(title="Melodrama now", slug="melodrama-now")

    response = client.get("/articles/melodrama-nw/")

    html = response.content.decode()
    assert response.status_code == 404
    assert "We can’t find that page" in html
    assert 'value="melodrama nw"' in html
    assert 'href="/archive/"' in html
    assert 'role="search"' in html


def test_404_page_never_errors_on_odd_addresses(client):
    for path in ["/%00/", "/" + "x" * 3000 + "/", "/articles/'\"<>/", "/___/", "/-/"]:
        assert client.get(path).status_code == 404


def test_500_page_is_static_and_helpful(client):
    from front.views import server_error

    response = server_error(None)

    html = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong" in html and 'href="/"' in html


def test_server_errors_render_the_500_page(settings):
    client = Client(raise_request_exception=False)
    settings.ROOT_URLCONF = "tests.articles.broken_urls"

    response = client.get("/boom/")

    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()


# --- Every page has a search box --------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/archive/", "/search/", "/no-such-page/"])
def test_every_page_has_a_labelled_search_box(client, path):
    html = client.get(path).content.decode()

    assert '<label for="site-search-q" class="visually-hidden">Search the magazine</label>' in html
    assert '<input type="search" id="site-search-q" name="q"' in html


def test_comment_form_sent_back_with_errors_shows_the_whole_article(client):
    ArticleFactory(title="Kin", films=[film := FilmFactory()])
    article = ArticleFactory(
        films=[film], body="<p>a</p><h2>One</h2><p>b</p><h2>Two</h2><p>c</p><h2>Three</h2><p>d</p>"
    )

    response = client.post(reverse("comments:post", args=[article.pk]), {"name": "", "email": "x", "body": ""})

    html = response.content.decode()
    assert response.status_code == 400
    assert '<link rel="canonical" href="http://testserver' + article.get_absolute_url() + '">' in html
    assert 'class="toc"' in html and 'id="related-title"' in html and ">Kin</a>" in html
    assert '"@type":"Article"' in html
    assert '<nav class="breadcrumbs" aria-label="Breadcrumb">' in html
