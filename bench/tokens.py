"""Signed comment-form tokens for the posting benchmark, written ahead of the run."""

from __future__ import annotations

import time
from pathlib import Path
from types import SimpleNamespace
from unittest import mock


def write_tokens(path: Path, count: int, *, age_seconds: int = 60) -> Path:
    """Write `count` distinct form tokens, one a line, as if their forms had been shown
    `age_seconds` ago (so none is refused as typed too fast). Needs Django set up with the
    SECRET_KEY of the server that will read them."""
    from comments import forms

    shown_at = time.time() - age_seconds
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with mock.patch.object(forms, "time", SimpleNamespace(time=lambda: shown_at)):
        lines = [forms.issue_form_token() for _ in range(count)]
    path.write_text("\n".join(lines) + "\n", encoding="ascii")
    return path
