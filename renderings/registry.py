"""What can be rendered and stored, by name: each kind of stored rendering registers a `Renderer`.

The machinery that keeps renderings current (changes.py: what a change makes stale, rendering it
in the writer's transaction or queueing it for the worker; the `rerender` command and its
`--check`) works through this registry only, so a new kind of page joins by registering itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import QuerySet


@dataclass(frozen=True)
class Difference:
    """A stored rendering that is not what rendering it afresh gives."""

    renderer: str
    key: str  # e.g. "article 42 body", "film 7 header"
    detail: str  # what differs, for the person reading `rerender --check`'s output


@dataclass(frozen=True)
class Renderer:
    name: str
    # Writes (or deletes, for what is no longer public) the stored renderings of these objects.
    render: Callable[[Iterable[int]], None]
    # Renders these objects in memory and lists where the stored renderings differ.
    check: Callable[[Iterable[int]], list[Difference]]
    # Every object this renderer keeps a rendering of (for `rerender --all` and `--check`).
    all_ids: Callable[[], QuerySet]
    # The objects it has rows for now, which `--check` adds to `all_ids` to find rows kept for
    # objects that should have none.
    stored_ids: Callable[[], QuerySet] | None = None
    # False for a renderer of one piece of another's rendering, which only the worker's fan-out runs:
    # `rerender --all` and `--check` go through the whole one.
    listed: bool = True
    # Its ids are articles' (`rerender --articles` and `--since` name articles; a page header's are
    # a work's, a person's...: those renderers are left out of them).
    of_articles: bool = True


_renderers: dict[str, Renderer] = {}
# Called with a renderer's name and the ids it wrote (changes.py schedules what time will change).
_listeners: list[Callable[[str, set[int]], None]] = []


def register(renderer: Renderer) -> Renderer:
    _renderers[renderer.name] = renderer
    return renderer


def get(name: str) -> Renderer:
    return _renderers[name]


def all_renderers() -> list[Renderer]:
    """The renderers `rerender --all` and `--check` go through."""
    return [renderer for renderer in _renderers.values() if renderer.listed]


def on_rendered(listener: Callable[[str, set[int]], None]) -> Callable[[str, set[int]], None]:
    """Call `listener(name, ids)` after each renderer writes renderings of `ids`."""
    _listeners.append(listener)
    return listener


def rendered(name: str, ids: set[int]) -> None:
    for listener in _listeners:
        listener(name, ids)
