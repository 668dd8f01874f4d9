"""POST data for the article admin's form, as a browser would send it."""

from __future__ import annotations

from html.parser import HTMLParser

from django.utils import timezone

from articles.models import Article

INLINES = ("article_authors", "article_works", "citations", "corrections")


def _split(value):
    if value is None:
        return "", ""
    local = timezone.localtime(value)
    return local.strftime("%Y-%m-%d"), local.strftime("%H:%M:%S")


def article_form(article: Article | None = None, **overrides) -> dict:
    """The change form of `article` as it was loaded (with its lock version), or an empty add form.

    The inline formsets are sent empty, which leaves existing bylines, films and works
    cited as they are. Tags go as the autocomplete sends them: a list, one value per tag.
    """
    if article is None:
        from tests.factories import SectionFactory

        data = {
            "title": "A new essay",
            "slug": "a-new-essay",
            "dek": "",
            "section": SectionFactory().pk,
            "kind": Article.Kind.ESSAY,
            "body": "<p>Hello.</p>",
            "tags": [],
            "rating": "",
            "comment_mode": Article.CommentMode.DEFAULT,
            "embargo_set_by": "",
            "hero_alt": "",
            "hero_caption": "",
            "hero_credit": "",
        }
        publish_at = embargo_until = None
    else:
        data = {
            "title": article.title,
            "slug": article.slug,
            "dek": article.dek,
            "section": article.section_id,
            "kind": article.kind,
            "body": article.body,
            "tags": list(article.tags.names()),
            "rating": article.rating or "",
            "comment_mode": article.comment_mode,
            "embargo_set_by": article.embargo_set_by,
            "hero_alt": article.hero_alt,
            "hero_caption": article.hero_caption,
            "hero_credit": article.hero_credit,
            "lock_version": article.lock_version,
        }
        publish_at, embargo_until = article.publish_at, article.embargo_until
    data["publish_at_0"], data["publish_at_1"] = _split(publish_at)
    data["embargo_until_0"], data["embargo_until_1"] = _split(embargo_until)
    for prefix in INLINES:
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    data.update(overrides)
    return data


class _Options(HTMLParser):
    def __init__(self, name: str):
        super().__init__()
        self.name, self.inside, self.values = name, False, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "select":
            self.inside = attrs.get("name") == self.name
        elif tag == "option" and self.inside and "selected" in attrs:
            self.values.append(attrs.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "select":
            self.inside = False


def selected_options(html: str, name: str) -> list[str]:
    """The values a browser would send for the <select name=`name`> of a rendered form, as it stands."""
    parser = _Options(name)
    parser.feed(html)
    return parser.values
