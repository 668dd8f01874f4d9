"""What the article page derives from a body: heading anchors, a table of contents, reading time.

Bodies reach these functions already sanitised (`magazine.sanitize.clean_html`), so an `<h2>`
carries no attributes of its own and a regular expression is enough to find the subheadings.
Anchors are added when the article is saved, never per request.
"""

from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass

from django.utils.html import strip_tags
from django.utils.text import slugify

# Long-form reading speed, words per minute.
WORDS_PER_MINUTE = 230
# An article gets a table of contents from this many subheadings on.
TOC_MIN_HEADINGS = 3

# Ids the article page uses for itself; a subheading never takes one of these.
RESERVED_IDS = frozenset(
    {
        "main", "article-title", "comments", "comments-title", "comment-form-title", "contents",
        "contents-title", "corrections", "corrections-title", "works-cited-title", "related",
        "related-title", "search", "search-q", "site-search", "breadcrumbs",
    }
)  # fmt: skip

_H2 = re.compile(r"<h2(?:\s[^>]*)?>(.*?)</h2>", re.IGNORECASE | re.DOTALL)
_H2_WITH_ID = re.compile(r'<h2 id="([^"]+)">(.*?)</h2>', re.IGNORECASE | re.DOTALL)
_WORD = re.compile(r"\w+(?:[’'-]\w+)*")
# A tag (attribute values may hold ">") or a run of text, in a sanitised body.
_NODE = re.compile(r"""<(/?)([a-zA-Z][a-zA-Z0-9]*)(?:[^>"']|"[^"]*"|'[^']*')*>|[^<]+""")
_VOID = frozenset({"br", "hr", "img"})
_BLOCKS = frozenset({"p", "h2", "h3", "h4", "blockquote", "ul", "ol", "figure", "hr"})


@dataclass(frozen=True)
class Heading:
    anchor: str
    text: str


def plain_text(body: str) -> str:
    """The body's words without markup, entities decoded, whitespace collapsed."""
    text = html.unescape(strip_tags(re.sub(r"<(?:br|/p|/h\d|/li|/blockquote|/figcaption)\b[^>]*>", " \\g<0>", body)))
    return " ".join(text.split())


def separate_blocks(body: str) -> str:
    """The body with its top-level blocks (paragraphs, subheadings, quotations, lists, figures)
    one blank line apart, whatever whitespace stood between them.

    The body editor writes blocks back to back, the demo's and imported bodies a blank line
    apart: without one way of storing them, saving an article untouched rewrote its body, and
    its history said the body had changed.
    """
    chunks: list[tuple[str, bool]] = []  # (markup, is a block)
    depth, start, name = 0, 0, ""
    for match in _NODE.finditer(body):
        closing, tag = match.group(1), (match.group(2) or "").lower()
        if depth == 0:
            start, name = match.start(), tag
        if tag and tag not in _VOID:
            depth += -1 if closing else 1
        if depth <= 0:
            depth = 0
            chunks.append((body[start : match.end()], bool(name) and name in _BLOCKS))
    kept: list[tuple[str, bool]] = []
    for index, (markup, block) in enumerate(chunks):
        before = kept[-1][1] if kept else True
        after = next((is_block for text, is_block in chunks[index + 1 :] if text.strip()), True)
        if not markup.strip() and before and after:
            continue  # whitespace between blocks, or around them: the separator below replaces it
        kept.append((markup, block))
    parts = [kept[0][0]] if kept else []
    for (_, previous_block), (markup, block) in zip(kept, kept[1:], strict=False):
        parts.append("\n\n" if previous_block and block else "")
        parts.append(markup)
    return "".join(parts)


def add_heading_ids(body: str) -> str:
    """Give every `<h2>` of a sanitised body a stable id made from its text."""
    used: set[str] = set()

    def anchor(match: re.Match) -> str:
        inner = match.group(1)
        base = slugify(plain_text(inner))[:60].strip("-") or "section"
        if base in RESERVED_IDS or base[0].isdigit():
            base = f"s-{base}"
        candidate, n = base, 2
        while candidate in used:
            candidate, n = f"{base}-{n}", n + 1
        used.add(candidate)
        return f'<h2 id="{candidate}">{inner}</h2>'

    return _H2.sub(anchor, body)


def table_of_contents(body: str) -> list[Heading]:
    """The body's subheadings, in order, with their anchors (empty below TOC_MIN_HEADINGS)."""
    headings = [Heading(anchor, plain_text(inner)) for anchor, inner in _H2_WITH_ID.findall(body)]
    return headings if len(headings) >= TOC_MIN_HEADINGS else []


def word_count(body: str) -> int:
    return len(_WORD.findall(plain_text(body)))


def reading_minutes(body: str) -> int:
    """Whole minutes a reader needs, at least one."""
    return max(1, math.ceil(word_count(body) / WORDS_PER_MINUTE))
