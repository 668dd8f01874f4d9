"""Tag names for the article form's autocomplete."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import JsonResponse
from taggit.models import Tag


class TagAutocompleteView:
    def tag_autocomplete_view(self, request):
        """Tag names for the article form's autocomplete, as select2 asks for them."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        term = request.GET.get("term", "").strip()
        tags = Tag.objects.order_by("name")
        if term:
            tags = tags.filter(name__icontains=term)
        page = Paginator(tags.values_list("name", flat=True), 20).get_page(request.GET.get("page"))
        return JsonResponse(
            {"results": [{"id": name, "text": name} for name in page], "pagination": {"more": page.has_next()}}
        )
