"""Times as machines read them, in <time datetime>."""

from __future__ import annotations

import datetime

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def datetime_attr(value: datetime.date | None) -> str:
    """`value` as a valid HTML date or global date and time, to the second.

    Django's `date:"c"` writes microseconds ("03:06:38.109731+00:00"), and HTML allows at most
    three digits of fractions of a second: every comment posted through the form had them.
    """
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.isoformat(timespec="seconds")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return ""
