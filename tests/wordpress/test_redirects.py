"""Every old WordPress address answers a 301 to its new one, the page cache in front included."""

import pytest
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from django.test import RequestFactory

from front.pagecache import ServeStoredPages
from images.models import Image
from wordpress.redirects import AnswerOldQueriesFirst

from .conftest import MAGAZINE

pytestmark = pytest.mark.django_db


def moved(client, address: str) -> str:
    response = client.get(address)
    assert response.status_code == 301, (address, response.status_code)
    return response["Location"]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/2024/10/anora-night-shift/", "/articles/anora-night-shift/"),
        ("/2024/10/anora-night-shift", "/articles/anora-night-shift/"),
        ("/2024/10/anora-first-draft/", "/articles/anora-night-shift/"),  # _wp_old_slug
        ("/2024/10/anora-night-shift/feed/", "/articles/anora-night-shift/"),
        ("/category/cinema/", "/sections/cinema/"),
        ("/category/cinema/reviews/", "/sections/reviews/"),
        ("/category/reviews/", "/sections/reviews/"),
        ("/category/cinema/feed/", "/sections/cinema/feed/"),
        ("/tag/festivals/", "/tags/festivals/"),
        ("/tag/sean-baker/feed/", "/tags/sean-baker/feed/"),
        ("/author/ilse/", "/authors/ilse-vandermeer/"),
        ("/author/tomas/feed/", "/authors/tomas-ovrebo/feed/"),
        ("/comments/feed/", "/feed/"),
        ("/feed/rss2/", "/feed/"),
        ("/2024/10/", "/archive/2024/10/"),
        ("/2024/", "/archive/2024/"),
    ],
)
def test_an_old_path_moves_to_its_new_address(client, imported, old, new):
    assert moved(client, old) == new


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/?p=10", "/articles/anora-night-shift/"),
        ("/index.php?p=11", "/articles/aeroskobing-diary/"),
        ("/?cat=5", "/sections/reviews/"),
        ("/?tag=sean-baker", "/tags/sean-baker/"),
        ("/?author=3", "/authors/tomas-ovrebo/"),
        ("/?s=anora", "/search/?q=anora"),
        ("/?m=202410", "/archive/2024/10/"),
        ("/?feed=rss2", "/feed/"),
        ("/?cat=4&feed=rss2", "/sections/cinema/feed/"),
    ],
)
def test_an_old_query_moves_to_its_new_address(client, imported, old, new):
    assert moved(client, old) == new


def test_an_old_upload_moves_to_the_library_s_copy_in_any_size(client, imported):
    still = Image.objects.get(alt="Two figures under a boardwalk lamp at night")

    assert moved(client, "/wp-content/uploads/2024/10/still.jpg") == still.file.url
    assert moved(client, "/wp-content/uploads/2024/10/still-800x450.jpg") == still.file.url
    assert moved(client, "/?attachment_id=101") == still.file.url


def test_posts_that_are_not_public_do_not_move_anywhere(client, imported):
    assert client.get("/2099/06/florida-project-at-ten/").status_code == 404
    assert client.get("/2024/09/screener-etiquette/").status_code == 404
    assert client.get("/?p=12").status_code == 200  # the front page, as for any unknown query


def test_pages_are_not_imported_and_their_addresses_stay_404(client, imported):
    assert client.get("/about/").status_code == 404


def test_addresses_of_our_own_are_untouched(client, imported):
    assert client.get("/feed/").status_code == 200
    assert client.get("/articles/anora-night-shift/").status_code == 200
    assert client.get("/no-such-page/").status_code == 404


@pytest.mark.parametrize(
    "address",
    [
        "/%00/",
        "/" + "x" * 3000 + "/",
        "/tag/%00/feed/",
        "/?tag=%00",
        "/?s=%00",
        "/?p=1%00",
        "/?m=%00",
        "/?p=99999999999999999999999",
        "/?cat=%C2%B2",
        "/?m=99999999999999999999999",
    ],
)
def test_odd_addresses_never_error(client, imported, address):
    assert client.get(address).status_code in (200, 301, 404)


def test_an_old_address_costs_a_few_queries(client, imported, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        assert client.get("/?p=10").status_code == 301
    with django_assert_max_num_queries(8):
        assert client.get("/2024/10/anora-night-shift/").status_code == 301


# --- Before the stored pages (magazine/wsgi.py) -------------------------------------------------


@pytest.fixture
def wsgi_app():
    """The application as magazine/wsgi.py builds it, with the test's transaction kept across requests."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    django = WSGIHandler()
    yield AnswerOldQueriesFirst(ServeStoredPages(django), django)
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def wsgi(app, path: str) -> tuple[int, dict]:
    environ = RequestFactory().get(path).environ
    started = {}

    def start_response(status, headers, exc_info=None):
        started.update(status=int(status.split()[0]), headers=dict(headers))

    body = app(environ, start_response)
    b"".join(body)
    if hasattr(body, "close"):
        body.close()
    return started["status"], started["headers"]


def test_an_old_query_is_answered_before_the_stored_front_page(wsgi_app, imported, settings):
    settings.PAGE_CACHE_SECONDS = 600
    assert wsgi(wsgi_app, "/")[1]["X-Page-Cache"] == "miss"
    assert wsgi(wsgi_app, "/?utm_source=feed")[1]["X-Page-Cache"] == "hit"

    status, headers = wsgi(wsgi_app, "/?p=10")

    assert (status, headers["Location"]) == (301, "/articles/anora-night-shift/")


def test_the_django_app_with_the_page_cache_middleware_answers_an_old_query_too(client, imported, settings):
    settings.PAGE_CACHE_SECONDS = 600
    client.get("/")
    assert client.get("/").headers["X-Page-Cache"] == "hit"

    assert moved(client, "/?p=10") == "/articles/anora-night-shift/"


def test_an_old_query_goes_to_the_site_that_had_the_host_asked_for(client, imported, run_import, settings, tmp_path):
    # A second site with the same WordPress ids, its post 10 under another title.
    text = MAGAZINE.read_text(encoding="utf-8").replace("Night Shift: &#8216;Anora", "Day Shift: &#8216;Anora")
    other = tmp_path / "other.xml"
    other.write_text(text.replace("https://old-reel.example", "https://other-reel.example"), encoding="utf-8")
    run_import(other)
    settings.ALLOWED_HOSTS = ["testserver", "old-reel.example", "other-reel.example"]

    day = client.get("/?p=10", headers={"host": "other-reel.example"})
    night = client.get("/?p=10", headers={"host": "old-reel.example"})

    assert (day.status_code, night.status_code) == (301, 301)
    assert night["Location"] == "/articles/anora-night-shift/"
    assert day["Location"] == "/articles/anora-night-shift-2/"
