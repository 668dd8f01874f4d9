from django.apps import AppConfig


class MagazineConfig(AppConfig):
    name = "magazine"

    def ready(self) -> None:
        from . import invalidation

        invalidation.connect()
