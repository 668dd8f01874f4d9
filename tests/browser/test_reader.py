import pytest

from comments.models import Comment
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_reader_posts_a_comment_and_is_told_it_awaits_moderation(page):
    article = ArticleFactory(title="On Tangerine")

    page.goto(article.get_absolute_url())
    page.get_by_role("textbox", name="Name").fill("Ada")
    page.get_by_role("textbox", name="Email").fill("ada@example.com")
    page.get_by_role("textbox", name="Comment").fill("The phone was never the point.")
    page.get_by_role("button", name="Post comment").click()

    page.wait_for_url(f"**{article.get_absolute_url()}#comments")
    assert "awaiting moderation" in page.get_by_role("status").inner_text()
    assert Comment.objects.get().status == Comment.Status.PENDING
    assert "The phone was never the point." not in page.content()


def test_keyboard_reaches_the_comment_form(page):
    article = ArticleFactory()

    page.goto(article.get_absolute_url())
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "name":
            break
    assert page.evaluate("document.activeElement.name") == "name"
