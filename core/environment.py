"""Typed reads of environment variables, for magazine/settings/ and gunicorn.conf.py.

Every variable the README and docs/deploy.md list is read through `env`, one method per kind of
value, so the same spelling means the same thing everywhere and a value that cannot mean anything
stops the start-up with a sentence naming the variable, instead of a traceback deep inside Django
or, worse, a silent default (`SECURE_SSL_REDIRECT=flase` turning HTTPS redirects off).

The rules, as README.md (Configuration) gives them:
- a variable that is unset, empty or only spaces takes its default;
- true/false values are 1/0, true/false, yes/no, on/off, in any case; anything else is an error;
- lists are comma-separated, each item stripped of spaces, empty items dropped;
- other text is taken as it is (a password may start or end with a space, or with `$`).

This module imports nothing of the project, so gunicorn.conf.py can use it before Django loads.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TypeVar

from django.core.exceptions import ImproperlyConfigured

T = TypeVar("T")

TRUE = frozenset({"1", "true", "yes", "on"})
FALSE = frozenset({"0", "false", "no", "off"})


class Required:
    """A default that is none: the variable must be set, and the error says `when`."""

    def __init__(self, when: str) -> None:
        self.when = when


class Environment:
    """The variables of `variables` (the process's environment by default), read by kind.

    Each method is named for what it returns, so that `env.int("X", 3)` reads as it works; in the
    methods' bodies `int`, `bool` and the rest are still the builtins (a class body is no enclosing
    scope). `default` may be a `Required`, for a variable that has none.
    """

    def __init__(self, variables: Mapping[str, str] = os.environ) -> None:
        self.variables = variables

    def _raw(self, name: str) -> str | None:
        value = self.variables.get(name)
        return value if value is not None and value.strip() else None

    @staticmethod
    def _default(name: str, default: T | Required) -> T:
        if isinstance(default, Required):
            raise ImproperlyConfigured(f"{name} must be set {default.when}.")
        return default

    @staticmethod
    def _invalid(name: str, value: str, expected: str) -> ImproperlyConfigured:
        return ImproperlyConfigured(f"{name} must be {expected}, not {value!r} (see README, Configuration).")

    def str(self, name: str, default: str | Required = "") -> str:
        value = self._raw(name)
        return self._default(name, default) if value is None else value

    def int(self, name: str, default: int | Required) -> int:
        value = self._raw(name)
        if value is None:
            return self._default(name, default)
        try:
            return int(value)
        except ValueError:
            raise self._invalid(name, value, "a whole number") from None

    def float(self, name: str, default: float | Required) -> float:
        value = self._raw(name)
        if value is None:
            return self._default(name, default)
        try:
            number = float(value)
        except ValueError:
            number = math.nan
        if not math.isfinite(number):
            raise self._invalid(name, value, "a number")
        return number

    def bool(self, name: str, default: bool | Required) -> bool:
        value = self._raw(name)
        if value is None:
            return self._default(name, default)
        if value.strip().lower() in TRUE:
            return True
        if value.strip().lower() in FALSE:
            return False
        raise self._invalid(name, value, "true or false (1/0, yes/no, on/off)")

    def list(self, name: str, default: list[str] | Required) -> list[str]:
        value = self._raw(name)
        items = [] if value is None else [item.strip() for item in value.split(",") if item.strip()]
        return items or self._default(name, default)

    def path(self, name: str, default: Path | Required) -> Path:
        value = self._raw(name)
        return self._default(name, default) if value is None else Path(value)

    def choice(self, name: str, default: str | Required, choices: Iterable[str]) -> str:
        """One of `choices`, compared without regard to case and returned as `choices` spell it."""
        value = self._raw(name)
        if value is None:
            return self._default(name, default)
        spelled = {choice.lower(): choice for choice in choices}
        if value.strip().lower() not in spelled:
            raise self._invalid(name, value, f"one of {', '.join(spelled.values())}")
        return spelled[value.strip().lower()]


env = Environment()
