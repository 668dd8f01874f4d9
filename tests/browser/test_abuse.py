"""Hostile input everywhere a stranger or a careless paste can put it, opened in a real browser.

Every vector of tests/corpus/xss.txt goes in as a comment's name and text (through the comment
form), as an article body (through the admin's form) and as a search query. The pages that show
them (the moderation queue included) must run none: no dialog opens, the Content-Security-Policy
has nothing to block (so nothing injected reached the page), and no element carries an event
handler, a script URL or a script of its own. The CSP would stop most of these anyway; this test
checks the wall before it.
"""

import datetime
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from comments.admin import CommentAdmin
from comments.models import Comment
from core.pages import comments_of
from core.signals import content_changed
from tests.admin_forms import article_form
from tests.factories import ArticleFactory, SectionFactory, UserFactory
from tests.renderings.pages import drain_worker

pytestmark = pytest.mark.django_db(transaction=True)

VECTORS = [
    line
    for line in (Path(__file__).resolve().parents[1] / "corpus" / "xss.txt").read_text().splitlines()
    if line.strip() and not line.startswith("#")
]
NAME_LENGTH = 80

# Runs before any page script: collects what the CSP had to block.
WATCH_CSP = """
window.__blocked = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__blocked.push(event.violatedDirective + " " + (event.blockedURI || "inline"));
});
"""

# What an injected script would need in the DOM to run, now or on a reader's click or hover.
FIND_INJECTIONS = """
() => {
  const found = [];
  const urlAttributes = ["href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcdoc"];
  for (const element of document.querySelectorAll("*")) {
    for (const attribute of element.attributes) {
      const name = attribute.name.toLowerCase();
      if (name.startsWith("on")) found.push(`${element.tagName} ${name}`);
      if (urlAttributes.includes(name) && /^\\s*(javascript|vbscript|data):/i.test(attribute.value)) {
        found.push(`${element.tagName} ${name}=${attribute.value.slice(0, 40)}`);
      }
    }
  }
  for (const script of document.querySelectorAll("script")) {
    const ours = script.type === "application/ld+json" || script.src.startsWith(location.origin + "/static/")
      || script.src === location.origin + "/admin/jsi18n/";
    if (!ours) found.push(`script ${script.outerHTML.slice(0, 60)}`);
  }
  for (const element of document.querySelectorAll("iframe, object, embed, base, meta[http-equiv], svg script")) {
    found.push(element.tagName);
  }
  return found;
}
"""


@pytest.fixture
def browse(page):
    """Open a page and return what ran or could run there."""
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.add_init_script(WATCH_CSP)

    def visit(path: str) -> dict:
        response = page.goto(path)
        assert response.status < 500, (path, response.status)
        return {
            "dialogs": list(dialogs),
            "blocked": page.evaluate("window.__blocked"),
            "injections": page.evaluate(FIND_INJECTIONS),
        }

    return visit


def assert_nothing_ran(seen: dict, where: str) -> None:
    assert seen == {"dialogs": [], "blocked": [], "injections": []}, where


def test_comment_names_and_texts_run_nothing(browse, page, live_server, settings):
    settings.COMMENTS_RATE_LIMIT_PER_IP = settings.COMMENTS_RATE_LIMIT_PER_EMAIL = 10_000
    # All of them on the article's page, not only its first page of threads.
    settings.COMMENTS_THREADS_PER_PAGE = len(VECTORS)
    article = ArticleFactory(title="A page of hostile comments")
    reader = Client()
    url = reverse("comments:post", kwargs={"article_id": article.pk})
    for number, vector in enumerate(VECTORS):
        response = reader.post(
            url, {"name": vector[:NAME_LENGTH], "email": f"reader{number}@example.com", "body": vector}
        )
        assert response.status_code == 302, (vector, response.status_code)
    # Held or filed as spam by triage, they are all approved here so that the page shows them.
    assert Comment.objects.update(status=Comment.Status.APPROVED) == len(VECTORS)
    # A bulk update sends no signal: announced as the domain's own bulk writes are.
    content_changed.send(sender=Comment, dependencies=[comments_of(article.pk)])
    drain_worker()

    assert_nothing_ran(browse(article.get_absolute_url()), "the article's comments")
    assert page.locator("li.comment").count() == len(VECTORS)

    # The moderation queue shows them to the desk first.
    desk = Client()
    desk.force_login(UserFactory(is_staff=True, is_superuser=True))
    page.context.add_cookies([{"name": "sessionid", "value": desk.cookies["sessionid"].value, "url": live_server.url}])
    rows = 0
    for number in range(1, -(-len(VECTORS) // CommentAdmin.list_per_page) + 1):
        assert_nothing_ran(browse(f"/admin/comments/comment/?p={number}"), f"the moderation queue, page {number}")
        rows += page.locator("#result_list tbody tr").count()
    assert rows == len(VECTORS)


def test_comment_form_sent_back_with_errors_runs_nothing(browse, page, settings):
    settings.COMMENTS_RATE_LIMIT_PER_IP = 10_000
    article = ArticleFactory()
    browse(article.get_absolute_url())
    for vector in VECTORS[:: len(VECTORS) // 12]:
        page.goto(article.get_absolute_url())
        page.get_by_role("textbox", name="Name").fill(vector[:NAME_LENGTH])
        page.get_by_role("textbox", name="Email").fill("not an address")
        page.get_by_role("textbox", name="Comment").fill(vector)
        with page.expect_navigation():
            page.get_by_role("button", name="Post comment").click()
        assert page.get_by_role("textbox", name="Comment").input_value() == vector
        seen = {
            "dialogs": [],
            "blocked": page.evaluate("window.__blocked"),
            "injections": page.evaluate(FIND_INJECTIONS),
        }
        assert_nothing_ran(seen, vector)


def test_article_bodies_from_the_admin_form_run_nothing(browse):
    editor = Client()
    editor.force_login(UserFactory(is_staff=True, is_superuser=True))
    section = SectionFactory()
    for number, vector in enumerate(VECTORS):
        data = article_form(title=f"Hostile body {number}", slug=f"hostile-{number}", section=section.pk, body=vector)
        response = editor.post(reverse("admin:articles_article_add"), data)
        assert response.status_code == 302, (vector, response.context and response.context["adminform"].errors)
    # Published straight in the database: the workflow is not what this test is about.
    published = Article.objects.filter(slug__startswith="hostile-").update(
        status=Article.Status.PUBLISHED, publish_at=timezone.now() - datetime.timedelta(hours=1)
    )
    assert published == len(VECTORS)

    for number, vector in enumerate(VECTORS):
        assert_nothing_ran(browse(f"/articles/hostile-{number}/"), vector)


def test_search_queries_run_nothing(browse):
    ArticleFactory(title="Something to find", body="<p>alert script svg image</p>")

    for vector in VECTORS:
        assert_nothing_ran(browse(f"/search/?{urlencode({'q': vector})}"), vector)
