"""The benchmark corpus holds what the benchmark relies on, at a tiny scale."""

import io
import json

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.db.models import F
from django.test import override_settings

from articles import text as body_text
from articles.models import Article, ArticleWork
from articles.search import clean_query, search
from authors.models import Author
from bench import corpus, explain
from bench.endpoints import WORK_PAGES, endpoints
from comments.models import Comment
from core.sanitize import clean_html
from demo import content
from demo.loader import DEMO_USERS
from films.isbn import isbn13_check_digit
from films.models import KIND_GROUPS, Album, Book, Company, Credit, Film, Game, Person, Series, Work
from front import sharing

SCALE = 0.002

pytestmark = [
    pytest.mark.django_db,
    # CI runs on PostgreSQL, where these run; the builder uses COPY and PostgreSQL's search.
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the benchmark corpus is built on PostgreSQL"),
]


@pytest.fixture(scope="module")
def facts(django_db_setup, django_db_blocker, tmp_path_factory):
    """Build once for the module (the demo's pictures take most of the time), then empty the tables again.

    The build commits (it runs VACUUM), so the tests read it without a transaction of their own
    to roll back; the teardown removes what it made, the demo logins included.
    """
    var = tmp_path_factory.mktemp("var")
    # Small pictures: encoding the demo's renditions is most of the build at this scale.
    small_pictures = {"IMAGE_MASTER_MAX_SIDE": 400, "IMAGE_RENDITION_WIDTHS": (200,)}
    with django_db_blocker.unblock(), override_settings(VAR_DIR=var, DEMO_PASSWORD="corpus-test", **small_pictures):
        result = corpus.build(SCALE, seed=3, stdout=io.StringIO())
        yield result
        corpus.empty_content_tables()
        get_user_model().objects.filter(username__in=[*DEMO_USERS, corpus.BENCH_LOGIN]).delete()


def demo_count(key: str) -> int:
    return len(getattr(content, key))


def test_counts_follow_the_scale(facts):
    counts = facts["counts"]

    assert (
        Article.objects.count()
        == counts["articles"]
        == demo_count("ARTICLES") + demo_count("WORKFLOW_ARTICLES") + round(20_000 * SCALE)
    )
    assert Author.objects.count() == demo_count("AUTHORS") + round(2_000 * SCALE)
    assert Film.objects.count() == demo_count("FILMS") + round(5_000 * SCALE)
    # People, and bands (one at least).
    assert Person.objects.count() == demo_count("PEOPLE") + round(10_000 * SCALE) + max(1, round(300 * SCALE))
    assert counts["sections"] == 8
    # The busiest article's extra pending and refused comments come on top.
    assert round(500_000 * SCALE) <= Comment.objects.count() - len(
        [c for a in content.ARTICLES for c in a.get("comments", [])]
    )


def test_busiest_article_has_its_approved_comments(facts, client):
    slug = facts["busiest_path"].strip("/").split("/")[-1]

    assert Comment.objects.approved().filter(article__slug=slug).count() == 50
    assert facts["counts"]["busiest_approved_comments"] == 50


def test_measured_pages_answer(facts, client):
    for path in (facts["anora_path"], facts["busiest_path"], facts["deep_section_path"], facts["tag_path"], "/"):
        assert client.get(path).status_code == 200, path


def _generated_works():
    # The demo is loaded first, so its works have the lowest ids: the generated ones start at the first
    # film the demo does not have.
    first = Film.objects.exclude(slug__in=[film["slug"] for film in content.FILMS]).order_by("pk").first()
    return Work.objects.filter(pk__gte=first.pk)


def test_works_of_every_kind_follow_the_scale_with_their_own_rows(facts):
    generated = _generated_works()

    for model, name in ((Album, "albums"), (Book, "books"), (Series, "series"), (Game, "games")):
        assert model.objects.filter(pk__in=generated).count() == max(1, round(corpus.FULL[name] * SCALE)), name
    assert not Album.objects.filter(pk__in=generated, tracks__isnull=True).exists()
    assert not Series.objects.filter(pk__in=generated, seasons__isnull=True).exists()
    assert not Game.objects.filter(pk__in=generated, platforms__isnull=True).exists()
    for isbn in Book.objects.filter(pk__in=generated).values_list("isbn", flat=True):
        assert len(isbn) == 13 and int(isbn[-1]) == isbn13_check_digit(isbn[:12])
    # Each kind's card names its makers: an album's artists, a book's authors, a series' creators.
    for kind, role in (("album", "artist"), ("book", "author"), ("series", "creator"), ("game", "director")):
        assert not generated.filter(kind=kind).exclude(credits__role=role).exists(), kind


def test_people_and_companies_are_credited_across_kinds(facts):
    person = Person.objects.get(slug=facts["crossing_person_path"].strip("/").split("/")[-1])
    company = Company.objects.get(slug=facts["company_path"].strip("/").split("/")[-1])

    assert Credit.objects.filter(person=person).values("work__kind").distinct().count() >= 3
    assert len(company.works_by_role()) >= 2
    assert Person.objects.filter(is_group=True, credits__role="artist").exists()


def test_articles_discuss_works_of_every_kind(facts):
    links = facts["counts"]["work_links_by_kind"]

    assert set(links) == set(KIND_GROUPS) and links["films"] > links["albums"] > 0
    assert facts["counts"]["work_links"] == ArticleWork.objects.count() == sum(links.values())


def test_the_sections_discuss_each_kind_of_work_in_its_share():
    expected = corpus.expected_discussed_shares()

    assert set(expected) == set(corpus.DISCUSSED) == set(KIND_GROUPS)
    assert all(abs(expected[kind] - share) <= 0.01 for kind, share in corpus.DISCUSSED.items()), expected


def test_the_pages_of_works_companies_and_people_are_measured_with_no_page_cache(facts, client, no_page_cache):
    rows = {endpoint.key: endpoint for endpoint in endpoints(facts)}

    for key, _label, fact in WORK_PAGES:
        assert rows[key].path == facts[fact] and not rows[key].page_cache
        assert client.get(facts[fact]).status_code == 200, facts[fact]
    assert facts["album_path"].startswith("/albums/") and facts["book_path"].startswith("/books/")
    assert facts["series_path"].startswith("/tv/") and facts["company_path"].startswith("/companies/")
    assert all(rows[key].page_cache for key in ("home", "anora", "search"))


def test_anora_is_the_demo_essay(facts, client):
    response = client.get(facts["anora_path"])

    assert "Every fairy tale has an accountant hiding in it somewhere." in response.text


def test_search_finds_the_search_query(facts, client):
    response = client.get("/search/", {"q": facts["search_query"]})

    assert response.status_code == 200
    assert "<mark>" in response.text
    assert search(clean_query(facts["search_query"])).count() == facts["counts"]["search_matches"] > 0


def test_every_article_has_a_search_document(facts):
    assert not Article.objects.filter(search_vector__isnull=True).exists()


def test_replies_sit_one_level_below_their_parent(facts):
    replies = Comment.objects.filter(parent__isnull=False)

    assert replies.exists()
    assert not replies.exclude(depth=F("parent__depth") + 1).exists()
    assert not replies.exclude(article=F("parent__article")).exists()
    assert not replies.filter(created_at__lt=F("parent__created_at")).exists()
    assert not Comment.objects.filter(parent__isnull=True).exclude(depth=0).exists()


def test_comments_come_after_publication(facts):
    assert not Comment.objects.filter(created_at__lt=F("article__publish_at")).exists()


def test_bodies_are_stored_as_save_would_store_them(facts):
    generated = Article.objects.exclude(slug__in=[a["slug"] for a in content.ARTICLES + content.WORKFLOW_ARTICLES])

    for article in generated:
        assert body_text.add_heading_ids(clean_html(article.body)) == article.body
        assert article.reading_minutes == body_text.reading_minutes(article.body)
        assert 800 <= body_text.word_count(article.body) <= 2_700


def test_articles_with_films_have_one_card_work(facts):
    with_films = Article.objects.filter(article_works__isnull=False).distinct()

    assert with_films.exists()
    for article in with_films:
        assert ArticleWork.objects.filter(article=article, is_card=True).count() == 1


def test_post_article_takes_comments_and_is_not_measured(facts):
    article = Article.objects.published().get(pk=facts["post_article_id"])

    assert article.comment_mode != Article.CommentMode.CLOSED
    assert article.get_absolute_url() not in (facts["anora_path"], facts["busiest_path"])


def test_one_film_is_on_the_card_of_its_share_of_published_articles_and_of_no_other_article(facts):
    film = facts["renamed_film"]
    links = ArticleWork.objects.filter(work_id=film["id"])

    assert film["articles"] == round(300 * SCALE) == links.count()
    assert not links.filter(is_card=False).exists()
    assert links.filter(article__in=Article.objects.published()).count() == film["articles"]
    assert Film.objects.get(pk=film["id"]).title == film["title"]


def test_renamed_film_shows_on_its_articles_pages(facts, client):
    article = Article.objects.published().filter(works=facts["renamed_film"]["id"]).first()

    assert f"<cite>{facts['renamed_film']['title']}</cite>" in client.get(article.get_absolute_url()).text


def test_tag_page_is_the_most_used_tags(facts):
    from taggit.models import Tag

    published = list(Article.objects.published().values_list("pk", flat=True))

    def on_published(tag):
        return tag.taggit_taggeditem_items.filter(object_id__in=published).count()

    slug = facts["tag_path"].strip("/").split("/")[-1]
    assert on_published(Tag.objects.get(slug=slug)) == max(on_published(tag) for tag in Tag.objects.all())


def test_bench_login_is_an_editor_with_no_password_until_the_runner_gives_one(facts):
    user = get_user_model().objects.get(username=facts["bench_login"])

    assert user.is_staff and user.is_active
    assert not user.has_usable_password()
    assert user.has_perm("articles.publish_article") and user.has_perm("comments.moderate_comment")
    assert user.has_perm("films.change_film")


def test_facts_are_written_for_the_runner(facts):
    written = json.loads((settings.VAR_DIR / "bench" / "corpus.json").read_text())

    assert written["busiest_path"] == facts["busiest_path"]
    assert set(written) >= {
        "anora_path",
        "busiest_path",
        "deep_section_path",
        "tag_path",
        "search_query",
        "post_article_id",
        "renamed_film",
        "bench_login",
        *(fact for _key, _label, fact in WORK_PAGES),
    }


def test_explain_reports_every_query_of_a_page(facts, client):
    page = explain.measure("article", facts["busiest_path"], client, keep_plans=False)

    assert page.status == 200
    assert page.queries and all(query.ms >= 0 and query.nodes for query in page.queries)


def test_every_stored_rendering_is_as_rendered_from_scratch_after_the_build(facts):
    # The tests' cache says there is no default share picture (tests/conftest.py); the corpus has one.
    cache.delete(sharing.KEY)
    out = io.StringIO()

    call_command("rerender", "--check", stdout=out, stderr=io.StringIO())

    assert "Every stored rendering is what rendering it from scratch gives." in out.getvalue()
