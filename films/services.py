"""Writers' proposals of films and people: confirming them, or merging them into the record they duplicate."""

from __future__ import annotations

from django.db import IntegrityError, models, transaction

from .models import Film, Person, Proposal


class MergeError(Exception):
    """A merge that cannot be done; the message says why."""


def proposal_confirm(records: models.QuerySet[Film] | models.QuerySet[Person]) -> int:
    """Make pending proposals the desk's records: they get their pages, and articles about them may go out."""
    return records.filter(status=Proposal.PENDING).update(status=Proposal.CONFIRMED)


def _links(model: type[models.Model]):
    """(model, foreign key) of every row elsewhere that points at a `model` row.

    Found from the model's relations rather than listed, so that this app knows nothing of the
    apps that link to it (an article's films, a film's credits) and misses none added later.
    """
    for relation in model._meta.related_objects:
        if relation.many_to_many:
            through = relation.through
            # An explicit through model's own foreign keys come up as relations of their own.
            if through._meta.auto_created:
                field = next(f for f in through._meta.fields if f.is_relation and f.related_model is model)
                yield through, field
        else:
            yield relation.related_model, relation.field


@transaction.atomic
def proposal_merge(*, source: Film | Person, into: Film | Person) -> int:
    """Move every link of `source` (a pending proposal) to `into`, then delete `source`.

    A link `into` already has (the same credit, the same article) is not doubled: the source's
    copy goes. Returns how many links moved. Rows are saved one by one, so that what listens to
    their saves (the articles' search documents) hears of the change.
    """
    if type(source) is not type(into) or source.pk == into.pk:
        raise MergeError("Choose another record of the same kind to merge into.")
    if source.status != Proposal.PENDING:
        raise MergeError(f"“{source}” is the desk's record, not a proposal: only proposals are merged.")
    model = type(source)
    moved = 0
    for related_model, field in _links(model):
        for row in related_model._base_manager.select_for_update().filter(**{field.name: source}):
            setattr(row, field.attname, into.pk)
            try:
                with transaction.atomic():
                    row.save(update_fields=[field.name])
            except IntegrityError:
                row.delete()
            else:
                moved += 1
    source.delete()
    return moved
