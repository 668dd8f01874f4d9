"""The one place where HTML from editors, and text from readers, is made safe.

Everything goes through `clean_html()`, with the allowlist below, so that moving
from bleach (whose 6.4 release is its last) to nh3 is a change to this module only.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit, urlunsplit

import bleach
import bleach.linkifier
from bleach.html5lib_shim import Filter
from django.utils.html import linebreaks
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "cite", "code", "em", "figcaption", "figure",
        "h2", "h3", "h4", "hr", "i", "li", "ol", "p", "q", "s", "small", "strong", "sub",
        "sup", "ul",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": ["href", "title"], "abbr": ["title"], "q": ["cite"]}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
LINK_REL = "noopener noreferrer"

# Elements whose content is not text a reader should see: dropped whole, not just untagged.
DROPPED_WITH_CONTENT = frozenset(
    {
        "script", "style", "template", "noscript", "iframe", "object", "embed", "svg",
        "math", "title", "textarea", "select", "head",
    }
)  # fmt: skip


class _DropAndLinkFilter(Filter):
    """Drop unwanted elements together with their content; give links a safe rel."""

    def __iter__(self) -> Iterator[dict]:
        depth = 0
        for token in super().__iter__():
            kind, name = token["type"], token.get("name")
            if name in DROPPED_WITH_CONTENT and kind in {"StartTag", "EndTag", "EmptyTag"}:
                if kind == "StartTag":
                    depth += 1
                elif kind == "EndTag":
                    depth = max(depth - 1, 0)
                continue
            if depth:
                continue
            if kind == "StartTag" and name == "a":
                token["data"][(None, "rel")] = LINK_REL
            yield token


_cleaner = bleach.Cleaner(
    # The dropped elements pass the sanitiser (attributes stripped) only so that the
    # filter can see where they end and remove what they hold.
    tags=ALLOWED_TAGS | DROPPED_WITH_CONTENT,
    attributes=ALLOWED_ATTRIBUTES,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
    filters=[_DropAndLinkFilter],
)


def clean_html(html: str) -> str:
    """Return `html` reduced to the allowlist, with scripts and styles removed whole."""
    if not html:
        return ""
    return _cleaner.clean(html).strip()


# --- Readers' plain text ----------------------------------------------------
# Comments are stored as typed and turned into HTML only here: escaped, paragraphs
# kept, web addresses made into links that pass no reputation and open no window.

COMMENT_LINK_REL = "nofollow ugc noopener"
LINK_SCHEMES = frozenset({"http", "https"})

# Characters that reorder or hide text: bidi embeddings, overrides and isolates, and
# the invisible joiners and marks that let "sp\u200bam" slip past a word list.
_INVISIBLE = dict.fromkeys(
    [0x00AD, 0x034F, 0x061C, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180E, 0x3164, 0xFEFF, 0xFFA0]
    + list(range(0x200B, 0x2010))
    + list(range(0x202A, 0x202F))
    + list(range(0x2060, 0x2070))
    + list(range(0xFFF0, 0xFFF9))
)
# Control characters other than tab and newline.
_CONTROLS = dict.fromkeys([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0)])


def clean_plain_text(text: str, *, single_line: bool = False) -> str:
    """`text` without control, bidi-override and invisible characters; newlines kept unless `single_line`."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    text = text.translate(_INVISIBLE).translate(_CONTROLS)
    if single_line:
        text = " ".join(text.split())
    return text.strip()


def _comment_link(attrs: dict, new: bool = False) -> dict | None:
    href = attrs.get((None, "href"), "")
    try:
        parts = urlsplit(href)
        host = parts.hostname or ""
        ascii_host = host.encode("idna").decode("ascii")
    except (ValueError, UnicodeError):
        return None
    if parts.scheme.lower() not in LINK_SCHEMES or not host:
        return None
    if ascii_host != host:
        # A lookalike address (Cyrillic "а" for Latin "a") is shown and linked as what it really is.
        netloc = parts.netloc.lower().replace(host, ascii_host)
        href = urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))
        attrs["_text"] = href
    attrs[(None, "href")] = href
    attrs[(None, "rel")] = COMMENT_LINK_REL
    return attrs


_linker = bleach.linkifier.Linker(callbacks=[_comment_link], parse_email=False)


def render_plain_text(text: str) -> SafeString:
    """A reader's text as safe HTML: escaped, in paragraphs, with its web addresses linked."""
    paragraphs = linebreaks(clean_plain_text(text), autoescape=True)
    return mark_safe(_linker.linkify(paragraphs))  # noqa: S308 - escaped above, links built by bleach


def count_links(text: str) -> int:
    """How many links `render_plain_text` would make of `text`."""
    return render_plain_text(text).count("<a ")
