"""The desk's body editor, part two: pictures dropped in, focal points, embeds, footnotes and tables.

In chromium with the site's Content-Security-Policy on; nothing reaches the network (the video
provider is faked on the server and the player's host answered by the test).
"""

import base64
import json
import re

import pytest
from playwright.sync_api import expect

from articles.models import Article
from core import net
from images import services
from images.models import Image
from images.services import image_create
from tests.browser.test_editor import _log_in_and_add_article
from tests.factories import ArticleFactory, SectionFactory, picture
from tests.images.conftest import encoded
from tests.images.test_crops import BLUE, RED, _centre_colour, _halves, _near

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def csp_violations(page):
    """Console errors the Content-Security-Policy raised while the test ran (should be none)."""
    violations = []
    page.on(
        "console",
        lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None,
    )
    return violations


VIDEO = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
POSTER = "https://i.ytimg.com/vi/dQw4w9WgXcQ/hqdefault.jpg"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def _axe_ours(page, axe, selectors: list[str]) -> list:
    """axe-core's WCAG 2.2 AA rules on our parts of an admin page only (the admin's own are Django's)."""
    axe(page)  # loads axe-core into the page
    result = page.evaluate(
        "async ([include, tags]) => await axe.run({include}, {runOnly: {type: 'tag', values: tags}})",
        [[[selector] for selector in selectors], WCAG],
    )
    return [(v["id"], [n["target"] for n in v["nodes"]]) for v in result["violations"]]


def _drop(page, content: bytes, name: str = "motel.jpg", kind: str = "image/jpeg") -> None:
    page.evaluate(
        """([data, name, kind]) => {
            const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
            const transfer = new DataTransfer();
            transfer.items.add(new File([bytes], name, { type: kind }));
            const surface = document.querySelector(".richtext-content");
            const box = surface.getBoundingClientRect();
            surface.dispatchEvent(new DragEvent("drop", {
                dataTransfer: transfer, bubbles: true, cancelable: true,
                clientX: box.left + 20, clientY: box.top + 20 }));
        }""",
        [base64.b64encode(content).decode(), name, kind],
    )


def test_a_dropped_picture_asks_for_alt_text_and_lands_in_the_library_and_the_body(
    page,
    live_server,
    admin_user,
    csp_violations,
):
    _log_in_and_add_article(page, admin_user)
    page.get_by_role("textbox", name="Body").click()

    _drop(page, encoded(picture((1200, 800))))
    dialog = page.get_by_role("dialog", name="Add a picture to the library")
    expect(dialog).to_be_visible()
    dialog.get_by_role("button", name="Add and insert").click()
    expect(dialog.get_by_text("Describe the picture for readers who cannot see it.")).to_be_visible()
    assert not Image.objects.exists()
    dialog.get_by_label("Alt text (required)").fill("A motel's neon sign against a violet sky")
    dialog.get_by_label("Caption").fill("The Magic Castle, Kissimmee.")
    dialog.get_by_role("button", name="Add and insert").click()
    expect(dialog).to_be_hidden()

    image = Image.objects.get()
    assert (image.alt, image.caption) == ("A motel's neon sign against a violet sky", "The Magic Castle, Kissimmee.")
    expect(page.get_by_role("textbox", name="Body").get_by_role("img", name=image.alt)).to_be_visible()
    assert f'<figure data-image="{image.pk}">' in page.locator("textarea[name=body]").input_value()
    expect(page.get_by_role("textbox", name="Body")).to_be_focused()
    assert csp_violations == []


def test_a_dropped_file_that_is_not_a_picture_the_library_takes_is_refused_in_the_dialog(
    page, live_server, admin_user
):
    _log_in_and_add_article(page, admin_user)
    page.get_by_role("textbox", name="Body").click()

    _drop(page, b"GIF89a" + b"\x00" * 100, name="broken.gif", kind="image/gif")
    dialog = page.get_by_role("dialog", name="Add a picture to the library")
    dialog.get_by_label("Alt text (required)").fill("Nothing")
    dialog.get_by_role("button", name="Add and insert").click()

    expect(dialog.get_by_role("alert")).to_contain_text("This file is not a picture Pillow can read.")
    assert not Image.objects.exists()
    assert "<figure" not in page.locator("textarea[name=body]").input_value()


def test_the_library_dialog_uploads_a_new_picture_without_leaving_the_page(page, live_server, admin_user, tmp_path):
    _log_in_and_add_article(page, admin_user)
    page.get_by_role("textbox", name="Body").click()
    file = tmp_path / "pool.png"
    file.write_bytes(encoded(picture((800, 600)), "PNG"))

    page.get_by_role("button", name="Picture").click()
    picker = page.get_by_role("dialog", name="Insert a picture from the library")
    with page.expect_file_chooser() as chooser:
        picker.get_by_role("button", name="Upload a new picture…").click()
    chooser.value.set_files(str(file))
    upload = page.get_by_role("dialog", name="Add a picture to the library")
    upload.get_by_label("Alt text (required)").fill("An empty swimming pool")
    upload.get_by_role("button", name="Add and insert").click()

    expect(upload).to_be_hidden()
    assert len(page.context.pages) == 1
    assert f'<figure data-image="{Image.objects.get().pk}">' in page.locator("textarea[name=body]").input_value()


def test_clicking_the_picture_sets_the_focal_point_and_moves_the_card_crop(
    page, live_server, admin_user, csp_violations
):
    hero = image_create(picture=_halves((3000, 1000)), alt="Red on the left, blue on the right", focus=(0.2, 0.5))
    ArticleFactory(hero=hero, title="A two-coloured essay")
    page.goto("/")
    before = page.locator(".card-image img").get_attribute("srcset")
    assert before == hero.card.srcset and _near(_centre_colour(hero.card.renditions[-1]), RED)
    _log_in_and_add_article(page, admin_user)

    page.goto(f"/admin/images/image/{hero.pk}/change/")
    preview = page.locator("[data-focal-point] img")
    box = preview.bounding_box()
    preview.click(position={"x": box["width"] * 0.9, "y": box["height"] * 0.5})
    expect(page.get_by_role("status")).to_contain_text("Focal point set at 90% across")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url("**/admin/images/image/")

    hero.refresh_from_db()
    assert hero.focus_x == pytest.approx(0.9, abs=0.01)
    page.goto("/")
    assert page.locator(".card-image img").get_attribute("srcset") == hero.card.srcset != before
    assert _near(_centre_colour(hero.card.renditions[-1]), BLUE)
    page.locator(".card-image img").scroll_into_view_if_needed()
    assert page.locator(".card-image img").evaluate("img => img.complete && img.naturalWidth > 0")
    assert csp_violations == []


def test_an_embedded_video_asks_nothing_of_its_provider_until_the_reader_clicks(page, live_server, csp_violations):
    poster = image_create(picture=picture((480, 360)), alt="A still", source=POSTER)
    article = ArticleFactory(
        body=f'<p>The trailer:</p><figure data-embed="{VIDEO}" data-embed-poster="{poster.pk}" '
        'data-embed-title="Red Rocket, the trailer"></figure><p>After.</p>'
    )
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.route(
        "https://www.youtube-nocookie.com/**",
        lambda route: route.fulfill(status=200, content_type="text/html", body="<p>A player</p>"),
    )

    page.goto(article.get_absolute_url())
    page.wait_for_load_state("networkidle")
    placeholder = page.get_by_role("link", name=re.compile("Red Rocket, the trailer"))
    expect(placeholder).to_be_visible()
    assert [url for url in requests if not url.startswith(live_server.url)] == []

    placeholder.click()
    player = page.frame_locator("figure[data-embed] iframe")
    expect(player.get_by_text("A player")).to_be_visible()
    outside = [url for url in requests if not url.startswith(live_server.url)]
    assert outside == ["https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"]
    assert page.locator("figure[data-embed] iframe").get_attribute("title") == "Red Rocket, the trailer"
    assert page.url.endswith(article.get_absolute_url())
    assert csp_violations == []


def test_without_javascript_the_placeholder_is_a_link_to_the_video(browser, live_server):
    article = ArticleFactory(body=f'<figure data-embed="{VIDEO}" data-embed-title="Trailer"></figure>')
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(article.get_absolute_url())
        assert page.get_by_role("link", name=re.compile("Trailer")).get_attribute("href") == VIDEO
        assert page.locator("iframe").count() == 0
    finally:
        context.close()


@pytest.fixture
def provider(monkeypatch):
    """YouTube's oEmbed and poster, faked on the server (the live server runs in this process)."""

    def fetch(url, *, hosts, max_bytes, timeout):
        if url.startswith("https://www.youtube.com/oembed"):
            return json.dumps({"title": "Red Rocket | Official Trailer", "thumbnail_url": POSTER}).encode()
        if url == POSTER:
            return encoded(picture((480, 360)))
        raise net.FetchError(url)

    monkeypatch.setattr(services.net, "fetch", fetch)


def _paste_text(page, text: str) -> None:
    page.evaluate(
        """text => {
            const data = new DataTransfer();
            data.setData("text/plain", text);
            document.querySelector(".richtext-content").dispatchEvent(
                new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
        }""",
        text,
    )


def test_a_pasted_video_address_becomes_a_placeholder_with_its_title_and_poster(
    page,
    live_server,
    admin_user,
    provider,
    csp_violations,
):
    SectionFactory(name="Film", slug="film")
    _log_in_and_add_article(page, admin_user)
    page.locator("#id_title").fill("Red Rocket, reviewed")
    page.locator("#id_section").select_option(label="Film")
    page.get_by_role("textbox", name="Body").click()

    _paste_text(page, "https://youtu.be/dQw4w9WgXcQ")
    dialog = page.get_by_role("dialog", name="Embed a video or a link")
    expect(dialog.get_by_label("Title shown on the placeholder")).to_have_value("Red Rocket | Official Trailer")
    dialog.get_by_label("Title shown on the placeholder").fill("Red Rocket: the trailer")
    dialog.get_by_role("button", name="Insert").click()
    expect(dialog).to_be_hidden()
    page.get_by_role("button", name="Save and continue editing").click()
    page.get_by_role("button", name="Publish now").click()

    article = Article.objects.get()
    poster = Image.objects.get(source=POSTER)
    assert f'data-embed="{VIDEO}"' in article.body and f'data-embed-poster="{poster.pk}"' in article.body
    page.goto(article.get_absolute_url())
    link = page.get_by_role("link", name=re.compile("Red Rocket: the trailer"))
    assert link.locator("img").get_attribute("src") == poster.src
    assert csp_violations == []


def test_footnotes_are_numbered_in_the_editor_and_link_both_ways_for_readers(
    page,
    live_server,
    admin_user,
    csp_violations,
):
    SectionFactory(name="Film", slug="film")
    _log_in_and_add_article(page, admin_user)
    page.locator("#id_title").fill("Notes on Starlet")
    page.locator("#id_section").select_option(label="Film")
    page.get_by_role("textbox", name="Body").click()

    page.keyboard.type("Baker shot it in the Valley")
    page.get_by_role("button", name="Footnote").click()
    page.keyboard.type("San Fernando, in the summer of 2011.")
    page.get_by_role("textbox", name="Body").locator("p").first.click()
    page.keyboard.press("Home")
    page.keyboard.type("Starlet")
    page.keyboard.press("Control+Alt+f")
    page.keyboard.type("Released by Music Box Films.")
    body = page.get_by_role("textbox", name="Body")
    expect(body.locator("sup")).to_have_text(["1", "2"])
    expect(body.locator("ol[data-footnotes] li")).to_have_text(
        ["Released by Music Box Films.", "San Fernando, in the summer of 2011."]
    )
    page.get_by_role("button", name="Save and continue editing").click()
    page.get_by_role("button", name="Publish now").click()
    expect(page.locator(".messagelist")).to_contain_text("readers see it now")

    page.goto(Article.objects.get().get_absolute_url())
    page.get_by_role("link", name="Note 2", exact=True).click()
    assert page.url.endswith("#fn-2")
    expect(page.locator("#fn-2")).to_be_in_viewport()
    expect(page.locator("#fn-2")).to_contain_text("San Fernando, in the summer of 2011.")
    page.get_by_role("link", name="Back to the text of note 2").click()
    assert page.url.endswith("#fnref-2")
    expect(page.locator("#fnref-2")).to_be_in_viewport()
    assert csp_violations == []


def test_the_table_button_makes_a_table_with_a_header_row(page, live_server, admin_user, csp_violations):
    _log_in_and_add_article(page, admin_user)
    page.get_by_role("textbox", name="Body").click()

    page.get_by_role("button", name="Table").click()
    page.keyboard.type("Film")
    page.keyboard.press("Tab")
    page.keyboard.type("Year")
    page.keyboard.press("Tab")
    page.keyboard.type("Studio")
    page.keyboard.press("Tab")
    page.keyboard.type("Tangerine")
    tools = page.get_by_role("group", name="Table")
    expect(tools).to_be_visible()
    tools.get_by_role("button", name="Delete row").click()
    page.keyboard.type("Starlet")

    html = page.locator("textarea[name=body]").input_value()
    assert re.search(r"<th[^>]*><p>Film</p></th><th[^>]*><p>Year</p></th><th[^>]*><p>Studio</p></th>", html)
    assert html.count("<tr>") == 2
    assert csp_violations == []


def test_the_editor_and_its_dialogs_have_no_wcag_violations(page, live_server, admin_user, axe, provider):
    image_create(picture=picture((600, 400)), alt="A motel sign")
    _log_in_and_add_article(page, admin_user)
    page.get_by_role("textbox", name="Body").click()
    page.get_by_role("button", name="Table").click()
    assert _axe_ours(page, axe, [".richtext"]) == []

    page.get_by_role("button", name="Picture").click()
    expect(page.get_by_role("dialog", name="Insert a picture from the library")).to_be_visible()
    assert _axe_ours(page, axe, ["dialog[open]"]) == []
    page.keyboard.press("Escape")

    _drop(page, encoded(picture((300, 200))))
    upload = page.get_by_role("dialog", name="Add a picture to the library")
    upload.get_by_role("button", name="Add and insert").click()  # with its error shown
    expect(upload.get_by_text("Describe the picture")).to_be_visible()
    assert _axe_ours(page, axe, ["dialog[open]"]) == []
    page.keyboard.press("Escape")

    page.keyboard.press("Control+Alt+e")
    embed = page.get_by_role("dialog", name="Embed a video or a link")
    embed.get_by_label("Address").fill(VIDEO)
    embed.get_by_role("button", name="Look up").click()
    expect(embed.get_by_label("Title shown on the placeholder")).to_be_visible()
    assert _axe_ours(page, axe, ["dialog[open]"]) == []


def test_the_picture_s_change_page_has_no_wcag_violations_in_the_crops(page, live_server, admin_user, axe):
    image = image_create(picture=picture((600, 400)), alt="A motel sign")
    _log_in_and_add_article(page, admin_user)

    page.goto(f"/admin/images/image/{image.pk}/change/")

    assert (
        _axe_ours(
            page, axe, [".focal-point-modes", "[data-focal-point]", ".focal-point-status", "fieldset:nth-of-type(2)"]
        )
        == []
    )
