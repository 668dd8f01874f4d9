from django.apps import AppConfig
from taggit.apps import TaggitAppConfig


class DeskConfig(AppConfig):
    """The desk's own part of the admin: its roles (migrations/0001_roles.py) and today's dashboard."""

    name = "desk"
    # Chosen over the other AppConfig classes in this module (TagsConfig and the one it imports).
    default = True


class TagsConfig(TaggitAppConfig):
    """django-taggit under the name the desk knows it by: its own, “Taggit”, headed the admin's list of apps."""

    default = False
    verbose_name = "Tags"
