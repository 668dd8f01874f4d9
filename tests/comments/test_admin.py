"""The moderation queue in the admin: order, columns, filters, actions, the log, and roles."""

import datetime

import pytest
from django.contrib.admin.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from comments.admin import ArticleFilter
from comments.models import Block, Comment, ModerationLog, ModerationReason, WordListEntry
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:comments_comment_changelist")


def _at(hours: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(hours=hours)


def _action(client, action: str, *comments):
    return client.post(CHANGELIST, {"action": action, "_selected_action": [c.pk for c in comments]})


def _moderate(client, comment, step: str):
    return client.post(reverse("admin:comments_comment_moderate", args=[comment.pk]), {"step": step})


def _statuses(*comments) -> list[str]:
    return [Comment.objects.get(pk=comment.pk).status for comment in comments]


# --- The queue ----------------------------------------------------------------------


def test_queue_lists_pending_first_oldest_first(moderator_client):
    approved_old = CommentFactory(created_at=_at(50), status="approved")
    pending_new = CommentFactory(created_at=_at(1), status="pending")
    pending_old = CommentFactory(created_at=_at(10), status="pending")
    spam = CommentFactory(created_at=_at(30), status="spam")

    response = moderator_client.get(CHANGELIST)

    shown = [comment.pk for comment in response.context["cl"].result_list]
    assert shown == [pending_old.pk, pending_new.pk, approved_old.pk, spam.pk]


def test_queue_shows_reason_article_author_email_ip_and_history(moderator_client):
    CommentFactory.create_batch(2, email="ada@example.com", status="approved")
    CommentFactory(email="ada@example.com", status="rejected")
    CommentFactory(email="ada@example.com", status="spam")
    CommentFactory(
        email="ada@example.com",
        name="Ada Reader",
        status="pending",
        ip_address="192.0.2.7",
        held_reason="held: first comment from this email; 3 links",
        article=ArticleFactory(title="On Tangerine"),
    )

    html = moderator_client.get(CHANGELIST + "?status__exact=pending").content.decode()

    for expected in (
        "held: first comment from this email; 3 links",
        "On Tangerine",
        "Ada Reader",
        "ada@example.com",
        "192.0.2.7",
        "2 approved, 2 rejected",
    ):
        assert expected in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status__exact=spam", {"spam"}),
        ("reason=links", {"links"}),
        ("reason=first_comment", {"first"}),
        ("flagged=open", {"flagged"}),
        ("featured__exact=1", {"featured"}),
    ],
)
def test_queue_filters(moderator_client, query, expected):
    CommentFactory(body="spam", status="spam", reason_codes=",honeypot,")
    CommentFactory(body="links", status="pending", reason_codes=",links,")
    CommentFactory(body="first", status="pending", reason_codes=",first_comment,premoderated,")
    CommentFactory(body="flagged", status="pending", reason_codes=",flagged,", flag_count=3)
    CommentFactory(body="featured", featured=True)

    response = moderator_client.get(f"{CHANGELIST}?{query}")

    assert {comment.body for comment in response.context["cl"].result_list} == expected


def test_queue_filters_by_article(moderator_client):
    article = ArticleFactory()
    mine = CommentFactory(article=article)
    CommentFactory()

    response = moderator_client.get(f"{CHANGELIST}?article__id__exact={article.pk}")

    assert list(response.context["cl"].result_list) == [mine]


def _article_choices(response) -> list[str]:
    spec = next(spec for spec in response.context["cl"].filter_specs if isinstance(spec, ArticleFilter))
    return [title for _, title in spec.lookup_choices]


def test_article_filter_offers_the_articles_with_most_comments_waiting(moderator_client):
    quiet, busy, busier = (ArticleFactory(title=title) for title in ("Quiet", "Busy", "Busier"))
    CommentFactory.create_batch(3, article=quiet, status="approved")
    CommentFactory(article=busy, status="pending")
    CommentFactory.create_batch(2, article=busier, status="pending")

    response = moderator_client.get(CHANGELIST)

    assert _article_choices(response) == ["Busier (2)", "Busy (1)"]


def test_article_filter_lists_a_few_articles_and_keeps_the_chosen_one(moderator_client, monkeypatch):
    monkeypatch.setattr(ArticleFilter, "shown", 2)
    for n in range(4):
        CommentFactory.create_batch(n + 1, article=ArticleFactory(title=f"Waiting {n + 1}"), status="pending")
    chosen = ArticleFactory(title="All read")
    mine = CommentFactory(article=chosen, status="approved")

    response = moderator_client.get(f"{CHANGELIST}?article__id__exact={chosen.pk}")

    assert _article_choices(response) == ["Waiting 4 (4)", "Waiting 3 (3)", "All read"]
    assert list(response.context["cl"].result_list) == [mine]


def test_article_filter_with_a_bad_value_is_the_admins_error_page(moderator_client):
    missing = moderator_client.get(f"{CHANGELIST}?article__id__exact=999999")
    assert list(missing.context["cl"].result_list) == []

    for bad in ("abc", "-3", "99999999999999999999999"):
        response = moderator_client.get(f"{CHANGELIST}?article__id__exact={bad}")

        assert response.status_code == 302
        assert response["Location"] == f"{CHANGELIST}?e=1"


def test_queue_filters_by_when_comments_were_posted(moderator_client):
    today = CommentFactory(body="today", created_at=_at(0))
    CommentFactory(body="last month", created_at=_at(24 * 40))
    queue = moderator_client.get(CHANGELIST)
    assert "Past 7 days" in queue.content.decode()

    spec = next(spec for spec in queue.context["cl"].filter_specs if spec.title == "created at")
    response = moderator_client.get(CHANGELIST, dict(spec.links)["Today"])

    assert list(response.context["cl"].result_list) == [today]


def test_queue_makes_the_same_queries_whatever_the_number_of_articles(moderator_client):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert moderator_client.get(CHANGELIST).status_code == 200
        return len(captured)

    for _ in range(3):
        CommentFactory(status="pending")
    few = queries()
    for _ in range(30):
        CommentFactory(status="pending")
        CommentFactory(status="approved")

    assert queries() == few


def test_queue_has_keyboard_shortcuts(moderator_client):
    CommentFactory(status="pending")

    html = moderator_client.get(CHANGELIST).content.decode()

    assert "js/comments-admin.js" in html
    assert "Keyboard shortcuts" in html
    assert "<kbd>a</kbd> approve" in html


# --- Moderation actions and their log ---------------------------------------------------


@pytest.mark.parametrize(
    ("action", "status"), [("approve", "approved"), ("reject", "rejected"), ("mark_spam", "spam")]
)
def test_bulk_actions_set_status_and_log_who_when_from_to(moderator_client, moderator, action, status):
    comments = CommentFactory.create_batch(2, status="pending")

    response = _action(moderator_client, action, *comments)

    assert response.status_code == 302
    assert _statuses(*comments) == [status, status]
    for comment in comments:
        comment.refresh_from_db()
        assert (comment.moderated_by, comment.moderated_at is not None) == (moderator, True)
        entry = ModerationLog.objects.get(comment=comment)
        assert (entry.actor, entry.actor_name) == (moderator, "moderator")
        assert (entry.from_state, entry.to_state) == ("pending", status)
        assert entry.created_at is not None


def test_feature_marks_approved_comments_and_skips_others(moderator_client, moderator):
    approved, pending = CommentFactory(status="approved"), CommentFactory(status="pending")

    response = _action(moderator_client, "feature", approved, pending)

    approved.refresh_from_db()
    pending.refresh_from_db()
    assert (approved.featured, pending.featured) == (True, False)
    entry = ModerationLog.objects.get(comment=approved)
    assert (entry.action, entry.from_state, entry.to_state) == ("feature", "not featured", "featured")
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages == ["1 comment featured. 1 skipped: only approved comments can be featured."]


def test_taking_down_a_featured_comment_unfeatures_it(moderator_client):
    comment = CommentFactory(status="approved", featured=True)

    _action(moderator_client, "reject", comment)

    comment.refresh_from_db()
    assert (comment.status, comment.featured) == ("rejected", False)


def test_unchanged_status_writes_no_log(moderator_client):
    comment = CommentFactory(status="approved")

    _action(moderator_client, "approve", comment)

    assert not ModerationLog.objects.exists()


def test_comment_page_buttons_moderate_and_open_the_next_in_the_queue(moderator_client):
    first = CommentFactory(status="pending", created_at=_at(3))
    second = CommentFactory(status="pending", created_at=_at(2))

    page = moderator_client.get(reverse("admin:comments_comment_change", args=[first.pk])).content.decode()
    response = _moderate(moderator_client, first, "approve")

    assert 'name="step" value="approve"' in page and 'data-shortcut="a"' in page
    assert response["Location"] == reverse("admin:comments_comment_change", args=[second.pk])
    assert _statuses(first) == ["approved"]
    last = _moderate(moderator_client, second, "reject")
    assert last["Location"] == CHANGELIST + "?status__exact=pending"


def test_log_is_read_only_even_for_superusers(admin_client):
    comment = CommentFactory(status="pending")
    _action(admin_client, "approve", comment)
    entry = ModerationLog.objects.get()

    assert admin_client.get(reverse("admin:comments_moderationlog_changelist")).status_code == 200
    assert admin_client.get(reverse("admin:comments_moderationlog_add")).status_code == 403
    assert admin_client.post(reverse("admin:comments_moderationlog_change", args=[entry.pk]), {}).status_code == 403
    assert admin_client.post(reverse("admin:comments_moderationlog_delete", args=[entry.pk])).status_code == 403


# --- Roles ----------------------------------------------------------------------------------


def test_moderator_sees_the_queue_and_the_comment_read_only(moderator_client):
    comment = CommentFactory(body="Original words.")

    page = moderator_client.get(reverse("admin:comments_comment_change", args=[comment.pk]))
    edit = moderator_client.post(
        reverse("admin:comments_comment_change", args=[comment.pk]),
        {"name": "x", "email": "x@example.com", "body": "Changed words."},
    )

    assert page.status_code == 200
    assert 'name="body"' not in page.content.decode()
    assert edit.status_code == 403
    comment.refresh_from_db()
    assert comment.body == "Original words."


def test_moderator_cannot_delete_comments_or_edit_articles(moderator_client):
    comment = CommentFactory()

    assert moderator_client.post(reverse("admin:comments_comment_delete", args=[comment.pk])).status_code == 403
    assert "delete_selected" not in moderator_client.get(CHANGELIST).content.decode()
    _action(moderator_client, "delete_selected", comment)
    assert Comment.objects.filter(pk=comment.pk).exists()
    article_change = reverse("admin:articles_article_change", args=[comment.article_id])
    assert moderator_client.post(article_change, {"title": "Mine now"}).status_code == 403
    assert moderator_client.get(reverse("admin:articles_article_add")).status_code == 403
    assert moderator_client.get(reverse("admin:comments_comment_add")).status_code == 403


def test_moderator_edits_the_word_list_and_blocks(moderator_client):
    response = moderator_client.post(
        reverse("admin:comments_wordlistentry_add"), {"phrase": "replica watches", "kind": "banned", "note": ""}
    )
    assert response.status_code == 302
    assert WordListEntry.objects.get().phrase == "replica watches"

    response = moderator_client.post(
        reverse("admin:comments_block_add"),
        {"kind": "email", "value": "troll@example.com", "until_0": "", "until_1": "", "reason": "threats"},
    )
    assert response.status_code == 302
    assert Block.objects.get().value == "troll@example.com"


def test_a_user_who_may_only_view_comments_cannot_moderate(client, make_staff):
    viewer = make_staff("viewer", "comments.view_comment")
    client.force_login(viewer)
    comment = CommentFactory(status="pending")

    html = client.get(CHANGELIST).content.decode()
    _action(client, "approve", comment)
    moderate = _moderate(client, comment, "approve")
    page = client.get(reverse("admin:comments_comment_change", args=[comment.pk])).content.decode()

    assert 'value="approve"' not in html
    assert moderate.status_code == 403
    assert 'name="step"' not in page
    assert _statuses(comment) == ["pending"]
    assert not ModerationLog.objects.exists()


def test_staff_without_comment_permissions_see_no_comments(client, make_staff):
    client.force_login(make_staff("writer", "articles.view_article", "articles.change_article"))
    comment = CommentFactory(status="pending")

    assert client.get(CHANGELIST).status_code == 403
    assert client.get(reverse("admin:comments_comment_change", args=[comment.pk])).status_code == 403
    assert _moderate(client, comment, "approve").status_code == 403
    assert client.get(reverse("admin:comments_wordlistentry_changelist")).status_code == 403
    assert _statuses(comment) == ["pending"]


def test_an_editor_with_change_permission_can_correct_a_comments_text(client, make_staff):
    editor = make_staff("editor", "comments.view_comment", "comments.change_comment")
    client.force_login(editor)
    comment = CommentFactory(body="Teh typo.", status="approved")

    response = client.post(
        reverse("admin:comments_comment_change", args=[comment.pk]),
        {
            "name": comment.name,
            "email": comment.email,
            "body": "The typo.",
            "flags-TOTAL_FORMS": "0",
            "flags-INITIAL_FORMS": "0",
            "log-TOTAL_FORMS": "0",
            "log-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 302
    comment.refresh_from_db()
    assert (comment.body, comment.status) == ("The typo.", "approved")
    # A correction is a moderation action too: the log says who changed what.
    entry = ModerationLog.objects.get(comment=comment)
    assert (entry.action, entry.actor, entry.note) == ("edit", editor, "changed: body")
    assert (entry.from_state, entry.to_state) == ("approved", "approved")


# --- Suspensions and bans ----------------------------------------------------------------


def _block(client, **data):
    form = {"kind": "domain", "value": "", "until_0": "", "until_1": "", "reason": ""} | data
    return client.post(reverse("admin:comments_block_add"), form)


def test_banning_a_webmail_domain_needs_confirmation(moderator_client):
    response = _block(moderator_client, value="gmail.com")

    assert response.status_code == 200
    assert "gmail.com is a webmail domain that many readers use" in response.content.decode()
    assert not Block.objects.exists()

    assert _block(moderator_client, value="gmail.com", confirm_webmail="on").status_code == 302
    assert Block.objects.get().value == "gmail.com"


def test_banning_another_domain_needs_no_confirmation(moderator_client):
    assert _block(moderator_client, value="@Spam-Farm.example").status_code == 302
    assert Block.objects.get().value == "spam-farm.example"


def test_domain_and_address_values_are_checked(moderator_client):
    assert "Enter a domain" in _block(moderator_client, value="x@spam.example").content.decode()
    assert "Enter an email address" in _block(moderator_client, kind="email", value="spam.example").content.decode()


def test_suspensions_and_bans_and_their_lifting_are_logged(moderator_client, moderator):
    _block(moderator_client, kind="email", value="troll@example.com", until_0="2099-01-01", until_1="12:00")
    block = Block.objects.get()
    moderator_client.post(reverse("admin:comments_block_delete", args=[block.pk]), {"post": "yes"})

    entries = list(ModerationLog.objects.order_by("pk"))
    assert [(e.action, e.from_state, e.to_state, e.subject, e.actor) for e in entries] == [
        ("block", "allowed", "suspended until 2099-01-01 12:00", "email: troll@example.com", moderator),
        ("unblock", "suspended until 2099-01-01 12:00", "allowed", "email: troll@example.com", moderator),
    ]
    assert not Block.objects.exists()


def test_comment_page_links_to_suspending_its_author(moderator_client):
    comment = CommentFactory(email="troll@example.com")

    html = moderator_client.get(reverse("admin:comments_comment_change", args=[comment.pk])).content.decode()

    assert f"{reverse('admin:comments_block_add')}?kind=email&amp;value=troll%40example.com" in html


def test_deleting_comments_is_logged_too(admin_client, admin_user):
    comment = CommentFactory(status="spam", name="Bot")
    reply = CommentFactory(article=comment.article, parent=comment, status="approved")

    response = admin_client.post(reverse("admin:comments_comment_delete", args=[comment.pk]), {"post": "yes"})

    assert response.status_code == 302
    assert not Comment.objects.filter(pk__in=[comment.pk, reply.pk]).exists()
    entries = {(e.subject, e.from_state, e.to_state, e.actor) for e in ModerationLog.objects.all()}
    assert entries == {
        (f"comment #{comment.pk}", "spam", "deleted", admin_user),
        (f"comment #{reply.pk}", "approved", "deleted", admin_user),
    }
    # Nothing of whoever wrote them stays behind, in either log.
    assert not ModerationLog.objects.filter(note__contains="Bot").exists()
    assert not LogEntry.objects.filter(object_repr__contains="Bot").exists()


def test_queue_counts_its_comments_once(moderator_client):
    CommentFactory(status="pending")

    response = moderator_client.get(f"{CHANGELIST}?status__exact=pending")

    assert response.context["cl"].full_result_count is None
    assert response.context["cl"].result_count == 1


# --- Saying why: reasons and notes, and bans that clear the queue -----------------------------------


@pytest.fixture
def reasons():
    """Two of the reasons the first migration lists (made here too: the bench's corpus build empties
    the comments app's tables, this list's included, in the test database it shares)."""
    return [ModerationReason.objects.get_or_create(text=text)[0] for text in ("Off-topic", "Spam or advertising")]


def test_rejecting_from_the_queue_keeps_the_reason_and_the_note_in_the_log(moderator_client, moderator, reasons):
    comments = CommentFactory.create_batch(2, status="pending")
    reason = reasons[0]

    response = moderator_client.post(
        CHANGELIST,
        {
            "action": "reject",
            "reason": reason.pk,
            "note": "About another film entirely.",
            "_selected_action": [c.pk for c in comments],
        },
    )

    assert _statuses(*comments) == ["rejected", "rejected"]
    entries = ModerationLog.objects.filter(comment__in=comments)
    assert {(e.action, e.reason, e.note) for e in entries} == {("reject", "Off-topic", "About another film entirely.")}
    assert [str(m) for m in response.wsgi_request._messages] == ["2 comments rejected (Off-topic)."]


def test_the_queue_offers_the_reasons_next_to_its_actions(moderator_client, reasons):
    html = moderator_client.get(CHANGELIST).content.decode()

    assert "Reason (reject, spam):" in html
    assert all(f">{escape(reason.text)}</option>" in html for reason in ModerationReason.objects.all())
    assert ">Off-topic</option>" in html
    assert 'name="note"' in html


def test_marking_spam_from_the_comment_page_keeps_the_reason(moderator_client, reasons):
    comment = CommentFactory(status="pending")
    reason = reasons[1]
    page = moderator_client.get(reverse("admin:comments_comment_change", args=[comment.pk])).content.decode()

    moderator_client.post(
        reverse("admin:comments_comment_moderate", args=[comment.pk]),
        {"step": "mark_spam", "reason": reason.pk, "note": "Casino links."},
    )

    assert 'for="moderation-reason">Reason for rejecting or marking as spam:' in page
    entry = ModerationLog.objects.get(comment=comment)
    assert (entry.action, entry.reason, entry.note) == ("spam", "Spam or advertising", "Casino links.")


def test_a_note_too_long_for_the_log_is_refused_and_nothing_is_done(moderator_client):
    comment = CommentFactory(status="pending")

    response = moderator_client.post(
        reverse("admin:comments_comment_moderate", args=[comment.pk]), {"step": "reject", "note": "n" * 301}
    )

    assert response["Location"] == reverse("admin:comments_comment_change", args=[comment.pk])
    assert _statuses(comment) == ["pending"]
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages == [
        "Nothing was done: This is 301 characters long; the limit is 300. Shorten it by 1: "
        "nothing was saved, and your text is still here."
    ]


def test_moderators_keep_the_list_of_reasons(moderator_client):
    response = moderator_client.post(
        reverse("admin:comments_moderationreason_add"), {"text": "Spoils the ending", "order": "9"}
    )

    assert response.status_code == 302
    assert ModerationReason.objects.filter(text="Spoils the ending").exists()
    assert "Spoils the ending" in moderator_client.get(CHANGELIST).content.decode()


def test_banning_an_address_offers_to_reject_its_comments_awaiting_moderation(moderator_client, moderator):
    waiting = CommentFactory.create_batch(2, status="pending", email="troll@example.com")
    published = CommentFactory(status="approved", email="troll@example.com")
    someone_else = CommentFactory(status="pending", email="ada@example.com")
    add = reverse("admin:comments_block_add")

    form = moderator_client.get(f"{add}?kind=email&value=troll%40example.com").content.decode()
    response = _block(moderator_client, kind="email", value="troll@example.com", reject_pending="on")

    assert "Also reject the 2 comments awaiting moderation" in form
    assert "From troll@example.com, in the same step." in form
    assert response.status_code == 302
    assert _statuses(*waiting, published, someone_else) == ["rejected", "rejected", "approved", "pending"]
    entries = ModerationLog.objects.filter(action="reject").order_by("pk")
    assert [(e.comment_id, e.reason, e.note, e.actor) for e in entries] == [
        (waiting[0].pk, "Author banned", "email: troll@example.com", moderator),
        (waiting[1].pk, "Author banned", "email: troll@example.com", moderator),
    ]
    messages = [str(m) for m in response.wsgi_request._messages]
    assert "2 comments from troll@example.com awaiting moderation were rejected." in messages


def test_a_ban_leaves_the_queue_alone_unless_asked(moderator_client):
    waiting = CommentFactory(status="pending", email="troll@example.com")

    _block(moderator_client, kind="email", value="troll@example.com")

    assert _statuses(waiting) == ["pending"]


def test_suspending_a_domain_rejects_the_domains_comments_awaiting_moderation(moderator_client):
    spam = CommentFactory(status="pending", email="bot1@spam-farm.example")
    other = CommentFactory(status="pending", email="bot@not-spam-farm.example")

    _block(moderator_client, value="spam-farm.example", until_0="2099-01-01", until_1="12:00", reject_pending="on")

    assert _statuses(spam, other) == ["rejected", "pending"]
    assert ModerationLog.objects.get(comment=spam).reason == "Author suspended"
