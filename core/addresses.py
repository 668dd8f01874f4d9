"""The addresses every page repeats (its cards' articles, sections, authors and films), reversed once.

`reverse()` walks the URL patterns each time: 50-90 µs an address on the bench machine, and a
front page asks for about 180 of them, most of them the same few sections and authors. An
address by slug is the same for as long as the URL patterns and the script prefix are, so both
are part of what it is remembered by.
"""

from __future__ import annotations

from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse


def slug_url(viewname: str, slug: str) -> str:
    """`reverse(viewname, kwargs={"slug": slug})`, remembered."""
    return _slug_url(viewname, slug, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)


@lru_cache(maxsize=8192)
def _slug_url(viewname: str, slug: str, script_prefix: str, urlconf: str) -> str:
    return reverse(viewname, kwargs={"slug": slug})
