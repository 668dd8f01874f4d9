"""Whether an article takes comments, and how they are moderated there."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from articles.models import Article

PRE, POST, CLOSED = Article.CommentMode.PRE, Article.CommentMode.POST, Article.CommentMode.CLOSED


@dataclass(frozen=True)
class Mode:
    value: str  # "pre", "post" or "closed"
    explanation: str
    closes_at: datetime.datetime | None = None

    @property
    def is_open(self) -> bool:
        return self.value != CLOSED

    @property
    def is_post_moderated(self) -> bool:
        return self.value == POST


def closes_at(article: Article) -> datetime.datetime | None:
    """When comments on `article` close by themselves (COMMENTS_CLOSE_AFTER_DAYS; 0 means never)."""
    days = settings.COMMENTS_CLOSE_AFTER_DAYS
    if not days or article.publish_at is None:
        return None
    return article.publish_at + datetime.timedelta(days=days)


def comment_mode(article: Article, now: datetime.datetime | None = None) -> Mode:
    """The mode in force on `article` at `now`: its own, or the site default; closed once it is too old."""
    mode = article.comment_mode
    if mode == Article.CommentMode.DEFAULT:
        mode = settings.COMMENTS_DEFAULT_MODE
    if mode == CLOSED:
        return Mode(CLOSED, "Comments are closed on this article.")
    closing = closes_at(article)
    if closing and (now or timezone.now()) >= closing:
        return Mode(
            CLOSED,
            f"Comments close {settings.COMMENTS_CLOSE_AFTER_DAYS} days after publication; these are closed.",
            closing,
        )
    if mode == POST:
        return Mode(
            POST,
            "Comments from regular commenters appear at once; moderators remove those that break the rules. "
            "Your first comments are read by a moderator before they appear.",
            closing,
        )
    return Mode(PRE, "A moderator reads every comment before it appears.", closing)
