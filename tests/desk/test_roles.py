"""The roles migration (desk/migrations/0001_roles.py) may run on a database that has the roles already."""

from importlib import import_module
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.db import connection

pytestmark = pytest.mark.django_db

roles_migration = import_module("desk.migrations.0001_roles")


def _roles() -> dict[str, set[str]]:
    return {
        group.name: {
            f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")
        }
        for group in Group.objects.order_by("name")
    }


def test_the_roles_migration_run_again_changes_nothing():
    roles_migration.create_roles(apps, SimpleNamespace(connection=connection))
    made = _roles()

    roles_migration.create_roles(apps, SimpleNamespace(connection=connection))

    assert _roles() == made
    assert set(made) == {"Contributor", "Editor", "Moderator"}


def test_moderators_and_editors_keep_the_list_of_moderation_reasons():
    roles_migration.create_roles(apps, SimpleNamespace(connection=connection))
    roles = _roles()

    assert "comments.change_moderationreason" in roles["Moderator"]
    assert "comments.change_moderationreason" in roles["Editor"]
    assert "comments.change_moderationreason" not in roles["Contributor"]
