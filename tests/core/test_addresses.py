"""Addresses by slug are remembered, but never across a change of slug or of script prefix."""

from django.urls import set_script_prefix

from articles.models import Article, Section


def test_an_address_is_the_one_reverse_gives_and_follows_the_slug():
    section = Section(slug="film")
    assert section.get_absolute_url() == "/sections/film/"
    assert section.get_absolute_url() == "/sections/film/"

    section.slug = "cinema"

    assert section.get_absolute_url() == "/sections/cinema/"


def test_an_address_follows_the_script_prefix_the_site_is_served_under():
    article = Article(slug="anora")
    assert article.get_absolute_url() == "/articles/anora/"

    set_script_prefix("/magazine/")
    try:
        assert article.get_absolute_url() == "/magazine/articles/anora/"
    finally:
        set_script_prefix("/")

    assert article.get_absolute_url() == "/articles/anora/"
