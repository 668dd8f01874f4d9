from django.conf import settings

from articles.models import Section

from .seo import TAGLINE


def site(request):
    """Values every page's layout needs (the queryset stays lazy until a template reads it)."""
    return {"magazine_name": settings.MAGAZINE_NAME, "tagline": TAGLINE, "sections": Section.objects.all()}
