"""The address filled in from the title, in a browser: one that still redirects is refused, not taken over."""

import pytest
import requests
from playwright.sync_api import expect

from articles.models import Article, FormerSlug
from articles.writing import write_article
from tests.factories import PASSWORD, ArticleFactory, SectionFactory, user_with_role

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_automatic_address_of_a_new_draft_never_takes_over_a_redirect(page, live_server):
    moved = ArticleFactory(title="Anora", slug="anora")
    moved.slug = "anora-the-review"
    write_article(moved)
    SectionFactory(name="Film")
    user_with_role("Editor", username="editor")
    page.goto("/admin/login/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    page.goto("/admin/articles/article/add/")
    page.get_by_role("textbox", name="Title:", exact=True).press_sequentially("Anora")
    page.locator("#id_section").select_option(label="Film")
    expect(page.locator("#id_slug")).to_have_value("anora")
    page.locator("input[name=_save]").click()

    expect(page.locator(".field-slug .errorlist")).to_contain_text("“anora” was the address of “Anora”")
    expect(page.locator(".field-slug .errorlist")).to_contain_text("such as “anora-2”")
    assert Article.objects.count() == 1
    assert FormerSlug.objects.get(slug="anora").article == moved
    old = requests.get(f"{live_server.url}/articles/anora/", allow_redirects=False, timeout=10)
    assert (old.status_code, old.headers["Location"]) == (301, "/articles/anora-the-review/")

    page.locator("#id_slug").fill("anora-2")
    page.locator("input[name=_save]").click()

    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    assert Article.objects.get(slug="anora-2").status == Article.Status.DRAFT
