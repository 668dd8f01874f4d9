"""Imported articles' first revisions ("Imported from WordPress"), written in bulk.

Each article gets a revision of its own holding the article and what follows it (bylines,
tags), exactly as `reversion.add_to_revision` would store them, so that History, previews
of a revision and revert treat them as any other. Written through reversion's create_revision
an article cost ten queries (it follows every relation and checks every object exists); here
a batch of articles costs two INSERTs. The serialising is reversion's own options and format.
"""

from __future__ import annotations

from django.core import serializers
from django.db.models import Model
from django.utils import timezone
from django.utils.encoding import force_str
from reversion.models import Revision, Version
from reversion.revisions import _get_content_type, _get_options


def _version(revision: Revision, obj: Model, using: str) -> Version:
    options = _get_options(type(obj))
    return Version(
        revision=revision,
        content_type=_get_content_type(type(obj), using),
        object_id=force_str(getattr(obj, options.object_id_field)),
        db=using,
        format=options.format,
        serialized_data=serializers.serialize(
            options.format, (obj,), fields=options.fields, use_natural_foreign_keys=options.use_natural_foreign_keys
        ),
        object_repr=force_str(obj),
    )


def first_revisions(snapshots: list[list[Model]], *, comment: str, using: str = "default") -> None:
    """Save one revision per list in `snapshots` (an article first, then what follows it), saying `comment`."""
    if not snapshots:
        return
    now = timezone.now()
    revisions = Revision.objects.using(using).bulk_create(
        [Revision(date_created=now, comment=comment) for _ in snapshots]
    )
    Version.objects.using(using).bulk_create(
        [
            _version(revision, obj, using)
            for revision, objects in zip(revisions, snapshots, strict=True)
            for obj in objects
        ]
    )
