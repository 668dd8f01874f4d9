"""axe-core on the reader's pages and the desk's at a phone's width and a desktop's, light and dark;
keyboard paths to the search box and the comment form; a screenshot of every page."""

import pytest

from comments import services as comment_services
from comments.models import Comment
from tests.browser.conftest import ARTIFACTS, log_in
from tests.conftest import DEMO_DESK_PAGES, DEMO_PAGES, desk_address
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db(transaction=True)

WIDTHS = [375, 1280]


def assert_no_axe_violations(browser, live_server, axe, name: str, path: str, status: int = 200) -> None:
    """axe finds nothing on `path` at a phone's width and a desktop's, light and dark."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for width, scheme in [(375, "light"), (1280, "light"), (1280, "dark")]:
        context = browser.new_context(
            base_url=live_server.url, viewport={"width": width, "height": 900}, color_scheme=scheme
        )
        try:
            page = context.new_page()
            response = page.goto(path)
            assert response.status == status
            page.screenshot(path=ARTIFACTS / f"page-{name}-{width}-{scheme}.png", full_page=True)

            assert axe(page) == [], f"axe violations on {name} at {width}px ({scheme})"
            # Nothing is wider than the screen: no sideways scrolling on a phone.
            assert page.evaluate("document.documentElement.scrollWidth") <= width
        finally:
            context.close()


@pytest.mark.parametrize("name", list(DEMO_PAGES))
def test_page_has_no_axe_violations(browser, live_server, demo, axe, name):
    assert_no_axe_violations(browser, live_server, axe, name, DEMO_PAGES[name], 404 if name == "not-found" else 200)


def test_pages_with_comments_posted_through_the_form_have_no_axe_violations(browser, live_server, demo, axe, page):
    # Not only the demo's seeded comments: comments as readers post them, through the form, then approved.
    # A new article, so that its first page holds them too (the demo's essay shows two threads a page).
    article = ArticleFactory(title="On Posting", body="<p>An essay.</p>")
    texts = ["A first comment, see https://example.org/anora.", "Second.\n\nTwo paragraphs.", "Third."]
    for n, text in enumerate(texts):
        page.goto(article.get_absolute_url())
        page.get_by_role("textbox", name="Name").fill(f"Reader {n}")
        page.get_by_role("textbox", name="Email").fill(f"reader{n}@example.org")
        page.get_by_role("textbox", name="Comment").fill(text)
        page.get_by_role("button", name="Post comment").click()
        page.wait_for_url("**#comments")
    posted = list(Comment.objects.filter(email__startswith="reader").order_by("pk"))
    assert len(posted) == 3
    for comment in posted:
        comment_services.comment_approve(comment=comment, by=None)
    later_page = posted[-1].get_absolute_url().split("#")[0]
    assert later_page == f"{article.get_absolute_url()}comments/page/2/"

    assert_no_axe_violations(browser, live_server, axe, "article-with-posted-comments", article.get_absolute_url())
    assert_no_axe_violations(browser, live_server, axe, "later-page-with-posted-comments", later_page)


def _tab_to(page, selector: str, limit: int = 200) -> int:
    """Press Tab until `selector` has focus; return how many presses it took."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate("(selector) => document.activeElement.matches(selector)", selector):
            return presses
    raise AssertionError(f"Tab never reached {selector}")


def test_skip_link_comes_first_and_moves_focus_to_the_content(page, demo):
    page.goto(DEMO_PAGES["article"])

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    assert page.locator(".skip-link").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


@pytest.mark.parametrize("name", ["home", "article", "not-found"])
def test_keyboard_reaches_the_search_box_and_searches(page, demo, name):
    page.goto(DEMO_PAGES[name])

    assert _tab_to(page, "#site-search-q") <= 3
    page.keyboard.type("tangerine")
    page.keyboard.press("Enter")

    page.wait_for_url("**/search/?q=tangerine")
    assert page.get_by_role("heading", level=1).inner_text() == "Search: tangerine"
    assert page.locator(".search-results mark").count() >= 1


def test_keyboard_reaches_the_comment_form_of_a_long_article(page, demo):
    page.goto(DEMO_PAGES["article"])

    _tab_to(page, "#comments form [name=name]", limit=400)
    page.keyboard.type("Ada")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "email"


def test_table_of_contents_links_move_to_the_subheadings(page, demo):
    page.goto(DEMO_PAGES["article"])

    toc = page.get_by_role("navigation", name="Contents")
    first = toc.get_by_role("link").first
    anchor = first.get_attribute("href")
    first.click()

    assert page.url.endswith(anchor)
    assert page.locator(f"h2{anchor}").is_visible()


def test_comment_form_errors_are_announced_and_tied_to_their_fields(page, demo, axe):
    page.goto(DEMO_PAGES["article"])

    # The script fetches the form's tokens before it submits: wait for the page that answers.
    with page.expect_navigation():
        page.get_by_role("button", name="Post comment").click()

    email = page.get_by_role("textbox", name="Email")
    assert email.get_attribute("aria-invalid") == "true"
    described_by = email.get_attribute("aria-describedby").split()
    assert any(page.locator(f"#{ref}.errorlist").count() for ref in described_by)
    assert axe(page) == []


def _open_everything_folded(page) -> None:
    """Open the form's folded parts and add an entry to each inline, so that axe sees their fields too."""
    page.evaluate("document.querySelectorAll('#article_form details').forEach(details => { details.open = true; })")
    for inline in ("Byline", "Work discussed", "Work cited", "Correction or update"):
        page.get_by_role("button", name=f"Add another {inline}").click()


@pytest.mark.parametrize("name", list(DEMO_DESK_PAGES))
def test_desk_page_has_no_axe_violations(browser, live_server, demo, axe, name):
    """The desk's pages whole, Django's stock admin included: what it left below AA is fixed in
    templates/admin/, static/css/admin.css and static/js/admin.js, and no rule or region is left out.
    (An autocomplete's open list is not checked: select2 draws it outside the page's landmarks.)"""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    address = desk_address(name)
    for width, scheme in [(375, "light"), (1280, "light"), (1280, "dark")]:
        context = browser.new_context(
            base_url=live_server.url, viewport={"width": width, "height": 900}, color_scheme=scheme
        )
        try:
            page = context.new_page()
            log_in(page, live_server, "editor")
            response = page.goto(address)
            assert response.status == 200
            page.screenshot(path=ARTIFACTS / f"desk-{name}-{width}-{scheme}.png", full_page=True)

            assert axe(page) == [], f"axe violations on {name} at {width}px ({scheme})"
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            if name == "article-form":
                _open_everything_folded(page)
                assert axe(page) == [], f"axe violations on the opened {name} at {width}px ({scheme})"
        finally:
            context.close()
