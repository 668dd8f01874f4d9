"""The media library: pictures with their alt text, caption and credit, and their renditions.

Films, authors and articles point here; this app imports none of ours.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q


@dataclass(frozen=True)
class Rendition:
    name: str
    width: int
    height: int
    format: str
    # "" for the whole picture, else the use it was cropped for (a key of processing.CROPS).
    crop: str = ""

    @property
    def url(self) -> str:
        return default_storage.url(self.name)


@dataclass(frozen=True)
class Cropped:
    """A library picture as cropped for one use: what templates/images/_img.html reads."""

    pk: int
    alt: str
    renditions: list[Rendition]

    @property
    def srcset(self) -> str:
        return ", ".join(f"{rendition.url} {rendition.width}w" for rendition in self.renditions)

    @property
    def src(self) -> str:
        return self.renditions[-1].url

    @property
    def width(self) -> int:
        return self.renditions[-1].width

    @property
    def height(self) -> int:
        return self.renditions[-1].height


_FRACTION = [MinValueValidator(0.0), MaxValueValidator(1.0)]


class ImageQuerySet(models.QuerySet):
    def default_share(self) -> Image | None:
        """The picture pages are shared with when they have none of their own, if the editors chose one."""
        return self.filter(is_default_share=True).first()


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
    focus_x = models.FloatField(
        "focal point, across",
        default=0.5,
        db_default=0.5,
        validators=_FRACTION,
        help_text="Click the picture to set it: the part every crop (cards, share image) keeps in view.",
    )
    focus_y = models.FloatField("focal point, down", default=0.5, db_default=0.5, validators=_FRACTION)
    # Boxes an editor drew for a use where the focal point is not enough: {"card": [left, top,
    # right, bottom]} as fractions of the picture; they override the focal point for that use.
    crops = models.JSONField(default=dict, db_default=models.Value({}, models.JSONField()), blank=True, editable=False)
    # Where the picture was fetched from, for a video's poster (images.services.embed_details), so
    # that pasting the same video again uses the picture already in the library.
    source = models.URLField(max_length=500, blank=True, db_default="", editable=False, db_index=True)
    is_default_share = models.BooleanField(
        "default share picture",
        default=False,
        db_default=False,
        editable=False,
        help_text="Shown by other sites for the pages that have no picture of their own (the front page, "
        "sections, tags, search). One picture at a time.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Writers may correct the text of their own uploads (images/permissions.py).
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ImageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(focus_x__gte=0, focus_x__lte=1, focus_y__gte=0, focus_y__lte=1),
                name="image_focus_inside_picture",
            ),
            models.UniqueConstraint(
                fields=["is_default_share"], condition=Q(is_default_share=True), name="one_default_share_image"
            ),
        ]

    def __str__(self) -> str:
        return self.caption or self.alt

    def _renditions(self, format: str, crop: str = "") -> list[Rendition]:
        found = [
            Rendition(**data) for data in self.renditions if data["format"] == format and data.get("crop", "") == crop
        ]
        return sorted(found, key=lambda rendition: rendition.width)

    @property
    def focus(self) -> tuple[float, float]:
        return (self.focus_x, self.focus_y)

    @property
    def card(self) -> Cropped | Image:
        """The picture cropped for article cards around its focal point (whole, if it predates crops)."""
        renditions = self._renditions("webp", crop="card")
        return Cropped(pk=self.pk, alt=self.alt, renditions=renditions) if renditions else self

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
        """The JPEG for Open Graph and other sites that may not read WebP: cropped to 1.91:1 around the
        focal point, or the whole picture if it predates crops."""
        cropped = self._renditions("jpeg", crop="share")
        return cropped[-1] if cropped else self.rendition(1200, format="jpeg")
