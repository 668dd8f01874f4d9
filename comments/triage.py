"""Automatic triage: what happens to a new comment, and why.

`gather()` collects the facts about a submission from the database, `decide()` turns
them into a decision with every reason that applied. `decide()` is pure, so each rule
can be read (and tested) on its own; the reasons end up on the comment for moderators.
"""

from __future__ import annotations

import datetime
import enum
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connections, router
from django.utils import timezone

from core.sanitize import count_links

from .matching import fingerprint, normalize_for_matching
from .models import Block, Comment, WordListEntry, email_domain, normalize_email


class Verdict(enum.IntEnum):
    """Ordered by severity: the worst reason decides."""

    PUBLISH = 0
    HOLD = 1
    SPAM = 2

    @property
    def status(self) -> str:
        return {
            Verdict.PUBLISH: Comment.Status.APPROVED,
            Verdict.HOLD: Comment.Status.PENDING,
            Verdict.SPAM: Comment.Status.SPAM,
        }[self]

    @property
    def label(self) -> str:
        return {Verdict.PUBLISH: "published", Verdict.HOLD: "held", Verdict.SPAM: "spam"}[self]


# Every reason triage can give, by code: the admin filters the queue on these.
REASONS = {
    "honeypot": "honeypot field filled",
    "too_fast": "submitted faster than a person types",
    "bad_token": "form token missing or tampered with",
    "duplicate": "duplicate of a recent comment",
    "banned_word": "banned word or phrase",
    "suspect_word": "suspect word or phrase",
    "links": "too many links",
    "first_comment": "first comment from this email",
    "untrusted": "commenter not yet trusted",
    "premoderated": "article is pre-moderated",
    "flagged": "flagged by readers",
    "trusted": "trusted commenter on a post-moderated article",
}


@dataclass(frozen=True)
class Reason:
    code: str
    text: str
    verdict: Verdict


@dataclass(frozen=True)
class Decision:
    verdict: Verdict
    reasons: tuple[Reason, ...]

    @property
    def status(self) -> str:
        return self.verdict.status

    @property
    def summary(self) -> str:
        """For the comment: "held: first comment from this email; 3 links"."""
        return f"{self.verdict.label}: {'; '.join(reason.text for reason in self.reasons)}"[:300]

    @property
    def codes(self) -> str:
        """The reasons' codes as stored for filtering: ",first_comment,links,"."""
        return f",{','.join(reason.code for reason in self.reasons)}," if self.reasons else ""


@dataclass(frozen=True)
class Facts:
    """What triage knows about one submission."""

    mode: str  # "pre" or "post": closed articles never reach triage
    honeypot: str = ""
    # Seconds between the form being shown and submitted; None when its signed token is missing or forged.
    elapsed: float | None = 60.0
    duplicate_of: int | None = None
    banned: tuple[str, ...] = ()
    suspect: tuple[str, ...] = ()
    links: int = 0
    previous_comments: int = 0
    trust: int = 0


@dataclass(frozen=True)
class Rules:
    max_links: int
    min_seconds: float
    trust_threshold: int

    @classmethod
    def from_settings(cls) -> Rules:
        return cls(
            max_links=settings.COMMENTS_MAX_LINKS,
            min_seconds=settings.COMMENTS_MIN_SUBMIT_SECONDS,
            trust_threshold=settings.COMMENTS_TRUST_THRESHOLD,
        )


def decide(facts: Facts, rules: Rules) -> Decision:
    """The verdict on a submission and every reason for it, worst first."""
    reasons: list[Reason] = []

    def add(code: str, text: str, verdict: Verdict) -> None:
        reasons.append(Reason(code, text, verdict))

    # Known spam signals: stored as spam, and the sender is told nothing different.
    if facts.honeypot.strip():
        add("honeypot", REASONS["honeypot"], Verdict.SPAM)
    if facts.elapsed is None:
        add("bad_token", REASONS["bad_token"], Verdict.SPAM)
    elif facts.elapsed < rules.min_seconds:
        add("too_fast", f"submitted {max(facts.elapsed, 0):.1f} s after the form was shown", Verdict.SPAM)
    if facts.duplicate_of:
        add("duplicate", f"duplicate of recent comment #{facts.duplicate_of}", Verdict.SPAM)
    if facts.banned:
        add("banned_word", f"banned: {_quoted(facts.banned)}", Verdict.SPAM)

    # Reasons to hold for a moderator.
    if facts.previous_comments == 0:
        add("first_comment", REASONS["first_comment"], Verdict.HOLD)
    elif facts.trust < rules.trust_threshold:
        add("untrusted", f"not yet trusted ({facts.trust} of {rules.trust_threshold} approved)", Verdict.HOLD)
    if facts.suspect:
        add("suspect_word", f"suspect: {_quoted(facts.suspect)}", Verdict.HOLD)
    if facts.links > rules.max_links:
        add("links", f"{facts.links} links", Verdict.HOLD)
    if facts.mode != "post":
        add("premoderated", REASONS["premoderated"], Verdict.HOLD)

    if not reasons:
        add("trusted", REASONS["trusted"], Verdict.PUBLISH)
    verdict = max(reason.verdict for reason in reasons)
    reasons.sort(key=lambda reason: -reason.verdict)
    return Decision(verdict, tuple(reasons))


def _quoted(phrases: Iterable[str]) -> str:
    return ", ".join(f"“{phrase}”" for phrase in phrases)


# --- Gathering the facts ----------------------------------------------------


@dataclass
class WordList:
    banned: list[tuple[str, re.Pattern]] = field(default_factory=list)
    suspect: list[tuple[str, re.Pattern]] = field(default_factory=list)

    @classmethod
    def load(cls, using: str | None = None) -> WordList:
        words = cls()
        for entry in WordListEntry.objects.using(using):
            pattern = compile_phrase(entry.phrase)
            if pattern is None:
                continue
            target = words.banned if entry.kind == WordListEntry.Kind.BANNED else words.suspect
            target.append((entry.phrase, pattern))
        return words

    @classmethod
    def current(cls, version: tuple) -> WordList:
        """The list as this process compiled it, read again when `version` (`Sender.words`) has
        changed, or after WORD_LIST_MAX_AGE seconds whatever it says: reading and compiling it on
        every post cost a query and 0.4 ms a post, for a list that changes a few times a year."""
        global _word_list
        checked = time.monotonic()
        if _word_list is not None:
            known, compiled, words = _word_list
            if known == version and checked - compiled < WORD_LIST_MAX_AGE:
                return words
        # From the database the version came from (sender_history's): a replica behind it would
        # keep an old list under the new version.
        words = cls.load(using=router.db_for_write(WordListEntry))
        _word_list = (version, checked, words)
        return words

    def find(self, text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The banned and the suspect phrases that occur in `text`."""
        text = normalize_for_matching(text)
        return (
            tuple(phrase for phrase, pattern in self.banned if pattern.search(text)),
            tuple(phrase for phrase, pattern in self.suspect if pattern.search(text)),
        )


# (version, when compiled, the list): WordList.current's copy.
_word_list: tuple[tuple, float, WordList] | None = None
# The version (count of entries, latest change) misses one edit: two saves whose transactions
# overlap, the later-stamped committing first. A copy is read again after this long in any case,
# which also covers a queryset update() that leaves updated_at alone.
WORD_LIST_MAX_AGE = 300


def compile_phrase(phrase: str) -> re.Pattern | None:
    """A whole-word pattern for `phrase`; a trailing * matches any ending."""
    normalized = normalize_for_matching(phrase)
    wildcard = normalized.endswith("*")
    normalized = normalized.rstrip("*").strip()
    if not normalized:
        return None
    words = [re.escape(word) for word in normalized.split()]
    body = r"\s+".join(words) + (r"\w*" if wildcard else "")
    return re.compile(rf"(?<!\w){body}(?!\w)")


@dataclass(frozen=True)
class Sender:
    """What a post needs to know before it is stored, read in one statement (`sender_history`)."""

    previous: int  # comments stored from the address
    trust: int | None  # the commenter's trust; None: no Commenter row yet
    duplicate_of: int | None  # a comment with the same text since `since`, from the address or the IP
    blocked: bool  # a ban or suspension in force on the address or its domain (Block.objects.for_email)
    words: tuple  # the word list's version (WordList.current)


# Scalar subqueries, so that they answer a row even for an address never seen, and can ride along in
# another query (services.postable_article's of the article). Written out: built with the ORM (an
# aggregate over the sender's comments, a Subquery for trust, an Exists for blocks, two for the word
# list) they took 2.4 ms a post to compose and compile; these take 0.35 ms with the round trip. The
# rules stay those of the models: the block condition is BlockQuerySet.for_email's, the duplicate one
# the fingerprint index's (tests/comments/test_triage.py holds each answer against the queryset it
# stands for). A NULL fingerprint or IP matches nothing.
SENDER_COLUMNS = """
    (SELECT COUNT(*) FROM comments_comment WHERE email = %(email)s) AS sender_previous,
    (SELECT trust FROM comments_commenter WHERE email = %(email)s) AS sender_trust,
    (SELECT MAX(id) FROM comments_comment
        WHERE fingerprint = %(digest)s AND created_at >= %(since)s AND (email = %(email)s OR ip_address = %(ip)s)
    ) AS sender_duplicate_of,
    EXISTS (SELECT 1 FROM comments_block
        WHERE (until IS NULL OR until > %(now)s)
        AND ((kind = %(email_kind)s AND value = %(email)s) OR (kind = %(domain_kind)s AND value = %(domain)s))
    ) AS sender_blocked,
    (SELECT COUNT(*) FROM comments_wordlistentry) AS sender_words,
    (SELECT MAX(updated_at) FROM comments_wordlistentry) AS sender_words_changed
"""
SENDER_ALIASES = (
    "sender_previous",
    "sender_trust",
    "sender_duplicate_of",
    "sender_blocked",
    "sender_words",
    "sender_words_changed",
)


def sender_params(
    *, email: str, ip: str | None, body: str, since: datetime.datetime, now: datetime.datetime, using: str
) -> dict:
    """The parameters of SENDER_COLUMNS."""
    email = normalize_email(email)
    ops = connections[using].ops
    return {
        "email": email,
        "domain": email_domain(email),
        "email_kind": Block.Kind.EMAIL.value,
        "domain_kind": Block.Kind.DOMAIN.value,
        "digest": fingerprint(body) or None,
        "ip": ops.adapt_ipaddressfield_value(ip) if ip else None,
        "since": ops.adapt_datetimefield_value(since),
        "now": ops.adapt_datetimefield_value(now),
    }


def sender_from_row(previous, trust, duplicate_of, blocked, words, words_changed) -> Sender:
    """A Sender from SENDER_COLUMNS' values, in their order."""
    return Sender(
        previous=previous,
        trust=trust,
        duplicate_of=duplicate_of,
        blocked=bool(blocked),
        words=(words, words_changed),
    )


def sender_history(
    *, email: str, ip: str | None, body: str, since: datetime.datetime, now: datetime.datetime | None = None
) -> Sender:
    """Everything triage and the block check read of the database about a post, in one query:
    they were five a post (blocks, the word list, the sender's comments and trust)."""
    # The primary, as for the write that follows: a replica could miss the sender's last comment.
    using = router.db_for_write(Comment)
    params = sender_params(email=email, ip=ip, body=body, since=since, now=now or timezone.now(), using=using)
    with connections[using].cursor() as cursor:
        cursor.execute(f"SELECT {SENDER_COLUMNS}", params)
        return sender_from_row(*cursor.fetchone())


def find_duplicate(*, email: str, ip: str | None, body: str, since: datetime.datetime) -> int | None:
    """The id of a recent comment with the same text from the same address or the same IP."""
    return sender_history(email=email, ip=ip, body=body, since=since).duplicate_of


def gather(
    *,
    mode: str,
    email: str,
    ip: str | None,
    name: str,
    body: str,
    honeypot: str,
    issued_at: datetime.datetime | None,
    now: datetime.datetime,
    sender: Sender | None = None,
) -> Facts:
    """The facts about a submission; `sender` when the caller has read it already (services.comment_post
    does, for the block check)."""
    if sender is None:
        sender = sender_history(email=email, ip=ip, body=body, since=duplicate_window_start(now), now=now)
    banned, suspect = WordList.current(sender.words).find(f"{name}\n{body}")
    return Facts(
        mode=mode,
        honeypot=honeypot or "",
        elapsed=(now - issued_at).total_seconds() if issued_at else None,
        duplicate_of=sender.duplicate_of,
        banned=banned,
        suspect=suspect,
        links=count_links(body),
        previous_comments=sender.previous,
        # A first comment is held whatever its trust.
        trust=sender.trust or 0,
    )


def duplicate_window_start(now: datetime.datetime) -> datetime.datetime:
    return now - datetime.timedelta(hours=settings.COMMENTS_DUPLICATE_WINDOW_HOURS)


def assess(**kwargs) -> Decision:
    """Gather the facts about a submission (see `gather`) and decide on them."""
    return decide(gather(**kwargs), Rules.from_settings())
