"""The desk as editors see it at 1280 px: the article form's layout, its works cited, the body editor's lists."""

import pytest
from playwright.sync_api import expect

from articles.models import Article
from tests.browser.conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)

ANORA = "anora-sex-work-and-the-fantasies-of-genre"


@pytest.fixture
def anora_form(page, demo, live_server):
    """The demo's Anora essay (six works cited) open in its change form, as the demo's editor."""
    log_in(page, live_server, "editor")
    article = Article.objects.get(slug=ANORA)
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    return article


@pytest.mark.parametrize("field", ["title", "slug", "dek"])
def test_title_slug_and_dek_are_as_wide_as_the_body_editor(page, anora_form, field):
    width = page.locator(f"#id_{field}").bounding_box()["width"]
    editor = page.locator(".richtext").bounding_box()["width"]

    # They were 274 px, which cut headlines off; the body editor is 48rem.
    assert width >= editor * 0.9


def test_the_anora_essay_s_form_is_a_third_shorter_at_1280px(page, anora_form):
    height = page.evaluate("document.documentElement.scrollHeight")

    # Measured with the demo's essay: 11,047 px with each work cited a stacked block of thirteen
    # fields; about 7,000 now, of which the body (the essay itself, which the editor shows whole) is 4,700,
    # and some 550 more since the essay has a table and two footnotes.
    assert height < 8_000


def test_each_work_cited_is_one_line_in_mla_style_until_opened(page, anora_form):
    works = page.locator("#citations-group .citation.has_original")

    expect(works).to_have_count(6)
    first = works.first
    title = "Capitalist Realism: Is There No Alternative?"
    expect(first.locator("summary")).to_have_text(f"Fisher, Mark. {title} Zero Books, 2009.")
    expect(first.locator("summary cite")).to_have_text(title)
    expect(first.get_by_label("Title:")).to_be_hidden()
    for index in range(6):
        assert works.nth(index).bounding_box()["height"] < 60


def test_a_work_cited_opens_to_be_edited_and_saves(page, anora_form):
    first = page.locator("#citations-group .citation").first
    first.locator("summary").click()
    first.get_by_label("Pages:").fill("12–30")
    page.get_by_role("button", name="Save and continue editing").click()

    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    assert anora_form.citations.get(author="Fisher, Mark").pages == "12–30"


def test_a_new_work_cited_opens_with_its_fields_shown(page, anora_form):
    page.get_by_role("button", name="Add another Work cited").click()

    new = page.locator("#citations-group .citation").nth(6)
    expect(new.get_by_label("Title:")).to_be_visible()


def test_embargo_and_comment_settings_start_folded_away(page, anora_form):
    expect(page.get_by_label("Embargo set by:")).to_be_hidden()
    expect(page.get_by_label("Comments:")).to_be_hidden()

    page.locator("summary", has_text="Publishing").click()

    expect(page.get_by_label("Embargo set by:")).to_be_visible()
    expect(page.get_by_label("Comments:")).to_be_visible()


def test_bulleted_lists_in_the_body_editor_show_bullets_beside_the_text(page, anora_form):
    page.get_by_role("textbox", name="Body").click()
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    page.get_by_role("toolbar", name="Formatting").get_by_role("button", name="Bulleted list").click()
    page.keyboard.type("Starlet")

    item = page.locator(".richtext-content ul li").last
    style = item.evaluate(
        """li => ({
            bullet: getComputedStyle(li).listStyleType,
            indent: li.getBoundingClientRect().left - li.closest('.richtext-content').getBoundingClientRect().left,
            size: getComputedStyle(li.querySelector('p')).fontSize,
            text: getComputedStyle(li.closest('.richtext-content').querySelector('p')).fontSize,
        })"""
    )
    assert style["bullet"] == "disc"
    # The admin's own lists in aligned forms are pushed 170 px right and lose their bullets.
    assert style["indent"] < 60
    assert style["size"] == style["text"]
