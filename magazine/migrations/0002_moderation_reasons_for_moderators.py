"""The list of moderation reasons (comments.ModerationReason) is the moderators' to keep, and the
editors', who have every permission of the comments app (0001_roles froze its lists)."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = [
    "view_moderationreason",
    "add_moderationreason",
    "change_moderationreason",
    "delete_moderationreason",
]


def grant(apps, schema_editor):
    db = schema_editor.connection.alias
    # Permissions are normally created after all migrations; the groups need them now.
    create_permissions(global_apps.get_app_config("comments"), verbosity=0, using=db, apps=apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = list(Permission.objects.using(db).filter(content_type__app_label="comments", codename__in=CODENAMES))
    assert len(permissions) == len(CODENAMES), f"permissions missing: {CODENAMES}"
    for group in Group.objects.using(db).filter(name__in=["Moderator", "Editor"]):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="comments", codename__in=CODENAMES)
    for group in Group.objects.filter(name__in=["Moderator", "Editor"]):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("magazine", "0001_roles"),
        ("comments", "0008_moderation_reasons"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
