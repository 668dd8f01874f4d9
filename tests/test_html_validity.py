"""The reader's pages and the desk's pass the W3C Nu HTML Checker (npm's vnu-jar, run with the system's Java)."""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from articles import previews
from comments import services as comment_services
from comments.models import Comment
from tests.comments.helpers import post
from tests.conftest import DEMO_DESK_PAGES, DEMO_PAGES, desk_address
from tests.factories import ArticleFactory, user_with_role

ROOT = Path(__file__).resolve().parents[1]
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# Extra pages beside those the accessibility tests visit.
MORE_PAGES = {
    "section": "/sections/film/",
    "tag": "/tags/sean-baker/",
    "archive": "/archive/",
    "archive-month": "/archive/2025/01/",
    "search-nothing": "/search/?q=zzyzx",
    "search-kind": "/search/?q=sean+baker&kind=films",
}

pytestmark = pytest.mark.django_db


def _check(files: list[str]) -> list[dict]:
    """The Nu HTML Checker's errors in `files`."""
    assert VNU.exists(), f"{VNU} is missing: run `npm ci` at the top of the project (make test does)"
    java = shutil.which("java")
    assert java, "the Nu HTML Checker needs Java (apt-get install default-jre-headless)"
    result = subprocess.run(
        [java, "-jar", str(VNU), "--format", "json", "--errors-only", *files],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    return json.loads(result.stderr or result.stdout)["messages"]


def _listed(messages: list[dict]) -> list[str]:
    return [f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']}" for m in messages]


def test_pages_have_no_html_errors(client, demo, tmp_path):
    files = []
    for name, path in {**DEMO_PAGES, **MORE_PAGES}.items():
        response = client.get(path)
        assert response.status_code == (404 if name == "not-found" else 200), path
        file = tmp_path / f"{name}.html"
        file.write_bytes(response.content)
        files.append(str(file))

    assert _listed(_check(files)) == []


def test_pages_with_comments_posted_through_the_form_have_no_html_errors(client, demo, tmp_path):
    # The demo's comments have whole-second times; comments posted through the form have microseconds,
    # which <time datetime> printed and HTML does not allow. Post real ones, approve them, check again.
    # A new article, so that its first page holds them too (the demo shows two threads a page).
    article = ArticleFactory(title="On Posting", body="<p>An essay.</p>")
    moderator = user_with_role("Moderator", username="html-moderator")
    for n in range(3):
        response = post(
            client,
            article,
            ip=f"10.0.0.{n + 1}",
            name=f"Reader {n} <b>&amp;</b>",
            email=f"reader{n}@example.org",
            body=f"Comment {n}, see http://www.w3.org/2000/svg'><image> & “quotes”.\n\nSecond paragraph.",
        )
        assert response.status_code == 302
    for comment in Comment.objects.filter(email__startswith="reader").order_by("pk"):
        comment_services.comment_approve(comment=comment, by=moderator)
    parent = Comment.objects.filter(email="reader0@example.org").get()
    assert post(client, article, ip="10.0.0.9", parent=str(parent.pk), body="A reply.").status_code == 302
    reply = Comment.objects.get(body="A reply.")
    comment_services.comment_approve(comment=reply, by=moderator)
    later_pages = {c.get_absolute_url().split("#")[0] for c in Comment.objects.filter(email__startswith="reader")}
    later_pages.discard(article.get_absolute_url())
    assert later_pages == {f"{article.get_absolute_url()}comments/page/2/"}
    draft = ArticleFactory(draft=True, title="Not Out Yet")

    pages = {
        "article-with-posted-comments": client.get(article.get_absolute_url()).content,
        "demo-article": client.get(DEMO_PAGES["article"]).content,
        **{f"later-page-{n}": client.get(path).content for n, path in enumerate(sorted(later_pages))},
        "reply-to-a-posted-comment": client.get(reverse("comments:reply", args=[parent.pk])).content,
        "flag-a-posted-comment": client.get(reverse("comments:flag", args=[parent.pk])).content,
        "refused-comment": post(client, article, ip="10.0.0.10", email="").content,
        "draft-preview": client.get(previews.share_url(draft)).content,
    }
    files = []
    for name, html in pages.items():
        file = tmp_path / f"{name}.html"
        file.write_bytes(html)
        files.append(str(file))

    shown = b"".join(html for name, html in pages.items() if "posted" in name or "later" in name).decode()
    assert all(f"Comment {n}" in shown for n in range(3)) and "A reply." in shown
    assert 'id="comment-errors"' in pages["refused-comment"].decode()
    assert _listed(_check(files)) == []


def _djangos_empty_hero_choice(message: dict) -> bool:
    """Django's autocomplete for an optional choice (the hero image, the share picture, the work in our
    records a citation names) starts with `<option value=""></option>`, for select2 to clear the choice
    with (AutocompleteMixin.optgroups); the checker wants a label on an empty option. The markup is
    Django's and select2 reads the option as it is: only this message, on the line after one of those
    <select>s, is let by."""
    if message["message"] != "Element “option” without attribute “label” must not be empty.":
        return False
    lines = Path(message["url"].removeprefix("file:")).read_text().splitlines()
    line = lines[message["lastLine"] - 2]
    return bool(re.search(r'<select name="(hero|share_image|citations-(\d+|__prefix__)-work)"', line))


def test_desk_pages_have_no_html_errors(client, demo, tmp_path):
    client.force_login(get_user_model().objects.get(username="editor"))
    files = []
    for name in DEMO_DESK_PAGES:
        response = client.get(desk_address(name))
        assert response.status_code == 200, name
        file = tmp_path / f"desk-{name}.html"
        file.write_bytes(response.content)
        files.append(str(file))

    messages = _check(files)

    assert _listed([message for message in messages if not _djangos_empty_hero_choice(message)]) == []


def test_the_checker_does_catch_errors(tmp_path):
    """The check above would fail on a broken page (it is not vacuous)."""
    java = shutil.which("java")
    assert java and VNU.exists()
    broken = tmp_path / "broken.html"
    broken.write_text('<!DOCTYPE html><html lang="en"><head><title>x</title></head><body><p><div></p></body></html>')

    result = subprocess.run(
        [java, "-jar", str(VNU), "--format", "json", "--errors-only", str(broken)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert json.loads(result.stderr or result.stdout)["messages"]


def test_the_article_form_with_an_autosave_offer_and_another_editor_has_no_html_errors(client, demo, tmp_path):
    from articles.models import Article
    from articles.presence import presence_beat

    User = get_user_model()
    draft = Article.objects.get(slug="donut-time-the-corner-tangerine-keeps-coming-back-to")  # with an autosave
    presence_beat(article=draft, user=User.objects.get(username="editor"))
    client.force_login(User.objects.get(username="writer"))
    response = client.get(f"/admin/articles/article/{draft.pk}/change/")
    html = response.content.decode()
    assert 'id="autosave-offer"' in html and "has been editing this article since" in html
    file = tmp_path / "desk-article-form-offer.html"
    file.write_bytes(response.content)

    messages = _check([str(file)])

    assert _listed([message for message in messages if not _djangos_empty_hero_choice(message)]) == []
