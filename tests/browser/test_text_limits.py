"""The article form's headline counts what is typed or pasted and never cuts it: an over-long one
is refused with a message, and kept (core/textlimits.py, static/js/textlimit.js)."""

import pytest

from articles.models import Article
from tests.factories import PASSWORD, SectionFactory, user_with_role

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_pasted_long_headline_is_counted_refused_and_kept_whole(page):
    SectionFactory(name="Film", slug="film")
    user_with_role("Editor", username="editor")
    page.goto("/admin/login/?next=/admin/articles/article/add/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/articles/article/add/")
    pasted = "A headline that goes on " * 41 + "and on."  # 991 characters
    title = page.get_by_role("textbox", name="Title:", exact=True)

    title.focus()
    page.keyboard.insert_text(pasted)  # as a paste arrives: the browser's maxlength would cut it here

    assert title.input_value() == pasted
    assert page.locator("#id_title-count").inner_text() == (
        "991 of 300 characters: 691 too many. Shorten it before saving."
    )
    page.locator("#id_section").select_option(label="Film")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_load_state()
    assert (
        "This is 991 characters long; the limit is 300. Shorten it by 691"
        in page.locator(".errorlist").first.inner_text()
    )
    assert page.get_by_role("textbox", name="Title:", exact=True).input_value() == pasted
    assert not Article.objects.exists()
