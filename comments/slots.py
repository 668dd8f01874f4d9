"""What comments/ puts on the articles' pages through core/slots.py: the thread and its form
under an article, the count of approved comments on a card."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.html import format_html

from core import slots

from .templatetags.comments import comment_count, comment_thread


def thread(context, article) -> str:
    return render_to_string("comments/_thread.html", comment_thread(context, article))


def card_count(context, article) -> str:
    count = comment_count(context, article)
    if not count:
        return ""
    return format_html(
        ' · <a href="{}#comments">{} comment{}</a>', article.get_absolute_url(), count, "" if count == 1 else "s"
    )


def fill() -> None:
    slots.fill("article-after-body", thread)
    slots.fill("card-meta", card_count)
