"""What a page tells search engines and social sites: title, description, canonical URL,
Open Graph and Twitter cards, feeds, breadcrumbs and JSON-LD.

Views put a `PageMeta` in the context as `meta`; `templates/_meta.html` renders it in the head.
JSON-LD is built as plain dicts (articles/, films/ and authors/ `jsonld.py`) and written by the `json_ld` filter.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

TAGLINE = "Criticism of film, music and books."
DESCRIPTION_LENGTH = 160
# The same escapes as Django's json_script: nothing in the data can close the script element.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}

# Every JSON-LD block of the site speaks schema.org.
CONTEXT = "https://schema.org"


@dataclass(frozen=True)
class FeedLink:
    title: str
    rss: str
    atom: str


@dataclass
class PageMeta:
    title: str = ""
    description: str = ""
    # The canonical path; the request's path when empty.
    path: str = ""
    type: str = "website"
    image: str = ""
    image_alt: str = ""
    image_width: int | None = None
    image_height: int | None = None
    noindex: bool = False
    # (name, path) from the front page down to this page, which is last.
    breadcrumbs: list[tuple[str, str]] = field(default_factory=list)
    feeds: list[FeedLink] = field(default_factory=list)
    prev_path: str = ""
    next_path: str = ""
    # Open Graph article properties: published_time, modified_time, section, tags, authors.
    article: dict = field(default_factory=dict)
    # JSON-LD dicts beside the BreadcrumbList, which is built from `breadcrumbs`.
    json_ld: list[dict] = field(default_factory=list)
    # Or all of the JSON-LD already written out (`structured_html`), as a stored page header keeps it.
    structured: str = ""

    def __post_init__(self) -> None:
        self.description = describe(self.description)

    def share(self, picture) -> None:
        """Share the page with `picture` (a library image, or None): its JPEG rendition, which
        every site reads, with its size and alt text."""
        rendition = picture.share if picture else None
        if rendition:
            self.image, self.image_alt = rendition.url, picture.alt
            self.image_width, self.image_height = rendition.width, rendition.height


def describe(text: str) -> str:
    """A meta description: one line, at most DESCRIPTION_LENGTH characters."""
    return Truncator(" ".join((text or "").split())).chars(DESCRIPTION_LENGTH)


def absolute(request: HttpRequest, path: str) -> str:
    return request.build_absolute_uri(path)


def publisher(request: HttpRequest) -> dict:
    return {
        "@type": "Organization",
        "name": settings.MAGAZINE_NAME,
        "url": absolute(request, "/"),
        "logo": {"@type": "ImageObject", "url": absolute(request, static("img/favicon.svg"))},
    }


def breadcrumb_list(request: HttpRequest, crumbs: list[tuple[str, str]]) -> dict:
    return {
        "@context": CONTEXT,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": absolute(request, path)}
            for position, (name, path) in enumerate(crumbs, start=1)
        ],
    }


def website(request: HttpRequest) -> dict:
    """The magazine itself, with the search box search engines may offer."""
    return {
        "@context": CONTEXT,
        "@type": "WebSite",
        "name": settings.MAGAZINE_NAME,
        "description": TAGLINE,
        "url": absolute(request, "/"),
        "publisher": publisher(request),
        "potentialAction": {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": absolute(request, "/search/") + "?q={search_term_string}",
            },
            "query-input": "required name=search_term_string",
        },
    }


def structured_data(request: HttpRequest, meta: PageMeta | None) -> list[dict]:
    # Pages that set no metadata (the comment forms, the preview errors) pass "" from the template.
    if not meta:
        return []
    data = list(meta.json_ld)
    if len(meta.breadcrumbs) > 1:
        data.append(breadcrumb_list(request, meta.breadcrumbs))
    return data


def structured_html(request: HttpRequest, meta: PageMeta | None) -> SafeString:
    """The page's JSON-LD blocks as the head shows them, one a line."""
    if meta and meta.structured:
        return mark_safe(meta.structured)
    return mark_safe("".join(f"{json_ld_script(item)}\n  " for item in structured_data(request, meta)))


def json_ld_script(data: dict | list) -> SafeString:
    """`data` in a <script type="application/ld+json"> element, escaped as json_script escapes."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":")).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))
