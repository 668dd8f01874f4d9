"""The one place where HTML from editors is made safe.

Everything goes through `clean_html()`, with the allowlist below, so that moving
from bleach (whose 6.4 release is its last) to nh3 is a change to this module only.
"""

from __future__ import annotations

from collections.abc import Iterator

import bleach
from bleach.html5lib_shim import Filter

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
