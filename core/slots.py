"""Named places in a lower app's templates that a higher app fills, so the lower one never imports it.

The article page leaves `{% slot "article-after-body" article %}` where comments go, a card
`{% slot "card-meta" article %}` where its comment count goes; comments/ fills both when it is
ready (comments/apps.py). A slot nobody filled renders nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from django.template import Context
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

# A filler gets the template's context and the tag's arguments, and returns HTML (escaped unless safe).
Filler = Callable[..., str]

_fillers: dict[str, list[Filler]] = {}


def fill(name: str, filler: Filler) -> None:
    """Have `filler` render into every `{% slot name ... %}`, after any filled before it."""
    fillers = _fillers.setdefault(name, [])
    if filler not in fillers:
        fillers.append(filler)


def render(name: str, context: Context, *args) -> SafeString:
    return mark_safe("".join(conditional_escape(filler(context, *args)) for filler in _fillers.get(name, ())))
