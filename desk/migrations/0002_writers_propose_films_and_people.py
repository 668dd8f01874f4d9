"""Writers may propose a film or a person their article needs (films.Film and films.Person with the
status "pending"), which an editor confirms or merges: Contributors get the two add permissions
(0001_roles froze their list). Editors already hold every permission of the films app."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = ["add_film", "add_person"]


def grant(apps, schema_editor):
    db = schema_editor.connection.alias
    # Permissions are normally created after all migrations; the group needs them now.
    create_permissions(global_apps.get_app_config("films"), verbosity=0, using=db, apps=apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = list(Permission.objects.using(db).filter(content_type__app_label="films", codename__in=CODENAMES))
    assert len(permissions) == len(CODENAMES), f"permissions missing: {CODENAMES}"
    for group in Group.objects.using(db).filter(name="Contributor"):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="films", codename__in=CODENAMES)
    for group in Group.objects.filter(name="Contributor"):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("desk", "0001_roles"),
        ("films", "0004_proposals"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
