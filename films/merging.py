"""Merging duplicate people, works and companies, and undoing a merge.

Two records of one person (“Sean Baker” typed twice), one work (an album entered by two writers) or
one company (“A24” and “A24 Films”) become one: everything that points at the duplicate, in this app
or any other (credits, the articles' links, works cited, an album's tracks, a series' seasons, the
films a company distributed, the albums it released…), points at the record kept, and
the duplicate goes. A link the record kept already has (the same person credited twice for the same
role, an article linking both records) is not doubled: the duplicate's is dropped, after telling the
kept one what it said (`absorb()`), and two seasons with the same number are merged in turn. Empty
fields of the record kept take the duplicate's values.

Before anything changes, both records and every row the merge will change or delete are kept in a
django-reversion revision; undoing the merge reverts it, which puts each of those rows back as it
was (the duplicate with its id, its credits and links on it again). The merge is logged (`Merge`).

Relations are found from the models' metadata, not listed here, so that a model of another app that
points at people or works (the articles' links, works cited) is merged without this app knowing it.
"""

from __future__ import annotations

from collections import Counter

import django.dispatch
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.db import models, router, transaction
from django.db.models import UniqueConstraint
from django.utils import timezone
from reversion.models import Revision, Version

from .models import Company, Merge, Person, Work

# Sent after a merge and after an undo (`merge`, `undone`), inside its transaction: those who build
# pages or search documents from the records listen (this app never calls them). An undo restores
# rows as raw saves, which their own post_save receivers skip.
records_merged = django.dispatch.Signal()


class MergeError(Exception):
    """Two records that cannot be merged: of different kinds, or the same one."""


class _Snapshot:
    """The rows a merge touches, serialized once each, before their first change."""

    def __init__(self) -> None:
        self.versions: dict[tuple[int, str], Version] = {}

    def add(self, obj: models.Model) -> None:
        if isinstance(obj, Work) and type(obj) is not Work:
            # A kind's row serializes its own columns only: its work's row goes in too.
            self.add(Work.objects.get(pk=obj.pk))
        content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
        key = (content_type.pk, str(obj.pk))
        if key in self.versions:
            return
        self.versions[key] = Version(
            content_type=content_type,
            object_id=str(obj.pk),
            db=router.db_for_write(type(obj)),
            format="json",
            serialized_data=serializers.serialize("json", [obj]),
            object_repr=str(obj)[:191],
        )

    def save(self, *, user, comment: str) -> Revision:
        revision = Revision.objects.create(date_created=timezone.now(), user=user, comment=comment)
        for version in self.versions.values():
            version.revision = revision
        Version.objects.bulk_create(self.versions.values())
        return revision


Record = Person | Work | Company


def _specific(record: Record) -> Record:
    return record.specific if isinstance(record, Work) else record


def _unique_sets(model: type[models.Model], field: models.Field) -> list[list[str]]:
    """The other fields that, with `field`, must be unique together on `model` (unconditionally)."""
    sets = [
        [name for name in constraint.fields if name != field.name]
        for constraint in model._meta.total_unique_constraints
        if isinstance(constraint, UniqueConstraint) and field.name in constraint.fields
    ]
    sets += [[name for name in together if name != field.name] for together in model._meta.unique_together]
    return [other for other in sets if other]


def _incoming(record: Record) -> list[models.ForeignKey]:
    """The foreign keys of any model that point at `record`'s model or its work."""
    fields = []
    for relation in record._meta.related_objects:
        field = relation.field
        if relation.many_to_many or getattr(field, "remote_field", None) is None:
            continue
        if field.remote_field.parent_link or relation.related_model is Merge:
            continue
        fields.append(field)
    return fields


def _fill_blanks(keep: models.Model, duplicate: models.Model) -> list[str]:
    """Give `keep` the duplicate's values where it has none; the names of the fields filled."""
    filled = []
    for field in keep._meta.concrete_fields:
        # A proposal's status and proposer stay its own: the record kept is the desk's.
        if field.primary_key or field.name in {"slug", "kind", "status", "proposed_by"}:
            continue
        if isinstance(field, models.OneToOneField):
            continue
        mine, theirs = getattr(keep, field.attname), getattr(duplicate, field.attname)
        if mine in (None, "") and theirs not in (None, ""):
            setattr(keep, field.attname, theirs)
            filled.append(field.name)
    return filled


def _merge_into(keep, duplicate, snapshot: _Snapshot, counts: Counter) -> None:
    snapshot.add(keep)
    snapshot.add(duplicate)
    for field in _incoming(duplicate):
        model = field.model
        others = _unique_sets(model, field)
        for row in list(model._base_manager.filter(**{field.name: duplicate.pk})):
            twin = None
            for names in others:
                attnames = [model._meta.get_field(name).attname for name in names]
                same = {attname: getattr(row, attname) for attname in attnames}
                twin = model._base_manager.filter(**{field.attname: keep.pk}, **same).first()
                if twin is not None:
                    break
            label = model._meta.verbose_name_plural
            if twin is None:
                snapshot.add(row)
                setattr(row, field.attname, keep.pk)
                row.save()
                counts[f"{label} moved"] += 1
            elif isinstance(row, (Work, Person)):
                # Season 2 of both series: the seasons are one too.
                _merge_into(_specific(twin), _specific(row), snapshot, counts)
            else:
                snapshot.add(row)
                snapshot.add(twin)
                row.delete()
                if hasattr(twin, "absorb"):
                    twin.absorb(row)
                    twin.save()
                counts[f"{label} already there"] += 1
    for field in duplicate._meta.many_to_many:
        if field.remote_field.through._meta.auto_created:
            getattr(keep, field.name).add(*getattr(duplicate, field.name).all())
    if not duplicate._meta.model._base_manager.filter(pk=duplicate.pk).exists():
        return
    # A copy is deleted, so that the caller's object keeps its id (deleting one forgets it).
    duplicate._meta.model._base_manager.get(pk=duplicate.pk).delete()
    if filled := _fill_blanks(keep, duplicate):
        keep.save(update_fields=filled)
        counts["empty fields filled"] += len(filled)


def _describe(counts: Counter) -> str:
    return "; ".join(f"{number} {what}" for what, number in sorted(counts.items())) or "nothing was linked to it"


@transaction.atomic
def records_merge(*, keep: Record, duplicate: Record, user=None) -> Merge:
    """Merge `duplicate` into `keep` (two people, two works of one kind or two companies), log it and
    return the log."""
    keep, duplicate = _specific(keep), _specific(duplicate)
    if type(keep) is not type(duplicate):
        raise MergeError(f"“{duplicate}” and “{keep}” are not of the same kind: they cannot be one record.")
    if keep.pk == duplicate.pk:
        raise MergeError("A record cannot be merged into itself.")
    merged_name, merged_id = str(duplicate), duplicate.pk
    snapshot, counts = _Snapshot(), Counter()
    _merge_into(keep, duplicate, snapshot, counts)
    summary = _describe(counts)
    revision = snapshot.save(user=user, comment=f"Merged “{merged_name}” (id {merged_id}) into “{keep}”: {summary}.")
    merge = Merge.objects.create(
        kept_person=keep if isinstance(keep, Person) else None,
        kept_work=keep if isinstance(keep, Work) else None,
        kept_company=keep if isinstance(keep, Company) else None,
        kept_name=str(keep),
        merged_name=merged_name,
        merged_id=merged_id,
        summary=summary,
        revision=revision,
        merged_by=user if getattr(user, "pk", None) else None,
    )
    records_merged.send(sender=Merge, merge=merge, undone=False)
    return merge


@transaction.atomic
def merge_undo(*, merge: Merge, user=None) -> Merge:
    """Put back both records and everything the merge changed, as they were before it."""
    merge = Merge.objects.select_for_update().get(pk=merge.pk)
    if merge.undone_at is not None:
        raise MergeError("This merge was undone already.")
    merge.revision.revert(delete=False)
    merge.undone_at = timezone.now()
    merge.undone_by = user if getattr(user, "pk", None) else None
    merge.save(update_fields=["undone_at", "undone_by"])
    records_merged.send(sender=Merge, merge=merge, undone=True)
    return merge
