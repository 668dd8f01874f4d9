"""A contributor's page: their bio and the articles they wrote (found through core/about.py:
authors/ never imports articles/)."""

from __future__ import annotations

from django.conf import settings

from core.seo import PageMeta
from core.views import AboutPageView

from . import jsonld
from .models import Author


class AuthorDetailView(AboutPageView):
    about_queryset = Author.objects.all()
    about_name = "author"
    url_name = "authors:author"
    # The author's feeds carry comment counts, so they are served from above (front/feeds.py).
    feed_url_name = "author_feed"
    template_name = "authors/author_detail.html"
    header_template = "authors/_header.html"

    def get_header_queryset(self):
        return super().get_header_queryset().select_related("portrait")

    def describe(self) -> str:
        return self.object.bio or f"Articles by {self.object.name} in {settings.MAGAZINE_NAME}."

    def head_meta(self, meta: PageMeta) -> None:
        meta.type = "profile"
        meta.share(self.object.portrait)
        meta.json_ld = [jsonld.author_page(self.request, self.object)]
