"""The desk's roles, as groups with model permissions.

Made idempotently (get_or_create, permissions added): a database that ran the migrations these
replace (magazine 0001_roles and 0002_moderation_reasons_for_moderators) already has the groups,
and runs this one without a change.

- Contributor: writes and edits their own articles (bylines, films, works cited), cannot
  publish, cannot see other writers' articles unless they share the byline.
- Editor: edits everything, publishes, schedules, unpublishes, sends back; manages
  sections, films, people, companies, authors and tags; moderates comments.
- Moderator: comments only.

What model permissions cannot say (whose article it is, what state it is in) is
enforced by articles/permissions.py. The lists are frozen here on purpose: a later
migration grants what later models need.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

CONTRIBUTOR = [
    "articles.view_article",
    "articles.add_article",
    "articles.change_article",
    "articles.view_section",
    "articles.view_articleauthor",
    "articles.add_articleauthor",
    "articles.change_articleauthor",
    "articles.delete_articleauthor",
    "articles.view_articlefilm",
    "articles.add_articlefilm",
    "articles.change_articlefilm",
    "articles.delete_articlefilm",
    "articles.view_citation",
    "articles.add_citation",
    "articles.change_citation",
    "articles.delete_citation",
    "authors.view_author",
    "films.view_film",
    "films.view_person",
    "taggit.view_tag",
    # Pictures for their articles: pick from the library and upload new ones (not change others').
    "images.view_image",
    "images.add_image",
]
# Every permission of these apps' models, including articles.publish_article, articles.edit_any_article
# and comments.moderate_comment.
EDITOR_APPS = ["articles", "authors", "films", "taggit", "comments", "images"]
EDITOR_EXTRA = [
    # To link an author to the login they write with.
    "auth.view_user",
]
# Moderators decide on comments (moderate_comment) but do not rewrite them (change_comment).
MODERATOR = [
    "comments.view_comment",
    "comments.moderate_comment",
    "comments.view_flag",
    "comments.view_moderationlog",
    "comments.view_commenter",
    "comments.view_mailmute",
    "comments.view_wordlistentry",
    "comments.add_wordlistentry",
    "comments.change_wordlistentry",
    "comments.delete_wordlistentry",
    "comments.view_block",
    "comments.add_block",
    "comments.change_block",
    "comments.delete_block",
    # The list of moderation reasons is the moderators' to keep (and the editors', below).
    "comments.view_moderationreason",
    "comments.add_moderationreason",
    "comments.change_moderationreason",
    "comments.delete_moderationreason",
]

APPS = ["auth", "articles", "authors", "films", "comments", "taggit", "images"]


def create_roles(apps, schema_editor):
    db = schema_editor.connection.alias
    # Permissions are normally created after all migrations; the groups need them now.
    for label in APPS:
        create_permissions(global_apps.get_app_config(label), verbosity=0, using=db, apps=apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def named(codenames):
        # articles 0012_works renames the film links' permissions to the work links' (with the grants):
        # run again after it, this finds them under their new name.
        if (
            Permission.objects.using(db)
            .filter(content_type__app_label="articles", codename="view_articlework")
            .exists()
        ):
            codenames = [name.replace("_articlefilm", "_articlework") for name in codenames]
        wanted = {tuple(name.split(".")) for name in codenames}
        found = [
            permission
            for permission in Permission.objects.using(db).select_related("content_type")
            if (permission.content_type.app_label, permission.codename) in wanted
        ]
        missing = wanted - {(permission.content_type.app_label, permission.codename) for permission in found}
        assert not missing, f"permissions missing: {sorted(missing)}"
        return found

    editor = list(Permission.objects.using(db).filter(content_type__app_label__in=EDITOR_APPS))
    editor += named(EDITOR_EXTRA)
    for name, permissions in [
        ("Contributor", named(CONTRIBUTOR)),
        ("Editor", editor),
        ("Moderator", named(MODERATOR)),
    ]:
        group, _ = Group.objects.using(db).get_or_create(name=name)
        group.permissions.add(*permissions)


def remove_roles(apps, schema_editor):
    # Nothing: the groups may predate this migration (magazine 0001_roles made them), and logins are in them.
    pass


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("articles", "0005_merge"),
        ("authors", "0002_author_portrait"),
        ("films", "0002_film_poster"),
        ("images", "0001_initial"),
        ("comments", "0008_moderation_reasons"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
