"""Each article's word count, counted when it is saved and shown in the desk's list."""

import pytest
from django.urls import reverse

from articles.models import Article
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_saving_counts_the_body_s_words():
    article = ArticleFactory(body="<h2>A hustler comes home</h2><p>Simon Rex is <em>magnetic</em>, isn’t he?</p>")

    assert Article.objects.get(pk=article.pk).word_count == 10


def test_a_save_of_some_fields_counts_them_again():
    article = ArticleFactory(body="<p>One two.</p>")
    article.body = "<p>One two three.</p>"

    article.save(update_fields=["body"])

    assert Article.objects.get(pk=article.pk).word_count == 3


def test_the_desk_s_list_shows_each_article_s_words(client, editor):
    ArticleFactory(title="Long read", body="<p>" + "word " * 1234 + "</p>")
    client.force_login(editor)

    html = client.get(reverse("admin:articles_article_changelist")).content.decode()

    assert '<th scope="col" class="sortable column-words">' in html
    assert '<td class="field-words">1,234</td>' in html


def test_the_list_counts_no_words_while_it_renders(client, editor, django_assert_max_num_queries):
    # The count is a column: a list of many long articles reads no more than a list of one.
    client.force_login(editor)
    ArticleFactory(body="<p>" + "word " * 50 + "</p>")
    client.get(reverse("admin:articles_article_changelist"))
    with django_assert_max_num_queries(30) as one:
        client.get(reverse("admin:articles_article_changelist"))
    ArticleFactory.create_batch(20, body="<p>" + "word " * 5000 + "</p>")

    with django_assert_max_num_queries(len(one)):
        client.get(reverse("admin:articles_article_changelist"))
