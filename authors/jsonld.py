"""JSON-LD for a contributor, as a plain dict (rendered by `core.seo`)."""

from __future__ import annotations

from django.http import HttpRequest

from core.seo import CONTEXT, absolute

from .models import Author


def author(request: HttpRequest, writer: Author) -> dict:
    data = {"@type": "Person", "name": writer.name, "url": absolute(request, writer.get_absolute_url())}
    if writer.portrait and (share := writer.portrait.share):
        data["image"] = absolute(request, share.url)
    if writer.website:
        data["sameAs"] = [writer.website]
    return data


def author_page(request: HttpRequest, writer: Author) -> dict:
    return {"@context": CONTEXT, **author(request, writer)}
