"""The article's write path (articles/writing.py) and what `save()` alone still does."""

import pytest

from articles.models import Article, FormerSlug
from articles.search import uses_full_text
from articles.writing import write_article
from tests.factories import ArticleFactory, ImageFactory

pytestmark = pytest.mark.django_db


def test_a_slug_changed_through_the_write_path_leaves_a_redirect(client):
    article = ArticleFactory(slug="before")
    article.slug = "after"

    write_article(article)

    assert list(FormerSlug.objects.values_list("slug", "article")) == [("before", article.pk)]
    response = client.get("/articles/before/")
    assert (response.status_code, response["Location"]) == (301, "/articles/after/")


def test_a_plain_save_writes_the_row_and_reads_no_other_table(django_assert_num_queries):
    article = ArticleFactory(slug="before", body="<p>Text.</p>")
    article = Article.objects.get(pk=article.pk)
    article.slug = "after"
    article.body = "<h2>Part one</h2><p>More text <script>x()</script>here.</p>"

    # The row's UPDATE; on PostgreSQL the search document's too, and its copy for search
    # (articles/signals.py).
    with django_assert_num_queries(3 if uses_full_text() else 1) as captured:
        article.save()

    statements = [query["sql"] for query in captured.captured_queries]
    assert all(sql.startswith('UPDATE "articles_article"') for sql in statements[:2])
    assert all('INSERT INTO "articles_searchentry"' in sql for sql in statements[2:])
    # What belongs to the row is derived all the same.
    assert article.body == '<h2 id="part-one">Part one</h2>\n\n<p>More text here.</p>'
    assert article.word_count == 5
    assert not FormerSlug.objects.exists()


def test_library_figures_and_embeds_are_rendered_through_the_write_path():
    image = ImageFactory(alt="A motel at dusk", caption="The Magic Castle")
    article = ArticleFactory(draft=True, body="<p>Text.</p>")
    article.body = f'<p>Text.</p><figure data-image="{image.pk}"></figure>'

    write_article(article)

    stored = Article.objects.get(pk=article.pk).body
    assert f'srcset="{image.srcset}"' in stored and 'alt="A motel at dusk"' in stored
    assert "<figcaption>The Magic Castle</figcaption>" in stored


def test_a_plain_save_leaves_library_figures_as_they_came():
    image = ImageFactory(alt="A motel at dusk")
    article = ArticleFactory(body="<p>Text.</p>")
    article.body = f'<p>Text.</p><figure data-image="{image.pk}"></figure>'

    article.save()

    assert "srcset" not in Article.objects.get(pk=article.pk).body


def test_the_write_path_records_who_saved(editor):
    article = ArticleFactory()

    write_article(article, by=editor, update_fields=["title"])

    assert Article.objects.get(pk=article.pk).updated_by == editor


def test_a_body_changed_after_the_write_path_is_cleaned_again_on_save():
    article = ArticleFactory(body="<p>Text.</p>")
    article.body += "<script>alert(1)</script><p>More.</p>"

    article.save()

    assert "script" not in Article.objects.get(pk=article.pk).body
