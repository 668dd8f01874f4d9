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
    ]
