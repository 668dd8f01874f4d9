"""Tags as editors type them: one value of the tag field is one tag, whatever it holds.

taggit's parser reads a line of text (`sean baker` is two tags, quotes hold words together),
which suits a text box. The article form's autocomplete sends each tag as a value of its own,
so running the parser over those values split every name with a space, a comma or a quote, on
every save. Here a name is kept as typed (trimmed), and a new tag gets an address of its own
that is never empty, fits its column and is free, which taggit's own creation does not promise
(a name of symbols only got the address "", and every page linking it failed).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.utils.text import slugify
from taggit.models import Tag

NAME_MAX_LENGTH = Tag._meta.get_field("name").max_length
SLUG_MAX_LENGTH = Tag._meta.get_field("slug").max_length


def tag_names(values: Iterable[str]) -> list[str]:
    """Each value a tag name, trimmed; empty ones dropped, repeats (in any case) kept once."""
    names: dict[str, str] = {}
    for value in values:
        name = str(value).strip()
        if name:
            names.setdefault(name.lower(), name)
    return list(names.values())


def tags_named(names: Iterable[str]) -> list[Tag]:
    """The tags with these names, in order; a name matches a tag in any case, and a new one is made."""
    tags: dict[int, Tag] = {}
    for name in names:
        tag = _existing(name) or _create(name)
        tags.setdefault(tag.pk, tag)
    return list(tags.values())


def _existing(name: str) -> Tag | None:
    # The exact name first: a database may hold two names that differ only in case (made before
    # TAGGIT_CASE_INSENSITIVE), and each must come back as itself, save after save. Then the same
    # name in another case as Python lowers it, which is how the form tells names apart: the
    # database's own rule differs for a few letters (PostgreSQL takes "ı" for "i").
    if tag := Tag.objects.filter(name=name).first():
        return tag
    key = name.lower()
    return next((tag for tag in Tag.objects.filter(name__iexact=name).order_by("pk") if tag.name.lower() == key), None)


def _create(name: str) -> Tag:
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return Tag.objects.create(name=name, slug=free_slug(name))
        except IntegrityError:
            # Someone made the same tag, or took that address, at the same moment.
            if tag := _existing(name):
                return tag
    raise IntegrityError(f"No free address for the tag {name!r}.")


def free_slug(name: str) -> str:
    """An address for a new tag called `name`: its words (accents and all scripts kept), or
    `tag` for a name of symbols only, with -2, -3… when taken; never longer than the column."""
    base = _fit(slugify(name, allow_unicode=True), SLUG_MAX_LENGTH) or "tag"
    slug, number = base, 1
    while Tag.objects.filter(slug=slug).exists():
        number += 1
        suffix = f"-{number}"
        slug = _fit(base, SLUG_MAX_LENGTH - len(suffix)) + suffix
    return slug


def _fit(slug: str, length: int) -> str:
    return slug[:length].strip("-_")
