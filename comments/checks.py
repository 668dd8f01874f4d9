"""Startup checks of the comment settings."""

from django.conf import settings
from django.core.checks import Error, register


@register()
def comment_settings(app_configs, **kwargs) -> list[Error]:
    errors = []
    if settings.COMMENTS_DEFAULT_MODE not in {"pre", "post", "closed"}:
        errors.append(
            Error(
                f"COMMENTS_DEFAULT_MODE is {settings.COMMENTS_DEFAULT_MODE!r}.",
                hint="Use pre (held until approved), post (shown at once) or closed.",
                id="comments.E001",
            )
        )
    if settings.COMMENTS_MAX_DEPTH < 1:
        errors.append(Error("COMMENTS_MAX_DEPTH must be at least 1.", id="comments.E002"))
    if settings.COMMENTS_THREADS_PER_PAGE < 1:
        errors.append(Error("COMMENTS_THREADS_PER_PAGE must be at least 1.", id="comments.E003"))
    return errors
