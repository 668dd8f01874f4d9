"""Writers' proposals of films and people: confirming them, or merging them into the record they duplicate."""

from __future__ import annotations

import django.dispatch
from django.db import models, transaction

from .merging import MergeError, records_merge
from .models import Film, Merge, Person, Proposal

__all__ = ["MergeError", "proposal_confirm", "proposal_merge", "proposals_confirmed"]

# Sent with the model (Film or Person) and the `ids` confirmed: an update, which sends no save signals.
proposals_confirmed = django.dispatch.Signal()


@transaction.atomic
def proposal_confirm(records: models.QuerySet[Film] | models.QuerySet[Person]) -> int:
    """Make pending proposals the desk's records: they get their pages, and articles about them may go out."""
    ids = list(records.filter(status=Proposal.PENDING).values_list("pk", flat=True))
    count = records.model._base_manager.filter(pk__in=ids).update(status=Proposal.CONFIRMED)
    if ids:
        proposals_confirmed.send(sender=records.model, ids=ids)
    return count


@transaction.atomic
def proposal_merge(*, source: Film | Person, into: Film | Person, user=None) -> Merge:
    """Merge `source` (a pending proposal) into `into`, the record it duplicates, and return the merge's log.

    The desk's merge of duplicates does it (films/merging.py): every link moves, one `into` already
    has is not doubled, the search documents are rebuilt, and the merge is logged and can be undone.
    """
    if type(source) is not type(into) or source.pk == into.pk:
        raise MergeError("Choose another record of the same kind to merge into.")
    if source.status != Proposal.PENDING:
        raise MergeError(f"“{source}” is the desk's record, not a proposal: only proposals are merged.")
    return records_merge(keep=into, duplicate=source, user=user)
