"""In a real browser, on the article form: the SEO previews follow what is typed, and a writer proposes
the film their article needs from it."""

import re

import pytest
from playwright.sync_api import expect

from articles.models import Article
from tests.browser.conftest import ARTIFACTS, log_in
from tests.factories import ArticleFactory, ImageFactory, user_with_role

pytestmark = pytest.mark.django_db(transaction=True)


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
    page.locator("summary", has_text="Search and sharing").click()  # folded away until wanted
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


def test_a_writer_proposes_the_film_their_article_needs_from_the_form(page, live_server):
    from films.models import Film, Proposal

    writer = user_with_role("Contributor", username="writer")
    article = ArticleFactory(title="Notes on Happyend", draft=True, authors=[writer.author])
    log_in(page, live_server, "writer")
    page.goto(f"/admin/articles/article/{article.pk}/change/")

    # The “+” beside the film of the films discussed opens the proposal form, not a 403.
    with page.expect_popup() as opened:
        page.locator("#add_id_article_works-0-work").click()
    popup = opened.value
    popup.get_by_label("Title:").fill("Happyend")
    popup.get_by_label("Year:").fill("2024")
    popup.get_by_role("button", name="Save", exact=True).click()
    popup.wait_for_event("close")

    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    film = Film.objects.get(title="Happyend")
    assert film.status == Proposal.PENDING and film.proposed_by == writer
    assert [work.pk for work in Article.objects.get(pk=article.pk).works.all()] == [film.pk]
    assert page.request.get(film.get_absolute_url()).status == 404
