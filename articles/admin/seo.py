"""The article form's "Search and sharing" fields: SEO title, meta description, share picture, and
previews of the article in a search engine's results and on a social site's card.

The previews are rendered from the saved article and kept current as the headline, address, dek,
SEO title and description are typed, by static/js/seo-preview.js (no inline script: strict CSP).
They show what readers' pages will say, with the same fallbacks (core/seo.py,
articles/templatetags/article_tags.py): the headline when no SEO title, the dek (then the body's
first words) when no description, the hero when no share picture.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.contrib import admin
from django.template.loader import render_to_string
from django.urls import reverse

from articles.models import Article
from articles.text import plain_text
from core import seo
from core.widgets import OneLineTextarea

FIELDS = ["seo_title", "seo_description", "share_image", "seo_preview"]
# What search engines show of a title before cutting it (about 600 px of Arial, ~60 characters).
SEARCH_TITLE_SHOWN = 60
SLUG_PLACEHOLDER = "slug-placeholder"


class SeoAdminMixin:
    """For ArticleAdmin: the fields' widgets and live counts, and the previews as a read-only field."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "seo_description":
            kwargs["widget"] = OneLineTextarea
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name in {"seo_title", "seo_description"}:
            # Short fields, but their length is the point: count them as they are typed.
            formfield.widget.attrs["data-maxlength"] = str(db_field.max_length)
        return formfield

    @admin.display(description="Preview")
    def seo_preview(self, article: Article | None) -> str:
        return render_to_string("admin/articles/article/_seo_preview.html", preview_context(article))

    @property
    def media(self) -> forms.Media:
        return super().media + forms.Media(js=["js/seo-preview.js"], css={"all": ["css/seo-preview.css"]})


def preview_context(article: Article | None) -> dict:
    site = settings.SITE_URL
    url_template = site + reverse("articles:detail", kwargs={"slug": SLUG_PLACEHOLDER})
    context = {
        "magazine_name": settings.MAGAZINE_NAME,
        "url_template": url_template,
        "slug_placeholder": SLUG_PLACEHOLDER,
        "domain": urlsplit(site).hostname or site,
        "title_shown": SEARCH_TITLE_SHOWN,
        "description_length": seo.DESCRIPTION_LENGTH,
    }
    if article is None or article.pk is None:
        return {**context, "title": "", "description": "", "body_description": "", "url": ""}
    body_description = seo.describe(plain_text(article.body))
    picture = article.share_picture
    rendition = picture.share if picture else None
    return {
        **context,
        "title": article.seo_title or article.title,
        "description": seo.describe(article.seo_description or article.dek or body_description or article.title),
        "body_description": body_description,
        "url": url_template.replace(SLUG_PLACEHOLDER, article.slug),
        "picture": picture,
        "rendition": rendition,
        "picture_is_hero": picture is not None and article.share_image_id is None,
    }
