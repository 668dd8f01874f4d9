"""What the article page derives from a body: heading anchors, a table of contents, reading time.

Bodies reach these functions already sanitised (`core.sanitize.clean_html`), so an `<h2>`
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

# Footnotes' ids (core/sanitize.py allows only these shapes): a subheading never takes one.
_FOOTNOTE_ID = re.compile(r"fn(?:ref)?-\d+")
_NOTES = re.compile(r'<ol data-footnotes="">(.*?)</ol>', re.DOTALL)
_NOTE = re.compile(r'<li(?: id="fn-(\d+)")?>(.*?)</li>', re.DOTALL)
_REFERENCE = re.compile(r'<sup id="fnref-(\d+)">.*?</sup>', re.DOTALL)
_BACKLINK = re.compile(r'\s*<a href="#fnref-\d+"[^>]*>.*?</a>', re.DOTALL)
_LINK_REL = 'rel="noopener noreferrer"'

_H2 = re.compile(r"<h2(?:\s[^>]*)?>(.*?)</h2>", re.IGNORECASE | re.DOTALL)
_H2_WITH_ID = re.compile(r'<h2 id="([^"]+)">(.*?)</h2>', re.IGNORECASE | re.DOTALL)
_WORD = re.compile(r"\w+(?:[’'-]\w+)*")
# A tag (attribute values may hold ">") or a run of text, in a sanitised body.
_NODE = re.compile(r"""<(/?)([a-zA-Z][a-zA-Z0-9]*)(?:[^>"']|"[^"]*"|'[^']*')*>|[^<]+""")
_VOID = frozenset({"br", "hr", "img"})
_BLOCKS = frozenset({"p", "h2", "h3", "h4", "blockquote", "ul", "ol", "figure", "hr", "table"})


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
        if base in RESERVED_IDS or base[0].isdigit() or _FOOTNOTE_ID.fullmatch(base):
            base = f"s-{base}"
        candidate, n = base, 2
        while candidate in used:
            candidate, n = f"{base}-{n}", n + 1
        used.add(candidate)
        return f'<h2 id="{candidate}">{inner}</h2>'

    return _H2.sub(anchor, body)


def _note(number: int, inner: str) -> str:
    """A note with its link back to where it is referred to, after its last paragraph's text."""
    back = (
        f'<a href="#fnref-{number}" role="doc-backlink" aria-label="Back to the text of note {number}" '
        f"{_LINK_REL}>↩</a>"
    )
    inner = inner or "<p></p>"
    # The editor leaves the space before the link it removed: one space, whichever way the note came.
    inner = f"{inner[:-4].rstrip()} {back}</p>" if inner.endswith("</p>") else f"{inner.rstrip()} {back}"
    return f'<li id="fn-{number}">{inner}</li>'


def number_footnotes(body: str) -> str:
    """Number a sanitised body's footnotes in the order they are referred to, and link both ways.

    References are <sup id="fnref-N">, notes <li id="fn-N"> in an <ol data-footnotes> (the editor
    writes both; numbers it gave are only used to pair them). The notes go at the end of the body,
    in the references' order; a note no reference points to any more is kept, last and unnumbered
    by any reference, so that no text an editor wrote is lost on save.
    """
    if "fnref-" not in body and "data-footnotes" not in body:
        return body
    notes: dict[int, str] = {}
    orphans: list[str] = []
    for notes_list in _NOTES.findall(body):
        for number, inner in _NOTE.findall(notes_list):
            inner = _BACKLINK.sub("", inner).strip()
            if number and int(number) not in notes:
                notes[int(number)] = inner
            elif inner and inner != "<p></p>":
                orphans.append(inner)
    referred: list[int] = []

    def reference(match: re.Match) -> str:
        referred.append(int(match.group(1)))
        number = len(referred)
        return (
            f'<sup id="fnref-{number}"><a href="#fn-{number}" role="doc-noteref" aria-label="Note {number}" '
            f"{_LINK_REL}>{number}</a></sup>"
        )

    text = _REFERENCE.sub(reference, _NOTES.sub("", body))
    # The editor keeps an empty paragraph after the notes for the caret: nothing a reader would see.
    text = re.sub(r"(?:\s*<p></p>)+\s*$", "", text).rstrip()
    items = [_note(number, notes.get(old, "")) for number, old in enumerate(referred, 1)]
    items += [f"<li>{inner}</li>" for old, inner in notes.items() if old not in referred and inner != "<p></p>"]
    items += [f"<li>{inner}</li>" for inner in orphans]
    return f'{text}<ol data-footnotes="">{"".join(items)}</ol>' if items else text


def table_of_contents(body: str) -> list[Heading]:
    """The body's subheadings, in order, with their anchors (empty below TOC_MIN_HEADINGS)."""
    headings = [Heading(anchor, plain_text(inner)) for anchor, inner in _H2_WITH_ID.findall(body)]
    return headings if len(headings) >= TOC_MIN_HEADINGS else []


def word_count(body: str) -> int:
    return len(_WORD.findall(plain_text(body)))


def reading_minutes(body: str) -> int:
    """Whole minutes a reader needs, at least one."""
    return max(1, math.ceil(word_count(body) / WORDS_PER_MINUTE))
