"""In a real browser: notifications of the workflow arrive in the admin's header and list (and as
mail, in Django's test outbox), and the article form's SEO previews follow what is typed."""

import re

import pytest
from playwright.sync_api import expect

from articles.models import Article
from tests.browser.conftest import ARTIFACTS, log_in
from tests.factories import ArticleFactory, ImageFactory, user_with_role

pytestmark = pytest.mark.django_db(transaction=True)

NOTE = "Cut the second paragraph; the ending earns it."


@pytest.fixture
def other_page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    page.wait_for_load_state("networkidle")
    context.close()


def test_notifications_arrive_in_the_admin_and_by_mail(page, other_page, live_server, mailoutbox, settings):
    settings.SITE_URL = live_server.url
    writer = user_with_role("Contributor", username="writer", first_name="Wanda", last_name="Writer")
    user_with_role("Editor", username="editor", first_name="Eddie", last_name="Editor")
    article = ArticleFactory(title="Motel Summers", draft=True, authors=[writer.author])
    change_url = f"/admin/articles/article/{article.pk}/change/"

    # The writer submits.
    log_in(page, live_server, "writer")
    page.goto(change_url)
    page.get_by_role("button", name="Save and submit for review").click()
    expect(page.locator(".messagelist")).to_contain_text("submitted for review")

    # The editor sees it counted in the header of any page, opens the list and the article.
    editor = other_page
    log_in(editor, live_server, "editor")
    editor.goto("/admin/")
    header_link = editor.get_by_role("link", name=re.compile(r"^Notifications"))
    expect(header_link).to_have_text("Notifications (1 unread)")
    header_link.click()
    expect(editor.locator("#result_list")).to_contain_text("Wanda Writer submitted it for review.")
    editor.get_by_role("link", name="Motel Summers").click()
    expect(editor).to_have_url(re.compile(re.escape(change_url) + "$"))
    expect(editor.get_by_role("link", name=re.compile(r"^Notifications"))).to_have_text("Notifications")

    # The editor sends it back; the writer finds the note in their notifications.
    editor.get_by_label("Note for the writer").fill(NOTE)
    editor.get_by_role("button", name="Send back to the writer").click()
    expect(editor.locator(".messagelist")).to_contain_text("Sent back")
    page.goto("/admin/")
    page.get_by_role("link", name="Notifications (1 unread)").click()
    expect(page.locator("#result_list")).to_contain_text(NOTE)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=ARTIFACTS / "notifications-writer.png", full_page=True)

    # Mark all read empties the count.
    page.get_by_role("button", name="Mark all 1 as read").click()
    expect(page.locator(".messagelist")).to_contain_text("Marked 1 notification(s) as read.")
    expect(page.get_by_role("link", name=re.compile(r"^Notifications"))).to_have_text("Notifications")

    # And both came by mail, with links to the article on the site's address.
    assert [mail.to for mail in mailoutbox] == [["editor@example.org"], ["writer@example.org"]]
    assert "In review: Motel Summers" in mailoutbox[0].subject
    assert NOTE in mailoutbox[1].body
    assert f"{live_server.url}{change_url}" in mailoutbox[1].body


def test_the_seo_previews_follow_what_is_typed(page, live_server):
    user_with_role("Editor", username="editor")
    article = ArticleFactory(
        title="The Long Goodbye, Fifty Years On",
        slug="long-goodbye",
        dek="Altman's Marlowe mumbles through a Los Angeles that has stopped caring.",
        hero=ImageFactory(alt="Elliott Gould lights a match"),
        status=Article.Status.DRAFT,
        publish_at=None,
    )
    log_in(page, live_server, "editor")
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    preview = page.locator(".seo-preview")
    result_title = preview.locator(".seo-result-title")
    card_title = preview.locator(".seo-card-title")
    description = preview.locator(".seo-result-description")

    # Empty SEO fields: the headline and the dek, as the reader's page will say.
    expect(result_title).to_have_text("The Long Goodbye, Fifty Years On · The Long Take")
    expect(description).to_have_text(article.dek)
    expect(preview.locator(".seo-card-picture")).to_be_visible()

    page.get_by_label("SEO title:").fill("The Long Goodbye at 50")
    expect(result_title).to_have_text("The Long Goodbye at 50 · The Long Take")
    expect(card_title).to_have_text("The Long Goodbye at 50")

    page.get_by_label("Meta description:").fill("Why Altman's noir still feels modern.")
    expect(description).to_have_text("Why Altman's noir still feels modern.")
    expect(preview.locator(".seo-card-description")).to_have_text("Why Altman's noir still feels modern.")
    expect(page.locator("#id_seo_description-count")).to_have_text("37 of 160 characters")

    # A title longer than results show is cut as they cut it; the count says it is within the limit.
    page.get_by_label("SEO title:").fill("A title long enough that a search engine would never show all of it")
    expect(result_title).to_contain_text("…")
    expect(card_title).to_have_text("A title long enough that a search engine would never show all of it")

    page.locator("#id_slug").fill("the-long-goodbye-at-50")
    expect(preview.locator(".seo-result-url")).to_have_text(re.compile(r"/articles/the-long-goodbye-at-50/$"))

    # Cleared, it falls back to the headline again.
    page.get_by_label("SEO title:").fill("")
    expect(card_title).to_have_text("The Long Goodbye, Fifty Years On")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    preview.screenshot(path=ARTIFACTS / "seo-preview.png")
