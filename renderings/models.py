"""Readers' pages, or parts of them, rendered when what they show changes and kept beside the rows
they come from. This is data, not a cache: nothing expires, and what is here is what readers get."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import models


class PageHeader(models.Model):
    """The header of the page about one object (a work, a person, a company, an author, a section,
    a tag): its parts as core/headers.py reads them. Written by renderings/headers.py."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    # core.headers.HeaderParts: "header" (HTML above the list), "head" (JSON-LD), "meta" (the head's fields).
    parts = models.JSONField()
    # One more each time the parts change: a page's ETag can be made from it.
    version = models.PositiveBigIntegerField(default=1)
    rendered_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="one_page_header_per_object"),
        ]

    def __str__(self) -> str:
        return f"header of {self.content_type.model} {self.object_id} (version {self.version})"
