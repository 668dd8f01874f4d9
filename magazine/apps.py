from django.apps import AppConfig
from taggit.apps import TaggitAppConfig


class MagazineConfig(AppConfig):
    name = "magazine"
    # Chosen over the other AppConfig classes in this module (TagsConfig and the one it imports).
    default = True

    def ready(self) -> None:
        from . import invalidation, sharing

        # In this order, so that when a change commits the default share picture is renewed
        # before the pages that show it are: none is rendered again with the one there was.
        sharing.connect()
        invalidation.connect()


class TagsConfig(TaggitAppConfig):
    """django-taggit under the name the desk knows it by: its own, “Taggit”, headed the admin's list of apps."""

    default = False
    verbose_name = "Tags"
