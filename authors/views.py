"""A contributor's page: their bio and the articles they wrote (found through core/about.py:
authors/ never imports articles/)."""

from __future__ import annotations

from django.conf import settings

from core.seo import PageMeta
from core.views import AboutPageView

from . import jsonld
from .models import Author


class AuthorDetailView(AboutPageView):
    about_queryset = Author.objects.select_related("portrait")
    about_name = "author"
    url_name = "authors:author"
    # The author's feeds carry comment counts, so they are served from above (front/feeds.py).
    feed_url_name = "author_feed"
    template_name = "authors/author_detail.html"

    def page_description(self) -> str:
        return self.object.bio or f"Articles by {self.object.name} in {settings.MAGAZINE_NAME}."

    def get_meta(self, page_obj) -> PageMeta:
        meta = super().get_meta(page_obj)
        meta.type = "profile"
        meta.share(self.object.portrait)
        meta.json_ld = [jsonld.author_page(self.request, self.object)]
        return meta
