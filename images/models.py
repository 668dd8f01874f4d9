"""The media library: pictures with their alt text, caption and credit, and their renditions.

Films, authors and articles point here; this app imports none of ours.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import models


@dataclass(frozen=True)
class Rendition:
    name: str
    width: int
    height: int
    format: str

    @property
    def url(self) -> str:
        return default_storage.url(self.name)


class Image(models.Model):
    """A picture as readers see it.

    `file` is our re-encoded copy (the upload itself is never stored); `renditions` lists the
    scaled copies made once when the picture is uploaded, so pages only read their names.
    """

    file = models.ImageField(upload_to="images/%Y/%m/", editable=False)
    width = models.PositiveIntegerField(editable=False)
    height = models.PositiveIntegerField(editable=False)
    renditions = models.JSONField(default=list, editable=False)
    alt = models.CharField(
        "alt text",
        max_length=300,
        help_text="What the picture shows, for readers who cannot see it.",
    )
    caption = models.CharField(max_length=300, blank=True, help_text="Shown under the picture.")
    credit = models.CharField(max_length=200, blank=True, help_text="Who made it, e.g. “Photo: Ana Lima / Neon”.")
    created_at = models.DateTimeField(auto_now_add=True)
    # Writers may correct the text of their own uploads (images/permissions.py).
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.caption or self.alt

    def _renditions(self, format: str) -> list[Rendition]:
        found = [Rendition(**data) for data in self.renditions if data["format"] == format]
        return sorted(found, key=lambda rendition: rendition.width)

    @property
    def srcset(self) -> str:
        """The WebP renditions for <img srcset>, smallest first."""
        return ", ".join(f"{rendition.url} {rendition.width}w" for rendition in self._renditions("webp"))

    def rendition(self, width: int, format: str = "webp") -> Rendition | None:
        """The smallest rendition at least `width` wide, else the largest there is."""
        renditions = self._renditions(format)
        fitting = [rendition for rendition in renditions if rendition.width >= width]
        return (fitting or renditions[-1:] or [None])[0]

    @property
    def src(self) -> str:
        """A middling rendition, for browsers that ignore srcset."""
        rendition = self.rendition(800)
        return rendition.url if rendition else ""

    @property
    def share(self) -> Rendition | None:
        """The JPEG rendition for Open Graph and other sites that may not read WebP."""
        return self.rendition(1200, format="jpeg")
