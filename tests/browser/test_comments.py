"""A reader posts a comment and a reply; a moderator approves both from the keyboard;
the reader then sees them in thread order."""

import datetime
from urllib.parse import urlencode

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from comments.models import Comment, ModerationLog
from tests.comments.helpers import MODERATOR_PERMISSIONS, permissions
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db(transaction=True)


def open_the_queue_as_a_moderator(page):
    """Make a moderator, log in as them and land on the pending queue: the moderator, the queue's address."""
    moderator = get_user_model().objects.create_user("mod", "mod@example.org", "mod-pass", is_staff=True)
    moderator.user_permissions.set(permissions(*MODERATOR_PERMISSIONS))
    queue = reverse("admin:comments_comment_changelist") + "?status__exact=pending"
    page.goto(reverse("admin:login") + "?" + urlencode({"next": queue}))
    page.get_by_label("Username").fill("mod")
    page.get_by_label("Password").fill("mod-pass")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"**{queue}")
    return moderator, queue


def test_reader_comments_and_replies_moderator_approves_reader_sees_thread(page):
    article = ArticleFactory(title="On Tangerine")
    CommentFactory(
        article=article,
        name="Bea",
        body="The ending on the laundromat bench is the whole film.",
        created_at=timezone.now() - datetime.timedelta(hours=2),
    )

    # The reader comments...
    page.goto(article.get_absolute_url())
    page.get_by_role("textbox", name="Name").fill("Ada")
    page.get_by_role("textbox", name="Email").fill("ada@example.com")
    page.get_by_role("textbox", name="Comment").fill("The phone was never the point.")
    page.get_by_role("button", name="Post comment").click()
    page.wait_for_url(f"**{article.get_absolute_url()}#comments")
    assert "awaiting moderation" in page.get_by_role("status").inner_text()

    # ...and replies to Bea.
    page.get_by_role("link", name="Reply to Bea").click()
    page.wait_for_url("**/reply/")
    assert "laundromat bench" in page.locator(".comment-quoted").inner_text()
    page.get_by_role("textbox", name="Name").fill("Ada")
    page.get_by_role("textbox", name="Email").fill("ada@example.com")
    page.get_by_role("textbox", name="Comment").fill("And the donut shop before it.")
    page.get_by_role("button", name="Post reply").click()
    page.wait_for_url(f"**{article.get_absolute_url()}#comments")
    assert "awaiting moderation" in page.get_by_role("status").inner_text()
    assert "And the donut shop" not in page.content()
    assert Comment.objects.pending().count() == 2

    # The moderator works the queue with the keyboard: the highlighted row is the oldest pending.
    moderator, queue = open_the_queue_as_a_moderator(page)
    assert "The phone was never the point." in page.locator("tr.kb-current").inner_text()
    for _ in range(2):
        with page.expect_navigation():
            page.keyboard.press("a")
    assert "1 comment approved." in page.locator(".messagelist").inner_text()
    assert Comment.objects.pending().count() == 0
    assert ModerationLog.objects.filter(action="approve", actor=moderator).count() == 2

    # The reader sees both, in thread order: Bea, Ada's reply under Bea, then Ada's comment.
    page.goto(article.get_absolute_url())
    bodies = page.locator(".comment-body").all_inner_texts()
    assert [body.strip() for body in bodies] == [
        "The ending on the laundromat bench is the whole film.",
        "And the donut shop before it.",
        "The phone was never the point.",
    ]
    reply = page.locator(".comment-replies .comment-body")
    assert reply.inner_text().strip() == "And the donut shop before it."
    assert page.get_by_role("heading", name="Comments (3)").is_visible()


def test_reader_pages_through_a_long_thread_and_comes_back_to_the_form(page, settings):
    settings.COMMENTS_THREADS_PER_PAGE = 2
    article = ArticleFactory(title="On Red Rocket")
    start = timezone.now() - datetime.timedelta(hours=5)
    for n, name in enumerate(["Bea", "Cal", "Dev"]):
        CommentFactory(article=article, name=name, created_at=start + datetime.timedelta(minutes=n))

    page.goto(article.get_absolute_url())
    assert page.locator(".comment-author").all_inner_texts() == ["Bea", "Cal"]
    page.get_by_role("navigation", name="Pages of comments").get_by_role("link", name="Page 2").click()
    page.wait_for_url("**/comments/page/2/")
    assert page.locator(".comment-author").all_inner_texts() == ["Dev"]
    assert page.get_by_role("heading", level=1).inner_text() == "Comments on On Red Rocket"

    page.get_by_role("link", name="Add a comment").click()
    page.wait_for_url(f"**{article.get_absolute_url()}#comment-form-title")
    page.get_by_role("textbox", name="Name").fill("Ada")
    assert page.get_by_role("button", name="Post comment").is_visible()


def test_moderator_moves_through_the_queue_and_decides_with_the_keyboard(page):
    start = timezone.now() - datetime.timedelta(hours=3)
    first = CommentFactory(status="pending", body="Oldest in the queue.", created_at=start)
    second = CommentFactory(
        status="pending", body="Next in the queue.", created_at=start + datetime.timedelta(hours=1)
    )
    moderator, queue = open_the_queue_as_a_moderator(page)

    # j and k move the highlight; r rejects the highlighted comment only.
    assert "Oldest in the queue." in page.locator("tr.kb-current").inner_text()
    page.keyboard.press("j")
    assert "Next in the queue." in page.locator("tr.kb-current").inner_text()
    page.keyboard.press("k")
    page.keyboard.press("j")
    with page.expect_navigation():
        page.keyboard.press("r")
    assert "1 comment rejected." in page.locator(".messagelist").inner_text()
    assert [Comment.objects.get(pk=c.pk).status for c in (first, second)] == ["pending", "rejected"]

    # o opens the highlighted comment; s on its page files it as spam.
    assert "Oldest in the queue." in page.locator("tr.kb-current").inner_text()
    with page.expect_navigation():
        page.keyboard.press("o")
    assert reverse("admin:comments_comment_change", args=[first.pk]) in page.url
    with page.expect_navigation():
        page.keyboard.press("s")
    assert Comment.objects.get(pk=first.pk).status == "spam"
    entries = ModerationLog.objects.filter(actor=moderator).order_by("pk")
    assert [(e.comment_id, e.from_state, e.to_state) for e in entries] == [
        (second.pk, "pending", "rejected"),
        (first.pk, "pending", "spam"),
    ]


# --- Long text, and the way back to a refused comment ----------------------------------------------


def summary_is_in_view(page) -> bool:
    """The page has scrolled down to the error summary, which it does once loaded (waited for, by
    polling: a page without JavaScript runs no wait_for_function)."""
    for _ in range(50):
        if page.evaluate(
            """() => { const box = document.getElementById("comment-errors").getBoundingClientRect();
                       return box.top >= 0 && box.bottom <= window.innerHeight && window.scrollY > 0; }"""
        ):
            return True
        page.wait_for_timeout(100)
    return False


def test_a_pasted_long_comment_is_counted_refused_and_kept_whole(page):
    article = ArticleFactory(title="On Anora")
    pasted = "A long paste. " * 1428 + "The end."  # 20,000 characters
    page.goto(article.get_absolute_url())
    page.get_by_role("textbox", name="Name").fill("Ada")
    page.get_by_role("textbox", name="Email").fill("ada@example.com")
    box = page.get_by_role("textbox", name="Comment")

    box.focus()
    page.keyboard.insert_text(pasted)  # as a paste arrives: the browser's maxlength would cut it here

    assert box.input_value() == pasted
    count = page.locator("#id_body-count")
    assert count.inner_text() == "20,000 of 5,000 characters: 15,000 too many. Shorten it before saving."
    assert "id_body-count" in box.get_attribute("aria-describedby").split()
    page.get_by_role("button", name="Post comment").click()
    page.wait_for_url("**#comment-errors")
    assert "Shorten it by 15,000 characters" in page.locator("#comment-errors").inner_text()
    assert page.get_by_role("textbox", name="Comment").input_value() == pasted
    assert not Comment.objects.exists()


def test_a_refused_comment_opens_the_page_at_its_error_summary_and_focuses_it(page):
    article = ArticleFactory(title="On Anora", body="<p>A long essay.</p>" * 60)
    page.goto(article.get_absolute_url())
    page.get_by_role("textbox", name="Name").fill("Ada")
    page.get_by_role("textbox", name="Comment").fill("No address given.")

    page.get_by_role("button", name="Post comment").click()

    page.wait_for_url("**#comment-errors")
    assert page.evaluate("document.activeElement.id") == "comment-errors"
    assert summary_is_in_view(page)
    page.get_by_role("link", name="Email: Give an email address; it is never shown.").click()
    assert page.evaluate("document.activeElement.name") == "email"


def test_without_javascript_a_refused_comment_opens_at_its_error_summary(browser, live_server):
    article = ArticleFactory(title="On Anora", body="<p>A long essay.</p>" * 60)
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(article.get_absolute_url())
        page.get_by_role("textbox", name="Name").fill("Ada")
        page.get_by_role("textbox", name="Comment").fill("No address given.")
        # Without a script the cached page's form has no CSRF token: the comment comes back to post again.
        page.get_by_role("button", name="Post comment").click()
        page.wait_for_load_state()
        assert "One more step" in page.get_by_role("heading", level=1).inner_text()

        page.get_by_role("button", name="Post comment").click()

        page.wait_for_url("**#comment-errors")
        assert page.evaluate("document.querySelector(':target').id") == "comment-errors"
        assert summary_is_in_view(page)
        # The browser moves the focus to the summary itself (it is focusable): Tab goes on inside it.
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.closest('#comment-errors') !== null")
        assert page.get_by_role("textbox", name="Comment").input_value() == "No address given."
    finally:
        context.close()
