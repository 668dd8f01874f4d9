from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The bottom layer: helpers every app may use, importing none of them (README, Layout).

    An app only so that Django finds its template tags (seo, times)."""

    name = "core"
    verbose_name = "Core"
