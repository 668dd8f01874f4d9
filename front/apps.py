from django.apps import AppConfig


class FrontConfig(AppConfig):
    """The reader's site put together: front page, feeds and sitemaps spanning the apps, the page cache."""

    name = "front"

    def ready(self) -> None:
        from core import conditional

        from . import context_processors, invalidation, sharing

        conditional.provide_frame(context_processors.frame)

        # In this order, so that when a change commits the default share picture is renewed
        # before the pages that show it are: none is rendered again with the one there was.
        sharing.connect()
        invalidation.connect()
