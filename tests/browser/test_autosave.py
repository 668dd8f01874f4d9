"""The article form in chromium: autosave and restore, the question before leaving, Ctrl/Cmd-S,
who else is editing, the live word count; axe and the width with the offer and the notice shown."""

import contextlib
import json

import pytest
from django.urls import reverse
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from articles import autosave, presence
from articles.autosave import Autosave
from articles.models import Article
from tests.browser.conftest import ARTIFACTS, log_in
from tests.factories import ArticleFactory, user_with_role

pytestmark = pytest.mark.django_db(transaction=True)

SENTENCE = "Bobby paints the motel lilac and the keys hang on a"


@pytest.fixture
def new_page(browser, live_server):
    """Pages in contexts of their own (one login each), closed after the test, none of which the
    Content-Security-Policy had to stop from doing anything."""
    contexts = []
    blocked = []

    def make(username):
        context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.on(
            "console",
            lambda message: blocked.append(message.text) if "Content Security Policy" in message.text else None,
        )
        log_in(page, live_server, username)
        return page

    make.blocked = blocked
    yield make
    for context in contexts:
        context.close()
    assert blocked == []


@pytest.fixture
def fast(monkeypatch):
    """Autosave and heartbeats every second, so that the tests need not wait ten."""
    monkeypatch.setattr(autosave, "INTERVAL_SECONDS", 1)
    monkeypatch.setattr(presence, "HEARTBEAT_SECONDS", 1)


@pytest.fixture
def writer():
    return user_with_role("Contributor", username="writer", first_name="Maren", last_name="Okafor")


@pytest.fixture
def draft(writer):
    return ArticleFactory(
        draft=True, title="What the Manager Knows", body="<p>The motel is purple.</p>", authors=[writer.author]
    )


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def body(page):
    return page.get_by_role("textbox", name="Body")


def type_in_body(page, text):
    body(page).click()
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    page.keyboard.type(text)


def wait_for_autosave_holding(page, *texts, seconds=10):
    """Until the writer's autosave on the server holds each of `texts`."""
    for _ in range(seconds * 5):
        if any(
            all(text in json.dumps(saved.data, ensure_ascii=False) for text in texts)
            for saved in Autosave.objects.all()
        ):
            return
        page.wait_for_timeout(200)
    raise AssertionError(f"No autosave holds {texts}")


def test_autosave_restores_the_text_after_the_tab_is_closed_mid_sentence(new_page, fast, writer, draft):
    page = new_page("writer")
    page.goto(change_url(draft))
    type_in_body(page, SENTENCE)
    page.locator("#id_dek").fill("A dek typed, never saved.")
    page.get_by_role("button", name="Add another Work cited").click()
    page.locator("#id_citations-0-title").fill("The Motel Chronicles")
    page.locator("#id_citations-0-title").blur()
    expect(page.locator("#autosave-status")).to_contain_text("Autosaved at", timeout=10_000)
    wait_for_autosave_holding(page, SENTENCE, "The Motel Chronicles", "A dek typed, never saved.")
    page.close()  # mid-sentence: the tab goes, nothing was saved

    page = new_page("writer")
    page.goto(change_url(draft))
    offer = page.get_by_role("region", name="You have unsaved changes from")
    expect(offer).to_be_visible()
    offer.get_by_role("button", name="Restore my changes").click()

    expect(body(page)).to_contain_text(SENTENCE)
    expect(page.locator("#id_dek")).to_have_value("A dek typed, never saved.")
    expect(page.locator("#id_citations-0-title")).to_have_value("The Motel Chronicles")
    expect(page.locator("#autosave-status")).to_be_focused()
    assert Article.objects.get(pk=draft.pk).dek != "A dek typed, never saved."
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    saved = Article.objects.get(pk=draft.pk)
    assert SENTENCE in saved.body and saved.dek == "A dek typed, never saved."
    assert [citation.title for citation in saved.citations.all()] == ["The Motel Chronicles"]
    assert not Autosave.objects.exists()


def test_autosave_keeps_a_new_article_for_the_add_form(new_page, fast, writer):
    page = new_page("writer")
    page.goto(reverse("admin:articles_article_add"))
    page.locator("#id_title").fill("A headline nobody saved")
    type_in_body(page, SENTENCE)
    wait_for_autosave_holding(page, SENTENCE, "A headline nobody saved")
    page.close()

    page = new_page("writer")
    page.goto(reverse("admin:articles_article_add"))
    page.get_by_role("button", name="Restore my changes").click()

    expect(page.locator("#id_title")).to_have_value("A headline nobody saved")
    expect(body(page)).to_contain_text(SENTENCE)


def test_discarding_the_offer_keeps_the_saved_article(new_page, writer, draft):
    Autosave.objects.create(article=draft, user=writer, data={"fields": {"title": ["Not this one"]}})
    page = new_page("writer")
    page.goto(change_url(draft))

    page.get_by_role("button", name="Discard them").click()

    expect(page.locator("#autosave-status")).to_have_text("Your unsaved changes were discarded.")
    expect(page.locator("#id_title")).to_have_value("What the Manager Knows")
    assert not Autosave.objects.exists()


def _leave(page) -> list[str]:
    """Close the tab as a person would, and say which questions the page asked (dismissing them)."""
    asked = []

    def answer(dialog):
        asked.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", answer)
    page.close(run_before_unload=True)
    # Dismissed, the question leaves the page open: it never closes.
    if not page.is_closed():
        with contextlib.suppress(PlaywrightTimeout):
            page.wait_for_event("close", timeout=1500)
    return asked


def test_leaving_with_unsaved_edits_asks_first(new_page, writer, draft):
    page = new_page("writer")
    page.goto(change_url(draft))
    type_in_body(page, "An edit")

    assert _leave(page) == ["beforeunload"]
    assert not page.is_closed()  # dismissed: the edit is still there
    expect(body(page)).to_contain_text("An edit")


def test_leaving_without_edits_or_after_saving_asks_nothing(new_page, writer, draft):
    page = new_page("writer")
    page.goto(change_url(draft))
    page.locator("#id_title").click()  # a visit, not an edit
    assert _leave(page) == []

    page = new_page("writer")
    page.goto(change_url(draft))
    page.locator("#id_title").fill("Saved, then closed")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    assert _leave(page) == []


@pytest.mark.parametrize("keys", ["Control+s", "Meta+s"])
def test_ctrl_or_cmd_s_saves_and_continues_editing(new_page, writer, draft, keys):
    page = new_page("writer")
    page.goto(change_url(draft))
    type_in_body(page, "Saved from the keyboard.")

    page.keyboard.press(keys)

    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    assert page.url.endswith(change_url(draft))
    assert "Saved from the keyboard." in Article.objects.get(pk=draft.pk).body
    save = page.get_by_role("button", name="Save and continue editing")
    expect(save).to_have_attribute("aria-keyshortcuts", "Control+S Meta+S")


def test_presence_shows_each_editor_the_other(new_page, fast, writer, draft):
    user_with_role("Editor", username="editor", first_name="Dana", last_name="Whitcombe")
    first = new_page("writer")
    first.goto(change_url(draft))
    expect(first.locator("#desk-presence")).to_be_hidden()

    second = new_page("editor")
    second.goto(change_url(draft))

    notice = second.get_by_role("status").filter(has_text="Maren Okafor has been editing this article since")
    expect(notice).to_be_visible()
    expect(first.locator("#desk-presence")).to_contain_text("Dana Whitcombe has been editing this article since")
    second.close()
    expect(first.locator("#desk-presence")).to_be_hidden()


def test_the_word_count_and_reading_time_follow_the_typing(new_page, writer, draft):
    page = new_page("writer")
    page.goto(change_url(draft))
    count = page.locator("#id_body-words")
    expect(count).to_have_text("4 words · 1 min read")

    type_in_body(page, "word " * 230)

    expect(count).to_have_text("234 words · 2 min read")
    assert "id_body-words" in body(page).get_attribute("aria-describedby")


def test_the_form_with_its_offer_and_presence_has_no_axe_violations_and_fits_1280(new_page, axe, writer, draft):
    user_with_role("Editor", username="editor", first_name="Dana", last_name="Whitcombe")
    editor_page = new_page("editor")
    editor_page.goto(change_url(draft))  # its heartbeat makes the writer's presence notice
    Autosave.objects.create(article=draft, user=writer, data={"fields": {"title": ["Earlier"]}})
    page = new_page("writer")
    page.goto(change_url(draft))
    expect(page.locator("#autosave-offer")).to_be_visible()
    expect(page.locator("#desk-presence")).to_be_visible()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    assert new_page.blocked == []
    for scheme in ["light", "dark"]:
        page.emulate_media(color_scheme=scheme)
        page.screenshot(path=ARTIFACTS / f"autosave-offer-{scheme}.png", full_page=True)
        assert axe(page) == [], scheme
    new_page.blocked.clear()  # axe's own inline styles, which the page's policy stops, as it should
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 1280


def test_a_save_refused_as_stale_keeps_the_writer_s_text_in_an_autosave_and_asks_before_leaving(
    new_page, writer, draft
):
    page = new_page("writer")
    page.goto(change_url(draft))
    type_in_body(page, SENTENCE)
    draft.title = "Saved by someone else meanwhile"
    draft.save()  # the lock moves on: this form's save is refused

    page.get_by_role("button", name="Save and continue editing").click()

    expect(page.locator(".errornote")).to_be_visible()
    wait_for_autosave_holding(page, SENTENCE)
    body(page).click()  # browsers ask only on a page the person has used
    assert _leave(page) == ["beforeunload"]


def test_an_autosave_after_the_session_ended_says_so_rather_than_autosaved(new_page, fast, writer, draft):
    from django.contrib.sessions.models import Session

    page = new_page("writer")
    page.goto(change_url(draft))
    Session.objects.all().delete()  # logged out elsewhere, or the session expired

    type_in_body(page, SENTENCE)

    expect(page.get_by_role("alert")).to_contain_text("Not autosaved: you have been logged out", timeout=10_000)
