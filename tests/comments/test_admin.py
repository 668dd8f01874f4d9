import pytest
from django.urls import reverse

from comments.models import Comment
from tests.factories import CommentFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("action", "status"), [("approve", "approved"), ("reject", "rejected")])
def test_moderator_action_sets_status_and_records_who(admin_client, admin_user, action, status):
    comment = CommentFactory(status=Comment.Status.PENDING)

    response = admin_client.post(
        reverse("admin:comments_comment_changelist"), {"action": action, "_selected_action": [comment.pk]}
    )

    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == status
    assert comment.moderated_by == admin_user
    assert comment.moderated_at is not None
