"""Comment text as the spam rules compare it: word lists match it, duplicates share its fingerprint."""

from __future__ import annotations

import hashlib
import unicodedata

from core.sanitize import clean_plain_text


def normalize_for_matching(text: str) -> str:
    """Text as word lists see it: lookalike letters folded (ｆｕｌｌ-width, ﬁ ligatures,
    accents), case folded, invisible characters dropped, whitespace collapsed."""
    text = unicodedata.normalize("NFKD", clean_plain_text(text)).casefold()
    text = "".join(char for char in text if not unicodedata.combining(char))
    return " ".join(unicodedata.normalize("NFKC", text).split())


def fingerprint(text: str) -> str:
    """A digest of the normalised text, "" for text with nothing in it: two comments that say the
    same thing share it, so a duplicate is one indexed lookup rather than a comparison with each
    of the sender's recent comments."""
    normalized = normalize_for_matching(text)
    return hashlib.blake2b(normalized.encode(), digest_size=16).hexdigest() if normalized else ""
