"""The demo's pictures are drawn by the project, at the sizes the site uses."""

import pytest

from demo import content, pictures


@pytest.mark.parametrize("slug", sorted(pictures.HEROES))
def test_each_hero_is_a_full_size_drawing(slug):
    drawn = pictures.HEROES[slug]()

    assert drawn.size == (1600, 900)
    assert len(drawn.getcolors(maxcolors=1_000_000)) >= 4  # shapes drawn, not a flat field


def test_every_demo_article_has_a_drawing():
    assert {article["slug"] for article in content.ARTICLES} <= set(pictures.HEROES)


@pytest.mark.parametrize("film", content.FILMS, ids=[film["slug"] for film in content.FILMS])
def test_each_film_gets_a_poster_with_its_own_colours(film):
    drawn = pictures.poster(slug=film["slug"], title=film["title"], year=film["year"], director="Sean Baker")

    assert drawn.size == (1000, 1500)
    assert film["slug"] in pictures.POSTERS
    assert film["title"] in pictures.poster_alt(slug=film["slug"], title=film["title"])


def test_the_director_s_portrait_is_a_square_drawing():
    draw, alt = pictures.PORTRAITS["sean-baker"]
    drawn = draw()

    assert drawn.size == (900, 900)
    assert len(drawn.getcolors(maxcolors=1_000_000)) >= 4
    assert alt.startswith("Portrait drawn for the demo")


def test_the_share_picture_has_the_proportions_other_sites_show():
    drawn = pictures.share_picture(name="The Long Take")

    assert drawn.size == (1200, 630)
    assert "The Long Take" in pictures.share_picture_alt(name="The Long Take")
