"""Readers' comments and share links for previews; README.md's "Comments" section tells what each does."""

from __future__ import annotations

from core.environment import env

# --- Comments ---------------------------------------------------------------
# README.md's "Comments" section tells what each one does.

COMMENTS_DEFAULT_MODE = env.str("COMMENTS_DEFAULT_MODE", "pre")  # pre, post or closed
COMMENTS_CLOSE_AFTER_DAYS = env.int("COMMENTS_CLOSE_AFTER_DAYS", 0)  # 0: never
COMMENTS_MAX_DEPTH = env.int("COMMENTS_MAX_DEPTH", 4)
COMMENTS_THREADS_PER_PAGE = env.int("COMMENTS_THREADS_PER_PAGE", 20)
COMMENTS_MAX_LENGTH = env.int("COMMENTS_MAX_LENGTH", 5000)
COMMENTS_MAX_LINKS = env.int("COMMENTS_MAX_LINKS", 2)
COMMENTS_TRUST_THRESHOLD = env.int("COMMENTS_TRUST_THRESHOLD", 3)
COMMENTS_MIN_SUBMIT_SECONDS = env.int("COMMENTS_MIN_SUBMIT_SECONDS", 3)
COMMENTS_FORM_MAX_AGE_HOURS = env.int("COMMENTS_FORM_MAX_AGE_HOURS", 24)
COMMENTS_DUPLICATE_WINDOW_HOURS = env.int("COMMENTS_DUPLICATE_WINDOW_HOURS", 24)
COMMENTS_FLAG_THRESHOLD = env.int("COMMENTS_FLAG_THRESHOLD", 3)
COMMENTS_RATE_LIMIT_WINDOW = env.int("COMMENTS_RATE_LIMIT_WINDOW", 600)  # seconds
COMMENTS_RATE_LIMIT_PER_IP = env.int("COMMENTS_RATE_LIMIT_PER_IP", 10)
COMMENTS_RATE_LIMIT_PER_EMAIL = env.int("COMMENTS_RATE_LIMIT_PER_EMAIL", 5)
COMMENTS_MODERATOR_MAIL_MINUTES = env.int("COMMENTS_MODERATOR_MAIL_MINUTES", 30)
# Banning one of these domains would shut out many readers: the admin asks to confirm it.
COMMENTS_WEBMAIL_DOMAINS = env.list(
    "COMMENTS_WEBMAIL_DOMAINS",
    [
        "aol.com", "fastmail.com", "gmail.com", "gmx.de", "gmx.net", "googlemail.com", "hotmail.com",
        "icloud.com", "live.com", "mail.com", "mail.ru", "me.com", "msn.com", "outlook.com", "proton.me",
        "protonmail.com", "web.de", "yahoo.com", "yandex.ru", "zoho.com",
    ],
)  # fmt: skip

# How long a "share preview" link works, in seconds (PREVIEW_LINK_MAX_AGE_DAYS, default 7 days).
PREVIEW_LINK_MAX_AGE = int(env.float("PREVIEW_LINK_MAX_AGE_DAYS", 7) * 24 * 60 * 60)
