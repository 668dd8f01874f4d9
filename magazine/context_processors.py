from django.conf import settings

from articles.models import Section


def site(request):
    """Values every page's layout needs (the queryset stays lazy until a template reads it)."""
    return {"magazine_name": settings.MAGAZINE_NAME, "sections": Section.objects.all()}
