"""`rerender --check` (how CI runs it): the demo's stored pages are what rendering them from scratch gives."""

import io

import pytest
from django.core.management import CommandError, call_command

from renderings.models import ArticlePage

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
