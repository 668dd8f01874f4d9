"""An editor opens every demo article in the admin and saves it unchanged: no public page moves.

The guard for the tag field that split "sean baker" into "baker" and "sean" on every save (and
for anything else that would rewrite an article the editor did not touch): every public page
(articles, tag, section, author, film and people pages, the feeds, the sitemap) is fetched
before and after, and must read the same, byte for byte.
"""

import datetime
import difflib
import io
import re
from urllib.parse import urlsplit

import pytest
import requests
from django.conf import settings
from django.core.management import call_command
from django.db.models import F
from django.urls import reverse
from playwright.sync_api import expect
from taggit.models import Tag

from articles.models import Article, Section
from authors.models import Author

pytestmark = pytest.mark.django_db(transaction=True)

# Names the demo's tags do not have: a comma, quotes, accents, another script.
MORE_TAGS = ["Crouching Tiger, Hidden Dragon", 'Say "when"', "Céline Sciamma", "東京物語"]


def public_paths(base: str) -> set[str]:
    """Every public page: what the sitemaps list (articles, sections, authors, films, people, front
    pages), every tag and its feeds, every feed, the archive and a search that reads bodies."""
    paths = {"/", "/feed/", "/feed/atom/", "/sitemap.xml", "/archive/", "/search/?q=sean+baker"}
    for sitemap in re.findall(r"<loc>([^<]+)</loc>", requests.get(base + "/sitemap.xml", timeout=10).text):
        paths.add(urlsplit(sitemap).path)
        paths.update(
            urlsplit(loc).path for loc in re.findall(r"<loc>([^<]+)</loc>", requests.get(sitemap, timeout=10).text)
        )
    for tag in Tag.objects.filter(taggit_taggeditem_items__isnull=False).distinct():
        paths.update(reverse(name, args=[tag.slug]) for name in ("articles:tag", "tag_feed", "tag_feed_atom"))
    for section in Section.objects.all():
        paths.update(reverse(name, args=[section.slug]) for name in ("section_feed", "section_feed_atom"))
    for author in Author.objects.all():
        paths.update(reverse(name, args=[author.slug]) for name in ("author_feed", "author_feed_atom"))
    return paths


def read(base: str, paths: set[str]) -> dict[str, tuple[int, str]]:
    # A fresh session for each page: an anonymous reader, no cookies carried from one page to the next.
    return {path: _fetch(base + path) for path in sorted(paths)}


def _fetch(url: str) -> tuple[int, str]:
    response = requests.get(url, timeout=10, allow_redirects=False)
    return response.status_code, request_specific(response.text)


def request_specific(text: str) -> str:
    """`text` with what differs from one request to the next, whatever is stored, blanked.

    A feed with no entries (a tag only drafts carry) dates itself at the moment it is asked
    for (Django's syndication falls back to now). Nothing else needs blanking: readers' pages
    carry no CSRF or form token (static/js/comments.js fetches them), no nonce and no clock.
    """
    if "<item>" not in text and "<entry>" not in text:
        text = re.sub(r"<lastBuildDate>[^<]*</lastBuildDate>", "<lastBuildDate/>", text)
        text = re.sub(r"(<feed [^>]*>.*?)<updated>[^<]*</updated>", r"\1<updated/>", text, count=1, flags=re.DOTALL)
    return text


def test_saving_every_demo_article_unchanged_changes_no_public_page(demo, page, live_server, no_page_cache):
    anora = Article.objects.get(slug="anora-sex-work-and-the-fantasies-of-genre")
    anora.tags.add(*MORE_TAGS)
    # A publish time to the microsecond, as "Publish now" stores it (the form shows seconds).
    Article.objects.filter(pk=anora.pk).update(publish_at=F("publish_at") + datetime.timedelta(microseconds=123456))
    # An update sends no signal: its stored page is rendered again, as a command that writes so would.
    call_command("rerender", "--articles", str(anora.pk), stderr=io.StringIO())
    base = live_server.url
    paths = public_paths(base)
    before = read(base, paths)
    assert {status for status, _ in before.values()} == {200}, [p for p, (s, _) in before.items() if s != 200]
    published = {article.get_absolute_url() for article in Article.objects.published()}
    assert published <= paths and len(published) >= 9
    tags_before = sorted(Tag.objects.filter(taggit_taggeditem_items__isnull=False).values_list("name", flat=True))

    page.goto("/admin/login/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill(settings.DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    for article in Article.objects.order_by("pk"):
        page.goto(reverse("admin:articles_article_change", args=[article.pk]))
        page.locator("input[name=_save]").click()
        expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    assert (
        sorted(Tag.objects.filter(taggit_taggeditem_items__isnull=False).values_list("name", flat=True)) == tags_before
    )
    assert public_paths(base) == paths
    after = read(base, paths)
    changed = [path for path in sorted(paths) if after[path] != before[path]]
    assert not changed, "\n".join(difference(path, before[path], after[path]) for path in changed)


def difference(path: str, before: tuple[int, str], after: tuple[int, str]) -> str:
    """The first lines that differ, to read in the failure."""
    lines = difflib.unified_diff(
        [str(before[0]), *before[1].splitlines()], [str(after[0]), *after[1].splitlines()], lineterm="", n=0
    )
    return f"{path}:\n" + "\n".join(line[:300] for line in list(lines)[2:80])
