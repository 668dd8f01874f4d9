"""The permission matrix: each role × each action, through the admin's real views.

Contributor writes and edits their own drafts; Editor does everything to articles;
Moderator handles comments only. Every refusal is a 403 from the server, whatever
the page would have shown.
"""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from articles.models import Article
from comments.models import Comment
from tests.admin_forms import article_form
from tests.factories import ArticleFactory, AuthorFactory, CommentFactory

pytestmark = pytest.mark.django_db

ROLES = ["contributor", "editor", "moderator"]


@pytest.fixture
def world(contributor):
    """The contributor's own draft, another writer's draft, and a comment waiting for moderation."""
    own = ArticleFactory(draft=True, title="Own draft", authors=[contributor.author])
    others = ArticleFactory(draft=True, title="Someone else's draft", authors=[AuthorFactory()])
    comment = CommentFactory(article=ArticleFactory(), status=Comment.Status.PENDING)
    return {"own": own, "others": others, "comment": comment}


@pytest.fixture
def as_role(request, client, contributor, editor, moderator):
    users = {"contributor": contributor, "editor": editor, "moderator": moderator}

    def login(role):
        client.force_login(users[role])
        return client

    return login


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def workflow_url(article, action):
    return reverse("admin:articles_article_workflow", args=[article.pk, action])


# (role, expected status) for each action; 302 is the admin's redirect after a successful POST.
MATRIX = {
    "view": {"contributor": 200, "editor": 200, "moderator": 403},
    "add": {"contributor": 302, "editor": 302, "moderator": 403},
    "change own": {"contributor": 302, "editor": 302, "moderator": 403},
    "view others'": {"contributor": 403, "editor": 200, "moderator": 403},
    "change others'": {"contributor": 403, "editor": 302, "moderator": 403},
    "submit": {"contributor": 302, "editor": 302, "moderator": 403},
    "send back": {"contributor": 403, "editor": 302, "moderator": 403},
    "publish": {"contributor": 403, "editor": 302, "moderator": 403},
    "schedule": {"contributor": 403, "editor": 302, "moderator": 403},
    "unpublish": {"contributor": 403, "editor": 302, "moderator": 403},
    "delete": {"contributor": 403, "editor": 302, "moderator": 403},
    "preview own": {"contributor": 200, "editor": 200, "moderator": 403},
    "preview others'": {"contributor": 403, "editor": 200, "moderator": 403},
    "history others'": {"contributor": 403, "editor": 200, "moderator": 403},
    "calendar": {"contributor": 403, "editor": 200, "moderator": 403},
    "moderate": {"contributor": 403, "editor": 302, "moderator": 302},
}


def do(action, client, world):
    """Perform `action` through the admin; return the response and whether the change happened."""
    own, others, comment = world["own"], world["others"], world["comment"]
    if action == "view":
        response = client.get(reverse("admin:articles_article_changelist"))
        return response, None
    if action == "add":
        response = client.post(reverse("admin:articles_article_add"), article_form(slug="brand-new"))
        return response, Article.objects.filter(slug="brand-new").exists()
    if action == "change own":
        response = client.post(change_url(own), article_form(own, title="Retitled"))
        return response, Article.objects.get(pk=own.pk).title == "Retitled"
    if action == "view others'":
        return client.get(change_url(others)), None
    if action == "change others'":
        response = client.post(change_url(others), article_form(others, title="Retitled"))
        return response, Article.objects.get(pk=others.pk).title == "Retitled"
    if action == "submit":
        response = client.post(workflow_url(own, "submit"), {"lock_version": own.lock_version})
        return response, Article.objects.get(pk=own.pk).status == Article.Status.REVIEW
    if action == "send back":
        Article.objects.filter(pk=own.pk).update(status=Article.Status.REVIEW)
        data = {"lock_version": own.lock_version, "note": "Cut the second half."}
        response = client.post(workflow_url(own, "send-back"), data)
        return response, Article.objects.get(pk=own.pk).status == Article.Status.DRAFT
    if action == "publish":
        response = client.post(workflow_url(own, "publish"), {"lock_version": own.lock_version})
        return response, Article.objects.get(pk=own.pk).status == Article.Status.PUBLISHED
    if action == "schedule":
        data = {"lock_version": own.lock_version, "publish_at": "2099-01-01T09:00"}
        response = client.post(workflow_url(own, "schedule"), data)
        return response, Article.objects.get(pk=own.pk).status == Article.Status.PUBLISHED
    if action == "unpublish":
        live = ArticleFactory(authors=[own.article_authors.get().author])
        response = client.post(workflow_url(live, "unpublish"), {"lock_version": live.lock_version})
        return response, Article.objects.get(pk=live.pk).status == Article.Status.ARCHIVED
    if action == "delete":
        response = client.post(reverse("admin:articles_article_delete", args=[own.pk]), {"post": "yes"})
        return response, not Article.objects.filter(pk=own.pk).exists()
    if action == "preview own":
        return client.get(reverse("admin:articles_article_preview", args=[own.pk])), None
    if action == "preview others'":
        return client.get(reverse("admin:articles_article_preview", args=[others.pk])), None
    if action == "history others'":
        return client.get(reverse("admin:articles_article_history", args=[others.pk])), None
    if action == "calendar":
        return client.get(reverse("admin:articles_article_calendar")), None
    if action == "moderate":
        data = {"action": "approve", "_selected_action": [comment.pk]}
        response = client.post(reverse("admin:comments_comment_changelist"), data)
        return response, Comment.objects.get(pk=comment.pk).status == Comment.Status.APPROVED
    raise AssertionError(action)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", MATRIX)
def test_permission_matrix(as_role, world, role, action):
    expected = MATRIX[action][role]

    response, changed = do(action, as_role(role), world)

    assert response.status_code == expected, response.content.decode()[:500]
    if changed is not None:
        assert changed is (expected == 302)


def test_the_roles_are_groups_made_by_the_migration():
    assert set(Group.objects.values_list("name", flat=True)) >= {"Contributor", "Editor", "Moderator"}
    editor = Group.objects.get(name="Editor").permissions.values_list("codename", flat=True)
    assert {"publish_article", "edit_any_article", "change_section", "change_film", "change_person"} <= set(editor)
    assert {"change_author", "change_tag", "change_comment"} <= set(editor)
    contributor = Group.objects.get(name="Contributor").permissions.values_list("codename", flat=True)
    assert "publish_article" not in contributor and "delete_article" not in contributor
    moderator = Group.objects.get(name="Moderator").permissions.values_list("content_type__app_label", flat=True)
    assert set(moderator) == {"comments"}


def test_contributor_changelist_lists_only_their_own_articles(client, contributor, world):
    client.force_login(contributor)

    response = client.get(reverse("admin:articles_article_changelist"))

    assert list(response.context["cl"].result_list) == [world["own"]]


def test_contributor_cannot_publish_through_the_form(client, contributor, world):
    own = world["own"]
    client.force_login(contributor)
    data = article_form(own, status="published", publish_at_0="2020-01-01", publish_at_1="09:00:00")

    response = client.post(change_url(own), data)

    assert response.status_code == 302
    own.refresh_from_db()
    assert own.status == Article.Status.DRAFT and own.publish_at is None


def test_contributor_cannot_edit_their_own_published_article(client, contributor):
    live = ArticleFactory(authors=[contributor.author], title="Out there")
    client.force_login(contributor)

    assert client.get(change_url(live)).status_code == 200  # read-only view
    response = client.post(change_url(live), article_form(live, title="Quietly changed"))

    assert response.status_code == 403
    live.refresh_from_db()
    assert live.title == "Out there"


def test_contributor_bulk_publish_is_not_offered_and_changes_nothing(client, contributor, world):
    own = world["own"]
    client.force_login(contributor)
    changelist = reverse("admin:articles_article_changelist")

    assert "publish_selected" not in client.get(changelist).content.decode()
    client.post(changelist, {"action": "publish_selected", "_selected_action": [own.pk]})

    own.refresh_from_db()
    assert own.status == Article.Status.DRAFT


def test_contributor_cannot_reach_works_cited_outside_their_articles(client, contributor, world):
    client.force_login(contributor)

    assert client.get(reverse("admin:articles_citation_changelist")).status_code == 403


def test_contributor_starts_on_the_byline_of_what_they_add(client, contributor):
    client.force_login(contributor)

    assert client.get(reverse("admin:articles_article_add")).status_code == 200
    client.post(reverse("admin:articles_article_add"), article_form(slug="by-me"))

    assert Article.objects.get(slug="by-me").bylines == [contributor.author]


def test_a_writers_new_article_shows_its_embargo_fields_as_empty(client, contributor):
    client.force_login(contributor)

    response = client.get(reverse("admin:articles_article_add"))

    html = response.content.decode()
    assert "DatabaseDefault" not in html and "object at 0x" not in html
    assert 'class="readonly">-</div>' in html.split("field-embargo_set_by")[1]


def test_a_new_article_holds_its_defaults_before_it_is_saved():
    article = Article()

    assert (article.embargo_set_by, article.editor_note) == ("", "")


def test_a_login_without_an_author_cannot_start_an_article(client, contributor):
    contributor.author.delete()
    client.force_login(contributor)

    assert client.get(reverse("admin:articles_article_add")).status_code == 403


def test_moderator_sees_only_comments_in_the_admin(client, moderator):
    client.force_login(moderator)

    response = client.get(reverse("admin:index"))

    app_labels = {app["app_label"] for app in response.context["app_list"]}
    assert app_labels == {"comments"}


def test_article_autocomplete_lists_only_what_the_user_may_see(client, contributor, world):
    client.force_login(contributor)
    params = {"app_label": "articles", "model_name": "citation", "field_name": "article", "term": "draft"}

    response = client.get(reverse("admin:autocomplete"), params)

    assert [result["text"] for result in response.json()["results"]] == ["Own draft"]


def test_a_co_author_sees_changes_and_previews_a_draft_they_share(client, contributor):
    shared = ArticleFactory(draft=True, title="Written together", authors=[AuthorFactory(), contributor.author])
    client.force_login(contributor)

    listed = client.get(reverse("admin:articles_article_changelist")).context["cl"].result_list
    assert list(listed) == [shared]
    assert client.get(reverse("admin:articles_article_preview", args=[shared.pk])).status_code == 200
    response = client.post(change_url(shared), article_form(shared, title="Rewritten together"))

    assert response.status_code == 302
    assert Article.objects.get(pk=shared.pk).title == "Rewritten together"


def test_off_the_byline_a_writer_loses_the_article_on_every_path(client, contributor):
    article = ArticleFactory(draft=True, authors=[AuthorFactory(), contributor.author])
    article.article_authors.filter(author=contributor.author).delete()
    client.force_login(contributor)

    assert not client.get(reverse("admin:articles_article_changelist")).context["cl"].result_list
    for name in ("change", "preview", "history"):
        assert client.get(reverse(f"admin:articles_article_{name}", args=[article.pk])).status_code == 403
