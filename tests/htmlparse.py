"""Reading what a page tells machines: meta tags, links and JSON-LD blocks."""

import json
import re
from html.parser import HTMLParser


class _Head(HTMLParser):
    def __init__(self):
        super().__init__()
        self.meta: list[dict] = []
        self.links: list[dict] = []
        self.json_ld: list = []
        self.title = ""
        self._in_ld = self._in_title = False
        self._buffer = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta":
            self.meta.append(attrs)
        elif tag == "link":
            self.links.append(attrs)
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_ld, self._buffer = True, ""
        elif tag == "title":
            self._in_title = True

    def handle_endtag(self, tag):
        if tag == "script" and self._in_ld:
            self.json_ld.append(json.loads(self._buffer))
            self._in_ld = False
        elif tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_ld:
            self._buffer += data
        elif self._in_title:
            self.title += data


class Page:
    def __init__(self, html: str):
        parser = _Head()
        parser.feed(html)
        self.html = html
        self.title = parser.title.strip()
        self.json_ld = parser.json_ld
        self._meta = parser.meta
        self._links = parser.links

    def meta(self, key: str) -> str | None:
        """The content of <meta name=key> or <meta property=key>."""
        for attrs in self._meta:
            if key in (attrs.get("name"), attrs.get("property")):
                return attrs.get("content")
        return None

    def metas(self, key: str) -> list[str]:
        return [attrs.get("content") for attrs in self._meta if key in (attrs.get("name"), attrs.get("property"))]

    def links(self, rel: str) -> list[dict]:
        return [attrs for attrs in self._links if rel in (attrs.get("rel") or "").split()]

    def link(self, rel: str) -> str | None:
        found = self.links(rel)
        return found[0]["href"] if found else None

    def ld(self, kind: str) -> dict:
        matches = [block for block in self.json_ld if block.get("@type") == kind]
        assert len(matches) == 1, f"expected one {kind} block, got {[b.get('@type') for b in self.json_ld]}"
        return matches[0]


def page(response) -> Page:
    return Page(response.content.decode())


def work_by_role(html: str) -> dict[str, list[str]]:
    """A person's or a company's work as their page lists it: each heading (“Directed”) with the text
    of its lines, in the page's order (“Tangerine (2015) · as Alexandra”)."""
    section = html[html.index('id="filmography-title"') : html.index('id="articles-title"')]
    return {
        label: [re.sub(r"<[^>]+>", "", line) for line in re.findall(r"<li>(.*?)</li>", lines)]
        for label, lines in re.findall(r'<h3>(.*?)</h3>\s*<ul class="filmography-list">(.*?)</ul>', section, re.S)
    }


def credit_roles(html: str) -> list[str]:
    """The roles of a work's page's credits, in the page's order."""
    credits = html[html.index('<dl class="credits">') :]
    return re.findall(r"<dt>(.*?)</dt>", credits[: credits.index("</dl>")])
