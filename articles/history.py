"""What an article looked like at a revision, and what changed between two of them.

Revisions are django-reversion's: each holds the article and everything that follows it
(bylines, works discussed, works cited, tagged items), so one revision is a full snapshot.
"""

from __future__ import annotations

import difflib
import html
import re
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist
from django.utils.formats import date_format
from django.utils.html import escape, format_html, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import localtime
from reversion.models import Version
from taggit.models import Tag, TaggedItem
from taggit.utils import parse_tags

from .models import Article, ArticleAuthor, ArticleWork, Citation

# (key, label) in the order a reader meets them.
FIELDS = [
    ("title", "Title"),
    ("slug", "Address"),
    ("dek", "Standfirst"),
    ("section", "Section"),
    ("kind", "Kind"),
    ("rating", "Rating"),
    ("bylines", "Bylines"),
    ("works", "Works discussed"),
    ("body", "Body"),
    ("citations", "Works cited"),
    ("tags", "Tags"),
    ("hero", "Hero image"),
    ("seo_title", "SEO title"),
    ("seo_description", "Meta description"),
    ("share_image", "Share picture"),
    ("status", "Status"),
    ("publish_at", "Publish time"),
    ("embargo_until", "Embargo until"),
    ("embargo_set_by", "Embargo set by"),
    ("editor_note", "Note from the editor"),
]


@dataclass
class FieldChange:
    key: str
    label: str
    old: str
    new: str

    @property
    def changed(self) -> bool:
        return self.old != self.new

    @property
    def diff(self) -> SafeString:
        return word_diff(self.old, self.new)


def _when(value) -> str:
    return date_format(localtime(value), "j F Y, H:i") if value else ""


def _related(load) -> str:
    try:
        return str(load())
    except ObjectDoesNotExist:
        return "(deleted)"


def body_text(body: str) -> str:
    """The body's words, a paragraph a line, for reading a diff."""
    text = re.sub(r"(?i)<br\s*/?>|</(p|h[1-6]|li|blockquote|figure|figcaption|pre|div)>", "\n", body)
    text = html.unescape(strip_tags(text))
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def _snapshot(article: Article, bylines, works, citations, tags) -> dict[str, str]:
    return {
        "title": article.title,
        "slug": article.slug,
        "dek": article.dek,
        "section": _related(lambda: article.section),
        "kind": article.get_kind_display(),
        "rating": article.get_rating_display() if article.rating else "",
        "bylines": ", ".join(bylines),
        "works": ", ".join(works),
        "body": body_text(article.body),
        "citations": "\n".join(citations),
        "tags": ", ".join(sorted(tags, key=str.lower)),
        "hero": _related(lambda: article.hero),
        "seo_title": article.seo_title,
        "seo_description": article.seo_description,
        "share_image": _related(lambda: article.share_image),
        "status": article.get_status_display(),
        "publish_at": _when(article.publish_at),
        "embargo_until": _when(article.embargo_until),
        "embargo_set_by": article.embargo_set_by,
        "editor_note": article.editor_note,
    }


def _ordered(links) -> list:
    return sorted(links, key=lambda link: (link.order, link.pk or 0))


def _mla(citation: Citation) -> str:
    return html.unescape(strip_tags(citation.as_mla()))


def snapshot_of_article(article: Article) -> dict[str, str]:
    """The article as it is in the database now."""
    return _snapshot(
        article,
        bylines=[str(link.author) for link in article.article_authors.select_related("author")],
        works=[
            f"{link.work}{' (card)' if link.is_card else ''}" for link in article.article_works.select_related("work")
        ],
        citations=[_mla(citation) for citation in article.citations.all()],
        tags=list(article.tags.names()),
    )


def _followed(version: Version) -> dict[type, list]:
    """The bylines, works discussed, works cited and tagged items that revision `version` kept with the article."""
    article_type = ContentType.objects.get_for_model(Article)
    parts: dict[type, list] = {ArticleAuthor: [], ArticleWork: [], Citation: [], TaggedItem: []}
    for other in version.revision.version_set.all():
        model = other._model
        if model not in parts:
            continue
        obj = other._object_version.object
        if model is TaggedItem:
            if obj.content_type_id == article_type.pk and str(obj.object_id) == version.object_id:
                parts[TaggedItem].append(obj)
        elif str(obj.article_id) == version.object_id:
            parts[model].append(obj)
    return parts


def _tag_names(items) -> list[str]:
    return [_related(lambda item=item: item.tag) for item in items]


def snapshot_of_version(version: Version) -> dict[str, str]:
    """The article as revision `version` kept it, without touching the database's rows."""
    article = version._object_version.object
    parts = _followed(version)
    return _snapshot(
        article,
        bylines=[_related(lambda link=link: link.author) for link in _ordered(parts[ArticleAuthor])],
        works=[
            _related(lambda link=link: link.work) + (" (card)" if link.is_card else "")
            for link in _ordered(parts[ArticleWork])
        ],
        citations=[_mla(citation) for citation in _ordered(parts[Citation])],
        tags=_tag_names(parts[TaggedItem]),
    )


# --- Tags split by the tag field ---------------------------------------------------------------
# Until December 2026 the article form ran taggit's parser over each tag it was sent, so every
# save split the names holding a space, a comma or a quote ("sean baker" became "baker" and
# "sean"). A revision before such a save still holds the whole name: these find it again.


def _pieces(name: str) -> list[str]:
    """What the tag field made of `name` when it split names (lowercased, for comparing)."""
    return [piece.lower() for piece in parse_tags(name)]


def unsplit(intended: list[str], observed: list[str]) -> list[str]:
    """`observed` (the tags after a save) with each name of `intended` (the tags before it) that
    the save split put back in place of its pieces.

    A name counts as split only when it is gone and every one of its pieces is there; a piece
    that was a tag of its own before stays. Anything else the save did (a tag added or taken
    off) is kept: the repair undoes the splitting and nothing more.
    """
    seen = {name.lower() for name in observed}
    had = {name.lower() for name in intended}
    restored, pieces = [], set()
    for name in intended:
        parts = _pieces(name)
        if name.lower() in seen or parts == [name.lower()] or not parts:
            continue
        if all(part in seen for part in parts):
            restored.append(name)
            pieces.update(part for part in parts if part not in had)
    return [name for name in observed if name.lower() not in pieces] + restored


def _kept_tag_names(version: Version) -> list[str]:
    ids = [item.tag_id for item in _followed(version)[TaggedItem]]
    tags = Tag.objects.in_bulk(ids)
    return [tags[pk].name for pk in ids if pk in tags]


def unsplit_tags(article: Article) -> list[str] | None:
    """The tags `article` should have had, as its revisions show, or None when they are as they should be.

    Replays the revisions oldest first, then the tags the article has now (a change made
    outside the admin leaves no revision), putting back what each save split. A revision
    keeps a tag by its id: a tag deleted since has no name to put back, and is passed over.
    """
    revisions = [_kept_tag_names(version) for version in list(versions_of(article))[::-1]]
    if not revisions:
        return None
    current = list(article.tags.names())
    intended = revisions[0]
    for observed in [*revisions[1:], current]:
        intended = unsplit(intended, observed)
    if sorted(name.lower() for name in intended) == sorted(name.lower() for name in current):
        return None
    return intended


def compare(old: dict[str, str], new: dict[str, str]) -> list[FieldChange]:
    return [FieldChange(key, label, old.get(key, ""), new.get(key, "")) for key, label in FIELDS]


def word_diff(old: str, new: str) -> SafeString:
    """`new` with the words taken out of `old` struck through and the words added marked."""
    before = re.findall(r"\s+|[^\s]+", old)
    after = re.findall(r"\s+|[^\s]+", new)
    parts = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(escape("".join(before[i1:i2])))
            continue
        if op in {"delete", "replace"}:
            parts.append(format_html("<del>{}</del>", "".join(before[i1:i2])))
        if op in {"insert", "replace"}:
            parts.append(format_html("<ins>{}</ins>", "".join(after[j1:j2])))
    return mark_safe("".join(parts))  # noqa: S308 - every part above is escaped


def versions_of(article: Article):
    """The article's revisions, newest first."""
    return (
        Version.objects.get_for_object(article)
        .select_related("revision", "revision__user")
        .order_by("-revision__date_created", "-pk")
    )
