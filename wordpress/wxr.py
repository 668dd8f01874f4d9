"""Reading a WordPress export (WXR) as a stream: one author, term or item at a time.

WordPress's Tools → Export writes RSS 2.0 with its own namespace (export/1.0 to 1.2). A
magazine's export can be gigabytes, so it is never loaded whole: defusedxml's iterparse
(which refuses DTDs, entity declarations and external entities, so no XML bomb or local file
gets in) hands over each element as it ends, and each is turned into a small dataclass and
dropped from the tree at once.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

WP_NAMESPACE = re.compile(r"^http://wordpress\.org/export/1\.[0-9]+/$")
OTHER_NAMESPACES = {
    "http://purl.org/rss/1.0/modules/content/": "content",
    "http://purl.org/dc/elements/1.1/": "dc",
    "http://wellformedweb.org/CommentAPI/": "wfw",
}
EXCERPT_NAMESPACE = re.compile(r"^http://wordpress\.org/export/1\.[0-9]+/excerpt/$")


class WXRError(Exception):
    """The file is not a WordPress export we can read; the message says why, for the operator."""


@dataclass
class Author:
    wp_id: int
    login: str
    email: str = ""
    display_name: str = ""
    first_name: str = ""
    last_name: str = ""


@dataclass
class Term:
    """A category, a tag or another taxonomy's term (menus, formats…)."""

    taxonomy: str  # "category", "post_tag" or the taxonomy's name
    wp_id: int
    slug: str
    name: str
    parent_slug: str = ""
    description: str = ""


@dataclass
class Comment:
    """A comment as exported (pingbacks and trackbacks too)."""

    wp_id: int
    author: str = ""
    email: str = ""
    url: str = ""
    ip: str = ""
    date: str = ""
    date_gmt: str = ""
    content: str = ""
    approved: str = "1"
    type: str = ""
    parent_id: int = 0
    user_id: int = 0

    def digest(self) -> str:
        return fingerprint(vars(self))


@dataclass
class Item:
    """A post, page, attachment, menu item or custom post type, with its terms, meta and comments."""

    wp_id: int
    post_type: str = "post"
    title: str = ""
    link: str = ""
    guid: str = ""
    creator: str = ""
    content: str = ""
    excerpt: str = ""
    post_date: str = ""
    post_date_gmt: str = ""
    name: str = ""
    status: str = ""
    parent_id: int = 0
    is_sticky: bool = False
    password: str = ""
    comment_status: str = "open"
    attachment_url: str = ""
    categories: list[tuple[str, str, str]] = field(default_factory=list)  # (domain, nicename, name)
    meta: dict[str, str] = field(default_factory=dict)
    comments: list[Comment] = field(default_factory=list)

    def digest(self) -> str:
        """A fingerprint of what the import reads of the item (comments apart): a re-run skips unchanged ones."""
        return fingerprint({name: value for name, value in vars(self).items() if name != "comments"})

    def terms(self, domain: str) -> list[tuple[str, str]]:
        return [(nicename, name) for kind, nicename, name in self.categories if kind == domain]


def fingerprint(data) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()[:32]


@dataclass
class Site:
    """What the channel says of the site before its first item."""

    title: str = ""
    link: str = ""
    base_site_url: str = ""
    base_blog_url: str = ""
    wxr_version: str = ""

    @property
    def base_url(self) -> str:
        """The site's address, the key its objects are kept under (so that two sites can be merged)."""
        return normalise_base(self.base_blog_url or self.link or self.base_site_url)


def normalise_base(url: str) -> str:
    return url.strip().rstrip("/").lower()


def parse_wp_date(value: str) -> datetime.datetime | None:
    """A naive datetime from WordPress's "2019-05-12 08:30:00"; None for its "0000-00-00 00:00:00"."""
    value = (value or "").strip()
    if not value or value.startswith("0000"):
        return None
    try:
        return datetime.datetime.strptime(value, "%Y-%m-%d %H:%M:%S")
    except ValueError:
        return None


def _name(tag: str) -> str:
    """`{namespace}local` as "wp:local", "content:encoded"…; plain RSS names stay as they are."""
    if not tag.startswith("{"):
        return tag
    namespace, _, local = tag[1:].partition("}")
    if WP_NAMESPACE.match(namespace):
        return f"wp:{local}"
    if EXCERPT_NAMESPACE.match(namespace):
        return f"excerpt:{local}"
    prefix = OTHER_NAMESPACES.get(namespace)
    return f"{prefix}:{local}" if prefix else f"{{{namespace}}}{local}"


def _text(element: ET.Element | None) -> str:
    return (element.text or "") if element is not None else ""


def _int(value: str) -> int:
    try:
        return int((value or "0").strip() or 0)
    except ValueError:
        return 0


def _children(element: ET.Element) -> dict[str, str]:
    """The text of each child by its short name (the first of each name)."""
    found: dict[str, str] = {}
    for child in element:
        found.setdefault(_name(child.tag), child.text or "")
    return found


def _author(element: ET.Element) -> Author:
    values = _children(element)
    return Author(
        wp_id=_int(values.get("wp:author_id", "")),
        login=values.get("wp:author_login", "").strip(),
        email=values.get("wp:author_email", "").strip(),
        display_name=values.get("wp:author_display_name", "").strip(),
        first_name=values.get("wp:author_first_name", "").strip(),
        last_name=values.get("wp:author_last_name", "").strip(),
    )


def _term(name: str, element: ET.Element) -> Term:
    values = _children(element)
    if name == "wp:category":
        return Term(
            taxonomy="category",
            wp_id=_int(values.get("wp:term_id", "")),
            slug=values.get("wp:category_nicename", "").strip(),
            name=values.get("wp:cat_name", "").strip(),
            parent_slug=values.get("wp:category_parent", "").strip(),
            description=values.get("wp:category_description", ""),
        )
    if name == "wp:tag":
        return Term(
            taxonomy="post_tag",
            wp_id=_int(values.get("wp:term_id", "")),
            slug=values.get("wp:tag_slug", "").strip(),
            name=values.get("wp:tag_name", "").strip(),
            description=values.get("wp:tag_description", ""),
        )
    return Term(
        taxonomy=values.get("wp:term_taxonomy", "").strip(),
        wp_id=_int(values.get("wp:term_id", "")),
        slug=values.get("wp:term_slug", "").strip(),
        name=values.get("wp:term_name", "").strip(),
        parent_slug=values.get("wp:term_parent", "").strip(),
        description=values.get("wp:term_description", ""),
    )


def _comment(element: ET.Element) -> Comment:
    values = _children(element)
    return Comment(
        wp_id=_int(values.get("wp:comment_id", "")),
        author=values.get("wp:comment_author", "").strip(),
        email=values.get("wp:comment_author_email", "").strip(),
        url=values.get("wp:comment_author_url", "").strip(),
        ip=values.get("wp:comment_author_IP", "").strip(),
        date=values.get("wp:comment_date", "").strip(),
        date_gmt=values.get("wp:comment_date_gmt", "").strip(),
        content=values.get("wp:comment_content", ""),
        approved=values.get("wp:comment_approved", "1").strip(),
        type=values.get("wp:comment_type", "").strip(),
        parent_id=_int(values.get("wp:comment_parent", "")),
        user_id=_int(values.get("wp:comment_user_id", "")),
    )


def _item(element: ET.Element) -> Item:
    item = Item(wp_id=0)
    for child in element:
        name = _name(child.tag)
        text = child.text or ""
        if name == "category":
            item.categories.append((child.get("domain", ""), child.get("nicename", ""), text.strip()))
        elif name == "wp:postmeta":
            values = _children(child)
            key = values.get("wp:meta_key", "")
            if key:
                item.meta[key] = values.get("wp:meta_value", "")
        elif name == "wp:comment":
            item.comments.append(_comment(child))
        elif name == "wp:post_id":
            item.wp_id = _int(text)
        elif name in _ITEM_FIELDS:
            setattr(item, _ITEM_FIELDS[name], text.strip() if name not in _RAW_FIELDS else text)
        elif name == "wp:is_sticky":
            item.is_sticky = text.strip() == "1"
        elif name == "wp:post_parent":
            item.parent_id = _int(text)
    return item


_ITEM_FIELDS = {
    "title": "title",
    "link": "link",
    "guid": "guid",
    "dc:creator": "creator",
    "content:encoded": "content",
    "excerpt:encoded": "excerpt",
    "wp:post_date": "post_date",
    "wp:post_date_gmt": "post_date_gmt",
    "wp:post_name": "name",
    "wp:status": "status",
    "wp:post_type": "post_type",
    "wp:post_password": "password",
    "wp:comment_status": "comment_status",
    "wp:attachment_url": "attachment_url",
}
_RAW_FIELDS = {"content:encoded", "excerpt:encoded"}

Record = Site | Author | Term | Item


def read(path: str | Path) -> Iterator[Record]:
    """Yield the site (once, before anything else), then authors, terms and items in file order.

    Raises WXRError for anything that is not a whole, well-formed, safe WordPress export; a
    caller that must change nothing on bad input reads the whole file once before writing.
    """
    site = Site()
    site_sent = False
    depth = 0
    channel: ET.Element | None = None
    try:
        handle = open(path, "rb")  # noqa: SIM115  (closed in finally, around the generator's life)
    except OSError as error:
        raise WXRError(f"cannot open {path}: {error.strerror}") from None
    try:
        # forbid_dtd: WordPress writes no DOCTYPE, and a DTD is where entity bombs live.
        events = iterparse(handle, events=("start", "end"), forbid_dtd=True)
        for event, element in _guarded(events):
            if event == "start":
                depth += 1
                if depth == 1 and element.tag != "rss":
                    raise WXRError(f"not a WordPress export: the document is <{_name(element.tag)}>, not <rss>")
                if depth == 2 and element.tag == "channel":
                    channel = element
                continue
            depth -= 1
            if depth != 2 or channel is None:
                continue
            name = _name(element.tag)
            if name == "item" or name in ("wp:author", "wp:category", "wp:tag", "wp:term"):
                if not site_sent:
                    _check_site(site)
                    site_sent = True
                    yield site
                if name == "item":
                    yield _item(element)
                elif name == "wp:author":
                    yield _author(element)
                else:
                    yield _term(name, element)
                channel.remove(element)
            elif name in ("title", "link", "wp:base_site_url", "wp:base_blog_url", "wp:wxr_version"):
                setattr(site, name.removeprefix("wp:"), (element.text or "").strip())
        if channel is None:
            raise WXRError("not a WordPress export: no <channel> in the <rss> document")
        if not site_sent:
            _check_site(site)
            yield site
    finally:
        handle.close()


def _check_site(site: Site) -> None:
    if not site.wxr_version:
        raise WXRError(
            "not a WordPress export: no <wp:wxr_version> before the first item (an RSS feed is not an export; "
            "use Tools → Export in WordPress)"
        )
    if not site.base_url.startswith(("http://", "https://")) or len(site.base_url) > 200:
        raise WXRError("the export names no site address (<wp:base_blog_url> or the channel's <link>)")


def _guarded(events):
    """The parser's events, with its failures said in words an operator can act on."""
    try:
        yield from events
    except DefusedXmlException as error:
        raise WXRError(
            f"refused: the file declares a DTD, entities or external references ({type(error).__name__}), "
            "which WordPress never writes and XML bombs do"
        ) from None
    except ET.ParseError as error:
        line, column = error.position
        message = str(error).split(":")[0]
        if message == "no element found" or message == "unclosed token":
            raise WXRError(
                f"the file ends too soon (line {line}): is it a whole export, not a truncated copy?"
            ) from None
        if message == "not well-formed (invalid token)" or "encoding" in message:
            raise WXRError(
                f"cannot read the file at line {line}, column {column}: {message}. If it is not UTF-8, "
                "convert it (e.g. iconv -f latin1 -t utf-8) or fix its <?xml encoding=…?> declaration"
            ) from None
        raise WXRError(f"not well-formed XML at line {line}, column {column}: {message}") from None
    except (LookupError, UnicodeError) as error:
        raise WXRError(f"cannot read the file's encoding: {error}") from None
