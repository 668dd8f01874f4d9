"""Search: full-text ranking and snippets on PostgreSQL, the plain fallback, odd queries, paging."""

import datetime
import re

import pytest
from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from articles import search
from articles.models import Article, ArticleAuthor, ArticleWork
from films.merging import merge_undo, records_merge
from films.models import Credit
from tests.factories import (
    AlbumFactory,
    ArticleFactory,
    AuthorFactory,
    BookFactory,
    CompanyFactory,
    CreditFactory,
    FilmFactory,
    PersonFactory,
    SeasonFactory,
    SeriesFactory,
)

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text search needs PostgreSQL")
URL = reverse("articles:search")


def _results(q: str, **kwargs) -> list[Article]:
    return list(search.search(search.clean_query(q), **kwargs))


# --- Ranking and what an article is found by (PostgreSQL) ---------------------------------


@postgres_only
def test_title_outranks_dek_outranks_body():
    in_body = ArticleFactory(title="Third", dek="Nothing here.", body="<p>A long look at melodrama today.</p>")
    in_dek = ArticleFactory(title="Second", dek="On melodrama.", body="<p>Other words.</p>")
    in_title = ArticleFactory(title="Melodrama now", dek="Nothing here.", body="<p>Other words.</p>")

    assert _results("melodrama") == [in_title, in_dek, in_body]


@postgres_only
def test_more_matches_in_the_body_rank_higher_than_fewer():
    once = ArticleFactory(title="A", body="<p>The montage was fine.</p>")
    often = ArticleFactory(title="B", body="<p>Montage, montage and more montage.</p>")

    assert _results("montage") == [often, once]


@postgres_only
def test_a_query_most_articles_match_ranks_the_newest_and_says_there_are_more(client, settings):
    settings.SEARCH_RANKED_MATCHES = 3
    now = timezone.now()
    oldest_best = ArticleFactory(
        title="Montage montage", body="<p>Montage.</p>", publish_at=now - datetime.timedelta(days=30)
    )
    newer = [
        ArticleFactory(title=f"Piece {n}", body="<p>On montage.</p>", publish_at=now - datetime.timedelta(days=n))
        for n in range(1, 5)
    ]

    response = client.get(URL, {"q": "montage"})

    found = [article for article, _ in response.context["results"]]
    assert found == newer[:3]
    assert oldest_best not in found
    assert "3 or more articles match “montage”: the newest 3, best first." in response.content.decode()


@postgres_only
def test_stemming_finds_other_forms_of_a_word():
    article = ArticleFactory(title="Dancing in the dark", body="<p>She danced.</p>")

    assert _results("dances") == [article]


@postgres_only
def test_found_by_film_title_director_and_author():
    baker = PersonFactory(name="Sean Baker")
    tangerine = FilmFactory(title="Tangerine")
    CreditFactory(work=tangerine, person=baker, role=Credit.Role.DIRECTOR)
    article = ArticleFactory(
        title="Phones and a Christmas Eve", body="<p>Nothing else.</p>", films=[tangerine],
        authors=[AuthorFactory(name="Priya Halloran")],
    )  # fmt: skip
    ArticleFactory(title="Unrelated", body="<p>Nothing.</p>")

    assert _results("tangerine") == [article]
    assert _results("baker") == [article]
    assert _results("halloran") == [article]


@postgres_only
def test_search_document_follows_changes_to_related_rows():
    film = FilmFactory(title="Starlet")
    article = ArticleFactory(title="A quiet film", body="<p>Nothing.</p>")
    assert _results("starlet") == []

    link = ArticleWork.objects.create(article=article, work=film)
    assert _results("starlet") == [article]

    film.title = "Prince of Broadway"
    film.save()
    assert _results("starlet") == []
    assert _results("broadway") == [article]

    director = PersonFactory(name="Agnès Varda")
    credit = CreditFactory(work=film, person=director, role=Credit.Role.DIRECTOR)
    assert _results("varda") == [article]
    director.name = "Chantal Akerman"
    director.save()
    assert _results("akerman") == [article]
    credit.delete()
    assert _results("akerman") == []

    author = AuthorFactory(name="Ruth Amsel")
    byline = ArticleAuthor.objects.create(article=article, author=author, order=5)
    assert _results("amsel") == [article]
    author.name = "Ruth Ansel"
    author.save()
    assert _results("ansel") == [article]
    byline.delete()
    assert _results("ansel") == []

    link.delete()
    assert _results("broadway") == []
    article.title = "Broadway nights"
    article.save()
    assert _results("broadway") == [article]


@postgres_only
def test_snippets_highlight_matches_and_escape_the_rest(client):
    ArticleFactory(
        title="On neon",
        dek="A <b>bold</b> claim & more.",
        body='<p>The <a href="https://example.org">neon</a> lights of the motel.</p>',
    )

    response = client.get(URL, {"q": "neon motel"})

    snippet = response.context["results"][0][1]
    assert "<mark>neon</mark>" in snippet and "<mark>motel</mark>" in snippet
    # The dek is plain text: its markup-like characters come out escaped, never as tags.
    assert "&lt;/b&gt;" in snippet and "&amp; more" in snippet and "<b>" not in snippet
    assert "<a " not in snippet and "href" not in snippet
    assert "<mark>neon</mark>" in response.content.decode()


def _long_body(middle: str) -> str:
    filler = "".join(f"<p>Paragraph {n} goes on about the weather in the valley, at length.</p>" for n in range(60))
    return f"{filler}<p>{middle}</p>{filler}"


@postgres_only
@pytest.mark.parametrize(
    ("q", "middle", "marked"),
    [
        # Deep in a long body: the snippet comes from around it.
        ("lighthouse", "The <em>lighthouse</em> keeper never speaks.", "<mark>lighthouse</mark>"),
        # Another form of the word than the one searched for.
        ("lighthouses", "The lighthouse keeper never speaks.", "<mark>lighthouse</mark>"),
        # A form the window does not look for: the whole body is searched for the snippet.
        ("happiness", "A happy keeper never speaks.", "<mark>happy</mark>"),
        # In the dek too, whose fragment runs on into the window of the body.
        ("coast", "On this coast the keeper never speaks.", "<mark>coast</mark>"),
    ],
)
def test_snippet_of_a_long_article_shows_the_match_in_whole_words(client, q, middle, marked):
    ArticleFactory(title="Keeper", dek="A film about a coast.", body=_long_body(middle))

    snippet = client.get(URL, {"q": q}).context["results"][0][1]

    assert marked in snippet
    assert "keeper never speaks" in snippet
    # Cut from the middle of the body: neither a piece of a tag nor of a word shows.
    text = snippet.replace("<mark>", "").replace("</mark>", "")
    assert "<" not in text and ">" not in text and "=" not in text
    source = re.sub(r"<[^>]*>", " ", _long_body(middle)) + " A film about a coast."
    assert set(re.findall(r"\w+", text)) <= set(re.findall(r"\w+", source))


@postgres_only
def test_full_text_results_index_slice_and_count_like_a_list():
    articles = [ArticleFactory(title=f"Montage {'montage ' * n}") for n in range(3)]
    results = search.search(search.clean_query("montage"))

    assert list(results) == articles[::-1]
    assert (results[0], results[-1], results[1:]) == (articles[2], articles[0], articles[1::-1])
    assert len(results) == results.count() == 3
    assert list(search.search(search.clean_query("nothingmatchesthis"))[:12]) == []


@postgres_only
def test_full_text_search_uses_the_gin_index():
    ArticleFactory.create_batch(3)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = %s AND indexdef ILIKE %s",
            [Article._meta.db_table, "%gin%search_vector%"],
        )
        assert cursor.fetchone(), "the search_vector GIN index is missing"
        cursor.execute("SET LOCAL enable_seqscan = off")
    plan = Article.objects.filter(search_vector=SearchQuery("melodrama", config=search.config())).explain()
    assert "article_search_vector_gin" in plan


@postgres_only
def test_only_published_articles_are_found():
    ArticleFactory(title="Melodrama draft", draft=True)
    ArticleFactory(title="Melodrama scheduled", scheduled=True)
    public = ArticleFactory(title="Melodrama published")

    assert _results("melodrama") == [public]


# --- The fallback (any database) ------------------------------------------------------------


def test_fallback_matches_every_word_in_any_field_newest_first():
    baker = PersonFactory(name="Sean Baker")
    film = FilmFactory(title="Red Rocket")
    CreditFactory(work=film, person=baker, role=Credit.Role.DIRECTOR)
    by_film = ArticleFactory(title="A", body="<p>Texas.</p>", films=[film])
    by_author = ArticleFactory(title="B", body="<p>Texas.</p>", authors=[AuthorFactory(name="Wen Baker")])
    ArticleFactory(title="C", body="<p>Baker only.</p>")
    ArticleFactory(title="Texas Baker draft", draft=True)

    assert _results("baker texas", full_text=False) == [by_author, by_film]
    assert _results("rocket", full_text=False) == [by_film]
    assert _results("BAKER TEXAS", full_text=False) == [by_author, by_film]


def test_fallback_ranks_title_over_dek_over_body_before_newest():
    now = timezone.now()
    in_title = ArticleFactory(title="Anora", dek="A fairy tale.", publish_at=now - datetime.timedelta(days=30))
    in_dek = ArticleFactory(title="Awards", dek="Anora wins.", publish_at=now - datetime.timedelta(days=20))
    in_body = ArticleFactory(
        title="Notes", dek="", body="<p>Anora, again.</p>", publish_at=now - datetime.timedelta(days=1)
    )

    assert _results("anora", full_text=False) == [in_title, in_dek, in_body]


def test_fallback_ranks_an_article_matching_more_of_the_words_first():
    now = timezone.now()
    both = ArticleFactory(title="Sean Baker", body="<p>Texas.</p>", publish_at=now - datetime.timedelta(days=9))
    one = ArticleFactory(title="Baker", body="<p>Other.</p>", publish_at=now - datetime.timedelta(days=1))

    assert _results("baker texas", full_text=False, any_word=True) == [both, one]


def test_fallback_snippet_marks_the_words_and_escapes():
    ArticleFactory(title="A", dek="", body="<p>" + "filler " * 80 + "the <em>neon</em> &amp; motel sign</p>")

    article = _results("motel", full_text=False)[0]
    snippet = search.snippet(article, search.clean_query("motel"))

    assert "<mark>motel</mark>" in snippet
    assert "&amp; <mark>motel</mark>" in snippet
    assert snippet.startswith("… ")
    assert "<em>" not in snippet


def test_search_page_works_on_this_database(client):
    ArticleFactory(title="Melodrama now")

    response = client.get(URL, {"q": "melodrama"})

    assert response.status_code == 200
    assert [article.title for article, _ in response.context["results"]] == ["Melodrama now"]
    assert "1 article matches" in response.content.decode()


# --- Odd queries ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "q",
    [
        "",
        "   ",
        "!!!",
        "&|!():*",
        "'",
        '"unclosed',
        "-",
        "or or or",
        "the",
        "a" * 5000,
        " ".join(["word"] * 500),
        "null\x00byte",
        "<script>alert(1)</script>",
        "😀",
        "%_%",
        "\\",
    ],
)
def test_odd_queries_get_a_page_not_an_error(client, q):
    ArticleFactory(title="Something")

    response = client.get(URL, {"q": q})

    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "<h1" in html


def test_empty_query_gets_help_and_ways_to_browse(client):
    ArticleFactory().tags.add("sex work")

    html = client.get(URL).content.decode()

    assert "What are you looking for?" in html
    assert 'href="/tags/sex-work/"' in html
    assert 'href="/archive/"' in html
    assert 'name="robots" content="noindex' in html


def test_empty_query_offers_the_tags_the_newest_articles_use_most(client, monkeypatch):
    monkeypatch.setattr("articles.views.POPULAR_TAGS_OVER", 3)
    now = timezone.now()
    for days, tags in ((1, ["noir", "pulp"]), (2, ["noir"]), (3, ["pulp", "noir"]), (30, ["western"])):
        ArticleFactory(publish_at=now - datetime.timedelta(days=days)).tags.add(*tags)
    ArticleFactory(draft=True).tags.add("unreleased")

    tags = [tag.name for tag in client.get(URL).context["popular_tags"]]

    # The western is on an article older than the newest three; the draft's tag is nobody's to see.
    assert tags == ["noir", "pulp"]


def test_no_results_gets_suggestions(client):
    ArticleFactory(title="Something")

    html = client.get(URL, {"q": "zzyzx"}).content.decode()

    assert "No articles match “zzyzx”" in html
    assert "Try another search" in html


def test_long_query_is_cut_and_the_reader_told(client):
    response = client.get(URL, {"q": "word " * 100})

    assert response.status_code == 200
    assert response.context["query"].truncated
    assert len(response.context["query"].words) == search.MAX_QUERY_WORDS
    assert "searched for the first part only" in response.content.decode()


def test_clean_query_strips_control_characters():
    query = search.clean_query("sean\x00 baker\x1f\n")

    assert query.text == "sean baker"
    assert query.words == ["sean", "baker"]


# --- Paging ---------------------------------------------------------------------------------


def test_results_are_paged_and_links_keep_the_query(client, settings):
    settings_per_page = settings.ARTICLES_PER_PAGE
    for n in range(settings_per_page + 3):
        ArticleFactory(title=f"Melodrama {n}")

    first = client.get(URL, {"q": "melodrama"})
    second = client.get(URL, {"q": "melodrama", "page": 2})

    assert len(first.context["results"]) == settings_per_page
    assert len(second.context["results"]) == 3
    assert 'href="/search/?q=melodrama&amp;page=2"' in first.content.decode()
    titles = {a.title for a, _ in first.context["results"]} | {a.title for a, _ in second.context["results"]}
    assert len(titles) == settings_per_page + 3


def test_page_past_the_end_shows_the_last_page(client):
    ArticleFactory(title="Melodrama")

    for page in ("99", "0", "abc", "-1"):
        response = client.get(URL, {"q": "melodrama", "page": page})
        assert response.status_code == 200


def test_found_by_a_label_an_isbn_a_network_and_the_people_on_a_card_of_any_kind():
    album = AlbumFactory(title="Wild God", label=CompanyFactory(name="Play It Again Sam"))
    CreditFactory(work=album, person=PersonFactory(name="Nick Cave"), role=Credit.Role.ARTIST)
    book = BookFactory(title="The Years", isbn="9781609808921")
    CreditFactory(work=book, person=PersonFactory(name="Annie Ernaux"), role=Credit.Role.AUTHOR)
    season = SeasonFactory(series=SeriesFactory(title="The Bear", network=CompanyFactory(name="Hulu")), number=3)
    on_album, on_book, on_season = (
        ArticleFactory(title="Grief, sung", body="<p>.</p>", works=[album]),
        ArticleFactory(title="Memory, written", body="<p>.</p>", works=[book]),
        ArticleFactory(title="A kitchen, again", body="<p>.</p>", works=[season]),
    )

    assert _results("play it again sam") == [on_album]
    assert _results("cave") == [on_album]
    assert _results("9781609808921") == [on_book]
    assert _results("ernaux") == [on_book]
    assert _results("hulu") == [on_season]


@postgres_only
def test_search_documents_follow_a_merge_and_its_undo():
    keep, twin = PersonFactory(name="Sean Baker"), PersonFactory(name="Sean Baker Jr")
    film = FilmFactory(title="Prince of Broadway")
    CreditFactory(work=film, person=twin, role=Credit.Role.DIRECTOR)
    article = ArticleFactory(title="A quiet film", body="<p>Nothing.</p>", films=[film])
    assert _results("jr") == [article]

    merge = records_merge(keep=keep, duplicate=twin)
    assert _results("jr") == []

    merge_undo(merge=merge)
    assert _results("jr") == [article]


@postgres_only
def test_search_documents_follow_a_merge_of_companies_and_its_undo():
    keep, twin = CompanyFactory(name="Rough Trade"), CompanyFactory(name="Rough Trade Recordings")
    article = ArticleFactory(title="A quiet release", body="<p>Nothing.</p>", works=[AlbumFactory(label=twin)])
    assert _results("recordings") == [article]

    merge = records_merge(keep=keep, duplicate=twin)
    assert _results("recordings") == []

    merge_undo(merge=merge)
    assert _results("recordings") == [article]
