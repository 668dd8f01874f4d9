"""The Redis databases that tests which need a real Redis may empty, one set per test process.

`make test` runs the suite in two processes (pytest-xdist): each has its own databases, so one
process's `flushdb` never empties what the other's servers are using.
"""

from __future__ import annotations

import os

# Databases 9, 10 and 11 for the first process (and a run without xdist), 12, 13 and 14 for the second.
FIRST = 9
PER_PROCESS = 3
# Redis has databases 0–15 unless configured otherwise; the bench uses 7.
LAST = 15


def redis_url(number: int) -> str:
    """The address of this process's `number`-th Redis database (0, 1 or 2)."""
    if not 0 <= number < PER_PROCESS:
        raise ValueError(f"tests have {PER_PROCESS} Redis databases a process, not {number + 1}")
    worker = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw"))
    database = FIRST + worker * PER_PROCESS + number
    if database > LAST:
        raise RuntimeError(
            f"test process {worker} would need Redis database {database}: run the tests in at most "
            f"{(LAST - FIRST + 1) // PER_PROCESS} processes"
        )
    return f"redis://127.0.0.1:6379/{database}"
