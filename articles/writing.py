"""An article's write path: what saving an article does beyond its own row.

`Article.save()` derives only what the row says of itself (the cleaned body, its footnotes,
heading anchors, word count and reading time, the publish time) and reads no other table.
Writing an article from the desk, an import or the demo also:

- rebuilds the media library's pictures and the embeds' placeholders in its body from the
  library (images/richtext.py: a query and a template each), so that readers' pages print the
  body as it is stored;
- keeps the address a published article leaves when its slug changes (`FormerSlug`), so that
  it redirects to the new one, and forgets a former address the article takes back.

The admin's form, the workflow's transitions, the WordPress import, the demo loader and the
tests' factory all write through `write_article()`; a bulk writer that cannot call `save()`
prepares its rows with `derive_for_bulk()`.
"""

from __future__ import annotations

from django.db import transaction

from core.sanitize import clean_html
from images.richtext import render_embeds, render_figures

from .models import Article, FormerSlug


def render_library(body: str) -> str:
    """`body` (already cleaned) with its library pictures and embeds rebuilt from the library."""
    return render_embeds(render_figures(body))


# Without a savepoint of its own: inside the desk's transaction it adds no queries.
@transaction.atomic(savepoint=False)
def write_article(article: Article, *, by=None, update_fields: list[str] | None = None) -> Article:
    """Save `article`, new or changed, with everything a save by the desk implies.

    `by` (a login) is recorded as the one who last saved it; `update_fields` as for `save()`.
    """
    before = None
    if not article._state.adding and article.pk:
        before = Article.objects.filter(pk=article.pk).values("slug", "status").first()
    article.set_clean_body(render_library(clean_html(article.body)))
    if by is not None:
        article.updated_by = by
        if update_fields is not None:
            update_fields = [*update_fields, "updated_by"]
    article.save(update_fields=update_fields)
    if before is not None and before["slug"] != article.slug:
        _follow_address(article, before)
    return article


def derive_for_bulk(article: Article) -> None:
    """What `write_article()` and `save()` derive, for an unsaved article with a cleaned body
    that a bulk INSERT writes (the WordPress import): it has no address to follow yet."""
    article.body = render_library(article.body)
    article.derive_from_clean_body()


def _follow_address(article: Article, before: dict) -> None:
    """Keep the address a published article is leaving, so that it redirects to the new one."""
    if before["status"] == Article.Status.PUBLISHED:
        FormerSlug.objects.update_or_create(slug=before["slug"], defaults={"article": article})
    # Back at an address it had before: that is no longer a redirect. Another article's
    # redirect is never deleted here: the form refuses its address (`validate_unique`), and
    # a save that skipped the form leaves it in place, behind this article's page.
    FormerSlug.objects.filter(slug=article.slug, article=article).delete()
