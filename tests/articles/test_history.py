"""Revisions: every save keeps one; editors see the history, diff two revisions and revert."""

import pytest
from django.urls import reverse

from articles import services
from articles.history import body_text, versions_of, word_diff
from articles.models import Article, Citation
from tests.admin_forms import article_form
from tests.factories import ArticleFactory, AuthorFactory, CitationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(editor, client):
    """An article saved twice through the admin: a first version, then an edit of title, body and tags."""
    article = ArticleFactory(draft=True, title="Old Title", body="<p>The cat sat on the mat.</p>")
    client.force_login(editor)
    change = reverse("admin:articles_article_change", args=[article.pk])
    client.post(change, article_form(article, tags=["cats"]))
    article.refresh_from_db()
    data = article_form(
        article,
        title="New Title",
        body="<p>The dog sat on the mat.</p>",
        tags=["cats", "dogs"],
        **{
            "citations-TOTAL_FORMS": "1",
            "citations-0-kind": "book",
            "citations-0-order": "0",
            "citations-0-title": "On Dogs",
            "citations-0-author": "Hound, A.",
        },
    )
    client.post(change, data)
    article.refresh_from_db()
    return article


def test_every_save_keeps_a_revision_with_who_when_and_what(article, editor):
    versions = list(versions_of(article))

    assert len(versions) == 2
    latest = versions[0].revision
    assert latest.user == editor and latest.date_created
    assert "Changed Title, Body and Tags." in latest.comment
    assert "Added work cited “On Dogs”." in latest.comment


def test_history_page_lists_the_revisions(client, article):
    response = client.get(reverse("admin:articles_article_history", args=[article.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Changed Title, Body and Tags." in html
    assert "Compare selected revisions" in html and "Revert to this" in html


def test_diff_between_two_revisions(client, article):
    new, old = versions_of(article)[:2]

    response = client.get(reverse("admin:articles_article_compare", args=[article.pk]), {"old": old.pk, "new": new.pk})

    assert response.status_code == 200
    changes = {change.label: change for change in response.context["changes"]}
    assert set(changes) == {"Title", "Body", "Works cited", "Tags"}
    assert str(changes["Body"].diff) == "The <del>cat</del><ins>dog</ins> sat on the mat."
    assert changes["Tags"].old == "cats" and changes["Tags"].new == "cats, dogs"
    assert "On Dogs" in changes["Works cited"].new
    html = response.content.decode()
    assert "<del>Old</del><ins>New</ins> Title" in html


def test_diff_in_either_order_reads_oldest_to_newest(client, article):
    new, old = versions_of(article)[:2]

    response = client.get(reverse("admin:articles_article_compare", args=[article.pk]), {"old": new.pk, "new": old.pk})

    changes = {change.label: change for change in response.context["changes"]}
    assert changes["Title"].old == "Old Title"


def test_revisions_of_another_article_cannot_be_compared(client, article, editor):
    other = ArticleFactory()
    services.article_unpublish(other, by=editor)
    foreign = versions_of(other).first()

    response = client.get(reverse("admin:articles_article_compare", args=[article.pk]), {"old": foreign.pk})

    assert response.status_code == 404


def test_revert_brings_back_the_content_but_not_the_state(client, article, editor):
    services.article_schedule(article, by=editor, at=article.updated_at.replace(year=2099))
    article.refresh_from_db()
    first = versions_of(article).last()
    revert = reverse("admin:articles_article_revert", args=[article.pk, first.pk])

    confirm = client.get(revert)
    assert confirm.status_code == 200
    assert {change.label for change in confirm.context["changes"]} >= {"Title", "Body", "Tags", "Works cited"}

    response = client.post(revert, {"lock_version": article.lock_version})

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Old Title" and "cat" in article.body
    assert sorted(article.tags.names()) == ["cats"]
    assert not Citation.objects.filter(article=article).exists()
    # The workflow state stays: still scheduled for 2099.
    assert article.state == Article.State.SCHEDULED and article.publish_at.year == 2099
    latest = versions_of(article).first().revision
    assert latest.comment.startswith("Reverted to the revision of") and latest.user == editor


def test_revert_restores_bylines(client, editor):
    first_author, second_author = AuthorFactory(name="First"), AuthorFactory(name="Second")
    article = ArticleFactory(draft=True, authors=[first_author])
    services.article_submit(article, by=editor)
    article.refresh_from_db()
    article.article_authors.update(author=second_author)
    services.article_send_back(article, by=editor, note="Byline changed.")
    article.refresh_from_db()
    client.force_login(editor)

    client.post(
        reverse("admin:articles_article_revert", args=[article.pk, versions_of(article).last().pk]),
        {"lock_version": article.lock_version},
    )

    assert Article.objects.get(pk=article.pk).bylines == [first_author]


def test_a_stale_revert_is_refused(client, article):
    first = versions_of(article).last()

    response = client.post(
        reverse("admin:articles_article_revert", args=[article.pk, first.pk]),
        {"lock_version": article.lock_version - 1},
        follow=True,
    )

    article.refresh_from_db()
    assert article.title == "New Title"
    assert "after you opened it" in response.content.decode()


def test_contributors_cannot_revert_what_they_cannot_change(client, contributor):
    article = ArticleFactory(authors=[contributor.author])  # published: read-only for its writer
    CitationFactory(article=article)
    client.force_login(contributor)
    version = _any_version(article)

    response = client.post(
        reverse("admin:articles_article_revert", args=[article.pk, version.pk]), {"lock_version": article.lock_version}
    )

    assert response.status_code == 403


def _any_version(article):
    import reversion

    with reversion.create_revision():
        reversion.add_to_revision(article)
    return versions_of(article).first()


def test_word_diff_escapes_what_it_shows():
    assert (
        str(word_diff("<b>old</b>", "<i>new</i>"))
        == "<del>&lt;b&gt;old&lt;/b&gt;</del><ins>&lt;i&gt;new&lt;/i&gt;</ins>"
    )


def test_body_text_reads_paragraphs_as_lines():
    assert body_text("<p>One &amp; two.</p><h2>Head</h2><p>Three<br>four</p>") == "One & two.\nHead\nThree\nfour"


# What the history says a save changed: what changed in the database, not what the browser sent.
EDITED_BODY = "<p>One.</p><h2>Two</h2><p>Three.</p>"  # as the body editor sends it: blocks back to back


@pytest.fixture
def stored(editor, client):
    client.force_login(editor)
    article = ArticleFactory(draft=True, body=EDITED_BODY)
    article.tags.add("sean baker")
    return article


def save(client, article, **changes):
    article.refresh_from_db()
    data = article_form(article, **{"body": EDITED_BODY, **changes})
    response = client.post(reverse("admin:articles_article_change", args=[article.pk]), data)
    assert response.status_code == 302
    return versions_of(article).first().revision.comment


def test_a_save_that_changes_only_the_tags_says_so(client, stored):
    assert save(client, stored, tags=["sean baker", "neon"]) == "Changed Tags."


def test_a_tag_typed_in_another_case_is_no_change(client, stored):
    assert save(client, stored, tags=["Sean Baker"]) == "No fields changed."


def test_a_submit_without_edits_says_only_that(client, stored):
    assert save(client, stored, _submit_for_review="1") == "Submitted for review."


def test_a_changed_body_is_still_said(client, stored):
    assert save(client, stored, body="<p>One.</p><h2>Two</h2><p>Four.</p>") == "Changed Body."


def test_an_untouched_publish_time_keeps_its_microseconds(client, editor):
    client.force_login(editor)
    article = services.article_publish(ArticleFactory(draft=True, body=EDITED_BODY), by=editor)
    published_at = Article.objects.get(pk=article.pk).publish_at
    assert published_at.microsecond  # as "Publish now" stores it

    assert save(client, article) == "No fields changed."
    assert Article.objects.get(pk=article.pk).publish_at == published_at
