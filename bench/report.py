"""The results tables and the target checks."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

from bench.writes import WriteCost

# The targets of issue 23 ("Render when it changes, not when it is read"), as ratios of
# requests/s to the anchors measured in the same run.
LONG_TAIL_MIN = 0.50  # the long tail, page cache on as deployed and empty at the start, of the floor
ARTICLE_COLD_MIN = 0.50  # Anora essay and busiest article with no page cache, of the floor
LIST_COLD_MIN = 0.40  # home, a deep section page and a tag page with no page cache, of the floor
WARM_MIN = 2.0  # every public page, cache-warm, of the framework floor
FRONT_CACHE_MIN = 0.50  # behind the front cache, of the static limit
P99_MAX_MS = 100.0
SEARCH_P95_MAX_MS = 50.0
VISIBLE_P95_MAX_S = 10.0  # a write, until every page it changes shows it
POSTS_PER_SECOND_MIN = 300.0

ARTICLES_COLD = ("anora", "busiest")
LISTS_COLD = ("home", "section", "tag")

COLD, WARM, FRONT, ANCHOR = "cold", "warm", "front cache", "anchor"
# Cache-cold with one connection: what a reader waits with no request queued ahead of theirs.
ONE_READER = "cold, one reader"
# The page cache on as deployed, empty when the row starts, each request a different article.
LONG_TAIL = "on, from empty"
FLOOR, STATIC = "framework floor", "static limit"


@dataclass
class Row:
    endpoint: str  # key: home, anora, busiest, section, tag, search, feed, comment, album, book, series, company,
    # person, longtail; or floor, static
    label: str
    mode: str  # cold, warm, front cache, anchor, cold one reader, long tail's
    requests: int
    requests_per_second: float
    p50_ms: float
    p95_ms: float | None
    p99_ms: float
    errors: int
    sql: int | None = None
    public_page: bool = True
    tokens_reused: int = 0
    # The long tail: requests made after a wrk thread had asked for all of its share, and the
    # distinct addresses the server's log shows among the row's requests.
    repeats: int | None = None
    distinct_paths: int | None = None
    # Comment posting, over the row's warm-up and measurement: posts answered below 400 (wrk's
    # count), comments stored with the row's tag, and stored twice (one email, two rows).
    answered: int | None = None
    stored: int | None = None
    duplicates: int | None = None

    def as_dict(self) -> dict:
        return asdict(self)

    @property
    def completed(self) -> bool:
        """False when no request finished within the measurement: its latencies mean nothing."""
        return self.requests > 0


@dataclass
class Rebuild:
    """`manage.py rerender --all` on the corpus (issue 23's command), timed."""

    available: bool
    articles: int | None = None
    seconds: float | None = None
    error: str = ""
    jobs: int = 1  # processes rendering side by side (`--jobs`)

    @property
    def articles_per_second(self) -> float | None:
        if not self.available or self.error or not self.seconds or self.articles is None:
            return None
        return self.articles / self.seconds

    def as_dict(self) -> dict:
        return asdict(self) | {"articles_per_second": self.articles_per_second}


@dataclass
class Check:
    name: str
    passed: bool
    detail: str

    def line(self) -> str:
        return f"- {'PASS' if self.passed else 'FAIL'} {self.name}: {self.detail}"


def _find(rows: list[Row], endpoint: str, mode: str) -> Row | None:
    return next((row for row in rows if row.endpoint == endpoint and row.mode == mode), None)


def floor_rps(rows: list[Row]) -> float | None:
    floor = _find(rows, "floor", ANCHOR)
    return floor.requests_per_second if floor and floor.requests_per_second else None


def _number(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else f"{value:,.{digits}f}"


def table(rows: list[Row]) -> str:
    floor = floor_rps(rows)
    lines = [
        "| endpoint | cache | requests/s | × floor | p50 ms | p99 ms | errors | SQL/request |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        ratio = f"{row.requests_per_second / floor:.2f}×" if floor else "–"
        lines.append(
            f"| {row.label} | {row.mode} | {_number(row.requests_per_second, 0)} | {ratio} "
            f"| {_number(row.p50_ms if row.completed else None)} | {_number(row.p99_ms if row.completed else None)} "
            f"| {row.errors} | {'–' if row.sql is None else row.sql} |"
        )
    return "\n".join(lines)


def _ratio_detail(row: Row, floor: float) -> str:
    return f"{row.requests_per_second / floor:.0%} ({row.requests_per_second:,.0f} / {floor:,.0f} requests/s)"


def _p99(row: Row) -> str:
    return f"p99 {row.p99_ms:,.1f} ms" if row.completed else "no request finished"


def _fast(row: Row) -> bool:
    return row.completed and row.p99_ms < P99_MAX_MS


def checks(
    rows: list[Row],
    *,
    connections: int,
    writes: list[WriteCost] | None = None,
) -> list[Check]:
    result: list[Check] = []
    floor = floor_rps(rows)
    static = _find(rows, "static", ANCHOR)

    long_tail = _find(rows, "longtail", LONG_TAIL)
    if floor and long_tail:
        ratio = long_tail.requests_per_second / floor
        result.append(
            Check(
                f"{long_tail.label}, page cache on from empty, ≥ {LONG_TAIL_MIN:.0%} of the framework floor "
                f"and p99 < {P99_MAX_MS:g} ms at {connections} connections",
                ratio >= LONG_TAIL_MIN and _fast(long_tail),
                f"{_ratio_detail(long_tail, floor)}, {_p99(long_tail)}",
            )
        )

    for key in ARTICLES_COLD:
        row = _find(rows, key, COLD)
        if floor and row:
            ratio = row.requests_per_second / floor
            result.append(
                Check(
                    f"{row.label} with no page cache ≥ {ARTICLE_COLD_MIN:.0%} of the framework floor "
                    f"and p99 < {P99_MAX_MS:g} ms",
                    ratio >= ARTICLE_COLD_MIN and _fast(row),
                    f"{_ratio_detail(row, floor)}, {_p99(row)}",
                )
            )

    lists = [row for key in LISTS_COLD if (row := _find(rows, key, COLD))]
    if floor and lists:
        worst = min(lists, key=lambda row: row.requests_per_second)
        result.append(
            Check(
                f"home, a deep section page and a tag page with no page cache ≥ {LIST_COLD_MIN:.0%} of the "
                "framework floor",
                worst.requests_per_second / floor >= LIST_COLD_MIN,
                f"lowest {_ratio_detail(worst, floor)} ({worst.label})",
            )
        )

    warm = [row for row in rows if row.mode == WARM and row.public_page]
    if floor and warm:
        worst = min(warm, key=lambda row: row.requests_per_second)
        ratio = worst.requests_per_second / floor
        result.append(
            Check(
                f"every public page cache-warm ≥ {WARM_MIN:g}× the framework floor",
                ratio >= WARM_MIN,
                f"lowest {ratio:.2f}× ({worst.label}, {worst.requests_per_second:,.0f} requests/s)",
            )
        )

    front = [row for row in rows if row.mode == FRONT]
    if static and static.requests_per_second and front:
        worst = min(front, key=lambda row: row.requests_per_second)
        ratio = worst.requests_per_second / static.requests_per_second
        result.append(
            Check(
                f"behind the front cache ≥ {FRONT_CACHE_MIN:.0%} of the static limit",
                ratio >= FRONT_CACHE_MIN,
                f"lowest {ratio:.0%} ({worst.label}, {worst.requests_per_second:,.0f} / "
                f"{static.requests_per_second:,.0f} requests/s)",
            )
        )

    served = [row for row in rows if row.mode in (WARM, FRONT) and row.public_page]
    if served:
        worst = max(served, key=lambda row: row.p99_ms if row.completed else float("inf"))
        result.append(
            Check(
                f"p99 < {P99_MAX_MS:g} ms at {connections} connections on every cache-warm and front-cache row",
                _fast(worst),
                (f"highest {worst.p99_ms:.1f} ms" if worst.completed else "no request finished")
                + f" ({worst.label}, {worst.mode})",
            )
        )

    search = _find(rows, "search", ONE_READER)
    if search and search.p95_ms is not None:
        also = ""
        for mode, how in ((COLD, f"cache-cold at {connections} connections"), (WARM, "cache-warm")):
            other = _find(rows, "search", mode)
            if other and other.p95_ms is not None and other.completed:
                also += f"; {how} {other.p95_ms:.1f} ms"
        result.append(
            Check(
                f"search p95 < {SEARCH_P95_MAX_MS:g} ms on the full corpus (cache-cold, one reader at a time)",
                search.completed and search.p95_ms < SEARCH_P95_MAX_MS,
                (f"{search.p95_ms:.1f} ms" if search.completed else "no request finished") + also,
            )
        )

    for write in writes or []:
        result.append(write_check(write))

    posting = [row for row in rows if row.endpoint == "comment" and row.mode != ANCHOR]
    if posting:
        result.append(posting_check(posting))

    errors = sum(row.errors for row in rows)
    where = ", ".join(f"{row.label} {row.mode}: {row.errors}" for row in rows if row.errors)
    result.append(Check("no errors", errors == 0, f"{errors}" + (f" ({where})" if where else "")))

    reused = [row for row in rows if row.tokens_reused]
    if reused:
        result.append(
            Check(
                "every comment post used a fresh form token",
                False,
                ", ".join(f"{row.mode}: {row.tokens_reused} reused" for row in reused),
            )
        )
    return result


def seconds(value: float | None) -> str:
    if value is None:
        return "–"
    return "timed out" if math.isinf(value) else f"{value:,.2f} s"


def write_check(write: WriteCost) -> Check:
    """A write's pages all show it within VISIBLE_P95_MAX_S at p95, and every repetition was made."""
    p95 = write.visible_s(95)
    passed = not write.failures and p95 is not None and p95 <= VISIBLE_P95_MAX_S
    request = write.request_ms(95)
    pages = "its page" if write.pages == 1 else f"all {write.pages:,} pages"
    detail = f"p95 {seconds(p95)} until {pages} showed it"
    detail += f", the request itself p95 {request:,.0f} ms" if request is not None else ""
    detail += f"; {write.done} of {write.wanted} made"
    if write.failures:
        detail += f"; failed: {write.failures[0]}"
    return Check(f"{write.label}: every page it changes shows it within {VISIBLE_P95_MAX_S:g} s (p95)", passed, detail)


def lost_and_duplicated(row: Row) -> tuple[int | None, int | None]:
    """Posts answered below 400 that left no comment, and comments stored twice; None when not counted."""
    if row.answered is None or row.stored is None:
        return None, None
    distinct = row.stored - (row.duplicates or 0)
    return max(0, row.answered - distinct), row.duplicates or 0


def posting_check(rows: list[Row]) -> Check:
    worst = min(rows, key=lambda row: row.requests_per_second)
    passed = worst.requests_per_second >= POSTS_PER_SECOND_MIN
    parts = [f"lowest {worst.requests_per_second:,.0f} posts/s ({worst.mode})"]
    for row in rows:
        lost, duplicated = lost_and_duplicated(row)
        if lost is None:
            passed = False
            parts.append(f"{row.mode}: stored comments not counted")
            continue
        passed = passed and lost == 0 and duplicated == 0
        parts.append(
            f"{row.mode}: {row.answered:,} answered 2xx/3xx, {row.stored:,} stored, "
            f"{lost} lost, {duplicated} duplicated"
        )
    return Check(f"comment posting ≥ {POSTS_PER_SECOND_MIN:g} posts/s with nothing lost", passed, "; ".join(parts))


def writes_table(writes: list[WriteCost]) -> str:
    lines = [
        "| write | made | request p50 ms | request p95 ms | visible p50 | visible p95 | pages checked | SQL/request |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for write in writes:
        lines.append(
            f"| {write.label} | {write.done}/{write.wanted} | {_number(write.request_ms(50), 0)} "
            f"| {_number(write.request_ms(95), 0)} | {seconds(write.visible_s(50))} "
            f"| {seconds(write.visible_s(95))} "
            f"| {write.pages:,} | {'–' if write.sql is None else write.sql} |"
        )
    return "\n".join(lines)


def rebuild_table(rebuild: Rebuild) -> str:
    lines = ["| rebuild | articles | seconds | articles/s |", "| --- | ---: | ---: | ---: |"]
    name = f"`manage.py rerender --all --jobs {rebuild.jobs}`" if rebuild.jobs > 1 else "`manage.py rerender --all`"
    if not rebuild.available:
        lines.append(f"| {name} | – | – | not available (no rerender command) |")
    elif rebuild.error:
        lines.append(
            f"| {name} | {_number(rebuild.articles, 0)} | {_number(rebuild.seconds)} | failed: {rebuild.error} |"
        )
    else:
        lines.append(
            f"| {name} | {_number(rebuild.articles, 0)} | {_number(rebuild.seconds)} "
            f"| {_number(rebuild.articles_per_second)} |"
        )
    return "\n".join(lines)


def markdown(
    rows: list[Row],
    *,
    connections: int,
    header: str = "",
    writes: list[WriteCost] | None = None,
    rebuild: Rebuild | None = None,
) -> str:
    parts = [header] if header else []
    parts.append(table(rows))
    if writes:
        parts += [
            "",
            "Write costs (through the admin, the page cache on; visible: from the request's start until "
            "every page it changes shows it):",
            "",
            writes_table(writes),
        ]
    if rebuild is not None:
        parts += ["", rebuild_table(rebuild)]
    parts += ["", "Targets:", "", *(check.line() for check in checks(rows, connections=connections, writes=writes))]
    return "\n".join(parts) + "\n"
