"""The cards of a list page, as stored when their articles changed, or rendered now.

Every list of the reader's site (the front page's blocks, sections, tags, authors, the archive,
works, people, companies) shows articles as cards. An article's card changes when the article
does, so the layer above (renderings/) keeps it rendered, and a list reads its page of cards in
the query that pages through its articles: one query, whatever the page, with no model instance
and no template per card. The pages live in apps below renderings/ (articles, films, authors),
so it tells this module how to read them (`provide(stored=...)`), and articles/ tells it how to
render them from the articles themselves (`provide(rendered=...)`), for a list with a card not
stored yet (before the first `rerender`): never wrong, only slower.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from django.db.models import QuerySet
from django.utils.safestring import SafeString, mark_safe

from . import pages
from .prepared import Prepared


class Card(NamedTuple):
    pk: int
    section_id: int
    html: SafeString
    # The stored card's version (core/conditional.py makes the page's ETag of it); None when rendered now.
    version: int | None = None


# Given a queryset of articles (filtered, ordered and sliced as the page lists them) and a
# variant of the card (articles.page.CARD_VARIANTS), their stored cards as a values() QuerySet of
# pk, section_id, html (None where none is stored) and version: run as it is, or compiled once by
# a list page (core/views.py, core/prepared.py).
StoredQuery = Callable[[QuerySet, str], QuerySet]
# Given the articles themselves (fetched for cards: `ArticleQuerySet.with_cards()`) and a
# variant, each one's card.
Renderer = Callable[[list, str], list[str]]

_stored: StoredQuery | None = None
_rendered: Renderer | None = None


def _nothing() -> None:
    return None


# Called before stored cards are read: what this thread changed is rendered first.
_before_read: Callable[[], None] = _nothing


def provide(
    *,
    stored: StoredQuery | None = None,
    rendered: Renderer | None = None,
    before_read: Callable[[], None] | None = None,
) -> None:
    global _stored, _rendered, _before_read
    if stored is not None:
        _stored = stored
    if rendered is not None:
        _rendered = rendered
    if before_read is not None:
        _before_read = before_read


def before_read() -> None:
    """Render what this thread changed and has not rendered yet, before stored renderings are read."""
    _before_read()


def stored_query(queryset: QuerySet, variant: str) -> QuerySet:
    """The values() QuerySet of `queryset`'s stored cards (pk, section_id, html, version)."""
    if _stored is None:
        raise LookupError("Nothing is provided to read stored cards.")
    return _stored(queryset, variant)


def prepared(build: Callable[..., QuerySet], variant: str, **kinds: type) -> Prepared:
    """The stored cards of the articles `build(**values)` lists, read with SQL compiled once
    (core/prepared.py); `kinds` as Prepared takes them."""
    return Prepared(lambda **values: stored_query(build(**values), variant), **kinds)


def read(cards_of: Prepared, build: Callable[..., QuerySet], variant: str, **values) -> list[Card]:
    """The cards `cards_of` reads for `values`, as stored; rendered from the articles `build(**values)`
    lists when one of them has no card stored yet, or when nothing reads stored cards (a from-scratch
    rendering to compare stored pages with: tests/renderings/pages.py)."""
    if _stored is not None:
        before_read()
        if (found := from_rows(cards_of.rows(**values))) is not None:
            return found
    return cards(build(**values), variant)


def from_rows(rows: list[dict]) -> list[Card] | None:
    """The cards of rows read by a `stored_query`; None if one of them has no card stored."""
    if any(row["html"] is None for row in rows):
        return None
    # Each card shows its article's comment count: the page cache renews the page with it.
    pages.depends_on_comments(row["pk"] for row in rows)
    return [Card(row["pk"], row["section_id"], mark_safe(row["html"]), row["version"]) for row in rows]


def cards(queryset: QuerySet, variant: str) -> list[Card]:
    """The cards of `queryset`'s articles, in its order: stored, in one query; rendered from the
    articles when one of them has no card stored (`queryset` then needs `with_cards()`)."""
    if _stored is not None:
        before_read()
        if (found := from_rows(list(_stored(queryset, variant)))) is not None:
            return found
    if _rendered is None:
        raise LookupError("Nothing is provided to render an article's card.")
    articles = list(queryset)
    # As above; before the cards count their comments.
    pages.depends_on_comments(article.pk for article in articles)
    return [
        Card(article.pk, article.section_id, mark_safe(html))
        for article, html in zip(articles, _rendered(articles, variant), strict=True)
    ]


def versions(cards: list[Card]) -> tuple[tuple[int, int], ...] | None:
    """The cards' ids and stored versions, for a page's ETag; None if one was rendered now."""
    if any(card.version is None for card in cards):
        return None
    return tuple((card.pk, card.version) for card in cards)
