"""The long tail: readers spread over thousands of articles, each request a different one.

The rows of single pages measure the pages everyone reads; most articles of a magazine are read
rarely, and for them the page cache is cold. The runner writes the addresses of distinct published
articles to a file, shuffled with a fixed seed, and `bench/wrk/long_tail.lua` cycles through them:
wrk thread i of n takes lines i, i + n, i + 2n, ..., so no address comes twice before the whole list
has been asked for once. The warm-up gets other articles, so the measurement starts on pages no one
has asked for.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from pathlib import Path

# Distinct addresses the measurement cycles through.
ADDRESSES = 5_000
SEED = 23


def published_article_paths(*, exclude: Iterable[str] = ()) -> list[str]:
    """The address of every published article (through the models), but those in `exclude`."""
    from articles.models import Article

    left_out = set(exclude)
    articles = Article.objects.published().only("slug").order_by("pk")
    return [path for path in (article.get_absolute_url() for article in articles) if path not in left_out]


def choose(paths: Sequence[str], *, count: int = ADDRESSES, seed: int = SEED) -> tuple[list[str], list[str]]:
    """`count` distinct addresses in a shuffled order that the seed fixes, and the rest (for the warm-up)."""
    distinct = sorted(set(paths))
    random.Random(seed).shuffle(distinct)
    return distinct[:count], distinct[count:]


def write_addresses(path: Path, addresses: Sequence[str]) -> Path:
    """One address a line, as long_tail.lua reads them."""
    if not addresses:
        raise ValueError("no addresses to write")
    if any(not address.startswith("/") or any(c.isspace() for c in address) for address in addresses):
        raise ValueError("addresses must be paths without spaces")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(addresses) + "\n", encoding="utf-8")
    return path


def thread_share(lines: Sequence[str], thread: int, threads: int) -> list[str]:
    """The lines wrk thread `thread` (0-based) of `threads` asks for, in order: long_tail.lua's rule."""
    return [line for number, line in enumerate(lines) if number % threads == thread]
