"""Readers' comments on articles, held for moderation."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from articles.models import Article


class CommentQuerySet(models.QuerySet):
    def approved(self) -> CommentQuerySet:
        return self.filter(status=Comment.Status.APPROVED)

    def pending(self) -> CommentQuerySet:
        return self.filter(status=Comment.Status.PENDING)

    def moderate(self, status: str, *, by) -> int:
        """Set `status` on these comments, recording who decided and when."""
        return self.update(status=status, moderated_by=by, moderated_at=timezone.now())


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"
        SPAM = "spam", "Spam"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies")
    name = models.CharField(max_length=80)
    email = models.EmailField(help_text="Never shown on the site.")
    body = models.TextField(help_text="Plain text, exactly as the reader typed it.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    held_reason = models.CharField(max_length=300, blank=True, help_text="Why the comment was held or refused.")
    ip_address = models.GenericIPAddressField("IP address", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    moderated_at = models.DateTimeField(null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["article", "status", "created_at"], name="comment_article_status_idx")]

    def __str__(self) -> str:
        return f"{self.name} on {self.article}"
