"""Works of every kind are the editors' to keep, as films were (0001_roles froze its lists), and
writers pick them for their articles and works cited as they picked films."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELS = ["work", "album", "track", "book", "series", "season", "episode", "game", "platform", "merge"]
EDITOR = [f"{action}_{model}" for model in MODELS for action in ("view", "add", "change", "delete")]
CONTRIBUTOR = ["view_work"]


def _permissions(apps, db, codenames):
    Permission = apps.get_model("auth", "Permission")
    permissions = list(Permission.objects.using(db).filter(content_type__app_label="films", codename__in=codenames))
    assert len(permissions) == len(codenames), f"permissions missing: {codenames}"
    return permissions


def grant(apps, schema_editor):
    db = schema_editor.connection.alias
    # Permissions are normally created after all migrations; the groups need them now.
    create_permissions(global_apps.get_app_config("films"), verbosity=0, using=db, apps=apps)
    Group = apps.get_model("auth", "Group")
    for name, codenames in [("Editor", EDITOR), ("Contributor", CONTRIBUTOR)]:
        for group in Group.objects.using(db).filter(name=name):
            group.permissions.add(*_permissions(apps, db, codenames))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in [("Editor", EDITOR), ("Contributor", CONTRIBUTOR)]:
        permissions = Permission.objects.filter(content_type__app_label="films", codename__in=codenames)
        for group in Group.objects.filter(name=name):
            group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("desk", "0002_writers_propose_films_and_people"),
        ("films", "0006_other_kinds"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
