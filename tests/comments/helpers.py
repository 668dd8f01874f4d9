"""Helpers shared by the comment tests."""

from django.contrib.auth.models import Permission
from django.urls import reverse

from comments.forms import issue_form_token
from comments.models import Comment, Commenter
from tests.factories import CommentFactory

# What the Moderator role needs, no more: README.md lists the same.
MODERATOR_PERMISSIONS = [
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
    "comments.view_moderationreason",
    "comments.add_moderationreason",
    "comments.change_moderationreason",
    "comments.delete_moderationreason",
]


def permissions(*names: str) -> list[Permission]:
    found = []
    for name in names:
        app_label, codename = name.split(".")
        found.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return found


def form_data(**overrides) -> dict:
    return {
        "name": "Ada",
        "email": "ada@example.com",
        "body": "A fine essay.",
        "token": issue_form_token(),
        "website": "",
    } | overrides


def post(client, article, ip: str = "127.0.0.1", **overrides):
    """POST a comment as a reader would, with a fresh form token unless one is given."""
    url = reverse("comments:post", kwargs={"article_id": article.pk})
    return client.post(url, form_data(**overrides), REMOTE_ADDR=ip)


def make_trusted(email: str, trust: int = 3) -> Commenter:
    """A commenter with `trust` approved comments behind them."""
    CommentFactory.create_batch(trust, email=email, status=Comment.Status.APPROVED)
    commenter, _ = Commenter.objects.update_or_create(email=email, defaults={"trust": trust})
    return commenter
