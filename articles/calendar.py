"""The desk's calendar: what went live and when scheduled articles go live, when embargoes lift,
what waits for review."""

from __future__ import annotations

import calendar
import datetime

from django.db.models import Q
from django.utils import timezone

from .models import Article


def month(year: str | None, month: str | None) -> dict:
    """The weeks of a month (this one by default) with their entries; ValueError for no such month."""
    today = timezone.localdate()
    try:
        first = datetime.date(int(year or today.year), int(month or today.month), 1)
        previous = (first - datetime.timedelta(days=1)).replace(day=1)
        following = (first + datetime.timedelta(days=31)).replace(day=1)
    except OverflowError as error:  # the first or the last month there is
        raise ValueError(f"no month before or after {year}-{month}") from error
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    days: dict[datetime.date, list[dict]] = {day: [] for week in weeks for day in week}
    in_review = list(Article.objects.in_review().order_by("submitted_at", "pk"))
    for entry in _entries(in_review, first_day=weeks[0][0], last_day=weeks[-1][-1]):
        if entry["day"] in days:
            days[entry["day"]].append(entry)
    for entries in days.values():
        entries.sort(key=lambda entry: entry["at"])
    return {
        "month": first,
        "today": today,
        "weekdays": list(calendar.day_name),
        "weeks": [[(day, days[day]) for day in week] for week in weeks],
        "previous": previous,
        "following": following,
        "in_review": in_review,
    }


def _entries(in_review: list[Article], *, first_day: datetime.date, last_day: datetime.date):
    """Calendar entries: what went live between the two days, when scheduled articles go live,
    when embargoes lift, what waits for review."""

    def entry(kind: str, label: str, article: Article, at: datetime.datetime, detail: str = "") -> dict:
        at = timezone.localtime(at)
        return {"kind": kind, "label": label, "article": article, "at": at, "day": at.date(), "detail": detail}

    start = timezone.make_aware(datetime.datetime.combine(first_day, datetime.time.min))
    end = timezone.make_aware(datetime.datetime.combine(last_day + datetime.timedelta(days=1), datetime.time.min))
    # Public now, and went live in the weeks shown: at its publish time, or when its embargo lifted.
    live = Article.objects.published().filter(
        Q(publish_at__gte=start, publish_at__lt=end) | Q(embargo_until__gte=start, embargo_until__lt=end)
    )
    for article in live.without_text().select_related("section"):
        if start <= article.goes_live_at < end:
            yield entry("live", "Went live", article, article.goes_live_at)
    for article in Article.objects.scheduled().select_related("section"):
        detail = f"held by the embargo set by {article.embargo_set_by}" if article.is_embargoed else ""
        yield entry("scheduled", "Goes live", article, article.goes_live_at, detail)
    for article in Article.objects.embargoed().select_related("section"):
        yield entry("embargo", "Embargo lifts", article, article.embargo_until, f"set by {article.embargo_set_by}")
    now = timezone.now()
    for article in in_review:
        if article.publish_at and article.publish_at > now:
            yield entry("review", "In review, planned", article, article.publish_at)
        else:
            yield entry("review", "Submitted for review", article, article.submitted_at or article.updated_at)
