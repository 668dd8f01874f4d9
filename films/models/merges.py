"""The log of merges of duplicate people, works and companies: who merged what into what, and how to undo it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from reversion.models import Revision

from .base import Company, Person, Work


class Merge(models.Model):
    """One merge of a duplicate into the record kept; its revision holds everything as it was before."""

    kept_person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    kept_work = models.ForeignKey(Work, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    kept_company = models.ForeignKey(Company, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    kept_name = models.CharField("kept", max_length=300)
    merged_name = models.CharField("merged into it", max_length=300)
    merged_id = models.PositiveBigIntegerField(help_text="The id the duplicate had, and has again after an undo.")
    summary = models.TextField(help_text="What moved to the record kept, and what was a duplicate of what it had.")
    revision = models.OneToOneField(
        Revision,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Both records and everything linked to the duplicate, as they were before the merge.",
    )
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    merged_at = models.DateTimeField(auto_now_add=True)
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-merged_at", "-pk"]
        constraints = [
            # One record kept: a person, a work or a company (none once it is deleted).
            models.CheckConstraint(
                condition=models.Q(kept_person__isnull=True, kept_work__isnull=True)
                | models.Q(kept_person__isnull=True, kept_company__isnull=True)
                | models.Q(kept_work__isnull=True, kept_company__isnull=True),
                name="merge_keeps_one_record",
            )
        ]

    def __str__(self) -> str:
        return f"“{self.merged_name}” into “{self.kept_name}”"

    @property
    def kept(self) -> Person | Work | Company | None:
        return self.kept_person or self.kept_work or self.kept_company
