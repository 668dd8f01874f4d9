"""The rebuild row: `python manage.py rerender --all` on the corpus, timed.

Issue 23 adds the command (every published article's stored page parts, cards and comment pages
rendered again). Until it exists the row says so and the run goes on; once it does, the runner runs
it as a subprocess with the bench's environment and reports published articles (from the corpus's
facts) per second of its wall time.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from bench.report import Rebuild

COMMAND = "rerender"
ROOT = Path(__file__).resolve().parent.parent


def available(commands: Iterable[str] | None = None) -> bool:
    """Whether manage.py has the command (`commands`: the names it knows, Django's own list by default)."""
    if commands is None:
        from django.core.management import get_commands

        commands = get_commands()
    return COMMAND in commands


def articles_of(corpus: dict) -> int | None:
    """How many articles a rebuild renders: the published ones, as the corpus builder counted them."""
    counts = corpus.get("counts") or {}
    return counts.get("published", counts.get("articles"))


def run(
    corpus: dict,
    *,
    env: dict[str, str],
    commands: Iterable[str] | None = None,
    runner: Callable[..., subprocess.CompletedProcess] = subprocess.run,
    clock: Callable[[], float] = time.monotonic,
    log_path: Path | None = None,
    jobs: int | None = None,
) -> Rebuild:
    """Time `manage.py rerender --all`, one process per core unless `jobs` says, or say that there is no
    such command yet."""
    articles = articles_of(corpus)
    if not available(commands):
        return Rebuild(available=False, articles=articles)
    jobs = jobs or os.cpu_count() or 1
    started = clock()
    completed = runner(
        [sys.executable, str(ROOT / "manage.py"), COMMAND, "--all", "--jobs", str(jobs)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    seconds = clock() - started
    if log_path is not None:
        log_path.write_text((completed.stdout or "") + (completed.stderr or ""))
    if completed.returncode != 0:
        last = ((completed.stderr or completed.stdout or "").strip().splitlines() or [""])[-1]
        return Rebuild(
            available=True,
            articles=articles,
            seconds=seconds,
            error=f"exit {completed.returncode}: {last}",
            jobs=jobs,
        )
    return Rebuild(available=True, articles=articles, seconds=seconds, jobs=jobs)
