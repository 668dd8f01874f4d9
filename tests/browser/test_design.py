"""The layout holds from a 320 px phone up, prints articles cleanly and follows the system's dark mode."""

import pytest

from tests.conftest import DEMO_PAGES

pytestmark = pytest.mark.django_db(transaction=True)


def test_nothing_scrolls_sideways_on_a_320px_phone(browser, live_server, demo):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 320, "height": 640})
    try:
        page = context.new_page()
        for name, path in DEMO_PAGES.items():
            page.goto(path)
            assert page.evaluate("document.documentElement.scrollWidth") <= 320, name
    finally:
        context.close()


def test_print_stylesheet_keeps_the_article_and_drops_the_furniture(page, demo):
    page.goto(DEMO_PAGES["article"])
    page.emulate_media(media="print")

    assert page.locator("#article-title").is_visible()
    assert page.locator(".article-body").is_visible()
    assert page.locator(".works-cited").is_visible()
    for furniture in (".site-nav", ".site-search", ".comments", ".related", ".toc", ".site-footer"):
        assert not page.locator(furniture).is_visible(), furniture
    link = page.locator('.article-body a[href^="http"]').first
    if link.count():
        after = link.evaluate("element => getComputedStyle(element, '::after').content")
        assert "http" in after


@pytest.mark.parametrize(("scheme", "dark"), [("light", False), ("dark", True)])
def test_colours_follow_the_system_setting(browser, live_server, demo, scheme, dark):
    context = browser.new_context(base_url=live_server.url, color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto("/")
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        red, green, blue = (int(part) for part in background[background.index("(") + 1 : -1].split(",")[:3])
        assert ((red + green + blue) / 3 < 128) == dark
    finally:
        context.close()


def test_no_inline_styles_or_scripts_and_nothing_from_other_hosts(page, demo, live_server):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    for path in DEMO_PAGES.values():
        page.goto(path)
        assert page.locator("[style]").count() == 0, path
        # No inline script code: JSON-LD data blocks, and scripts loaded from our own static files.
        scripts = page.eval_on_selector_all("script", "nodes => nodes.map(node => [node.type, node.src])")
        inline_code = [kind for kind, src in scripts if not src and kind != "application/ld+json"]
        assert inline_code == [], path
        assert all(src.startswith(f"{live_server.url}/static/") for _, src in scripts if src), path
    assert all(url.startswith(live_server.url) for url in requested), [
        url for url in requested if not url.startswith(live_server.url)
    ]
