"""Automatic triage: what happens to a new comment, and why.

`gather()` collects the facts about a submission from the database, `decide()` turns
them into a decision with every reason that applied. `decide()` is pure, so each rule
can be read (and tested) on its own; the reasons end up on the comment for moderators.
"""

from __future__ import annotations

import datetime
import enum
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Max, Q, Subquery

from core.sanitize import count_links

from .matching import fingerprint, normalize_for_matching
from .models import Comment, Commenter, WordListEntry, normalize_email


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
    def load(cls) -> WordList:
        words = cls()
        for entry in WordListEntry.objects.all():
            pattern = compile_phrase(entry.phrase)
            if pattern is None:
                continue
            target = words.banned if entry.kind == WordListEntry.Kind.BANNED else words.suspect
            target.append((entry.phrase, pattern))
        return words

    def find(self, text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The banned and the suspect phrases that occur in `text`."""
        text = normalize_for_matching(text)
        return (
            tuple(phrase for phrase, pattern in self.banned if pattern.search(text)),
            tuple(phrase for phrase, pattern in self.suspect if pattern.search(text)),
        )


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


def sender_history(*, email: str, ip: str | None, body: str, since: datetime.datetime) -> dict[str, int | None]:
    """What triage needs to know of the sender, in one query: how many comments the address has
    posted (`previous`), its trust, and the id of a comment with the same text posted since `since`
    from the address or the IP (`duplicate_of`). They were three queries a post."""
    email = normalize_email(email)
    sender = Q(email=email)
    trust = Subquery(Commenter.objects.filter(email=email).values("trust")[:1])
    # Over the sender's rows, so the trust of an address with no comment yet is None: it is never
    # read then, as a first comment is held whatever its trust.
    aggregates = {"previous": Count("pk", filter=sender), "trust": Max(trust)}
    rows = sender
    if digest := fingerprint(body):
        duplicate = Q(fingerprint=digest, created_at__gte=since) & (sender | Q(ip_address=ip) if ip else sender)
        aggregates["duplicate_of"] = Max("pk", filter=duplicate)
        rows |= duplicate
    history = Comment.objects.filter(rows).aggregate(**aggregates)
    return {
        "previous": history["previous"],
        "trust": history["trust"] or 0,
        "duplicate_of": history.get("duplicate_of"),
    }


def find_duplicate(*, email: str, ip: str | None, body: str, since: datetime.datetime) -> int | None:
    """The id of a recent comment with the same text from the same address or the same IP."""
    return sender_history(email=email, ip=ip, body=body, since=since)["duplicate_of"]


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
) -> Facts:
    email = normalize_email(email)
    banned, suspect = WordList.load().find(f"{name}\n{body}")
    window = datetime.timedelta(hours=settings.COMMENTS_DUPLICATE_WINDOW_HOURS)
    history = sender_history(email=email, ip=ip, body=body, since=now - window)
    return Facts(
        mode=mode,
        honeypot=honeypot or "",
        elapsed=(now - issued_at).total_seconds() if issued_at else None,
        duplicate_of=history["duplicate_of"],
        banned=banned,
        suspect=suspect,
        links=count_links(body),
        previous_comments=history["previous"],
        trust=history["trust"],
    )


def assess(**kwargs) -> Decision:
    """Gather the facts about a submission (see `gather`) and decide on them."""
    return decide(gather(**kwargs), Rules.from_settings())
