from collections.abc import Hashable

from django.conf import settings
from django.utils.functional import SimpleLazyObject

from articles.models import Section
from core.prepared import Prepared
from core.seo import TAGLINE

from . import sharing

# Read for every page's frame: compiled once per process (core/prepared.py).
_sections = Prepared(lambda: Section.objects.values("id", "name", "slug", "description", "order"))


def site(request):
    """Values every page's layout needs (the queryset stays lazy until a template reads it, and the
    default share picture is looked up only by a page that has none of its own)."""
    return {
        "magazine_name": settings.MAGAZINE_NAME,
        "tagline": TAGLINE,
        "sections": Section.objects.all(),
        "default_share_picture": SimpleLazyObject(sharing.default_picture),
    }


def frame(context: dict) -> Hashable:
    """What the layout shows around every page that the page's own parts do not, for its ETag
    (core/conditional.py): the navigation's sections, fetched into the page's context once (the
    layout then reads them from there), and the default share picture."""
    sections = context.get("sections")
    if not isinstance(sections, list):
        context["sections"] = sections = navigation()
    # Into the context too, where the layout's head reads it: one cache round trip, not two.
    context["default_share_picture"] = picture = sharing.default_picture()
    return navigation_version(sections), picture


def navigation() -> list[Section]:
    """The sections the navigation lists, in their order."""
    return [Section(**row) for row in _sections.rows()]


def navigation_version(sections: list[Section]) -> Hashable:
    """What of `sections` the navigation shows."""
    return tuple((section.pk, section.name, section.slug) for section in sections)
