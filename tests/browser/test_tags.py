"""The article form's tag field in a browser: what a writer types is what the field keeps."""

import pytest
from playwright.sync_api import expect

from articles.models import Article
from tests.factories import PASSWORD, ArticleFactory, SectionFactory, user_with_role

pytestmark = pytest.mark.django_db(transaction=True)

TYPED = ["Celine Song", "A24", "friendship", "Crouching Tiger, Hidden Dragon", 'Say "when"', "Céline Sciamma"]


@pytest.fixture
def add_form(page):
    ArticleFactory().tags.add("friendship")
    SectionFactory(name="Film")
    user_with_role("Editor", username="editor")
    page.goto("/admin/login/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto("/admin/articles/article/add/")
    return page


def chosen(page) -> list[str]:
    return page.locator("#id_tags").evaluate("select => [...select.selectedOptions].map(option => option.value)")


def type_tag(page, name: str) -> None:
    """Type as a person does, and press Enter straight after the last letter."""
    field = page.locator(".field-tags .select2-search__field")
    field.click()
    field.press_sequentially(name, delay=40)
    field.press("Enter")


def test_every_typed_tag_stays_in_the_field(add_form):
    for name in TYPED:
        type_tag(add_form, name)

    assert chosen(add_form) == TYPED
    expect(add_form.locator(".field-tags .select2-selection__choice")).to_have_count(len(TYPED))


def test_typed_tags_are_saved_as_typed(add_form):
    add_form.get_by_role("textbox", name="Title:", exact=True).fill("Past Lives, at last")
    add_form.locator("#id_section").select_option(label="Film")
    for name in TYPED:
        type_tag(add_form, name)
    add_form.locator("input[name=_save]").click()

    expect(add_form.locator(".messagelist")).to_contain_text("was added successfully")
    assert sorted(Article.objects.get(title="Past Lives, at last").tags.names()) == sorted(TYPED)


def test_a_suggestion_chosen_with_the_arrow_keys_is_the_one_added(add_form):
    field = add_form.locator(".field-tags .select2-search__field")
    field.click()
    field.press_sequentially("frie", delay=40)
    expect(add_form.locator(".select2-results__option", has_text="friendship")).to_be_visible()
    field.press("ArrowDown")
    field.press("Enter")

    assert chosen(add_form) == ["friendship"]


def test_enter_in_an_empty_tag_field_adds_nothing(add_form):
    field = add_form.locator(".field-tags .select2-search__field")
    field.click()
    field.press_sequentially("   ", delay=40)
    # The suggestions (every tag, for a blank) are showing: Enter still picks none of them.
    expect(add_form.locator(".select2-results__option", has_text="friendship")).to_be_visible()
    field.press("Enter")

    assert chosen(add_form) == []
