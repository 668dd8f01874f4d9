"""The works cited's fields, written out in Python, are the admin's fieldset.html to the byte (bar whitespace),
errors included; and the article form's cost does not grow with its works cited or its revisions."""

import datetime
import re

import pytest
import reversion
from django.template.loader import render_to_string
from django.urls import reverse

from articles.templatetags.desk_forms import admin_fieldset
from tests.admin_forms import article_form
from tests.factories import ArticleFactory, CitationFactory

pytestmark = pytest.mark.django_db


def normalised(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r">\s+<", "><", str(html))).strip()


def citation_fieldsets(response):
    [citations] = [each for each in response.context["inline_admin_formsets"] if each.formset.prefix == "citations"]
    for index, inline_form in enumerate(citations):
        for number, fieldset in enumerate(inline_form):
            yield fieldset, {"prefix": "citations", "id_prefix": index, "id_suffix": number, "heading_level": 4}


def assert_same_as_the_admin_s(response):
    compared = 0
    for fieldset, names in citation_fieldsets(response):
        stock = render_to_string("admin/includes/fieldset.html", {"fieldset": fieldset, **names})
        assert normalised(admin_fieldset(fieldset, **names)) == normalised(stock)
        compared += 1
    assert compared


def test_the_fields_of_saved_and_new_works_cited_are_the_admin_s_markup(client, editor):
    article = ArticleFactory(draft=True)
    CitationFactory(article=article, url="https://example.org/a", date=datetime.date(2024, 10, 18))
    CitationFactory(article=article, kind="song", title="Greatest Day", author="Take That")
    client.force_login(editor)

    assert_same_as_the_admin_s(client.get(reverse("admin:articles_article_change", args=[article.pk])))


def test_works_cited_with_errors_are_the_admin_s_markup(client, editor):
    article = ArticleFactory(draft=True)
    client.force_login(editor)
    data = {
        **article_form(article),
        "citations-TOTAL_FORMS": "1",
        "citations-INITIAL_FORMS": "0",
        "citations-0-kind": "nonsense",
        "citations-0-order": "x",
        "citations-0-title": "",
        "citations-0-year": "twenty",
        "citations-0-url": "not a url",
    }

    response = client.post(reverse("admin:articles_article_change", args=[article.pk]), data)

    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    assert_same_as_the_admin_s(response)


def test_the_form_s_queries_do_not_grow_with_works_cited_or_revisions(client, editor, django_assert_max_num_queries):
    article = ArticleFactory(draft=True)
    client.force_login(editor)
    url = reverse("admin:articles_article_change", args=[article.pk])
    client.get(url)
    with django_assert_max_num_queries(40) as plain:
        client.get(url)
    CitationFactory.create_batch(50, article=article)
    for n in range(30):
        article.title = f"Revision {n}"
        with reversion.create_revision():
            article.save()

    with django_assert_max_num_queries(len(plain)):
        assert client.get(url).status_code == 200
