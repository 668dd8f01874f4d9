"""The article page in parts, and the cards that stand for an article on other pages.

The page (templates/articles/article_detail.html) is its parts put together: each part is a
template of its own under templates/articles/page/, rendered from the article alone. A view
may render them as the page is asked for (a preview), or take them from where they were
stored when the article changed (renderings/): the same templates make both, so the two
cannot drift apart.

Cards come in a few variants, by the heading they carry and the room their picture takes;
CARD_VARIANTS names them, so that a card rendered into a page and a card stored are the same.
"""

from __future__ import annotations

from django.template import Context
from django.template.loader import get_template

from .models import Article

# In the order the page shows them: the head's metadata first, then the article itself.
HEAD_PARTS = ("head", "title", "description", "breadcrumbs")
BODY_PARTS = ("header", "hero", "body", "corrections", "footer")
PARTS = HEAD_PARTS + BODY_PARTS

# What templates/articles/_card.html is given for each variant.
CARD_VARIANTS: dict[str, dict] = {
    # Lists: sections, tags, authors, the archive.
    "h2": {},
    # The front page's blocks and the 404 page's suggestions.
    "h3": {"card_heading": "h3"},
    # "Read next" under an article: no dek, a small picture.
    "h3-compact": {
        "card_heading": "h3",
        "compact": True,
        "image_sizes": "(min-width: 64rem) 16rem, (min-width: 36rem) 45vw, 7rem",
    },
}


def render_parts(article: Article, context: dict) -> dict[str, str]:
    """Each part of `article`'s page, by name. `context` gives what the templates read beside the
    article: `request` (for absolute addresses), `magazine_name`, `tagline`, `default_share_picture`.

    Reads what `Article.objects.with_related()` fetches, and nothing else.
    """
    context = {**context, "article": article}
    return {name: get_template(f"articles/page/_{name}.html").render(context) for name in PARTS}


def render_card(article: Article, variant: str, context: dict) -> str:
    """`article`'s card in `variant`. `context` may give `comment_counts` ({article id: count}),
    which the card's comment count reads rather than counting itself."""
    return get_template("articles/_card.html").render({**context, "article": article, **CARD_VARIANTS[variant]})


def render_cards(articles: list[Article], variant: str) -> list[str]:
    """The cards of `articles` (fetched `with_cards()`) in `variant`, rendered in one context so
    that their comment counts are one query (the count's tag reads the context's `articles`)."""
    template = get_template("articles/_card.html").template
    context = Context({"articles": articles})
    cards = []
    for article in articles:
        with context.push(article=article, **CARD_VARIANTS[variant]):
            cards.append(template.render(context))
    return cards


# The sizes of a card's picture in a list (templates/articles/_card.html), which a block of the
# front page changes for its own room.
LIST_PICTURE_SIZES = "(min-width: 68rem) 19rem, (min-width: 48rem) 50vw, 100vw"
LAZY_PICTURE = ' loading="lazy" decoding="async"'


def dressed(
    card: str, *, card_class: str = "", image_sizes: str = "", image_loading: str = "", image_priority: str = ""
) -> str:
    """A card rendered (or stored) for a list, as `_card.html` renders it given these: a class of
    its own, its picture's sizes, loading and fetch priority. The front page's picks are the
    stored "h3" cards dressed so, never rendered again for it."""
    if card_class:
        # The first `">` closes the card's own class attribute (`<article class="card …">`).
        card = card.replace('">', f' {card_class}">', 1)
    if image_sizes:
        card = card.replace(f'sizes="{LIST_PICTURE_SIZES}"', f'sizes="{image_sizes}"', 1)
    if image_loading or image_priority:
        priority = f' fetchpriority="{image_priority}"' if image_priority else ""
        card = card.replace(LAZY_PICTURE, f' loading="{image_loading or "lazy"}"{priority} decoding="async"', 1)
    return card
