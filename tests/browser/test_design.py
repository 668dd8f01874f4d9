"""The layout holds from a 320 px phone up, prints articles cleanly and follows the system's dark mode."""

import pytest

from tests.conftest import DEMO_PAGES
from tests.factories import ArticleFactory

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


SENTENCE = "The camera stays with her as the night runs out, and the city keeps its own counsel. "


def test_articles_are_set_in_serif_on_a_comfortable_measure(page):
    article = ArticleFactory(body="<p>" + SENTENCE * 12 + "</p><p>" + SENTENCE * 12 + "</p>")
    page.goto(article.get_absolute_url())

    paragraph = page.locator(".article-body p").nth(1)
    family, per_line, leading = paragraph.evaluate(
        """p => {
            const style = getComputedStyle(p);
            const pen = document.createElement("canvas").getContext("2d");
            pen.font = `${style.fontSize} ${style.fontFamily}`;
            const average = pen.measureText(p.textContent).width / p.textContent.length;
            return [style.fontFamily, p.getBoundingClientRect().width / average,
                    parseFloat(style.lineHeight) / parseFloat(style.fontSize)];
        }"""
    )

    assert family.split(",")[-1].strip() == "serif"
    # A comfortable measure: 45 to 75 characters a line, never over WCAG 1.4.8's 80.
    assert 45 <= per_line <= 80, per_line
    assert leading >= 1.4


def test_keyboard_focus_is_always_visible(page):
    article = ArticleFactory(body="<p>Text.</p>")
    page.goto(article.get_absolute_url())

    seen = []
    for _ in range(25):
        page.keyboard.press("Tab")
        tag, style, width = page.evaluate(
            """() => {
                const element = document.activeElement, style = getComputedStyle(element);
                return [element.tagName + (element.id ? "#" + element.id : ""), style.outlineStyle,
                        parseFloat(style.outlineWidth)];
            }"""
        )
        if tag == "BODY":
            break
        seen.append(tag)
        assert style != "none" and width >= 2, f"{tag} shows no focus outline"
    assert "INPUT#site-search-q" in seen
