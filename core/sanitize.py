"""The one place where HTML from editors, and text from readers, is made safe.

Everything goes through `clean_html()`, with the allowlist below, so that moving
from bleach (whose 6.4 release is its last) to nh3 is a change to this module only.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from urllib.parse import unquote, urlsplit, urlunsplit

import bleach
import bleach.linkifier
from bleach.html5lib_shim import BleachHTMLParser, Filter
from bleach.sanitizer import BleachSanitizerFilter
from django.core.files.storage import default_storage
from django.utils.html import linebreaks
from django.utils.safestring import SafeString, mark_safe

from . import embeds

ALLOWED_TAGS = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "cite", "code", "em", "figcaption", "figure",
        "h2", "h3", "h4", "hr", "i", "img", "li", "ol", "p", "q", "s", "small", "strong", "sub",
        "sup", "ul",
        # Tables: a header row of <th>, no merged cells, no widths (cells' colspan, rowspan and
        # style go, so does <colgroup>); readers' CSS lays them out.
        "table", "thead", "tbody", "tr", "th", "td",
    }
)  # fmt: skip
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
LINK_REL = "noopener noreferrer"

# Elements whose content is not text a reader should see: dropped whole, not just untagged.
DROPPED_WITH_CONTENT = frozenset(
    {
        "script", "style", "template", "noscript", "iframe", "object", "embed", "svg",
        "math", "title", "textarea", "select", "head",
    }
)  # fmt: skip

# Pictures in a body come from the media library (images/richtext.py writes them): their
# addresses must be ours, so that nothing is hotlinked, tracked or smuggled in as data: URLs.
_SRCSET_DESCRIPTOR = re.compile(r"\d{1,5}w|\d(\.\d+)?x")
_IMG_VALUES = {
    "alt": re.compile(r".*", re.DOTALL),
    "width": re.compile(r"\d{1,5}"),
    "height": re.compile(r"\d{1,5}"),
    "sizes": re.compile(r"[\w\s().,:%-]{1,200}"),
    "loading": re.compile(r"lazy|eager"),
    "decoding": re.compile(r"async|sync|auto"),
}


def _is_media_url(url: str) -> bool:
    prefix = default_storage.url("")
    # "//host/..." is another site, whatever the media prefix says.
    if not url or not url.startswith(prefix) or url.startswith("//") or re.search(r"[\s\\<>\"']", url):
        return False
    # Browsers resolve "." and ".." segments, "%2e" spellings included: "/media/../admin/" is not ours.
    return not any(segment in {".", ".."} for segment in unquote(urlsplit(url).path).split("/"))


def _img_attribute(tag: str, name: str, value: str) -> bool:
    if name == "src":
        return _is_media_url(value)
    if name == "srcset":
        candidates = [candidate.split() for candidate in value.split(",")]
        return all(
            len(parts) == 2 and _is_media_url(parts[0]) and _SRCSET_DESCRIPTOR.fullmatch(parts[1])
            for parts in candidates
        )
    pattern = _IMG_VALUES.get(name)
    return bool(pattern and pattern.fullmatch(value))


# Footnotes (articles/text.py numbers them): a reference <sup id="fnref-N"><a href="#fn-N"> and a
# note <li id="fn-N"> in <ol data-footnotes> with a link back. Only ids of these two shapes, which
# no id of the page itself has (articles/text.py RESERVED_IDS; subheadings never take them).
FOOTNOTE_REFERENCE_ID = re.compile(r"fnref-[1-9][0-9]{0,2}")
FOOTNOTE_ID = re.compile(r"fn-[1-9][0-9]{0,2}")
_LINK_VALUES = {
    "role": re.compile(r"doc-noteref|doc-backlink"),
    "aria-label": re.compile(r"(?:Note|Back to the text of note) [1-9][0-9]{0,2}"),
}
_DIGITS = re.compile(r"[1-9][0-9]{0,9}")


def _link_attribute(tag: str, name: str, value: str) -> bool:
    if name in {"href", "title"}:
        return True
    pattern = _LINK_VALUES.get(name)
    return bool(pattern and pattern.fullmatch(value))


def _figure_attribute(tag: str, name: str, value: str) -> bool:
    """A library picture (data-image), or an embed's placeholder (images/richtext.py writes it):
    addresses only of the shapes core/embeds.py accepts, ids only digits."""
    if name in {"data-image", "data-embed-poster"}:
        return bool(_DIGITS.fullmatch(value))
    # The parser leaves character references in attribute values as they were written.
    if name == "data-embed":
        return embeds.is_stored_url(html.unescape(value))
    if name == "data-embed-player":
        return embeds.is_player_url(html.unescape(value))
    if name == "data-embed-title":
        return len(value) <= 200
    return False


ALLOWED_ATTRIBUTES = {
    "a": _link_attribute,
    "abbr": ["title"],
    "q": ["cite"],
    "figure": _figure_attribute,
    "img": _img_attribute,
    "sup": lambda tag, name, value: name == "id" and bool(FOOTNOTE_REFERENCE_ID.fullmatch(value)),
    "li": lambda tag, name, value: name == "id" and bool(FOOTNOTE_ID.fullmatch(value)),
    "ol": lambda tag, name, value: name == "data-footnotes" and value == "",
    "th": lambda tag, name, value: name == "scope" and value in {"col", "row"},
}

# Formatting that Google Docs and Word paste as inline styles, and the elements that say the same.
_STYLE_ELEMENTS = [
    (re.compile(r"(?:^|;)\s*font-weight\s*:\s*(bold|bolder|[6-9]00)\b"), "strong"),
    (re.compile(r"(?:^|;)\s*font-style\s*:\s*italic\b"), "em"),
    (re.compile(r"(?:^|;)\s*vertical-align\s*:\s*super\b"), "sup"),
    (re.compile(r"(?:^|;)\s*vertical-align\s*:\s*sub\b"), "sub"),
    (re.compile(r"(?:^|;)\s*text-decoration(-line)?\s*:[^;]*line-through"), "s"),
]
# Word writes "mso-bidi-font-weight:normal" on real bold: only the property itself counts.
_NOT_BOLD = re.compile(r"(?:^|;)\s*font-weight\s*:\s*(normal|[1-4]00)\b")
_HTML = "http://www.w3.org/1999/xhtml"


class _PastedFormattingFilter(Filter):
    """Keep the italics and bold of pasted text that carries them as styles, before styles go.

    Google Docs wraps a whole paste in <b style="font-weight:normal">, and marks italics and
    bold on <span style>; the sanitiser would drop both the style and its meaning.
    """

    def __iter__(self) -> Iterator[dict]:
        closing: dict[str, list[list[str] | None]] = {"span": [], "b": []}
        for token in super().__iter__():
            kind, name = token["type"], token.get("name")
            if name not in closing or kind not in {"StartTag", "EndTag"}:
                yield token
                continue
            if kind == "EndTag":
                elements = closing[name].pop() if closing[name] else None
                if elements is None:
                    yield token
                for element in reversed(elements or []):
                    yield {"type": "EndTag", "name": element, "namespace": _HTML}
                continue
            style = (token["data"].get((None, "style")) or "").lower()
            if name == "b":
                if _NOT_BOLD.search(style):
                    closing["b"].append([])
                    continue
                closing["b"].append(None)
                yield token
                continue
            elements = [element for pattern, element in _STYLE_ELEMENTS if pattern.search(style)]
            closing["span"].append(elements or None)
            yield token
            for element in elements:
                yield {"type": "StartTag", "name": element, "namespace": _HTML, "data": {}}


class _DropAndLinkFilter(Filter):
    """Drop unwanted elements with their content; give links a safe rel; unwrap links and drop
    images left without an address."""

    def __iter__(self) -> Iterator[dict]:
        depth = 0
        links: list[bool] = []  # for each open <a>: is it kept?
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
            if name == "a" and kind == "StartTag":
                links.append((None, "href") in token["data"])
                if not links[-1]:
                    continue
                token["data"][(None, "rel")] = LINK_REL
            if name == "a" and kind == "EndTag" and links and not links.pop():
                continue
            if name == "img" and (None, "src") not in token["data"]:
                continue
            yield token


class _Cleaner(bleach.Cleaner):
    """bleach's Cleaner with one filter that sees the markup before the sanitiser does."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        # The parser keeps <span> (the sanitiser then strips it) so that the filter can read its style.
        self.parser = BleachHTMLParser(
            tags=self.tags | {"span"}, strip=self.strip, consume_entities=False, namespaceHTMLElements=False
        )

    def clean(self, text: str) -> str:
        stream = _PastedFormattingFilter(source=self.walker(self.parser.parseFragment(text)))
        filtered = BleachSanitizerFilter(
            source=stream,
            allowed_tags=self.tags,
            attributes=self.attributes,
            strip_disallowed_tags=self.strip,
            strip_html_comments=self.strip_comments,
            css_sanitizer=self.css_sanitizer,
            allowed_protocols=self.protocols,
        )
        for filter_class in self.filters:
            filtered = filter_class(source=filtered)
        return self.serializer.render(filtered)


_cleaner = _Cleaner(
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


# bleach's address pattern, except that an address ends at a quote or an angle bracket, typed or
# escaped: the linkifier reads the escaped text, where "svg'><image" is "svg&#x27;&gt;&lt;image",
# which bleach's pattern took whole into the link. Typographic quotes end it too (“http://…”).
_ENDS_ADDRESS = "'\"<>\u2018\u2019\u201c\u201d\u00ab\u00bb"
_ESCAPED_QUOTE_OR_BRACKET = r"&(?:amp;)?(?:lt|gt|quot|apos|#0*(?:34|39|60|62)|#[xX]0*(?:22|27|3[cCeE]));"
_URL_RE = re.compile(
    r"\(*\b(?<![@.])(?:(?:{protocols}):/{{0,3}}(?:(?:\w+:)?\w+@)?)?"  # http://
    r"([\w-]+\.)+(?:{tlds})(?::[0-9]+)?(?!\.\w)\b"  # xx.yy.tld(:##)?
    r"(?:[/?](?:(?!{escaped})[^\s{{}}|\\^`{ends}])*)?".format(  # /path?query, to the first quote or bracket
        protocols="|".join(sorted(bleach.linkifier.html5lib_shim.allowed_protocols)),
        tlds="|".join(sorted(bleach.linkifier.TLDS)),
        escaped=_ESCAPED_QUOTE_OR_BRACKET,
        ends=re.escape(_ENDS_ADDRESS),
    ),
    re.IGNORECASE | re.UNICODE,
)

_linker = bleach.linkifier.Linker(callbacks=[_comment_link], parse_email=False, url_re=_URL_RE)


def render_plain_text(text: str) -> SafeString:
    """A reader's text as safe HTML: escaped, in paragraphs, with its web addresses linked."""
    paragraphs = linebreaks(clean_plain_text(text), autoescape=True)
    if not _linker.url_re.search(paragraphs):
        # No address to link, as in most comments: bleach's parse and rewrite would change nothing
        # but how it writes the escapes, and cost 0.1-0.3 ms a comment (120 µs of 193 on a
        # two-paragraph one; the busiest article's first page shows 34).
        return mark_safe(paragraphs)  # noqa: S308 - escaped above
    return mark_safe(_linker.linkify(paragraphs))  # noqa: S308 - escaped above, links built by bleach


def count_links(text: str) -> int:
    """How many links `render_plain_text` would make of `text`."""
    return render_plain_text(text).count("<a ")
