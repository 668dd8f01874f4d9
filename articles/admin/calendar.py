"""The desk's calendar: a month of everything scheduled, under embargo or in review."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.formats import date_format

from articles import calendar as desk_calendar
from articles import permissions

from .base import ArticleViewMixin


class CalendarView(ArticleViewMixin):
    def calendar_view(self, request):
        """A month of everything scheduled, under embargo or in review."""
        if not permissions.can_publish(request.user):
            raise PermissionDenied
        try:
            month = desk_calendar.month(request.GET.get("year"), request.GET.get("month"))
        except ValueError as error:
            raise Http404("No such month.") from error
        context = self._context(
            request, title=f"Calendar · {date_format(month['month'], 'F Y')}", subtitle=None, **month
        )
        return TemplateResponse(request, "admin/articles/article/calendar.html", context)
