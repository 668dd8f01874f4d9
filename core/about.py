"""Things about X: what an app above says about an object of an app below it.

A film's page lists the articles about the film, an author's page the articles they wrote; but
films/ and authors/ sit under articles/ and never import it. So articles tells this registry,
when it is ready, how to find the published articles about a film, a person, an author, a
section or a tag, and the pages ask here (README, Layout).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.db.models import Model, QuerySet

# Given the object and the moment (None: now), what is published about it then.
Provider = Callable[[Model, datetime.datetime | None], QuerySet]

_providers: dict[type[Model], Provider] = {}


def register(model: type[Model], provider: Provider) -> None:
    """Have `provider(obj, at)` answer `published_about(obj, at)` for objects of `model`."""
    _providers[model] = provider


def published_about(obj: Model, at: datetime.datetime | None = None) -> QuerySet:
    """What readers may read about `obj` at `at` (default: now), newest first, ready to be shown as cards.

    The moment is a value of its own so that a list's reads can be compiled once (core/prepared.py)."""
    try:
        provider = _providers[obj._meta.concrete_model]
    except KeyError as error:
        raise LookupError(f"Nothing is registered to say what is about a {type(obj).__name__}.") from error
    return provider(obj, at)
