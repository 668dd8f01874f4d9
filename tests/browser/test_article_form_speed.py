"""The article form of a heavy article (50 works cited, 30 revisions) paints within a second and fits 1280 px."""

import pytest
import reversion
from django.urls import reverse

from tests.browser.conftest import log_in
from tests.factories import ArticleFactory, CitationFactory, user_with_role

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_form_with_50_works_cited_and_30_revisions_paints_within_a_second_and_fits_1280(page, live_server):
    editor = user_with_role("Editor", username="editor")
    article = ArticleFactory(draft=True, body="<p>" + "A long essay. " * 800 + "</p>")
    CitationFactory.create_batch(50, article=article)
    for n in range(30):
        article.title = f"Revision {n}"
        with reversion.create_revision():
            reversion.set_user(editor)
            article.save()
    log_in(page, live_server, "editor")
    url = reverse("admin:articles_article_change", args=[article.pk])
    page.goto(url)  # static files into the browser's cache, as on any visit after the first

    paints = []
    for _ in range(3):
        page.goto(url)
        paints.append(
            page.evaluate(
                "performance.getEntriesByType('paint').find((entry) => entry.name === 'first-contentful-paint')"
                ".startTime"
            )
        )
    # The best of three: the machine is shared, and a paint delayed by another process says nothing of the page.
    assert min(paints) < 1000, f"first contentful paint after {sorted(paints)} ms"
    # The works cited's 650 fields were 1.3 to 2.3 s of the server's answer alone, through the admin's
    # templates (templates/admin/articles/article/citation_inline.html says what replaced them).
    page.evaluate("document.querySelectorAll('#article_form details').forEach((details) => { details.open = true; })")
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 1280
