"""WordPress's post markup turned into the HTML our articles keep.

A WordPress body is not HTML as stored: the classic editor keeps paragraphs as blank lines
(WordPress adds <p> and <br> when it shows a post, "wpautop"), the block editor wraps HTML
in <!-- wp:… --> comments, and both carry shortcodes ([caption], [gallery], [embed] and
whatever plugins added). This module does what WordPress does when it shows the post, then
points pictures at the media library (<figure data-image="ID">, which Article.save() rebuilds
from the library) and hands the result to the sanitiser. Nothing is printed that WordPress
would not have shown: shortcodes we cannot render are dropped and reported, their text kept.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from core.sanitize import clean_html

# --- Pictures ---------------------------------------------------------------------------

_SIZE_SUFFIX = re.compile(r"-(?:\d+x\d+|scaled|rotated|e\d{10,})(?=\.[a-z0-9]+$)", re.IGNORECASE)
UPLOADS = "/wp-content/uploads/"


def upload_key(url: str) -> str:
    """The part of an upload's address that names the file, whatever size WordPress served.

    "https://cdn.example/wp-content/uploads/2019/05/still-300x200.jpg" and the full-size
    ".../2019/05/still.jpg" are the same picture; the host is left out because sites move
    between http and https, www and not, and CDNs.
    """
    try:
        path = unquote(urlsplit(html.unescape(url.strip())).path)
    except ValueError:
        return ""
    if UPLOADS in path:
        path = path.split(UPLOADS, 1)[1]
    path = path.lstrip("/")
    while True:
        stripped = _SIZE_SUFFIX.sub("", path)
        if stripped == path:
            return path.lower()
        path = stripped


@dataclass
class Pictures:
    """How the body finds library pictures: by attachment id and by upload address."""

    by_id: dict[int, int] = field(default_factory=dict)
    by_key: dict[str, int] = field(default_factory=dict)
    of_parent: Callable[[], list[int]] = lambda: []

    def find(self, attachment_id: int | None, url: str = "") -> int | None:
        if attachment_id and attachment_id in self.by_id:
            return self.by_id[attachment_id]
        key = upload_key(url) if url else ""
        return self.by_key.get(key) if key else None


_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_WP_IMAGE_CLASS = re.compile(r"\bwp-image-(\d+)\b")
_ATTRIBUTE = re.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")


def _attributes(tag: str) -> dict[str, str]:
    return {
        m.group(1).lower(): html.unescape(m.group(2) or m.group(3) or m.group(4) or "")
        for m in _ATTRIBUTE.finditer(tag)
    }


def references(content: str) -> tuple[set[int], set[str]]:
    """The attachment ids and upload keys a body points at, to look them up in one query."""
    ids: set[int] = set()
    keys: set[str] = set()
    for tag in _IMG.findall(content):
        attributes = _attributes(tag)
        found = _WP_IMAGE_CLASS.search(attributes.get("class", ""))
        if found:
            ids.add(int(found.group(1)))
        if attributes.get("src"):
            keys.add(upload_key(attributes["src"]))
    for shortcode in re.finditer(r"\[(?:caption|wp_caption|gallery)\b([^\]]*)\]", content):
        attributes = parse_attributes(shortcode.group(1))
        for value in [attributes.get("id", ""), *attributes.get("ids", "").split(",")]:
            digits = re.sub(r"\D", "", value)
            if digits:
                ids.add(int(digits))
    for block in re.finditer(r"<!-- wp:(?:image|gallery)\s+(\{.*?\})\s*/?-->", content):
        for number in re.findall(r'"ids?"\s*:\s*\[?([\d,\s]+)', block.group(1)):
            ids.update(int(n) for n in re.findall(r"\d+", number))
    return ids, keys


def _figure(image_id: int) -> str:
    return f'<figure data-image="{image_id}"></figure>'


# --- Conversion -------------------------------------------------------------------------


@dataclass
class Converted:
    html: str
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (kind, detail)
    captions: dict[int, str] = field(default_factory=dict)  # library picture → caption the post gave it


class _Conversion:
    def __init__(self, pictures: Pictures) -> None:
        self.pictures = pictures
        self.result = Converted(html="")

    def warn(self, kind: str, detail: str) -> None:
        if (kind, detail) not in self.result.warnings:
            self.result.warnings.append((kind, detail))

    def picture(self, attachment_id: int | None, url: str, caption: str = "") -> str:
        image_id = self.pictures.find(attachment_id, url)
        if image_id is None:
            self.warn("picture", f"not in the media library: {url or f'attachment {attachment_id}'}")
            return f"<p>{html.escape(caption)}</p>" if caption.strip() else ""
        if caption.strip():
            self.result.captions.setdefault(image_id, " ".join(html.unescape(strip_tags(caption)).split()))
        return _figure(image_id)


def convert(content: str, pictures: Pictures | None = None) -> Converted:
    """Turn a WordPress post body into article HTML, for `clean()`; warnings say what could not come along."""
    conversion = _Conversion(pictures or Pictures())
    text = (content or "").replace("\r\n", "\n").replace("\r", "\n")
    has_blocks = "<!-- wp:" in text
    text = _blocks(text, conversion)
    text = re.sub(r"<!--\s*(?:more|nextpage|noteaser)\b.*?-->", "\n\n", text)
    text = _shortcodes(text, conversion)
    text = _embeds_on_own_line(text)
    if not has_blocks:
        # Since WordPress 5.0, posts written with blocks are shown without wpautop.
        text = autop(text)
    text = _block_figures(text, conversion)
    text = _loose_images(text, conversion)
    text = _out_of_paragraphs(text)
    text = _iframes(text, conversion)
    conversion.result.html = _markup(text, conversion)
    return conversion.result


def clean(converted: str) -> str:
    """A converted body through the sanitiser (as Article.save() would put it), tidied.

    A picture or a script that stood inside a paragraph leaves that paragraph's empty halves or
    a last <br> behind, and blocks leave blank lines; what is left is stable under clean_html.
    """
    cleaned = clean_html(converted)
    cleaned = re.sub(r"(?:<br>\s*)+</p>", "</p>", cleaned)
    cleaned = re.sub(r"<p>\s*</p>", "", cleaned)
    return re.sub(r"\n\s*\n+", "\n", cleaned).strip()


# --- Blocks -----------------------------------------------------------------------------

_BLOCK_COMMENT = re.compile(r"<!--\s*(/)?wp:([a-z0-9][a-z0-9/_-]*)\s*(\{.*?\})?\s*(/)?-->", re.DOTALL)
# Blocks whose saved HTML is the content as readers saw it.
_CONTENT_BLOCKS = {
    "paragraph", "heading", "list", "list-item", "quote", "pullquote", "image", "gallery", "separator",
    "more", "nextpage", "html", "freeform", "preformatted", "code", "verse", "columns", "column", "group",
    "cover", "media-text", "spacer", "table", "buttons", "button", "embed", "file", "details",
    "footnotes", "row", "stack",
}  # fmt: skip


def _blocks(text: str, conversion: _Conversion) -> str:
    def replace(match: re.Match) -> str:
        closing, name, attributes, self_closing = match.groups()
        short = name.removeprefix("core/")
        if self_closing:
            if short not in {"more", "nextpage", "separator", "spacer"}:
                conversion.warn("block", f"wp:{short} (generated by WordPress when shown) not carried over")
            return "\n\n"
        if not closing and short not in _CONTENT_BLOCKS and not short.startswith("core-embed/"):
            conversion.warn("block", f"wp:{short} kept as its saved HTML")
        if not closing and short == "table":
            conversion.warn("table", "a table's cells became plain text")
        if not closing and short in {"video", "audio"}:
            conversion.warn("media", f"wp:{short} not carried over")
        return "\n\n"

    if "<!-- wp:embed" in text or "<!-- wp:core-embed" in text:
        text = re.sub(
            r'<!--\s*wp:(?:core-)?embed[^>]*?"url"\s*:\s*"([^"]+)".*?-->.*?<!--\s*/wp:(?:core-)?embed[^>]*-->',
            lambda m: _link_paragraph(m.group(1).replace("\\/", "/"), conversion),
            text,
            flags=re.DOTALL,
        )
    return _BLOCK_COMMENT.sub(replace, text)


def _link_paragraph(url: str, conversion: _Conversion) -> str:
    url = html.unescape(url.strip())
    conversion.warn("embed", f"an embedded {urlsplit(url).hostname or 'page'} became a link")
    escaped = html.escape(url)
    return f'\n\n<p><a href="{escaped}">{escaped}</a></p>\n\n'


def _embeds_on_own_line(text: str) -> str:
    """WordPress turns an address alone on its line into an embedded player; we link it."""
    return re.sub(
        r"(^|\n)[ \t]*(https?://[^\s<>\"']+)[ \t]*(?=\n|$)",
        lambda m: f'{m.group(1)}<p><a href="{html.escape(m.group(2))}">{html.escape(m.group(2))}</a></p>',
        text,
    )


def _block_figures(text: str, conversion: _Conversion) -> str:
    """The block editor's <figure class="wp-block-image"><img><figcaption></figure> as one library picture."""

    def replace(match: re.Match) -> str:
        inner = match.group(1)
        images = _IMG.findall(inner)
        if len(images) != 1:
            return match.group(0)
        caption = re.search(r"<figcaption[^>]*>(.*?)</figcaption>", inner, re.DOTALL | re.IGNORECASE)
        attributes = _attributes(images[0])
        found = _WP_IMAGE_CLASS.search(attributes.get("class", ""))
        return conversion.picture(
            int(found.group(1)) if found else None, attributes.get("src", ""), caption.group(1) if caption else ""
        )

    return re.sub(r"<figure\b[^>]*>((?:(?!<figure\b).)*?)</figure>", replace, text, flags=re.DOTALL | re.IGNORECASE)


def _loose_images(text: str, conversion: _Conversion) -> str:
    """Any other <img> (with the link to its full size WordPress puts around it) as a library picture."""

    def replace(match: re.Match) -> str:
        attributes = _attributes(match.group("img"))
        found = _WP_IMAGE_CLASS.search(attributes.get("class", ""))
        return conversion.picture(int(found.group(1)) if found else None, attributes.get("src", ""))

    return re.sub(r"(?:<a\b[^>]*>\s*)?(?P<img><img\b[^>]*>)(?:\s*</a>)?", replace, text, flags=re.IGNORECASE)


def _out_of_paragraphs(text: str) -> str:
    """Close the paragraph a picture stood in and open another after it (a figure cannot be in a <p>)."""
    parts, position, depth = [], 0, 0
    for match in re.finditer(r'<p\b[^>]*>|</p\s*>|<figure data-image="\d+"></figure>', text, re.IGNORECASE):
        token = match.group(0)
        if token.startswith("<figure"):
            parts.append(text[position : match.start()])
            parts.append(f"</p>{token}<p>" if depth else token)
            position = match.end()
        elif token.startswith("</"):
            depth = max(depth - 1, 0)
        else:
            depth += 1
    parts.append(text[position:])
    return "".join(parts)


def _iframes(text: str, conversion: _Conversion) -> str:
    def replace(match: re.Match) -> str:
        src = _attributes(match.group(0)).get("src", "")
        if src.startswith("//"):
            src = f"https:{src}"
        return _link_paragraph(src, conversion) if src.startswith(("http://", "https://")) else ""

    return re.sub(r"<iframe\b[^>]*>.*?</iframe>", replace, text, flags=re.DOTALL | re.IGNORECASE)


def _markup(text: str, conversion: _Conversion) -> str:
    """Markup our allowlist lacks, said with what it has, so that the words keep their role."""
    text = re.sub(r"<(/?)h1\b[^>]*>", r"<\1h2>", text, flags=re.IGNORECASE)
    text = re.sub(r"<(/?)h[56]\b[^>]*>", r"<\1h4>", text, flags=re.IGNORECASE)
    if re.search(r"<table\b", text, re.IGNORECASE):
        conversion.warn("table", "a table's cells became plain text")
        text = re.sub(r"</t[dh]>", " </td>", text, flags=re.IGNORECASE)
        text = re.sub(r"</tr>", "<br></tr>", text, flags=re.IGNORECASE)

    def pre(match: re.Match) -> str:
        inner = re.sub(r"</?code\b[^>]*>", "", match.group(1))
        return "<p><code>" + inner.strip("\n").replace("\n", "<br>") + "</code></p>"

    text = re.sub(r"<pre\b[^>]*>(.*?)</pre>", pre, text, flags=re.DOTALL | re.IGNORECASE)
    if re.search(r"<(?:video|audio|object|embed)\b", text, re.IGNORECASE):
        conversion.warn("media", "an audio or video player not carried over")
    return text


def strip_tags(text: str) -> str:
    return re.sub(r"<[^>]*>", "", text)


# --- Shortcodes -------------------------------------------------------------------------

_SHORTCODE = re.compile(
    r"\[(\[?)([A-Za-z0-9_-]+)(?![\w-])([^\]/]*(?:/(?!\])[^\]/]*)*?)"
    r"(?:(/)\]|\](?:((?:[^\[]|\[(?!/\2\]))*?)\[/\2\])?)(\]?)",
    re.DOTALL,
)
_SHORTCODE_ATTRIBUTE = re.compile(
    r"""([\w-]+)\s*=\s*"([^"]*)"(?:\s|$)|([\w-]+)\s*=\s*'([^']*)'(?:\s|$)|([\w-]+)\s*=\s*([^\s'"]+)(?:\s|$)"""
    r"""|"([^"]*)"(?:\s|$)|'([^']*)'(?:\s|$)|(\S+)(?:\s|$)"""
)
_ESCAPED_OPEN, _ESCAPED_CLOSE = "\ue010", "\ue011"
KNOWN_SHORTCODES = {"caption", "wp_caption", "gallery", "embed", "audio", "video", "playlist"}


def parse_attributes(text: str) -> dict[str, str]:
    """WordPress's shortcode_parse_atts: name="value", name='value', name=value and bare values."""
    attributes: dict[str, str] = {}
    position = 0
    text = html.unescape(text.replace("\u00a0", " ").replace("\u200b", " "))
    for match in _SHORTCODE_ATTRIBUTE.finditer(text):
        groups = match.groups()
        for name_index in (0, 2, 4):
            if groups[name_index]:
                attributes[groups[name_index].lower()] = groups[name_index + 1]
                break
        else:
            attributes[str(position)] = next(value for value in groups[6:] if value is not None)
            position += 1
    return attributes


def _is_shortcode(match: re.Match) -> bool:
    """Whether `[name …]` is a shortcode rather than prose such as "[sic]" or a footnote "[1]".

    WordPress prints unregistered shortcodes as text and we cannot know which plugins the site
    had: known names, anything with attributes or a closing tag, and plugin-style names
    (contact-form-7, et_pb_text) count as shortcodes.
    """
    name, attributes, self_closing, inner = match.group(2), match.group(3), match.group(4), match.group(5)
    if name.lower() in KNOWN_SHORTCODES:
        return True
    if inner is not None or self_closing:
        return True
    if "=" in attributes:
        return True
    return ("_" in name or "-" in name) and not name.isdigit()


def _shortcodes(text: str, conversion: _Conversion) -> str:
    def replace(match: re.Match) -> str:
        if match.group(1) == "[" and match.group(6) == "]":
            # [[name]] is WordPress's way to print [name]: kept out of later rounds as it is.
            return _ESCAPED_OPEN + match.group(0)[2:-2] + _ESCAPED_CLOSE
        if not _is_shortcode(match):
            return match.group(0)
        name = match.group(2).lower()
        attributes = parse_attributes(match.group(3) or "")
        inner = match.group(5) or ""
        if name in {"caption", "wp_caption"}:
            return "\n\n" + _caption(attributes, inner, conversion) + "\n\n"
        if name == "gallery":
            return "\n\n" + _gallery(attributes, conversion) + "\n\n"
        if name == "embed":
            url = inner.strip() or attributes.get("src", "")
            return _link_paragraph(url, conversion) if url else ""
        conversion.warn("shortcode", f"[{name}] not carried over")
        # The words an enclosing shortcode wraps were meant for readers; the wrapper is dropped.
        return _shortcodes(inner, conversion) if inner else ""

    previous = None
    while previous != text:  # nested shortcodes of different names
        previous = text
        text = _SHORTCODE.sub(replace, text)
    return text.replace(_ESCAPED_OPEN, "[").replace(_ESCAPED_CLOSE, "]")


def _caption(attributes: dict[str, str], inner: str, conversion: _Conversion) -> str:
    images = _IMG.findall(inner)
    caption = attributes.get("caption") or re.sub(r"(?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?", "", inner).strip()
    digits = re.sub(r"\D", "", attributes.get("id", ""))
    attachment_id = int(digits) if digits else None
    if images:
        found = _WP_IMAGE_CLASS.search(_attributes(images[0]).get("class", ""))
        attachment_id = attachment_id or (int(found.group(1)) if found else None)
        return conversion.picture(attachment_id, _attributes(images[0]).get("src", ""), caption)
    return conversion.picture(attachment_id, "", caption)


def _gallery(attributes: dict[str, str], conversion: _Conversion) -> str:
    ids = [int(value) for value in re.findall(r"\d+", attributes.get("ids", "") or attributes.get("include", ""))]
    if ids:
        return "\n".join(conversion.picture(attachment_id, "") for attachment_id in ids)
    found = conversion.pictures.of_parent()
    if not found:
        conversion.warn("picture", "a [gallery] of the post's own pictures, none of them in the media library")
    return "\n".join(_figure(image_id) for image_id in found)


# --- wpautop ----------------------------------------------------------------------------

_ALLBLOCKS = (
    r"(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|area|"
    r"blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|header|footer|"
    r"nav|figure|figcaption|details|menu|summary)"
)


def autop(text: str) -> str:
    """WordPress's wpautop: blank lines make paragraphs, single newlines line breaks, blocks left alone."""
    if not text.strip():
        return ""
    kept: dict[str, str] = {}

    def keep(match: re.Match) -> str:
        name = f"<pre wp-pre-tag-{len(kept)}></pre>"
        kept[name] = match.group(0)
        return name

    text = re.sub(r"<pre\b.*?</pre>", keep, text + "\n", flags=re.DOTALL | re.IGNORECASE)
    text = re.sub(r"<br\s*/?>\s*<br\s*/?>", "\n\n", text, flags=re.IGNORECASE)
    text = re.sub(rf"(<{_ALLBLOCKS}[\s/>])", r"\n\n\1", text, flags=re.IGNORECASE)
    text = re.sub(rf"(</{_ALLBLOCKS}>)", r"\1\n\n", text, flags=re.IGNORECASE)
    text = re.sub(r"<hr\s*?/?>", "<hr />\n\n", text, flags=re.IGNORECASE)
    text = re.sub(r"\n\n+", "\n\n", text)
    paragraphs = [part for part in re.split(r"\n\s*\n", text) if part.strip()]
    text = "".join(f"<p>{part.strip(chr(10))}</p>\n" for part in paragraphs)
    text = re.sub(r"<p>\s*</p>", "", text)
    text = re.sub(r"<p>([^<]+)</(div|address|form)>", r"<p>\1</p></\2>", text)
    text = re.sub(rf"<p>\s*(</?{_ALLBLOCKS}[^>]*>)\s*</p>", r"\1", text, flags=re.IGNORECASE)
    text = re.sub(r"<p>(<li.+?)</p>", r"\1", text)
    text = re.sub(r"<p><blockquote([^>]*)>", r"<blockquote\1><p>", text, flags=re.IGNORECASE)
    text = text.replace("</blockquote></p>", "</p></blockquote>")
    text = re.sub(rf"<p>\s*(</?{_ALLBLOCKS}[^>]*>)", r"\1", text, flags=re.IGNORECASE)
    text = re.sub(rf"(</?{_ALLBLOCKS}[^>]*>)\s*</p>", r"\1", text, flags=re.IGNORECASE)
    text = re.sub(r"(?<!<br />)\s*\n", "<br />\n", text)
    text = re.sub(rf"(</?{_ALLBLOCKS}[^>]*>)\s*<br />", r"\1", text, flags=re.IGNORECASE)
    text = re.sub(r"<br />(\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)", r"\1", text, flags=re.IGNORECASE)
    text = re.sub(r"\n</p>$", "</p>", text)
    for name, original in kept.items():
        text = text.replace(name, original)
    return text


# --- Plain text (comments, excerpts) ----------------------------------------------------


def plain_text(content: str) -> str:
    """WordPress comment or excerpt HTML as the plain text our comments keep: links as "text (address)"."""

    def link(match: re.Match) -> str:
        href = _attributes(match.group(1)).get("href", "")
        words = strip_tags(match.group(2)).strip()
        if href and href not in words:
            return f"{words} ({href})" if words else href
        return words

    text = re.sub(r"<a\b([^>]*)>(.*?)</a>", link, content or "", flags=re.DOTALL | re.IGNORECASE)
    text = re.sub(r"<br\s*/?>", "\n", text, flags=re.IGNORECASE)
    text = re.sub(r"</p>\s*<p[^>]*>", "\n\n", text, flags=re.IGNORECASE)
    return html.unescape(strip_tags(text)).strip()
