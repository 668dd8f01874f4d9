"""clean_html() against the corpus of hostile and messy HTML in sanitizer_corpus/, and
render_plain_text() against readers' text in sanitizer_corpus/comments/ (see its README)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from articles.text import RESERVED_IDS
from core.sanitize import (
    ALLOWED_PROTOCOLS,
    ALLOWED_TAGS,
    COMMENT_LINK_REL,
    LINK_REL,
    clean_html,
    render_plain_text,
)

CORPUS = Path(__file__).parent / "sanitizer_corpus"

# Attributes each tag may keep (the allowlist's callables, written out for the test).
ALLOWED = {
    "a": {"href", "title", "rel", "role", "aria-label"},
    "abbr": {"title"},
    "q": {"cite"},
    "figure": {"data-image", "data-embed", "data-embed-player", "data-embed-poster", "data-embed-title"},
    "img": {"src", "srcset", "sizes", "width", "height", "alt", "loading", "decoding"},
    "sup": {"id"},
    "li": {"id"},
    "ol": {"data-footnotes"},
    "th": {"scope"},
}
URL_ATTRIBUTES = {"href", "src", "cite", "data-embed", "data-embed-player"}
# The only ids a body may carry: footnotes' (never one of the page's own, articles/text.py RESERVED_IDS).
BODY_ID = re.compile(r"fn-[1-9][0-9]{0,2}|fnref-[1-9][0-9]{0,2}")
# Embeds' players: loaded in an iframe after a reader's click, so only the providers' own.
PLAYER = re.compile(r"https://(www\.youtube-nocookie\.com/embed|player\.vimeo\.com/video)/[\w-]+\?[\w=&]+")


@dataclass
class Case:
    name: str
    source: str
    keep: list[str] = field(default_factory=list)
    gone: list[str] = field(default_factory=list)


def _cases(folder: Path = CORPUS) -> list[Case]:
    cases = []
    for path in sorted(folder.glob("*.txt")):
        for chunk in re.split(r"^## ", path.read_text(), flags=re.MULTILINE)[1:]:
            name, _, rest = chunk.partition("\n")
            sections = re.split(r"^--- (keep|gone)$", rest, flags=re.MULTILINE)
            case = Case(name=f"{path.stem}/{name.strip()}", source=sections[0].strip("\n"))
            for kind, lines in zip(sections[1::2], sections[2::2], strict=True):
                getattr(case, kind).extend(line for line in lines.splitlines() if line.strip())
            cases.append(case)
    return cases


CASES = _cases()
COMMENT_CASES = _cases(CORPUS / "comments")


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def _scheme(url: str) -> str | None:
    # `url` is unescaped already (as a browser reads it); control characters and whitespace
    # inside a scheme are ignored by browsers, so by this check too.
    squeezed = re.sub(r"[\x00-\x20]", "", url).lower()
    match = re.match(r"([a-z][a-z0-9+.-]*):", squeezed)
    return match.group(1) if match else None


def _resolves_into_media(url: str) -> bool:
    # As a browser reads it: dot segments ("..", and "%2e%2e" which the URL Standard counts as one)
    # resolved against the page's address.
    url = re.sub("%2e", ".", url, flags=re.IGNORECASE)
    return urlsplit(urljoin("https://magazine.example/articles/x/", url)).path.startswith("/media/")


def test_the_corpus_holds_at_least_a_hundred_cases():
    assert len(CASES) >= 100
    assert len({case.name for case in CASES}) == len(CASES), "case names must be unique"
    assert all(case.source and (case.keep or case.gone) for case in CASES)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_nothing_outside_the_allowlist_survives(case):
    cleaned = clean_html(case.source)

    parser = _Tags()
    parser.feed(cleaned)
    for tag, attributes in parser.tags:
        assert tag in ALLOWED_TAGS, tag
        assert set(attributes) <= ALLOWED.get(tag, set()), (tag, attributes)
        for name, value in attributes.items():
            if name in URL_ATTRIBUTES | {"srcset"}:
                scheme = _scheme(value or "")
                assert scheme is None or scheme in ALLOWED_PROTOCOLS, (name, value)
        if tag == "a":
            assert attributes.get("rel") == LINK_REL
        if "id" in attributes:
            assert BODY_ID.fullmatch(attributes["id"]) and attributes["id"] not in RESERVED_IDS, attributes
        if "data-embed-player" in attributes:
            assert PLAYER.fullmatch(attributes["data-embed-player"]), attributes
        if "data-embed" in attributes:
            assert _scheme(attributes["data-embed"]) == "https", attributes
        if tag == "img":
            assert _resolves_into_media(attributes.get("src") or ""), attributes
            for candidate in (attributes.get("srcset") or "").split(","):
                assert not candidate.strip() or _resolves_into_media(candidate.split()[0]), attributes
    assert not re.search(r"<\s*/?\s*(script|style|svg|math|iframe)\b", cleaned, re.IGNORECASE)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_the_text_and_allowed_formatting_survive(case):
    cleaned = clean_html(case.source)

    for fragment in case.keep:
        assert fragment in cleaned
    for fragment in case.gone:
        assert fragment not in cleaned


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_cleaning_twice_changes_nothing(case):
    once = clean_html(case.source)

    assert clean_html(once) == once


# --- Readers' text ------------------------------------------------------------------------

# What no link made of a reader's text may take into its address: a quote or an angle bracket
# (typographic quotes too), which would carry the text after it into the link.
ENDS_ADDRESS = set("'\"<>\u2018\u2019\u201c\u201d\u00ab\u00bb")


def test_the_comment_corpus_holds_its_cases():
    assert len(COMMENT_CASES) >= 10
    assert len({case.name for case in COMMENT_CASES}) == len(COMMENT_CASES), "case names must be unique"
    assert all(case.source and (case.keep or case.gone) for case in COMMENT_CASES)


@pytest.mark.parametrize("case", COMMENT_CASES, ids=[case.name for case in COMMENT_CASES])
def test_comment_text_makes_only_paragraphs_and_safe_links(case):
    html = render_plain_text(case.source)

    parser = _Tags()
    parser.feed(html)
    for tag, attributes in parser.tags:
        assert tag in {"p", "br", "a"}, tag
        if tag == "a":
            assert set(attributes) == {"href", "rel"}, attributes
            assert attributes["rel"] == COMMENT_LINK_REL
            assert _scheme(attributes["href"]) in {"http", "https"}, attributes
            assert not ENDS_ADDRESS & set(attributes["href"]), attributes


@pytest.mark.parametrize("case", COMMENT_CASES, ids=[case.name for case in COMMENT_CASES])
def test_comment_text_keeps_its_words_and_links_only_the_address(case):
    html = render_plain_text(case.source)

    for fragment in case.keep:
        assert fragment in html
    for fragment in case.gone:
        assert fragment not in html
