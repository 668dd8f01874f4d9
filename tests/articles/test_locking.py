"""Optimistic locking: a save from a form opened before someone else's save is refused, never merged."""

import pytest
from django.urls import reverse

from articles.models import Article, Citation
from tests.admin_forms import article_form
from tests.factories import ArticleFactory, CitationFactory, user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_editors(client, editor):
    from django.test import Client

    other = user_with_role("Editor", username="second-editor", first_name="Rosa", last_name="Lind")
    second = Client()
    second.force_login(other)
    client.force_login(editor)
    return client, second


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def test_the_second_save_is_refused_and_says_who_changed_it(two_editors):
    first, second = two_editors
    article = ArticleFactory(draft=True, title="Original", dek="Original dek.")
    opened_by_first = article_form(article)
    opened_by_second = article_form(article)

    assert second.post(change_url(article), {**opened_by_second, "title": "Rosa's title"}).status_code == 302
    response = first.post(change_url(article), {**opened_by_first, "dek": "My dek."})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Rosa Lind changed this article at" in html and "after you opened it" in html
    assert f"<a href='{change_url(article)}'>Reload the article</a>" in html
    article.refresh_from_db()
    assert article.title == "Rosa's title" and article.dek == "Original dek."


def test_saving_again_from_the_stale_form_is_still_refused(two_editors):
    first, second = two_editors
    article = ArticleFactory(draft=True)
    stale = article_form(article)
    second.post(change_url(article), article_form(article, title="Changed"))

    first.post(change_url(article), stale)
    response = first.post(change_url(article), stale)

    assert response.status_code == 200
    assert Article.objects.get(pk=article.pk).title == "Changed"


def test_after_reloading_the_save_goes_through(two_editors):
    first, second = two_editors
    article = ArticleFactory(draft=True)
    second.post(change_url(article), article_form(article, title="Changed"))

    article.refresh_from_db()  # the reload
    response = first.post(change_url(article), article_form(article, dek="Now mine too."))

    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.title, article.dek) == ("Changed", "Now mine too.")


def test_an_edit_of_the_inlines_alone_is_protected_too(two_editors):
    first, second = two_editors
    article = ArticleFactory(draft=True)
    citation = CitationFactory(article=article, title="Right Title")
    stale = article_form(article)
    inline = {
        "citations-TOTAL_FORMS": "1",
        "citations-INITIAL_FORMS": "1",
        "citations-0-id": citation.pk,
        "citations-0-article": article.pk,
        "citations-0-kind": "book",
        "citations-0-order": "0",
        "citations-0-title": "Wrong Title",
    }

    # The second editor fixes only a work cited: the article's version moves on all the same.
    fixed = second.post(change_url(article), {**article_form(article), **inline, "citations-0-title": "Fixed"})
    assert fixed.status_code == 302
    response = first.post(change_url(article), {**stale, **inline})

    assert response.status_code == 200 and "after you opened it" in response.content.decode()
    assert Citation.objects.get(pk=citation.pk).title == "Fixed"


def test_a_change_through_the_works_cited_admin_moves_the_version(two_editors):
    first, second = two_editors
    article = ArticleFactory(draft=True)
    citation = CitationFactory(article=article, title="Before")
    stale = article_form(article)
    data = {"article": article.pk, "kind": "book", "order": 0, "title": "After", "author": "", "year": ""}

    second.post(reverse("admin:articles_citation_change", args=[citation.pk]), data)
    response = first.post(change_url(article), stale)

    assert response.status_code == 200 and "after you opened it" in response.content.decode()


def test_a_workflow_step_from_a_stale_page_is_refused(two_editors):
    first, second = two_editors
    article = ArticleFactory(status=Article.Status.REVIEW, publish_at=None)
    seen = article.lock_version
    second.post(
        reverse("admin:articles_article_workflow", args=[article.pk, "send-back"]),
        {"lock_version": seen, "note": "Not yet."},
    )

    response = first.post(
        reverse("admin:articles_article_workflow", args=[article.pk, "publish"]), {"lock_version": seen}, follow=True
    )

    assert "after you opened it" in response.content.decode()
    assert Article.objects.get(pk=article.pk).status == Article.Status.DRAFT


def test_a_form_without_its_version_is_refused(client, editor):
    article = ArticleFactory(draft=True)
    client.force_login(editor)
    data = article_form(article, title="Blind save")
    del data["lock_version"]

    response = client.post(change_url(article), data)

    assert response.status_code == 200
    assert Article.objects.get(pk=article.pk).title != "Blind save"


def test_every_save_moves_the_version():
    article = ArticleFactory(draft=True)
    version = article.lock_version

    article.save()

    assert Article.objects.get(pk=article.pk).lock_version == version + 1
