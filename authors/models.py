"""The magazine's contributors as readers see them."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from core.addresses import slug_url
from images.models import Image


class Author(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    bio = models.TextField(blank=True, help_text="A sentence or two, shown on the author's page.")
    portrait = models.ForeignKey(
        Image,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="A photo or drawing of the contributor, from the media library.",
    )
    # Replaced by `portrait` and no longer read or written: to drop in a later release.
    photo = models.ImageField(upload_to="authors/", blank=True)
    email = models.EmailField(blank=True, help_text="For the desk only; never shown on the site.")
    website = models.URLField(blank=True, help_text="A public link shown on the author's page.")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author",
        help_text="The login this contributor writes with, if any.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return slug_url("authors:author", self.slug)
