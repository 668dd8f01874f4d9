"""The demo magazine shows threads, starts with a word list, and its moderator can moderate."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from comments.models import Comment, WordListEntry

from .helpers import MODERATOR_PERMISSIONS

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _demo(settings):
    settings.DEMO_PASSWORD = "demo-pass-for-tests"
    call_command("load_demo")


def test_demo_has_replies_two_deep_and_a_word_list():
    assert Comment.objects.approved().filter(depth=1).exists()
    assert Comment.objects.approved().filter(depth=2).exists()
    assert set(WordListEntry.objects.values_list("kind", flat=True)) == {"banned", "suspect"}


def test_demo_moderator_has_the_moderator_permissions(client):
    moderator = get_user_model().objects.get(username="moderator")

    assert moderator.get_all_permissions() == set(MODERATOR_PERMISSIONS)
    client.force_login(moderator)
    assert client.get(reverse("admin:comments_comment_changelist")).status_code == 200
