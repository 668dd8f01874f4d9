from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The bottom layer: helpers every app may use, importing none of them (README, Layout).

    An app so that Django finds its template tags (seo, times, slots), and registers its path converters
    before any URLconf is read."""

    name = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from . import converters

        converters.register()
