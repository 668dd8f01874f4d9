"""The desk's day in a real browser: a writer drafts and submits, an editor sends it back with a
note, the writer revises, the editor previews, schedules and publishes, a reader sees it, and
the history shows every step."""

import re

import pytest
from playwright.sync_api import expect

from articles.models import Article
from tests.browser.conftest import ARTIFACTS
from tests.factories import PASSWORD, SectionFactory, user_with_role

pytestmark = pytest.mark.django_db(transaction=True)

NOTE = "The opening buries the lede: start with the motel, not the highway."


@pytest.fixture
def new_page(browser, live_server):
    """Pages in contexts of their own (separate logins), all closed after the test."""
    contexts = []

    def make():
        context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def log_in(new_page, username):
    page = new_page()
    page.set_default_timeout(10_000)
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Today at the desk")).to_be_visible()
    return page


def shot(page, name):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"workflow-{name}.png", full_page=True)


def test_from_draft_to_reader_with_every_step_in_the_history(new_page):
    SectionFactory(name="Film", slug="film")
    user_with_role("Contributor", username="writer", first_name="Wanda", last_name="Writer")
    user_with_role("Editor", username="editor", first_name="Eddie", last_name="Editor")

    # The writer drafts an article and submits it.
    writer = log_in(new_page, "writer")
    writer.goto("/admin/articles/article/add/")
    writer.get_by_role("textbox", name="Title:", exact=True).fill("Motel Summers")
    writer.locator("#id_section").select_option(label="Film")
    writer.get_by_role("textbox", name="Body").click()
    writer.keyboard.type("The highway hums past the motel.")
    writer.keyboard.press("Enter")
    writer.keyboard.type("The motel is purple.")
    writer.get_by_role("button", name="Save and submit for review").click()
    expect(writer.locator(".messagelist")).to_contain_text("submitted for review")
    article = Article.objects.get(title="Motel Summers")
    assert article.slug == "motel-summers"  # filled in from the title
    assert article.status == Article.Status.REVIEW
    assert article.bylines[0].name == "Wanda Writer" or article.bylines[0].user.username == "writer"
    change_url = f"/admin/articles/article/{article.pk}/change/"

    # The editor sends it back with a note.
    editor = log_in(new_page, "editor")
    expect(editor.locator(".desk-panel-review")).to_contain_text("Motel Summers")
    editor.goto(change_url)
    editor.get_by_label("Note for the writer").fill(NOTE)
    editor.get_by_role("button", name="Send back to the writer").click()
    expect(editor.locator(".messagelist")).to_contain_text("Sent back")
    shot(editor, "sent-back")

    # The writer reads the note, revises and submits again.
    writer.goto(change_url)
    expect(writer.locator(".editor-note")).to_contain_text(NOTE)
    body = writer.get_by_role("textbox", name="Body")
    body.click()
    writer.keyboard.press("Control+A")
    writer.keyboard.type("The motel is purple, and summer never ends there.")
    writer.get_by_role("button", name="Save and submit for review").click()
    expect(writer.locator(".messagelist")).to_contain_text("submitted for review")

    # The editor previews it as readers would see it.
    editor.goto(change_url)
    editor.get_by_role("link", name="Preview", exact=True).click()
    expect(editor.get_by_role("heading", level=1)).to_have_text("Motel Summers")
    expect(editor.locator(".preview-banner")).to_contain_text("Readers cannot see this article yet")
    expect(editor.locator(".article-body")).to_contain_text("summer never ends there")
    # The share link is selected whole on focus, ready to copy.
    share = editor.get_by_label("Share preview", exact=False)
    share.focus()
    assert (
        share.evaluate("field => field.value.slice(field.selectionStart, field.selectionEnd)") == share.input_value()
    )
    shot(editor, "preview")

    # The editor schedules it: readers do not see it yet.
    editor.goto(change_url)
    editor.get_by_role("button", name="Schedule").click()
    expect(editor.locator(".messagelist")).to_contain_text("goes live by itself")
    reader = new_page()
    assert reader.goto("/articles/motel-summers/").status == 404

    # Then publishes it now, and a reader sees it.
    editor.get_by_role("button", name="Publish now").click()
    expect(editor.locator(".messagelist")).to_contain_text("Published")
    response = reader.goto("/articles/motel-summers/")
    assert response.status == 200
    expect(reader.get_by_role("heading", level=1)).to_have_text("Motel Summers")
    expect(reader.locator(".article-body")).to_contain_text("summer never ends there")
    reader.goto("/")
    expect(reader.get_by_role("link", name="Motel Summers")).to_be_visible()
    shot(reader, "reader")

    # The history shows every step, newest first, with who did it.
    editor.goto(change_url)
    editor.get_by_role("link", name="History").click()
    rows = editor.locator("#change-history tbody tr")
    expect(rows).to_have_count(5)
    steps = [
        ("Eddie Editor", r"^Published\.$"),
        ("Eddie Editor", r"^Scheduled for "),
        ("Wanda Writer", r"^Changed Body\. Submitted for review\.$"),
        ("Eddie Editor", rf"^Sent back to the writer: {re.escape(NOTE)}$"),
        ("Wanda Writer", r"^Added\. Added byline “Wanda Writer”\. Submitted for review\.$"),
    ]
    for index, (who, what) in enumerate(steps):
        row = rows.nth(index)
        expect(row.locator("td").nth(2)).to_have_text(who)
        expect(row.locator(".revision-comment")).to_have_text(re.compile(what))
    shot(editor, "history")

    # And the diff between the first submission and the revision shows the writer's changes.
    editor.get_by_role("radio", name=re.compile("Compare from")).nth(4).check()
    editor.get_by_role("radio", name=re.compile("Compare to")).nth(2).check()
    editor.get_by_role("button", name="Compare selected revisions").click()
    expect(editor.locator(".diff-body ins").last).to_contain_text("summer never ends there")
    expect(editor.locator(".diff-body del").first).to_contain_text("The highway hums past the motel.")
    shot(editor, "diff")
