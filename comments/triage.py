"""Automatic triage: what happens to a new comment, and why.

`gather()` collects the facts about a submission from the database, `decide()` turns
them into a decision with every reason that applied. `decide()` is pure, so each rule
can be read (and tested) on its own; the reasons end up on the comment for moderators.
"""

from __future__ import annotations

import datetime
import enum
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Q

from core.sanitize import clean_plain_text, count_links

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


def normalize_for_matching(text: str) -> str:
    """Text as word lists see it: lookalike letters folded (ｆｕｌｌ-width, ﬁ ligatures,
    accents), case folded, invisible characters dropped, whitespace collapsed."""
    text = unicodedata.normalize("NFKD", clean_plain_text(text)).casefold()
    text = "".join(char for char in text if not unicodedata.combining(char))
    return " ".join(unicodedata.normalize("NFKC", text).split())


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


def find_duplicate(*, email: str, ip: str | None, body: str, since: datetime.datetime) -> int | None:
    """The id of a recent comment with the same text from the same address or the same IP."""
    wanted = normalize_for_matching(body)
    if not wanted:
        return None
    same_sender = Q(email=normalize_email(email))
    if ip:
        same_sender |= Q(ip_address=ip)
    recent = Comment.objects.filter(same_sender, created_at__gte=since).order_by("-created_at")
    for pk, text in recent.values_list("pk", "body")[:200]:
        if normalize_for_matching(text) == wanted:
            return pk
    return None


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
    commenter = Commenter.objects.filter(email=email).first()
    window = datetime.timedelta(hours=settings.COMMENTS_DUPLICATE_WINDOW_HOURS)
    return Facts(
        mode=mode,
        honeypot=honeypot or "",
        elapsed=(now - issued_at).total_seconds() if issued_at else None,
        duplicate_of=find_duplicate(email=email, ip=ip, body=body, since=now - window),
        banned=banned,
        suspect=suspect,
        links=count_links(body),
        previous_comments=Comment.objects.filter(email=email).count(),
        trust=commenter.trust if commenter else 0,
    )


def assess(**kwargs) -> Decision:
    """Gather the facts about a submission (see `gather`) and decide on them."""
    return decide(gather(**kwargs), Rules.from_settings())
