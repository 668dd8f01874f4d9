"""The pages the bench measures, from the corpus builder's facts."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode


@dataclass(frozen=True)
class Endpoint:
    key: str
    label: str
    path: str
    method: str = "GET"
    # Measured with the page cache on too (the cache-warm rows); the pages of works, companies and
    # people are measured with no page cache only, as what a reader waits for when one is rendered.
    page_cache: bool = True

    @property
    def public_page(self) -> bool:
        return self.method == "GET"


def endpoints(corpus: dict) -> list[Endpoint]:
    return [
        Endpoint("home", "home", "/"),
        Endpoint("anora", "Anora essay", corpus["anora_path"]),
        Endpoint("busiest", "busiest article", corpus["busiest_path"]),
        Endpoint("section", "section, deep page", corpus["deep_section_path"]),
        Endpoint("tag", "tag page", corpus["tag_path"]),
        Endpoint("search", "search", "/search/?" + urlencode({"q": corpus["search_query"]})),
        Endpoint("feed", "feed", "/feed/"),
        Endpoint("comment", "comment post", f"/comments/post/{corpus['post_article_id']}/", method="POST"),
        *work_endpoints(corpus),
    ]


# The pages of works of every kind, a company and a person whose career crosses kinds (corpus facts).
WORK_PAGES = (
    ("album", "album page", "album_path"),
    ("book", "book page", "book_path"),
    ("series", "TV series page", "series_path"),
    ("company", "company page", "company_path"),
    ("person", "person across kinds", "crossing_person_path"),
)


def work_endpoints(corpus: dict) -> list[Endpoint]:
    return [Endpoint(key, label, corpus[fact], page_cache=False) for key, label, fact in WORK_PAGES]
