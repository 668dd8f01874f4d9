from django.conf import settings
from django.utils.functional import SimpleLazyObject

from articles.models import Section
from core.seo import TAGLINE

from . import sharing


def site(request):
    """Values every page's layout needs (the queryset stays lazy until a template reads it, and the
    default share picture is looked up only by a page that has none of its own)."""
    return {
        "magazine_name": settings.MAGAZINE_NAME,
        "tagline": TAGLINE,
        "sections": Section.objects.all(),
        "default_share_picture": SimpleLazyObject(sharing.default_picture),
    }
