"""In a real browser: notifications of the workflow arrive in the admin's header and list, and as
mail (Django's test outbox)."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS, log_in
from tests.factories import ArticleFactory, user_with_role

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
