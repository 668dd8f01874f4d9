"""Pictures from the media library on readers' pages: hero, cards, Open Graph, posters, body figures."""

import os
import re

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from articles.writing import write_article
from tests.factories import ArticleFactory, FilmFactory, ImageFactory

pytestmark = pytest.mark.django_db


def _html(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def _figure_markup(image) -> str:
    return f'<figure data-image="{image.pk}"></figure>'


def test_article_page_shows_the_hero_with_srcset_and_dimensions(client):
    hero = ImageFactory(alt="A pink motel under a violet sky", caption="The Magic Castle", credit="Drawing: desk")
    article = ArticleFactory(hero=hero)

    html = _html(client, article.get_absolute_url())

    hero_html = re.search(r'<figure class="hero">.*?</figure>', html, re.DOTALL).group()
    assert f'srcset="{hero.srcset}"' in hero_html
    assert 'width="1600" height="900"' in hero_html
    assert 'alt="A pink motel under a violet sky"' in hero_html
    assert 'sizes="(min-width: 42rem) 38rem, 100vw"' in hero_html
    assert "The Magic Castle" in hero_html and '<span class="credit">Drawing: desk</span>' in hero_html


def test_open_graph_image_is_the_absolute_url_of_the_jpeg_share_crop(client):
    hero = ImageFactory(alt="A motel at dusk")
    article = ArticleFactory(hero=hero)

    html = _html(client, article.get_absolute_url())

    assert f'<meta property="og:image" content="http://testserver{hero.share.url}">' in html
    assert '<meta property="og:image:width" content="1200">' in html
    assert '<meta property="og:image:height" content="628">' in html  # cropped to 1.91 : 1
    assert '<meta property="og:image:alt" content="A motel at dusk">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert f'<meta name="twitter:image" content="http://testserver{hero.share.url}">' in html


def test_an_article_without_a_hero_has_no_hero_or_open_graph_image(client):
    html = _html(client, ArticleFactory().get_absolute_url())

    assert 'class="hero"' not in html and "og:image" not in html


def test_cards_on_lists_show_the_hero_cropped_to_three_by_two_at_the_width_of_their_column(client):
    hero = ImageFactory()
    article = ArticleFactory(hero=hero)

    html = _html(client, article.section.get_absolute_url())

    card = re.search(r'<div class="card-image">(.*?)</div>', html, re.DOTALL).group(1)
    assert f'srcset="{hero.card.srcset}"' in card
    # Lists are laid out as the front page's grid: three columns on a wide screen, two on a tablet.
    assert 'sizes="(min-width: 68rem) 19rem, (min-width: 48rem) 50vw, 100vw"' in card
    assert 'loading="lazy"' in card and 'width="800" height="533"' in card


def test_front_page_cards_ask_for_pictures_as_wide_as_their_column(client):
    ArticleFactory(hero=ImageFactory())

    html = _html(client, "/")

    card = re.search(r'<div class="card-image">(.*?)</div>', html, re.DOTALL).group(1)
    assert 'sizes="(min-width: 68rem) 19rem, (min-width: 48rem) 50vw, 100vw"' in card


def test_a_library_picture_in_the_body_is_a_figure_with_srcset_dimensions_caption_and_credit(client):
    image = ImageFactory(alt="Ani at the club", caption="Mikey Madison as Ani.", credit="Drawing: the desk")
    article = ArticleFactory(body=f"<p>Before.</p>{_figure_markup(image)}<p>After.</p>")

    html = _html(client, article.get_absolute_url())

    figure = re.search(r'<figure data-image="\d+">.*?</figure>', html, re.DOTALL).group()
    assert f'srcset="{image.srcset}"' in figure
    assert f'src="{image.src}"' in figure
    assert 'width="1600" height="900"' in figure
    assert 'alt="Ani at the club"' in figure
    assert "<figcaption>Mikey Madison as Ani. <small>Drawing: the desk</small></figcaption>" in figure


def test_forged_markup_in_a_library_figure_is_replaced_by_the_library_s(client):
    image = ImageFactory(alt="The real alt text")
    forged = (
        f'<figure data-image="{image.pk}" onclick="steal()"><img src="https://tracker.example/p.gif" '
        f'onerror="alert(1)" alt="forged"><figcaption>forged <script>alert(1)</script></figcaption></figure>'
    )

    article = ArticleFactory(body=forged)

    assert "forged" not in article.body and "tracker.example" not in article.body
    assert 'alt="The real alt text"' in article.body and f'srcset="{image.srcset}"' in article.body


def test_saving_the_body_again_keeps_the_figure_as_it_is():
    image = ImageFactory(caption="A caption")
    article = ArticleFactory(body=f"<p>Text</p>{_figure_markup(image)}")
    first = article.body

    write_article(article)

    assert article.body == first


def test_a_figure_whose_picture_left_the_library_is_dropped_when_the_body_is_saved():
    image = ImageFactory()
    article = ArticleFactory(body=f"<p>Kept.</p>{_figure_markup(image)}")
    image.delete()

    write_article(article)

    assert article.body == "<p>Kept.</p>"


def test_a_picture_used_as_a_hero_cannot_be_deleted():
    from django.db.models import ProtectedError

    image = ImageFactory()
    ArticleFactory(hero=image)

    with pytest.raises(ProtectedError):
        image.delete()


def _media_files() -> dict[str, float]:
    found = {}
    for folder, _dirs, files in os.walk(settings.MEDIA_ROOT):
        for name in files:
            path = os.path.join(folder, name)
            found[path] = os.stat(path).st_mtime_ns
    return found


def test_serving_pages_never_makes_renditions_again(client, monkeypatch):
    hero, poster, inline = ImageFactory(), ImageFactory(size=(1000, 1500)), ImageFactory()
    film = FilmFactory(picture=poster)
    article = ArticleFactory(hero=hero, films=[film], body=_figure_markup(inline))
    before = _media_files()
    stored = {image.pk: image.renditions for image in (hero, poster, inline)}

    def refuse(*args, **kwargs):
        raise AssertionError("a page asked Pillow for a picture")

    monkeypatch.setattr("PIL.Image.open", refuse)
    monkeypatch.setattr("images.processing.encode", refuse)
    for _ in range(2):
        for url in ("/", article.get_absolute_url(), film.get_absolute_url()):
            _html(client, url)

    assert _media_files() == before
    for image in (hero, poster, inline):
        image.refresh_from_db()
        assert image.renditions == stored[image.pk]


def _queries(client, url: str) -> int:
    # A first read renders the stored article pages the test's writes left pending (their
    # transaction never commits: renderings/changes.py); the second is what every reader's costs.
    _html(client, url)
    with CaptureQueriesContext(connection) as queries:
        _html(client, url)
    return len(queries)


def test_pictures_add_no_queries_to_the_article_page(no_page_cache, client):
    plain = ArticleFactory(films=[FilmFactory()])
    pictured = ArticleFactory(
        hero=ImageFactory(),
        films=[FilmFactory(picture=ImageFactory())],
        body="".join(_figure_markup(ImageFactory()) for _ in range(3)),
    )

    assert _queries(client, pictured.get_absolute_url()) == _queries(client, plain.get_absolute_url())


def test_home_page_queries_do_not_grow_with_pictured_cards(client):
    ArticleFactory(hero=ImageFactory())
    few = _queries(client, "/")
    for _ in range(5):
        ArticleFactory(hero=ImageFactory(size=(800, 450)), films=[FilmFactory(picture=ImageFactory(size=(400, 600)))])
    many = _queries(client, "/")

    assert few == many
    assert Article.objects.filter(hero__isnull=False).count() == 6
