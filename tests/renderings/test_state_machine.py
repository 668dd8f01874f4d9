"""Random sequences of what editors, moderators, readers and time do, and after each step every
public page is what rendering it afresh gives (issue 23's proof of correctness).

The machine keeps a small magazine (three articles, two films with a director and a distributor,
two authors, sections and tags) and drives it through the write paths the desk uses: publishing,
editing, scheduling, embargoes, unpublishing, slug changes, renames of everything a page names,
bylines, works discussed, tags, works cited, corrections, the comment queue, and the clock passing
publish times, embargoes and the day comments close. After each step, with the worker's queue
drained, each page a reader can ask for is fetched as readers get it and compared with a fresh
rendering of it (`fresh_page`).
"""

from __future__ import annotations

import contextlib
import datetime
import re
from unittest import mock

import pytest
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule, run_state_machine_as_test
from taggit.models import Tag

from articles.models import Article, ArticleAuthor, ArticleWork, Correction
from articles.writing import write_article
from comments import services as comments
from comments.models import Comment
from films.models import Credit
from renderings import changes
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CitationFactory,
    CommentFactory,
    CompanyFactory,
    CreditFactory,
    FilmFactory,
    PersonFactory,
    SectionFactory,
    user_with_role,
)
from tests.renderings import pages

pytestmark = pytest.mark.django_db

START = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)
ARTICLES = 3
NAMES = st.text(alphabet="abcdefghij KLMNO", min_size=3, max_size=12).map(str.strip).filter(bool)
SLUGS = st.text(alphabet="abcdefgh", min_size=3, max_size=8)
HOURS = st.sampled_from([1, 5, 30, 24 * 8, 24 * 40])

# What changes from one request to the next in the same page: per-request tokens, not content.
PER_REQUEST = [
    (re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"'), 'name="csrfmiddlewaretoken" value=""'),
    (re.compile(r'(name="form_token" value=")[^"]*"'), r'\1"'),
    (re.compile(r'nonce="[^"]*"'), 'nonce=""'),
]


def per_request_removed(html: str) -> str:
    for pattern, replacement in PER_REQUEST:
        html = pattern.sub(replacement, html)
    return html


class Clock:
    """The site's clock, moved by the machine (every `timezone.now()` reads it)."""

    def __init__(self, at: datetime.datetime) -> None:
        self.at = at

    def __call__(self) -> datetime.datetime:
        return self.at


class ReadersPages(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.clock = Clock(START)
        self._patch = mock.patch("django.utils.timezone.now", self.clock)
        self._patch.start()
        self._atomic = transaction.atomic()
        self._atomic.__enter__()
        pages.forget_kept_pages()

    def teardown(self) -> None:
        changes.discard()  # what the example left pending rolls back with it
        transaction.set_rollback(True)
        self._atomic.__exit__(None, None, None)
        self._patch.stop()

    @initialize()
    def magazine(self) -> None:
        self.editor = user_with_role("Editor", username="machine-editor")
        self.sections = [SectionFactory(name="Film", slug="film"), SectionFactory(name="Music", slug="music")]
        self.authors = [AuthorFactory(name="Ada Critic"), AuthorFactory(name="Ben Writer")]
        self.people = [PersonFactory(name="Dana Director"), PersonFactory(name="Eli Maker")]
        self.companies = [CompanyFactory(name="Neon Pictures")]
        self.films = [
            FilmFactory(title="First Light", distributor=self.companies[0]),
            FilmFactory(title="Second Sight", distributor=self.companies[0]),
        ]
        for film, person in zip(self.films, self.people, strict=True):
            CreditFactory(work=film, person=person, role=Credit.Role.DIRECTOR)
        self.articles = [
            ArticleFactory(
                title=f"Review {n}",
                slug=f"review-{n}",
                section=self.sections[n % 2],
                authors=[self.authors[n % 2]],
                films=[self.films[n % 2]],
                publish_at=START - datetime.timedelta(days=n + 1),
                comment_mode=Article.CommentMode.PRE,
            )
            for n in range(ARTICLES)
        ]
        for article in self.articles:
            article.tags.add("cinema")
            CommentFactory(article=article, body=f"First thoughts on {article.title}.")

    # --- helpers -------------------------------------------------------------------------------

    def _article(self, index: int) -> Article:
        return Article.objects.get(pk=self.articles[index].pk)

    def _write(self, article: Article, **changes) -> None:
        for name, value in changes.items():
            setattr(article, name, value)
        write_article(article, by=self.editor)

    # --- the desk --------------------------------------------------------------------------------

    @rule(index=st.integers(0, ARTICLES - 1))
    def publish_now(self, index):
        self._write(self._article(index), status=Article.Status.PUBLISHED, publish_at=self.clock.at)

    @rule(index=st.integers(0, ARTICLES - 1), hours=HOURS)
    def schedule(self, index, hours):
        self._write(
            self._article(index),
            status=Article.Status.PUBLISHED,
            publish_at=self.clock.at + datetime.timedelta(hours=hours),
        )

    @rule(index=st.integers(0, ARTICLES - 1), hours=HOURS)
    def embargo(self, index, hours):
        self._write(self._article(index), embargo_until=self.clock.at + datetime.timedelta(hours=hours))

    @rule(index=st.integers(0, ARTICLES - 1))
    def unpublish(self, index):
        self._write(self._article(index), status=Article.Status.DRAFT)

    @rule(index=st.integers(0, ARTICLES - 1), title=NAMES)
    def retitle(self, index, title):
        self._write(self._article(index), title=title, dek=f"Now about {title}.")

    @rule(index=st.integers(0, ARTICLES - 1), slug=SLUGS)
    def change_slug(self, index, slug):
        if Article.objects.filter(slug=slug).exists() or Article.objects.filter(former_slugs__slug=slug).exists():
            return
        self._write(self._article(index), slug=slug)

    @rule(
        which=st.sampled_from(["film", "person", "company", "author", "section", "tag"]),
        index=st.integers(0, 1),
        name=NAMES,
    )
    def rename(self, which, index, name):
        if which != "tag":
            kept, field = {
                "film": (self.films, "title"),
                "person": (self.people, "name"),
                "company": (self.companies, "name"),
                "author": (self.authors, "name"),
                "section": (self.sections, "name"),
            }[which]
            renamed = kept[min(index, len(kept) - 1)]
            renamed.refresh_from_db()
            setattr(renamed, field, name)
            renamed.save()
        else:
            tag = Tag.objects.filter(name="cinema").first() or Tag.objects.order_by("pk").first()
            if tag is not None and not Tag.objects.filter(name=name).exists():
                tag.name = name
                tag.save()

    @rule(index=st.integers(0, ARTICLES - 1), author=st.integers(0, 1))
    def toggle_byline(self, index, author):
        article = self._article(index)
        link = ArticleAuthor.objects.filter(article=article, author=self.authors[author])
        if link.exists():
            if article.article_authors.count() > 1:
                link.delete()
        else:
            ArticleAuthor.objects.create(article=article, author=self.authors[author], order=5)

    @rule(index=st.integers(0, ARTICLES - 1), film=st.integers(0, 1))
    def toggle_work(self, index, film):
        article = self._article(index)
        link = ArticleWork.objects.filter(article=article, work=self.films[film])
        if link.exists():
            link.delete()
        else:
            ArticleWork.objects.create(
                article=article, work=self.films[film], order=9, is_card=not article.article_works.exists()
            )

    @rule(index=st.integers(0, ARTICLES - 1), tag=st.sampled_from(["cinema", "festivals", "sound"]))
    def toggle_tag(self, index, tag):
        article = self._article(index)
        if article.tags.filter(name=tag).exists():
            article.tags.remove(tag)
        else:
            article.tags.add(tag)

    @rule(index=st.integers(0, ARTICLES - 1), title=NAMES)
    def cite(self, index, title):
        CitationFactory(article=self._article(index), title=title)

    @rule(index=st.integers(0, ARTICLES - 1))
    def uncite(self, index):
        citation = self._article(index).citations.order_by("pk").first()
        if citation is not None:
            citation.delete()

    @rule(index=st.integers(0, ARTICLES - 1), text=NAMES)
    def correct(self, index, text):
        Correction.objects.create(article=self._article(index), text=f"We said {text}.", date=self.clock.at)

    # --- readers and moderators -----------------------------------------------------------------

    @rule(index=st.integers(0, ARTICLES - 1), body=NAMES)
    def post_comment(self, index, body):
        # Refused when comments are closed or the article is not public: then nothing changes.
        with contextlib.suppress(comments.CommentRefused):
            comments.comment_post(
                article=self._article(index),
                name="A Reader",
                email=f"reader{index}@example.com",
                body=f"I think {body}, and say so at length.",
                ip="203.0.113.9",
                now=self.clock.at,
            )

    def _comment(self, status, index):
        found = list(Comment.objects.filter(status=status).order_by("pk"))
        return found[index % len(found)] if found else None

    @rule(index=st.integers(0, 5))
    def approve(self, index):
        if comment := self._comment(Comment.Status.PENDING, index):
            comments.comment_approve(comment=comment, by=self.editor)

    @rule(index=st.integers(0, 5))
    def reject(self, index):
        if comment := self._comment(Comment.Status.APPROVED, index):
            comments.comment_reject(comment=comment, by=self.editor)

    @rule(index=st.integers(0, 5))
    def remove(self, index):
        if comment := self._comment(Comment.Status.APPROVED, index):
            comments.comment_delete(comment=comment, by=self.editor)

    @rule(index=st.integers(0, 5))
    def flag(self, index):
        if comment := self._comment(Comment.Status.APPROVED, index):
            comments.comment_flag(comment=comment, reason="spam", ip=f"198.51.100.{index + 1}")

    # --- time -------------------------------------------------------------------------------------

    @rule(hours=HOURS)
    def time_passes(self, hours):
        self.clock.at += datetime.timedelta(hours=hours)

    # --- what readers see -----------------------------------------------------------------------

    @invariant()
    def every_page_is_as_rendered_afresh(self):
        if not hasattr(self, "articles"):
            return
        pages.drain_worker()
        client = Client()
        assert pages.stored_renderings_differences() == ""
        for path in pages.public_paths(
            self.articles, self.films, self.people, self.companies, self.authors, self.sections
        ):
            served = client.get(path)
            fresh = pages.fresh_page(path)
            assert served.status_code == fresh.status_code, path
            if served.status_code == 200:
                assert per_request_removed(served.content.decode()) == per_request_removed(fresh.content.decode()), (
                    path
                )


PAGES = settings(
    max_examples=8,
    stateful_step_count=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def test_every_public_page_follows_every_change(settings):
    settings.COMMENTS_CLOSE_AFTER_DAYS = 30
    run_state_machine_as_test(ReadersPages, settings=PAGES)
