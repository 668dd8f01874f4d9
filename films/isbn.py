"""ISBN-13: the number a book's edition is known by, checked by its last digit.

Editors copy ISBNs from publishers' pages, with hyphens or spaces, and older books carry an ISBN-10;
both are accepted and stored as the 13 digits alone, so that one edition is one number whatever way
it was typed (the duplicate check compares them).
"""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

_SEPARATORS = re.compile(r"[\s\-‐‑–]")


def isbn13_check_digit(first_twelve: str) -> int:
    total = sum(int(digit) * (3 if position % 2 else 1) for position, digit in enumerate(first_twelve))
    return (10 - total % 10) % 10


def isbn10_is_valid(digits: str) -> bool:
    if not re.fullmatch(r"\d{9}[\dX]", digits):
        return False
    total = sum((10 - position) * (10 if char == "X" else int(char)) for position, char in enumerate(digits))
    return total % 11 == 0


def normalize(value: str) -> str:
    """The 13 digits of `value`: separators dropped, a valid ISBN-10 turned into its ISBN-13.

    Anything else comes back without its separators, for `validate_isbn13` to refuse.
    """
    digits = _SEPARATORS.sub("", value or "").upper()
    if digits.startswith("ISBN"):
        digits = digits[4:].lstrip(":")
    if len(digits) == 10 and isbn10_is_valid(digits):
        stem = f"978{digits[:9]}"
        return f"{stem}{isbn13_check_digit(stem)}"
    return digits


def validate_isbn13(value: str) -> None:
    if not re.fullmatch(r"\d{13}", value):
        raise ValidationError(
            "An ISBN-13 has 13 digits (hyphens and spaces are fine); “%(value)s” does not.",
            code="isbn_length",
            params={"value": value},
        )
    if not value.startswith(("978", "979")):
        raise ValidationError("An ISBN-13 starts with 978 or 979.", code="isbn_prefix")
    if int(value[-1]) != isbn13_check_digit(value[:12]):
        raise ValidationError(
            "This ISBN's last digit does not match the others: check it for a typing slip.", code="isbn_checksum"
        )


class ISBNFormField(forms.CharField):
    """Room for an ISBN as it is printed, hyphens and all; what is cleaned is its 13 digits."""

    def to_python(self, value):
        value = super().to_python(value)
        return normalize(value) if value else value


class ISBNField(models.CharField):
    """A CharField holding an ISBN-13's digits, taking ISBN-10s and hyphens on the way in."""

    default_validators = [validate_isbn13]

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("max_length", 13)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return normalize(value) if value else value

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": ISBNFormField, "max_length": 24, **kwargs})
