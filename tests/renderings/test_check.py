"""`rerender --check` (how CI runs it): the demo's stored pages are what rendering them from scratch gives."""

import io

import pytest
from django.core.management import CommandError, call_command

from renderings.models import ArticlePage, PageHeader
from tests.factories import ArticleFactory, FilmFactory
from tests.renderings.pages import drain_worker

pytestmark = pytest.mark.django_db


def test_the_demo_leaves_every_stored_rendering_as_a_rendering_from_scratch_gives_it(demo):
    out = io.StringIO()
    call_command("rerender", "--check", stdout=out, stderr=io.StringIO())

    assert "Every stored rendering is what rendering it from scratch gives." in out.getvalue()


def test_check_fails_and_names_a_stored_part_that_differs(demo):
    page = ArticlePage.objects.get(article__slug="anora-sex-work-and-the-fantasies-of-genre")
    page.parts["footer"] = page.parts["footer"].replace("Works Cited", "Works Sited")
    page.save()
    out = io.StringIO()

    with pytest.raises(CommandError, match="1 stored rendering"):
        call_command("rerender", "--check", stdout=out, stderr=io.StringIO())

    assert f"article-page: article {page.pk} footer: at character" in out.getvalue()
    assert "Works Sited" in out.getvalue()


def test_rerender_all_puts_back_what_was_lost(demo):
    ArticlePage.objects.all().delete()

    call_command("rerender", "--all", stderr=io.StringIO())
    call_command("rerender", "--check", stdout=io.StringIO(), stderr=io.StringIO())

    assert ArticlePage.objects.count() > 10


def test_rerender_refuses_ids_that_are_not_numbers(db):
    with pytest.raises(CommandError, match="article ids separated by commas"):
        call_command("rerender", "--articles", "12,x", stderr=io.StringIO())


def test_rerender_articles_renders_those_articles_and_leaves_other_pages_alone(db):
    first, _second = ArticleFactory(), ArticleFactory()
    FilmFactory(pk=first.pk)
    drain_worker()
    ArticlePage.objects.all().delete()
    PageHeader.objects.all().delete()

    err = io.StringIO()
    call_command("rerender", "--articles", f"{first.pk}", stderr=err)

    assert list(ArticlePage.objects.values_list("pk", flat=True)) == [first.pk]
    # The id is an article's: no work, person or section whose id it happens to be is rendered.
    assert not PageHeader.objects.exists()
    assert "header" not in err.getvalue()


@pytest.mark.django_db(transaction=True)
def test_rerender_all_with_two_jobs_renders_every_batch_in_processes_of_its_own():
    # transaction=True: the forked processes open their own connections, so they must see committed rows.
    articles = ArticleFactory.create_batch(5)
    drain_worker()
    ArticlePage.objects.all().delete()

    err = io.StringIO()
    call_command("rerender", "--all", "--jobs", "2", "--batch-size", "2", stderr=err)

    assert sorted(ArticlePage.objects.values_list("pk", flat=True)) == sorted(a.pk for a in articles)
    assert "article-page: 5/5 in" in err.getvalue()
    article = articles[0]
    ArticlePage.objects.filter(pk=article.pk).update(parts={})
    out = io.StringIO()
    with pytest.raises(CommandError, match="stored rendering"):
        call_command("rerender", "--check", "--jobs", "2", "--batch-size", "2", stdout=out, stderr=io.StringIO())
    assert f"article-page: article {article.pk}" in out.getvalue()


def test_rerender_refuses_jobs_below_one(db):
    with pytest.raises(CommandError, match="--jobs must be at least 1"):
        call_command("rerender", "--all", "--jobs", "0", stderr=io.StringIO())
