"""Each triage rule on its own, the word lists, duplicates and the trust ladder."""

import datetime

import pytest
from django.utils import timezone

from articles.models import Article
from comments import services, triage
from comments.models import Block, Comment, Commenter, WordListEntry
from comments.triage import Facts, Rules, Verdict, decide, find_duplicate, gather, sender_history
from tests.factories import ArticleFactory, CommentFactory

from .helpers import make_trusted, post

pytestmark = pytest.mark.django_db

RULES = Rules(max_links=2, min_seconds=3, trust_threshold=3)
# A submission nothing is wrong with: a trusted regular on a post-moderated article.
CLEAN = Facts(mode="post", elapsed=60, previous_comments=5, trust=3)


def _decide(**changes) -> tuple[Verdict, list[str], str]:
    decision = decide(Facts(**(CLEAN.__dict__ | changes)), RULES)
    return decision.verdict, [reason.code for reason in decision.reasons], decision.summary


def test_nothing_wrong_publishes_on_post_moderated_articles():
    assert _decide() == (Verdict.PUBLISH, ["trusted"], "published: trusted commenter on a post-moderated article")


@pytest.mark.parametrize(
    ("changes", "verdict", "code", "text"),
    [
        ({"honeypot": "http://x.example"}, Verdict.SPAM, "honeypot", "honeypot field filled"),
        ({"elapsed": 1.2}, Verdict.SPAM, "too_fast", "submitted 1.2 s after the form was shown"),
        ({"elapsed": None}, Verdict.SPAM, "bad_token", "form token missing or tampered with"),
        ({"duplicate_of": 42}, Verdict.SPAM, "duplicate", "duplicate of recent comment #42"),
        ({"banned": ("replica watches",)}, Verdict.SPAM, "banned_word", "banned: “replica watches”"),
        ({"suspect": ("idiot*", "moron")}, Verdict.HOLD, "suspect_word", "suspect: “idiot*”, “moron”"),
        ({"links": 3}, Verdict.HOLD, "links", "3 links"),
        ({"previous_comments": 0, "trust": 0}, Verdict.HOLD, "first_comment", "first comment from this email"),
        ({"trust": 2}, Verdict.HOLD, "untrusted", "not yet trusted (2 of 3 approved)"),
        ({"mode": "pre"}, Verdict.HOLD, "premoderated", "article is pre-moderated"),
    ],
)
def test_each_rule_gives_its_verdict_and_reason(changes, verdict, code, text):
    got_verdict, codes, summary = _decide(**changes)

    assert (got_verdict, codes) == (verdict, [code])
    assert summary == f"{verdict.label}: {text}"


def test_links_up_to_the_limit_are_fine():
    assert _decide(links=2)[0] == Verdict.PUBLISH


def test_every_reason_is_recorded_and_the_worst_decides():
    verdict, codes, summary = _decide(links=3, previous_comments=0, trust=0, honeypot="x")

    assert verdict == Verdict.SPAM
    assert codes == ["honeypot", "first_comment", "links"]
    assert summary == "spam: honeypot field filled; first comment from this email; 3 links"


def test_summary_reads_like_a_moderator_note():
    assert _decide(previous_comments=0, trust=0, links=3)[2] == "held: first comment from this email; 3 links"


# --- Word lists (edited in the admin) -------------------------------------------


def _words(**kwargs) -> tuple:
    facts = gather(
        mode="post",
        email="ada@example.com",
        ip="10.0.0.1",
        name=kwargs.get("name", "Ada"),
        body=kwargs.get("body", "Hello"),
        honeypot="",
        issued_at=timezone.now() - datetime.timedelta(minutes=1),
        now=timezone.now(),
    )
    return facts.banned, facts.suspect


@pytest.mark.parametrize(
    "body",
    [
        "Get REPLICA WATCHES here",
        "get replica\n  watches here",
        "ｒｅｐｌｉｃａ watches",  # full-width letters
        "rep\u200blica wat\u200dches",  # zero-width characters
        "réplica watches",  # an accent
    ],
)
def test_banned_phrase_is_found_however_it_is_disguised(body):
    WordListEntry.objects.create(phrase="Replica Watches", kind=WordListEntry.Kind.BANNED)

    assert _words(body=body) == (("Replica Watches",), ())


def test_word_list_matches_whole_words_and_wildcards():
    WordListEntry.objects.create(phrase="ass", kind=WordListEntry.Kind.SUSPECT)
    WordListEntry.objects.create(phrase="idiot*", kind=WordListEntry.Kind.SUSPECT)

    assert _words(body="A classic assessment.") == ((), ())
    assert _words(body="You ass.") == ((), ("ass",))
    assert _words(body="What idiots.") == ((), ("idiot*",))


def test_word_list_also_reads_the_name():
    WordListEntry.objects.create(phrase="casino", kind=WordListEntry.Kind.BANNED)

    assert _words(name="Best Casino Deals") == (("casino",), ())


def test_banned_word_sends_a_posted_comment_to_spam_and_suspect_holds_it(client):
    WordListEntry.objects.create(phrase="crypto giveaway", kind=WordListEntry.Kind.BANNED)
    WordListEntry.objects.create(phrase="idiot", kind=WordListEntry.Kind.SUSPECT)
    article = ArticleFactory(comment_mode=Article.CommentMode.POST)
    make_trusted("ada@example.com")

    post(client, article, body="Join the crypto giveaway!")
    post(client, article, body="Only an idiot would say that.")
    post(client, article, body="Lovely piece.")

    statuses = dict(Comment.objects.filter(article=article).values_list("body", "status"))
    assert statuses == {
        "Join the crypto giveaway!": "spam",
        "Only an idiot would say that.": "pending",
        "Lovely piece.": "approved",
    }
    held = Comment.objects.get(body="Only an idiot would say that.")
    assert held.held_reason == "held: suspect: “idiot”"


def test_too_many_links_hold_a_posted_comment(client, settings):
    settings.COMMENTS_MAX_LINKS = 2
    article = ArticleFactory(comment_mode=Article.CommentMode.POST)
    make_trusted("ada@example.com")

    post(client, article, body="http://a.example.com http://b.example.org www.example.net")

    comment = Comment.objects.get(article=article)
    assert comment.status == Comment.Status.PENDING
    assert comment.held_reason == "held: 3 links"
    assert comment.reason_codes == ",links,"


def test_a_word_list_change_is_seen_by_the_next_post_and_an_unchanged_list_is_not_read_again(
    django_assert_num_queries,
):
    entry = WordListEntry.objects.create(phrase="casino", kind=WordListEntry.Kind.SUSPECT)
    assert _words(body="A casino.") == ((), ("casino",))
    with django_assert_num_queries(1):  # the sender's history and the list's version, no more
        assert _words(body="A casino.") == ((), ("casino",))

    entry.kind = WordListEntry.Kind.BANNED
    entry.save()
    assert _words(body="A casino.") == (("casino",), ())
    WordListEntry.objects.create(phrase="poker", kind=WordListEntry.Kind.SUSPECT)
    assert _words(body="Casino poker.") == (("casino",), ("poker",))
    entry.delete()
    assert _words(body="Casino poker.") == ((), ("poker",))


def test_a_word_list_copy_is_read_again_after_its_maximum_age_whatever_its_version(monkeypatch):
    entry = WordListEntry.objects.create(phrase="casino", kind=WordListEntry.Kind.SUSPECT)
    assert _words(body="A casino.") == ((), ("casino",))
    # A change the version does not show (a queryset update leaves updated_at alone).
    WordListEntry.objects.filter(pk=entry.pk).update(kind=WordListEntry.Kind.BANNED)
    assert _words(body="A casino.") == ((), ("casino",))

    clock = triage.time.monotonic() + triage.WORD_LIST_MAX_AGE
    monkeypatch.setattr(triage.time, "monotonic", lambda: clock)
    assert _words(body="A casino.") == (("casino",), ())


# --- Blocks --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "value", "until_days", "email"),
    [
        ("email", "ada@example.com", None, "ada@example.com"),
        ("email", "ada@example.com", None, "ADA@Example.com "),
        ("email", "ada@example.com", None, "bob@example.com"),
        ("email", "ada@example.com", 2, "ada@example.com"),
        ("email", "ada@example.com", -2, "ada@example.com"),
        ("domain", "example.com", None, "bob@example.com"),
        ("domain", "example.com", None, "bob@sub.example.com"),
        ("domain", "example.com", 1, "bob@example.com"),
        ("domain", "example.com", -1, "bob@example.com"),
        ("domain", "example.com", None, "example.com@other.org"),
    ],
)
def test_the_block_check_of_a_post_answers_as_the_blocks_queryset_does(kind, value, until_days, email):
    now = timezone.now()
    until = now + datetime.timedelta(days=until_days) if until_days is not None else None
    Block.objects.create(kind=kind, value=value, until=until)

    sender = sender_history(email=email, ip=None, body="Hello", since=now, now=now)

    assert sender.blocked == Block.objects.for_email(email, now).exists()


def test_the_history_of_a_post_counts_the_senders_comments_and_reads_their_trust():
    now = timezone.now()
    assert sender_history(email="ada@example.com", ip=None, body="x", since=now).previous == 0
    assert sender_history(email="ada@example.com", ip=None, body="x", since=now).trust is None
    CommentFactory.create_batch(2, email="ada@example.com")
    Commenter.objects.create(email="ada@example.com", trust=2)

    sender = sender_history(email="Ada@Example.com", ip="10.0.0.1", body="x", since=now)

    assert (sender.previous, sender.trust, sender.blocked) == (2, 2, False)


def test_the_article_of_a_post_brings_the_same_history_of_the_sender_in_the_same_query(
    django_assert_num_queries,
):
    article = ArticleFactory()
    earlier = CommentFactory(email="ada@example.com", body="Same text", ip_address="10.0.0.9")
    Commenter.objects.create(email="ada@example.com", trust=1)
    Block.objects.create(kind=Block.Kind.DOMAIN, value="example.com", until=timezone.now() + datetime.timedelta(1))
    WordListEntry.objects.create(phrase="casino")
    now = timezone.now()
    since = triage.duplicate_window_start(now)

    with django_assert_num_queries(1):
        found = services.postable_article(article.pk, email="Ada@example.com", ip="10.0.0.1", body="same  text")

    assert found == article and found.title == article.title
    assert found.sender == sender_history(email="ada@example.com", ip="10.0.0.1", body="same text", since=since)
    assert (found.sender.previous, found.sender.trust, found.sender.duplicate_of) == (1, 1, earlier.pk)
    assert found.sender.blocked
    assert services.postable_article(ArticleFactory(draft=True).pk, email="ada@example.com") is None
    assert services.postable_article(999_999, email="ada@example.com") is None


def test_a_blocked_address_is_refused_before_anything_is_stored(client, article):
    Block.objects.create(kind=Block.Kind.DOMAIN, value="example.com")

    response = post(client, article, email="new@example.com")

    assert response.status_code == 403
    assert "Comments from this email domain are not accepted." in response.content.decode()
    assert not Comment.objects.exists()
    assert not Commenter.objects.exists()


# --- Duplicates -------------------------------------------------------------------


def test_duplicates_are_found_by_address_or_ip_within_the_window():
    now = timezone.now()
    earlier = CommentFactory(
        email="ada@example.com", body="Same  text", ip_address="10.0.0.9", created_at=now - datetime.timedelta(1)
    )
    since = now - datetime.timedelta(days=2)

    assert find_duplicate(email="ADA@example.com", ip=None, body="same text", since=since) == earlier.pk
    assert find_duplicate(email="bot@example.com", ip="10.0.0.9", body="Same text", since=since) == earlier.pk
    assert find_duplicate(email="bo@example.com", ip="10.0.0.8", body="Same text", since=since) is None
    assert find_duplicate(email="ada@example.com", ip=None, body="Other text", since=since) is None
    assert find_duplicate(email="ada@example.com", ip=None, body="Same text", since=now) is None


# --- The trust ladder --------------------------------------------------------------


def test_trust_ladder_publishes_after_n_approvals_and_a_rejection_moves_back_down(client, admin_user, settings):
    settings.COMMENTS_TRUST_THRESHOLD = 2
    article = ArticleFactory(comment_mode=Article.CommentMode.POST)

    def post_and_get(body):
        post(client, article, body=body)
        return Comment.objects.get(body=body)

    first = post_and_get("One.")
    assert first.status == "pending" and "first comment from this email" in first.held_reason
    services.comment_approve(comment=first, by=admin_user)
    second = post_and_get("Two.")
    assert second.held_reason == "held: not yet trusted (1 of 2 approved)"
    services.comment_approve(comment=second, by=admin_user)
    assert Commenter.objects.get(email="ada@example.com").trust == 2

    third = post_and_get("Three.")
    assert third.status == "approved"

    services.comment_reject(comment=third, by=admin_user)
    assert Commenter.objects.get(email="ada@example.com").trust == 1
    fourth = post_and_get("Four.")
    assert fourth.status == "pending"
    assert fourth.held_reason == "held: not yet trusted (1 of 2 approved)"


def test_a_rejection_puts_even_a_long_trusted_commenter_back_under_the_threshold(admin_user):
    make_trusted("ada@example.com", trust=10)
    comment = CommentFactory(email="ada@example.com", status=Comment.Status.PENDING)

    services.comment_reject(comment=comment, by=admin_user)

    assert Commenter.objects.get(email="ada@example.com").trust == 2  # threshold 3, minus one rung


def test_spam_sends_a_commenter_to_the_bottom_of_the_ladder(admin_user):
    make_trusted("ada@example.com", trust=10)
    comment = CommentFactory(email="ada@example.com", status=Comment.Status.PENDING)

    services.comment_mark_spam(comment=comment, by=admin_user)

    assert Commenter.objects.get(email="ada@example.com").trust == 0
