"""How the reader's pages use the screen: the front page's first pictures come at once, "Read next"
is a compact grid, and lists fill a wide screen while text keeps its measure."""

import pytest

from tests.conftest import DEMO_PAGES

pytestmark = pytest.mark.django_db(transaction=True)

# The reading measure (site.css --measure, 40rem at 18 px), with a little room for rounding.
MEASURE_PX = 40 * 18 + 2


def _at(browser, live_server, width: int):
    context = browser.new_context(base_url=live_server.url, viewport={"width": width, "height": 900})
    return context, context.new_page()


def test_the_front_page_loads_its_first_screen_of_pictures_at_once(page, demo):
    page.goto("/")

    lead = page.locator(".card-lead img")
    assert (lead.get_attribute("loading"), lead.get_attribute("fetchpriority")) == ("eager", "high")
    assert page.locator('img[fetchpriority="high"]').count() == 1
    pictures = page.eval_on_selector_all(
        "main img", "nodes => nodes.map(node => [node.getBoundingClientRect().top, node.loading])"
    )
    first_screen = [loading for top, loading in pictures if top < 900]
    assert len(first_screen) >= 2 and set(first_screen) == {"eager"}, pictures
    # Further down they wait until the reader scrolls near them.
    assert any(loading == "lazy" for top, loading in pictures if top > 1800)


def test_read_next_is_a_compact_grid_of_four_across_on_a_wide_screen(page, demo):
    page.goto(DEMO_PAGES["article"])

    related = page.locator(".related")
    cards = related.locator(".card").evaluate_all(
        "nodes => nodes.map(node => { const box = node.getBoundingClientRect(); return [box.top, box.width]; })"
    )
    assert len(cards) == 4
    assert len({round(top) for top, _width in cards}) == 1, cards
    assert related.bounding_box()["height"] <= 700
    widths = related.locator("img").evaluate_all("nodes => nodes.map(node => node.getBoundingClientRect().width)")
    assert widths and max(widths) <= 320


def test_read_next_stays_compact_on_a_phone(browser, live_server, demo):
    context, page = _at(browser, live_server, 375)
    try:
        page.goto(DEMO_PAGES["article"])
        related = page.locator(".related")
        widths = related.locator("img").evaluate_all("nodes => nodes.map(node => node.getBoundingClientRect().width)")
        assert widths and max(widths) <= 140
        assert related.bounding_box()["height"] <= 1200
    finally:
        context.close()


LIST_PAGES = {
    "search": DEMO_PAGES["search"],
    "person": DEMO_PAGES["person"],
    "film": DEMO_PAGES["film"],
    "not-found": "/articles/anora-florida-tangerine/",
    "section": "/sections/film/",
}


@pytest.mark.parametrize("name", list(LIST_PAGES))
def test_a_list_fills_a_wide_screen_as_the_front_page_does(page, demo, name):
    page.goto(LIST_PAGES[name])

    main = page.evaluate(
        """() => { const style = getComputedStyle(document.querySelector('main'));
                   return document.querySelector('main').clientWidth
                          - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight); }"""
    )
    listing = page.locator("main .card-list").first
    assert listing.bounding_box()["width"] >= 0.95 * main
    tops = listing.locator(".card").evaluate_all("nodes => nodes.map(node => node.getBoundingClientRect().top)")
    assert len(tops) >= 2 and round(tops[0]) == round(tops[1]), tops
    # Text keeps its measure: the page's introduction and each card's text.
    for selector in (".page-header .dek", ".page-header .page-title", ".card .dek", ".card .snippet"):
        widths = page.locator(f"main {selector}").evaluate_all(
            "nodes => nodes.map(node => node.getBoundingClientRect().width)"
        )
        assert all(width <= MEASURE_PX for width in widths), (selector, widths)
