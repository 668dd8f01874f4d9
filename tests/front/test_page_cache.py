"""The page cache: one copy of a page serves every anonymous reader, and no change leaves it stale.

Every test runs twice: on the local-memory cache of a single server, and on Redis, which the
servers of a production site share (CI has it at 127.0.0.1:6379; these tests fail without it).
"""

import datetime
import re
import time
from dataclasses import dataclass

import pytest
from django.core import signals
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIHandler
from django.db import OperationalError, close_old_connections, connection
from django.test import RequestFactory, override_settings
from django.urls import reverse
from django.utils import timezone

from articles import services as article_services
from articles.models import Article
from comments import services as comment_services
from comments.models import Comment
from films.models import Credit
from front import pagecache
from renderings.renderers import render_pages
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CommentFactory,
    CreditFactory,
    FilmFactory,
    PersonFactory,
    SectionFactory,
)
from tests.redis_dbs import redis_url
from tests.renderings.pages import drain_worker

pytestmark = pytest.mark.django_db

REDIS_URL = redis_url(2)


@pytest.fixture(params=["locmem", "redis"], autouse=True)
def backend(request, settings):
    if request.param == "redis":
        settings.CACHES = {"default": {"BACKEND": "core.cache.RedisCache", "LOCATION": REDIS_URL}}
    cache.clear()
    yield request.param
    cache.clear()


@pytest.fixture
def film():
    film = FilmFactory(title="Anora", slug="anora-film")
    CreditFactory(work=film, person=PersonFactory(name="Sean Baker", slug="sean-baker"), role=Credit.Role.DIRECTOR)
    return film


@pytest.fixture
def article(film):
    return ArticleFactory(
        title="A Cinderella Story in Brighton Beach",
        slug="anora",
        section=SectionFactory(name="Film", slug="film"),
        authors=[AuthorFactory(name="Ines Ward", slug="ines-ward")],
        films=[film],
    )


def edit_quietly(article, title: str) -> None:
    """Change the headline without a signal the page cache hears; the article's stored page follows
    (as a domain app's announcement has it rendered: renderings/changes.py), which tells the cache nothing."""
    Article.objects.filter(pk=article.pk).update(title=title)
    render_pages([article.pk])


def get(client, path, **headers):
    response = client.get(path, headers=headers)
    assert response.status_code in (200, 304), (path, response.status_code)
    return response


def cached_twice(client, path: str) -> str:
    """Fetch `path` until it comes from the cache, and return its text."""
    first = get(client, path)
    second = get(client, path)
    assert second["X-Page-Cache"] == "hit", path
    assert second.content == first.content
    return second.content.decode()


# --- One copy for every anonymous reader -------------------------------------------------


def test_a_second_reader_gets_the_page_from_the_cache_without_a_query(client, article, django_assert_num_queries):
    assert get(client, article.get_absolute_url())["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        response = get(client, article.get_absolute_url())
    assert response["X-Page-Cache"] == "hit"
    assert article.title in response.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/sections/film/",
        "/authors/ines-ward/",
        "/films/anora-film/",
        "/people/sean-baker/",
        "/feed/",
        "/archive/",
    ],
)
def test_every_reader_page_is_cached(client, article, path):
    cached_twice(client, path)


def test_the_cached_article_page_holds_nothing_of_one_reader(client, article):
    response = get(client, article.get_absolute_url())
    html = response.content.decode()
    assert "csrfmiddlewaretoken" not in html
    # The form token (a nonce: one comment per form) is empty; the page's script asks for one.
    assert re.search(r'name="token" value="[^"]+"', html) is None
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")


def test_tracking_parameters_share_the_copy(client, article):
    get(client, article.get_absolute_url())
    assert get(client, article.get_absolute_url() + "?utm_source=newsletter&fbclid=x")["X-Page-Cache"] == "hit"


def test_searches_are_never_kept_in_the_shared_cache(client, article):
    # Each distinct query was a copy of its own there: random queries filled Redis (12 MiB for 2,000).
    paths = [f"/search/?q=brighton+{n}" for n in range(20)] + ["/search/?q=brighton", "/search/?q="]
    for path in paths:
        get(client, path)
        get(client, path)
        assert cache.get(pagecache.cache_key(RequestFactory().get(path))) is None, path


def test_a_search_asked_again_is_served_from_the_process_own_copy(client, article):
    assert get(client, "/search/?q=brighton")["X-Page-Cache"] == "miss"

    response = get(client, "/search/?q=brighton")

    assert response["X-Page-Cache"] == "hit"
    assert "Brighton" in response.content.decode()


def test_a_flood_of_searches_keeps_to_its_share_of_the_process_copies(client, article, monkeypatch):
    monkeypatch.setattr(pagecache, "own_copies", pagecache.ProcessCopies(limit=40_000))
    get(client, article.get_absolute_url())
    article_key = pagecache.cache_key(RequestFactory().get(article.get_absolute_url()))

    for n in range(12):
        get(client, f"/search/?q=flood+{n}")

    assert 0 < pagecache.own_copies.size <= 40_000
    assert article_key in pagecache.copies.pages
    assert get(client, article.get_absolute_url())["X-Page-Cache"] == "hit"


def test_a_page_from_the_cache_keeps_the_security_headers(client, article, settings):
    settings.SECURE_HSTS_SECONDS = 3600
    rendered = client.get(article.get_absolute_url(), secure=True)
    response = client.get(article.get_absolute_url(), secure=True)
    assert response["X-Page-Cache"] == "hit"
    for header in (
        "Content-Security-Policy",
        "Permissions-Policy",
        "X-Frame-Options",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Strict-Transport-Security",
    ):
        assert response.has_header(header), header
    headers = {name: value for name, value in response.items() if name != "X-Page-Cache"}
    assert headers == {name: value for name, value in rendered.items() if name != "X-Page-Cache"}


def test_a_page_over_http_and_over_https_are_kept_apart(client, article, settings):
    settings.SECURE_HSTS_SECONDS = 3600
    get(client, article.get_absolute_url())
    assert get(client, article.get_absolute_url())["X-Page-Cache"] == "hit"

    over_https = client.get(article.get_absolute_url(), secure=True)

    assert over_https["X-Page-Cache"] == "miss"
    assert over_https.has_header("Strict-Transport-Security")
    assert not get(client, article.get_absolute_url()).has_header("Strict-Transport-Security")


def test_admin_health_and_comment_pages_are_never_cached(client, article):
    comment = CommentFactory(article=article)
    for path in ("/healthz", reverse("comments:token"), reverse("comments:reply", args=[comment.pk])):
        client.get(path)
        assert client.get(path).get("X-Page-Cache") != "hit", path


def test_a_lost_version_costs_a_render_never_a_stale_page(client, article):
    cached_twice(client, article.get_absolute_url())
    cache.delete(f"{pagecache.PREFIX}:v:{pagecache.CONTENT}")
    edit_quietly(article, "Changed Without A Signal")
    response = get(client, article.get_absolute_url())
    assert response["X-Page-Cache"] == "miss"
    assert "Changed Without A Signal" in response.content.decode()


def rendering_elsewhere(path: str) -> None:
    """Another worker has taken the rendering of `path`, as it does while it renders the page."""
    key = pagecache.cache_key(RequestFactory().get(path))
    assert pagecache.claim(key)


def test_while_one_request_renders_a_changed_page_the_others_get_the_previous_copy(client, article):
    path = article.get_absolute_url()
    cached_twice(client, path)
    edit_quietly(article, "The Second Headline")
    pagecache.bump([pagecache.CONTENT])
    rendering_elsewhere(path)

    meanwhile = get(client, path)

    assert meanwhile["X-Page-Cache"] == "stale"
    assert article.title in meanwhile.content.decode()


def test_the_request_that_renders_a_changed_page_hands_on_to_the_next(client, article):
    path = article.get_absolute_url()
    cached_twice(client, path)
    edit_quietly(article, "The Second Headline")
    pagecache.bump([pagecache.CONTENT])

    renderer = get(client, path)
    after = get(client, path)

    assert renderer["X-Page-Cache"] == "miss"
    assert "The Second Headline" in renderer.content.decode()
    # Its claim ended with its render: the next page to change renders at once too.
    assert after["X-Page-Cache"] == "hit"
    pagecache.bump([pagecache.CONTENT])
    assert get(client, path)["X-Page-Cache"] == "miss"


def test_an_unpublished_article_leaves_no_previous_copy_to_stand_in(client, editor, article):
    path = article.get_absolute_url()
    cached_twice(client, path)
    article_services.article_unpublish(Article.objects.get(pk=article.pk), by=editor)
    assert client.get(path).status_code == 404

    rendering_elsewhere(path)

    assert client.get(path).status_code == 404


def test_a_reader_who_has_a_changed_page_leaves_its_previous_copy_to_the_others(client, article):
    path = article.get_absolute_url()
    etag = get(client, path)["ETag"]
    cached_twice(client, path)
    # Something changed that this page does not show: its copy is no longer current.
    pagecache.bump([pagecache.CONTENT])

    assert get(client, path, if_none_match=etag).status_code == 304
    rendering_elsewhere(path)

    assert get(client, path)["X-Page-Cache"] == "stale"


def test_a_changed_page_that_cannot_be_rendered_keeps_its_previous_copy(client, article, monkeypatch):
    path = article.get_absolute_url()
    cached_twice(client, path)
    edit_quietly(article, "The Second Headline")
    pagecache.bump([pagecache.CONTENT])

    def database_away(*args, **kwargs):
        raise OperationalError("connection refused")

    client.raise_request_exception = False
    with monkeypatch.context() as patch:
        patch.setattr(connection, "cursor", database_away)
        meanwhile = client.get(path)

    assert meanwhile.status_code == 200
    assert meanwhile["X-Page-Cache"] == "stale"
    assert article.title in meanwhile.content.decode()
    # Back: the next reader gets the page rendered again.
    assert shows(client, path, "The Second Headline")


def test_a_page_never_stored_is_rendered_by_every_request(client, article):
    # No previous copy to serve: nobody waits on a claim.
    rendering_elsewhere(article.get_absolute_url())

    response = get(client, article.get_absolute_url())

    assert response["X-Page-Cache"] == "miss"


# --- Every change shows at once ---------------------------------------------------------


def shows(client, path: str, text: str) -> bool:
    response = client.get(path)
    return response.status_code == 200 and text in response.content.decode()


def test_publishing_shows_at_once(client, editor, film):
    draft = ArticleFactory(title="Freshly Published", draft=True, films=[film])
    cached_twice(client, "/")
    cached_twice(client, "/films/anora-film/")
    assert client.get(draft.get_absolute_url()).status_code == 404

    article_services.article_publish(draft, by=editor)

    assert shows(client, "/", "Freshly Published")
    assert shows(client, "/films/anora-film/", "Freshly Published")
    assert shows(client, draft.get_absolute_url(), "Freshly Published")
    assert shows(client, "/feed/", "Freshly Published")


def test_unpublishing_hides_at_once(client, editor, article):
    cached_twice(client, article.get_absolute_url())
    cached_twice(client, "/")

    article_services.article_unpublish(Article.objects.get(pk=article.pk), by=editor)

    assert client.get(article.get_absolute_url()).status_code == 404
    assert not shows(client, "/", article.title)


def test_a_scheduled_article_appears_when_its_time_comes(client, monkeypatch):
    soon = ArticleFactory(title="Due Any Minute", publish_at=timezone.now() + datetime.timedelta(minutes=5))
    cached_twice(client, "/")
    real_now = timezone.now
    monkeypatch.setattr(timezone, "now", lambda: real_now() + datetime.timedelta(minutes=6))
    assert shows(client, "/", "Due Any Minute")
    assert shows(client, soon.get_absolute_url(), "Due Any Minute")


def test_editing_an_article_shows_at_once(client, article):
    cached_twice(client, article.get_absolute_url())
    cached_twice(client, "/")
    article.title = "A New Headline"
    article.save()
    assert shows(client, article.get_absolute_url(), "A New Headline")
    assert shows(client, "/", "A New Headline")


def test_tagging_an_article_shows_at_once(client, article):
    cached_twice(client, article.get_absolute_url())
    article.tags.add("brighton beach")
    assert shows(client, article.get_absolute_url(), "brighton beach")


def _person(article):
    return Credit.objects.get(work__slug="anora-film").person


@pytest.mark.parametrize(
    ("thing", "field", "paths"),
    [
        (_person, "name", ["article", "/films/anora-film/"]),
        (lambda article: article.article_works.get().work, "title", ["article", "/", "/people/sean-baker/"]),
        (lambda article: article.article_authors.get().author, "name", ["article", "/", "/feed/"]),
        (lambda article: article.section, "name", ["article", "/", "/sections/film/"]),
    ],
    ids=["person", "film", "author", "section"],
)
def test_editing_what_pages_show_changes_them_once_the_worker_has_rendered_them(client, article, thing, field, paths):
    paths = [article.get_absolute_url() if path == "article" else path for path in paths]
    for path in paths:
        cached_twice(client, path)
    changed = thing(article)
    setattr(changed, field, "Renamed Thing")
    changed.save()
    # Readers before the worker has rendered the other articles' cards and pages: the cache keeps what they got.
    for path in paths:
        get(client, path)
    drain_worker()
    for path in paths:
        assert shows(client, path, "Renamed Thing"), path


def test_a_later_page_of_comments_is_cached_and_renewed(client, moderator, article, settings):
    settings.COMMENTS_THREADS_PER_PAGE = 1
    CommentFactory(article=article, body="On the first page.")
    late = CommentFactory(article=article, body="On the second page.")
    path = reverse("comments:page", kwargs={"slug": article.slug, "page": 2})
    assert "On the second page." in cached_twice(client, path)

    comment_services.comment_reject(comment=late, by=moderator)

    assert client.get(path).status_code == 404


def test_approving_a_comment_shows_it_and_its_count_at_once(client, moderator, article):
    pending = CommentFactory(article=article, status=Comment.Status.PENDING, body="Held for a moderator.")
    assert "Held for a moderator." not in cached_twice(client, article.get_absolute_url())
    cached_twice(client, "/")

    comment_services.comment_approve(comment=pending, by=moderator)

    assert shows(client, article.get_absolute_url(), "Held for a moderator.")
    assert shows(client, article.get_absolute_url(), "Comments (1)")
    assert shows(client, "/", "1 comment")


def test_approving_in_the_admin_shows_at_once(client, moderator, article):
    pending = CommentFactory(article=article, status=Comment.Status.PENDING, body="Approved from the queue.")
    cached_twice(client, article.get_absolute_url())
    desk = type(client)()
    desk.force_login(moderator)
    desk.post(reverse("admin:comments_comment_changelist"), {"action": "approve", "_selected_action": [pending.pk]})
    assert shows(client, article.get_absolute_url(), "Approved from the queue.")


@pytest.mark.parametrize("how", ["reject", "delete", "erase"])
def test_removing_a_comment_hides_it_at_once(client, moderator, article, how):
    comment = CommentFactory(article=article, body="Soon to be gone.", email="gone@example.com")
    CommentFactory(article=article, parent=comment, depth=1, body="A reply that stays.")
    assert "Soon to be gone." in cached_twice(client, article.get_absolute_url())
    cached_twice(client, "/")

    if how == "reject":
        comment_services.comment_reject(comment=comment, by=moderator)
    elif how == "delete":
        comment_services.comment_delete(comment=comment, by=moderator)
    else:
        comment_services.commenter_erase(email="gone@example.com", by=moderator)

    assert not shows(client, article.get_absolute_url(), "Soon to be gone.")


def test_a_new_comment_awaiting_moderation_leaves_the_copy_in_place(client, article):
    cached_twice(client, article.get_absolute_url())
    CommentFactory(article=article, status=Comment.Status.PENDING)
    assert get(client, article.get_absolute_url())["X-Page-Cache"] == "hit"


def test_a_comment_elsewhere_leaves_this_article_cached(client, article):
    other = ArticleFactory()
    cached_twice(client, article.get_absolute_url())
    CommentFactory(article=other)
    assert get(client, article.get_absolute_url())["X-Page-Cache"] == "hit"


# --- People with something of their own to see -------------------------------------------


def test_a_logged_in_editor_never_gets_or_leaves_a_cached_page(client, editor, article):
    cached_twice(client, article.get_absolute_url())
    desk = type(client)()
    desk.force_login(editor)
    response = desk.get(article.get_absolute_url())
    assert response.get("X-Page-Cache") is None
    edit_quietly(article, "Edited Without A Signal")
    # The editor sees the rows as they are, even a change the cache was not told about.
    assert "Edited Without A Signal" in desk.get(article.get_absolute_url()).content.decode()


def test_a_reader_who_posted_sees_their_message_and_nobody_else_does(client, article):
    path = article.get_absolute_url()
    cached_twice(client, path)
    tokens = client.get(reverse("comments:token")).json()
    response = client.post(
        reverse("comments:post", args=[article.pk]),
        {
            "name": "Vera",
            "email": "vera@example.com",
            "body": "The wedding scene is the film.",
            "token": tokens["token"],
            "csrfmiddlewaretoken": tokens["csrf"],
        },
        follow=True,
    )
    assert "awaiting moderation" in response.content.decode()
    assert response.get("X-Page-Cache") is None
    stranger = type(client)()
    assert "awaiting moderation" not in stranger.get(path).content.decode()


# --- Conditional GET ---------------------------------------------------------------------


@pytest.mark.parametrize("path", ["article", "/feed/", "/feed/atom/", "/sections/film/feed/"])
def test_an_unchanged_page_answers_304_and_a_changed_one_200(client, article, path):
    path = article.get_absolute_url() if path == "article" else path
    first = get(client, path)
    etag = first["ETag"]
    assert get(client, path, if_none_match=etag).status_code == 304
    # From the cache, too.
    assert get(client, path, if_none_match=etag).status_code == 304

    article.dek = "A changed dek."
    article.title = "A Changed Title"
    article.save()

    changed = get(client, path, if_none_match=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag


# --- CSRF without a per-reader page -------------------------------------------------------


def comment(client, article, **extra):
    data = {"name": "Vera", "email": "vera@example.com", "body": "Mikey Madison carries it.", **extra}
    return client.post(reverse("comments:post", args=[article.pk]), data)


@pytest.fixture
def csrf_client(client):
    client.handler.enforce_csrf_checks = True
    return client


def test_the_form_token_endpoint_gives_the_csrf_pair_the_post_needs(csrf_client, article):
    tokens = csrf_client.get(reverse("comments:token")).json()
    assert "csrftoken" in csrf_client.cookies
    response = comment(csrf_client, article, token=tokens["token"], csrfmiddlewaretoken=tokens["csrf"])
    assert response.status_code == 302
    assert Comment.objects.filter(article=article).count() == 1


def test_a_post_without_the_csrf_pair_stores_nothing_and_keeps_the_text(csrf_client, article):
    response = comment(csrf_client, article)
    assert response.status_code == 403
    html = response.content.decode()
    assert "One more step" in html
    assert "Mikey Madison carries it." in html
    assert not Comment.objects.exists()

    # Sent again from that page, with the tokens it carries, it is taken.
    hidden = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html))
    response = comment(csrf_client, article, **hidden)
    assert response.status_code == 302
    assert Comment.objects.get().body == "Mikey Madison carries it."


def test_a_forged_post_from_elsewhere_is_refused(csrf_client, article):
    tokens = csrf_client.get(reverse("comments:token")).json()
    csrf_client.cookies["csrftoken"] = "x" * 32
    response = comment(csrf_client, article, token=tokens["token"], csrfmiddlewaretoken="y" * 32)
    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_other_csrf_failures_get_django_s_page(csrf_client, editor):
    response = csrf_client.post(reverse("admin:login"), {"username": "editor", "password": "x"})
    assert response.status_code == 403
    assert "One more step" not in response.content.decode()


def test_with_the_cache_away_pages_are_rendered_not_lost(client, article):
    # Nothing listens there: every cache call fails.
    away = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}}
    with override_settings(CACHES=away):
        for _ in range(2):
            response = client.get(article.get_absolute_url())
            assert response.status_code == 200
            assert response["X-Page-Cache"] == "miss"
            assert article.title in response.content.decode()


def test_health_checks_are_never_served_from_the_cache(client, monkeypatch):
    assert client.get("/healthz").status_code == 200

    def unreachable():
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", unreachable)
    assert client.get("/healthz").status_code == 503


def test_a_front_cache_may_keep_only_what_django_shares(client, article, editor):
    shared = get(client, article.get_absolute_url())
    assert shared["X-Accel-Expires"] == "1"
    assert shared["Cache-Control"] == "public, max-age=0, must-revalidate"
    desk = type(client)()
    desk.force_login(editor)
    assert not desk.get(article.get_absolute_url()).has_header("X-Accel-Expires")
    assert not client.get(reverse("comments:token")).has_header("X-Accel-Expires")


def test_the_redis_cache_keeps_one_client_and_works_across_threads(backend):
    import threading

    from core.cache import RedisCache

    redis_cache = RedisCache(REDIS_URL, {})
    assert redis_cache._cache.get_client() is redis_cache._cache.get_client(write=True)
    seen = []

    def worker(number):
        redis_cache.set(f"thread-{number}", number)
        seen.append(redis_cache.get(f"thread-{number}"))

    threads = [threading.Thread(target=worker, args=(number,)) for number in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(seen) == list(range(8))
    redis_cache.delete_many([f"thread-{number}" for number in range(8)])


def test_the_redis_cache_reads_replies_with_the_c_parser(backend):
    # hiredis (requirements.txt): a home page hit reads 31 keys in one MGET, parsed in C.
    from redis._parsers import _HiredisParser

    from core.cache import RedisCache

    pool = RedisCache(REDIS_URL, {})._cache.get_client().connection_pool
    connection = pool.get_connection()
    try:
        assert isinstance(connection._parser, _HiredisParser)
    finally:
        pool.release(connection)


@pytest.mark.parametrize("options", [{}, {"KEY_PREFIX": "site", "VERSION": 3}], ids=["plain", "prefixed"])
def test_the_redis_cache_reads_many_keys_as_django_s_does(backend, options):
    from django.core.cache.backends.redis import RedisCache as DjangoRedisCache

    from core.cache import RedisCache

    ours, django_s = RedisCache(REDIS_URL, options), DjangoRedisCache(REDIS_URL, options)
    django_s.set_many({"a": 1, "b": "two"})
    django_s.set("c", 3, version=7)
    try:
        for version in (None, 7):
            assert ours.get_many(["a", "b", "c", "missing"], version=version) == django_s.get_many(
                ["a", "b", "c", "missing"], version=version
            )
        assert ours.get_many(["a", "b", "missing"]) == {"a": 1, "b": "two"}
    finally:
        django_s.delete_many(["a", "b"])
        django_s.delete("c", version=7)


@pytest.mark.parametrize("options", [{}, {"KEY_PREFIX": "site", "VERSION": 3}], ids=["plain", "prefixed"])
def test_the_redis_cache_adds_many_keys_as_django_s_add_does_one(backend, options):
    from django.core.cache.backends.redis import RedisCache as DjangoRedisCache

    from core.cache import RedisCache

    ours, django_s = RedisCache(REDIS_URL, options), DjangoRedisCache(REDIS_URL, options)
    django_s.set("held", 1)
    try:
        assert ours.add_many({"held": 2, "new": 3, "text": "four"}) == {"held": 1, "new": 3, "text": "four"}
        assert django_s.get_many(["held", "new", "text"]) == {"held": 1, "new": 3, "text": "four"}
        assert ours.add_many({"new": 5}, timeout=60) == {"new": 3}
    finally:
        django_s.delete_many(["held", "new", "text"])


def test_versions_the_cache_lost_are_given_anew_once_and_agreed_on(client, article):
    names = [pagecache.CONTENT, pagecache.comments_of(article.pk)]
    cache.delete_many([f"{pagecache.PREFIX}:v:{name}" for name in names])

    first = pagecache.current_versions(names)
    again = pagecache.current_versions(names)

    assert set(first) == set(names)
    assert first == again


def test_every_process_checks_a_copy_against_its_current_versions(client, moderator, article):
    # Readers through other clients; a change made in another process reaches this one's copies
    # through the cache's versions (test_a_copy_kept_by_this_process_is_served_only_while...).
    elsewhere = type(client)()
    comment = CommentFactory(article=article, status=Comment.Status.PENDING, body="Seen by every process.")
    cached_twice(client, article.get_absolute_url())
    assert get(elsewhere, article.get_absolute_url())["X-Page-Cache"] == "hit"

    comment_services.comment_approve(comment=comment, by=moderator)

    assert shows(elsewhere, article.get_absolute_url(), "Seen by every process.")
    assert shows(type(client)(), article.get_absolute_url(), "Seen by every process.")
    assert shows(client, article.get_absolute_url(), "Seen by every process.")


def test_a_copy_ends_when_comments_close_by_themselves(client, settings, monkeypatch):
    settings.COMMENTS_CLOSE_AFTER_DAYS = 1
    article = ArticleFactory(publish_at=timezone.now() - datetime.timedelta(days=1, minutes=-5))
    assert "Add a comment" in cached_twice(client, article.get_absolute_url())
    real_now = timezone.now
    monkeypatch.setattr(timezone, "now", lambda: real_now() + datetime.timedelta(minutes=6))
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Add a comment" not in html
    assert "these are closed" in html


def test_with_the_cache_away_an_edit_is_saved_all_the_same(article):
    away = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}}
    with override_settings(CACHES=away):
        article.title = "Saved While Redis Was Down"
        article.save()
        CommentFactory(article=article)
    assert Article.objects.get(pk=article.pk).title == "Saved While Redis Was Down"
    assert Comment.objects.filter(article=article).exists()


# --- Answered before Django (magazine/wsgi.py) --------------------------------------------


class Django:
    """Django's WSGI application, counting the requests that reach it."""

    def __init__(self):
        self.application = WSGIHandler()
        self.requests = 0

    def __call__(self, environ, start_response):
        self.requests += 1
        return self.application(environ, start_response)


@pytest.fixture
def django_app():
    # As Django's test client does: the test's transaction must outlive each request.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield Django()
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def app(django_app):
    return pagecache.ServeStoredPages(django_app)


@dataclass
class WSGIAnswer:
    status: int
    headers: dict[str, str]
    content: bytes


def wsgi(app, path: str, method: str = "GET", **headers) -> WSGIAnswer:
    environ = RequestFactory().generic(method, path, headers=headers).environ
    started = {}

    def start_response(status, response_headers, exc_info=None):
        started.update(status=int(status.split()[0]), headers=dict(response_headers))

    body = app(environ, start_response)
    try:
        content = b"".join(body)
    finally:
        if hasattr(body, "close"):
            body.close()
    return WSGIAnswer(started["status"], started["headers"], content)


def test_the_server_answers_a_hit_before_django_with_the_page_django_rendered(
    app, django_app, article, django_assert_num_queries
):
    path = article.get_absolute_url()
    rendered = wsgi(app, path)
    assert (rendered.status, rendered.headers["X-Page-Cache"]) == (200, "miss")
    with django_assert_num_queries(0):
        hit = wsgi(app, path)
    assert django_app.requests == 1
    assert (hit.status, hit.headers["X-Page-Cache"]) == (200, "hit")
    assert hit.content == rendered.content
    assert {name: value for name, value in hit.headers.items() if name != "X-Page-Cache"} == {
        name: value for name, value in rendered.headers.items() if name != "X-Page-Cache"
    }
    assert "Content-Security-Policy" in hit.headers


def test_the_server_answers_304_before_django_when_the_reader_has_the_page(app, django_app, article):
    path = article.get_absolute_url()
    etag = wsgi(app, path).headers["ETag"]
    not_modified = wsgi(app, path, if_none_match=etag)
    assert (not_modified.status, not_modified.content) == (304, b"")
    assert wsgi(app, path, if_none_match='"another"').status == 200
    assert django_app.requests == 1


@pytest.mark.parametrize(
    "headers", [{"cookie": "sessionid=abc"}, {"cookie": "messages=abc"}], ids=["signed in", "message waiting"]
)
def test_readers_with_a_session_or_a_message_always_reach_django(app, django_app, article, headers):
    path = article.get_absolute_url()
    wsgi(app, path)
    wsgi(app, path)
    answer = wsgi(app, path, **headers)
    assert "X-Page-Cache" not in answer.headers
    assert django_app.requests == 2


def test_posts_and_pages_never_stored_reach_django(app, django_app, article):
    assert wsgi(app, reverse("comments:post", args=[article.pk]), method="POST").status == 403  # no CSRF pair
    wsgi(app, "/healthz")
    wsgi(app, "/healthz")
    assert django_app.requests == 3


def test_a_host_not_allowed_gets_django_s_400_not_an_error(app, article):
    assert wsgi(app, article.get_absolute_url(), host="evil.example").status == 400


def test_a_change_reaches_the_server_s_answer_at_once_and_the_page_is_looked_up_once(
    app, django_app, article, monkeypatch
):
    path = article.get_absolute_url()
    wsgi(app, path)
    article.title = "Retitled In The Admin"
    article.save()
    lookups = []
    real_look_up = pagecache._look_up
    monkeypatch.setattr(pagecache, "_look_up", lambda key: lookups.append(key) or real_look_up(key))
    changed = wsgi(app, path)
    assert changed.headers["X-Page-Cache"] == "miss"
    assert b"Retitled In The Admin" in changed.content
    assert len(lookups) == 1
    assert django_app.requests == 2


def test_the_cache_away_leaves_every_request_to_django(app, django_app, article):
    away = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}}
    with override_settings(CACHES=away):
        assert wsgi(app, article.get_absolute_url()).status == 200
        assert wsgi(app, article.get_absolute_url()).status == 200
    assert django_app.requests == 2


# --- The copies a process keeps ----------------------------------------------------------


def test_a_copy_kept_by_this_process_is_served_only_while_the_shared_versions_agree(client, article):
    path = article.get_absolute_url()
    cached_twice(client, path)
    # Another server process approves a comment: it only writes the new version to the cache.
    cache.set(pagecache._version_key(pagecache.comments_of(article.pk)), 12345, timeout=None)
    assert get(client, path)["X-Page-Cache"] == "miss"
    assert get(client, path)["X-Page-Cache"] == "hit"


def test_a_kept_copy_ends_when_the_cache_would_have_let_it_go(client, article, settings, monkeypatch):
    settings.PAGE_CACHE_SECONDS = 60
    path = article.get_absolute_url()
    cached_twice(client, path)
    real_time = time.time
    monkeypatch.setattr(time, "time", lambda: real_time() + 61)
    cache.delete(pagecache.cache_key(RequestFactory().get(path)))  # as Redis would after 60 s
    assert get(client, path)["X-Page-Cache"] == "miss"


def page_of(size: int) -> pagecache.StoredPage:
    return pagecache.StoredPage(200, [], b"x" * size, {}, kept_until=time.time() + 60)


def test_a_process_keeps_the_newest_copies_up_to_its_limit():
    copies = pagecache.ProcessCopies(limit=250)
    for key in "abc":
        copies.keep(key, page_of(100))
    assert [key for key in "abc" if copies.kept(key)[0]] == ["b", "c"]
    copies.keep("d", page_of(300))
    assert copies.kept("d") == (None, None)
    copies.keep("c", page_of(200))
    assert [key for key in "abcd" if copies.kept(key)[0]] == ["c"]
    assert copies.size == 200


def test_a_copy_in_an_older_format_is_rendered_over_without_a_warning(client, article, caplog):
    path = article.get_absolute_url()
    key = pagecache.cache_key(RequestFactory().get(path))
    assert key.startswith("pagecache:stored:")  # not where the code before kept its pickled responses
    cache.set(key, {"response": "an older release's copy"}, timeout=60)
    with caplog.at_level("WARNING", logger="front.pagecache"):
        assert get(client, path)["X-Page-Cache"] == "miss"
    assert not caplog.records
    assert get(client, path)["X-Page-Cache"] == "hit"


# --- Written on the second read (PAGE_CACHE_WRITE_ON_READ = 2) ------------------------------


@pytest.fixture
def on_second_read(settings):
    settings.PAGE_CACHE_WRITE_ON_READ = 2


def test_a_page_asked_for_once_is_not_written_to_the_cache(client, article, on_second_read):
    path = article.get_absolute_url()

    assert get(client, path)["X-Page-Cache"] == "miss"

    assert cache.get(pagecache.cache_key(RequestFactory().get(path))) is None
    assert get(client, path)["X-Page-Cache"] == "miss"


def test_a_page_asked_for_again_is_kept_and_served_from_the_cache_the_third_time(client, article, on_second_read):
    path = article.get_absolute_url()
    key = pagecache.cache_key(RequestFactory().get(path))
    get(client, path)

    again = get(client, path)

    assert again["X-Page-Cache"] == "miss"
    assert isinstance(cache.get(key), pagecache.StoredPage)
    third = get(client, path)
    assert third["X-Page-Cache"] == "hit"
    assert third.content == again.content


def test_a_page_not_kept_is_answered_with_the_headers_of_a_kept_one(client, article, on_second_read):
    once = get(client, article.get_absolute_url())
    kept = get(client, article.get_absolute_url())

    assert once["Cache-Control"] == kept["Cache-Control"] == "public, max-age=0, must-revalidate"
    assert once["ETag"] == kept["ETag"]
    assert once["X-Accel-Expires"] == kept["X-Accel-Expires"]


def test_a_page_asked_for_in_another_process_is_kept_when_asked_for_here(client, article, on_second_read, monkeypatch):
    path = article.get_absolute_url()
    get(client, path)
    # Another server process: nothing of the first read in this one's memory, only in the cache.
    monkeypatch.setattr(pagecache, "copies", pagecache.ProcessCopies(limit=pagecache.copies.limit))

    get(client, path)

    assert get(client, path)["X-Page-Cache"] == "hit"


def test_a_change_between_the_two_reads_shows_on_the_second_and_after(client, article, on_second_read):
    path = article.get_absolute_url()
    get(client, path)
    article.title = "Changed Between Two Readers"
    article.save()

    assert shows(client, path, "Changed Between Two Readers")
    assert get(client, path)["X-Page-Cache"] == "hit"
    assert shows(client, path, "Changed Between Two Readers")


def test_a_change_after_the_lookup_before_the_render_is_never_served_from_the_copy(client, article, monkeypatch):
    # The render takes the content's version the lookup read: a change landing in between leaves the
    # copy recorded against the version before it, so the copy is never current.
    path = article.get_absolute_url()
    real_look_up = pagecache._look_up

    def change_after_looking_up(key):
        found = real_look_up(key)
        edit_quietly(article, "Changed While Rendering")
        pagecache.bump([pagecache.CONTENT])
        return found

    with monkeypatch.context() as patch:
        patch.setattr(pagecache, "_look_up", change_after_looking_up)
        assert "Changed While Rendering" in get(client, path).content.decode()

    assert get(client, path)["X-Page-Cache"] == "miss"
    assert get(client, path)["X-Page-Cache"] == "hit"
    assert "Changed While Rendering" in get(client, path).content.decode()


# Round trips to Redis: on the Redis backend only (the autouse fixture's other parameter is local memory).
@pytest.mark.parametrize("backend", ["redis"], indirect=True)
@pytest.mark.parametrize(("write_on_read", "trips"), [(1, 3), (2, 2)])
def test_the_round_trips_to_redis_of_a_page_asked_for_the_first_time(
    client, article, backend, settings, monkeypatch, write_on_read, trips
):
    # The lookup (the page, the content's version; with 2, the mark that it was asked for), the
    # versions of the comments the page shows (added in the same trip: never given before), and
    # with 1 the copy written.
    import redis.connection

    settings.PAGE_CACHE_WRITE_ON_READ = write_on_read
    sent = []
    real_send = redis.connection.AbstractConnection.send_packed_command

    def counted(self, command, check_health=True):
        sent.append(command)
        return real_send(self, command, check_health)

    # Nothing kept by this process from an earlier test at the same address; the process's first
    # render reads the schedule.
    monkeypatch.setattr(pagecache, "copies", pagecache.ProcessCopies(limit=pagecache.copies.limit))
    get(client, ArticleFactory().get_absolute_url())
    monkeypatch.setattr(redis.connection.AbstractConnection, "send_packed_command", counted)

    get(client, article.get_absolute_url())

    assert len(sent) == trips


@pytest.mark.parametrize("options", [{}, {"KEY_PREFIX": "site", "VERSION": 3}], ids=["plain", "prefixed"])
def test_the_redis_cache_reads_many_and_adds_one_as_django_s_does(backend, options):
    from django.core.cache.backends.redis import RedisCache as DjangoRedisCache

    from core.cache import RedisCache

    ours, django_s = RedisCache(REDIS_URL, options), DjangoRedisCache(REDIS_URL, options)
    django_s.set_many({"a": 1, "b": "two"})
    try:
        assert ours.get_many_and_add(["a", "b", "missing"], "mark", 1, timeout=60) == ({"a": 1, "b": "two"}, True)
        assert ours.get_many_and_add(["a"], "mark", 2, timeout=60) == ({"a": 1}, False)
        assert django_s.get("mark") == 1
    finally:
        django_s.delete_many(["a", "b", "mark"])
