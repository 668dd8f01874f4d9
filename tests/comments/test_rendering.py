"""Hostile input in names and text comes out as inert text; links are nofollow ugc noopener."""

import re
from html import unescape
from html.parser import HTMLParser

import pytest
from django.utils.html import linebreaks, strip_tags

from core import sanitize
from core.sanitize import COMMENT_LINK_REL, clean_plain_text, count_links, render_plain_text
from tests.factories import CommentFactory

pytestmark = pytest.mark.django_db

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">click</a>',
    "javascript:alert(document.cookie)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    'http://example.com/"onmouseover="alert(1)',
    "<svg/onload=alert(1)>",
    "</textarea><script>alert(1)</script>",
    "{{ request.user }} {% csrf_token %}",
]


class Elements(HTMLParser):
    """Every element and attribute in a fragment."""

    def __init__(self):
        super().__init__()
        self.found: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def elements(html: str) -> list[tuple[str, dict]]:
    parser = Elements()
    parser.feed(html)
    return parser.found


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_makes_only_paragraphs_and_safe_links(text):
    html = render_plain_text(text)

    for tag, attrs in elements(html):
        assert tag in {"p", "br", "a"}, html
        if tag == "a":
            assert set(attrs) == {"href", "rel"}, html
            assert attrs["href"].startswith(("http://", "https://")), html
            assert attrs["rel"] == COMMENT_LINK_REL
    assert "<script" not in html and "<img" not in html and "<svg" not in html


def test_paragraphs_and_line_breaks_are_kept():
    html = render_plain_text("First paragraph.\n\nSecond, line one\nline two.")

    assert html == "<p>First paragraph.</p>\n\n<p>Second, line one<br>line two.</p>"


@pytest.mark.parametrize("text", [*HOSTILE, 'It\'s "great" & <odd>.\n\nSecond—para.', "Ends with a dot."])
def test_text_without_an_address_reads_as_bleach_would_write_it(text):
    # Such text skips bleach's linkifier: the same elements and text, escapes written as Django does.
    paragraphs = linebreaks(clean_plain_text(text), autoescape=True)
    html, by_bleach = render_plain_text(text), sanitize._linker.linkify(paragraphs)

    assert elements(html) == elements(by_bleach)
    assert unescape(strip_tags(html)) == unescape(strip_tags(by_bleach))


def test_web_addresses_become_nofollow_ugc_noopener_links():
    html = render_plain_text("See https://example.org/a?b=1&c=2 and www.example.net.")

    assert '<a href="https://example.org/a?b=1&amp;c=2" rel="nofollow ugc noopener">' in html
    assert '<a href="http://www.example.net" rel="nofollow ugc noopener">www.example.net</a>.' in html
    assert count_links("See https://example.org/a?b=1&c=2 and www.example.net.") == 2


def test_lookalike_domains_are_linked_as_what_they_really_are():
    html = render_plain_text("Log in at https://exаmple.com/login")  # Cyrillic а

    assert 'href="https://xn--exmple-4nf.com/login"' in html
    assert ">https://xn--exmple-4nf.com/login</a>" in html


def test_bidi_overrides_and_invisible_characters_are_removed():
    assert clean_plain_text("moc.elpmaxe\u202e@evil") == "moc.elpmaxe@evil"
    assert clean_plain_text("zero\u200bwidth\u2066isolate\u2069\ufeff") == "zerowidthisolate"
    assert clean_plain_text("bell\x07 and null\x00") == "bell and null"
    assert clean_plain_text("keeps\ttabs\nand lines") == "keeps\ttabs\nand lines"
    assert clean_plain_text("  Ada \n Lovelace ", single_line=True) == "Ada Lovelace"


def test_hostile_name_and_text_on_the_article_page_are_escaped(client):
    comment = CommentFactory(
        name='<b onmouseover="alert(1)">Eve</b>\u202e',
        body="<script>alert(1)</script>\n\n<img src=x onerror=alert(2)> javascript:alert(3)",
    )

    html = client.get(comment.article.get_absolute_url()).content.decode()

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(2)&gt;" in html
    assert 'href="javascript:' not in html
    assert "&lt;b onmouseover=&quot;alert(1)&quot;&gt;Eve&lt;/b&gt;" in html
    assert "<bdi>" in html  # a name cannot reorder the text around it


def test_posted_name_and_text_lose_bidi_and_invisible_characters(client, article):
    from comments.models import Comment

    from .helpers import post

    post(client, article, name="Eve\u202e\u200b  Smith", body="sp\u200bam\u202e text")

    comment = Comment.objects.get()
    assert comment.name == "Eve Smith"
    assert comment.body == "spam text"


# What HTML accepts in <time datetime>: a date, or a date and time with at most three digits
# of fractions of a second and an offset.
HTML_DATETIME = re.compile(r"\d{4}-\d\d-\d\d(T\d\d:\d\d(:\d\d(\.\d{1,3})?)?(Z|[+-]\d\d:?\d\d))?")


def test_times_of_comments_posted_through_the_form_are_valid_html(client, article):
    from comments import services
    from comments.models import Comment

    from .helpers import post

    post(client, article, body="Posted through the form, at a time with microseconds.")
    comment = Comment.objects.get()
    services.comment_approve(comment=comment, by=None)
    assert comment.created_at.microsecond  # what the demo's whole-second times hid

    html = client.get(article.get_absolute_url()).content.decode()

    values = re.findall(r'<time datetime="([^"]*)"', html)
    assert len(values) >= 2  # the article's and the comment's
    assert [value for value in values if not HTML_DATETIME.fullmatch(value)] == []
