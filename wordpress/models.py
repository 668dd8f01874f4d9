"""What came from which WordPress site: the key that makes a re-run update rather than duplicate,
and the old addresses that answer with a 301 to the new ones."""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

from django.db import models


class ImportedObject(models.Model):
    """One WordPress object (site, kind, id) and what it became here, if anything."""

    class Kind(models.TextChoices):
        AUTHOR = "author", "Author"
        CATEGORY = "category", "Category"
        TAG = "tag", "Tag"
        POST = "post", "Post"
        PAGE = "page", "Page"
        ATTACHMENT = "attachment", "Attachment"
        COMMENT = "comment", "Comment"

    site = models.CharField(max_length=200, help_text="The WordPress site's address, as its export gave it.")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    wp_id = models.BigIntegerField("WordPress id")
    # What it became: an author, a section, a tag, an article, a picture or a comment (by kind).
    # Empty when nothing fits (a page) or it was skipped; the row still keeps its old address.
    object_id = models.BigIntegerField(null=True, blank=True)
    wp_parent = models.BigIntegerField(
        "WordPress parent", default=0, help_text="The post an attachment belongs to, or a comment's post."
    )
    digest = models.CharField(max_length=32, help_text="Fingerprint of the WordPress data last imported.")
    # The article's lock_version after the import wrote it: a later edit here moves it, and a
    # re-run then leaves the article alone rather than overwrite the desk's work.
    local_version = models.PositiveIntegerField(default=0)
    imported_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["site", "kind", "wp_id"]
        verbose_name = "imported WordPress object"
        constraints = [models.UniqueConstraint(fields=["site", "kind", "wp_id"], name="unique_wordpress_object")]
        indexes = [
            models.Index(fields=["kind", "wp_id"], name="wordpress_kind_id_idx"),
            models.Index(fields=["site", "kind", "wp_parent"], name="wordpress_parent_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.wp_id} of {self.site_host}"

    @property
    def site_host(self) -> str:
        return urlsplit(self.site).hostname or self.site


class OldAddress(models.Model):
    """A path the WordPress site served (a permalink, /category/…, /tag/…, an upload) and what it was."""

    path = models.CharField(max_length=500, db_index=True, help_text="Decoded, with a trailing slash.")
    imported = models.ForeignKey(ImportedObject, on_delete=models.CASCADE, related_name="addresses")

    class Meta:
        ordering = ["path"]
        verbose_name = "old WordPress address"
        verbose_name_plural = "old WordPress addresses"
        constraints = [models.UniqueConstraint(fields=["path", "imported"], name="unique_old_address")]

    def __str__(self) -> str:
        return self.path


def old_path(path: str) -> str:
    """A request path as old addresses are kept: decoded, lower case, with a trailing slash unless it names a file."""
    path = unquote(path or "").strip()
    if not path:
        return ""
    if not path.startswith("/"):
        path = "/" + path
    last = path.rsplit("/", 1)[-1]
    if last and "." not in last:
        path += "/"
    return path.lower()
