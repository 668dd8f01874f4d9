"""The results table and the target checks."""

from __future__ import annotations

from dataclasses import asdict, dataclass

# The targets, as ratios of requests/s measured in the same run.
ANORA_COLD_MIN = 0.60  # Anora essay, cache-cold, of the framework floor
WARM_MIN = 2.0  # every public page, cache-warm, of the framework floor
FRONT_CACHE_MIN = 0.50  # behind the front cache, of the static limit
P99_MAX_MS = 100.0
SEARCH_P95_MAX_MS = 50.0

COLD, WARM, FRONT, ANCHOR = "cold", "warm", "front cache", "anchor"
# Cache-cold with one connection: what a reader waits with no request queued ahead of theirs.
ONE_READER = "cold, one reader"
FLOOR, STATIC = "framework floor", "static limit"


@dataclass
class Row:
    endpoint: str  # key: home, anora, busiest, section, search, feed, comment; or floor, static
    label: str
    mode: str  # cold, warm, front cache, anchor
    requests: int
    requests_per_second: float
    p50_ms: float
    p95_ms: float | None
    p99_ms: float
    errors: int
    sql: int | None = None
    public_page: bool = True
    tokens_reused: int = 0

    def as_dict(self) -> dict:
        return asdict(self)

    @property
    def completed(self) -> bool:
        """False when no request finished within the measurement: its latencies mean nothing."""
        return self.requests > 0


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


def checks(rows: list[Row], *, connections: int) -> list[Check]:
    result: list[Check] = []
    floor = floor_rps(rows)
    static = _find(rows, "static", ANCHOR)

    anora = _find(rows, "anora", COLD)
    if floor and anora:
        ratio = anora.requests_per_second / floor
        result.append(
            Check(
                f"Anora essay cache-cold ≥ {ANORA_COLD_MIN:.0%} of the framework floor",
                ratio >= ANORA_COLD_MIN,
                f"{ratio:.0%} ({anora.requests_per_second:,.0f} / {floor:,.0f} requests/s)",
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

    site = [row for row in rows if row.mode not in (ANCHOR, ONE_READER)]
    if site:
        worst = max(site, key=lambda row: row.p99_ms if row.completed else float("inf"))
        result.append(
            Check(
                f"p99 < {P99_MAX_MS:g} ms at {connections} connections",
                worst.completed and worst.p99_ms < P99_MAX_MS,
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


def markdown(rows: list[Row], *, connections: int, header: str = "") -> str:
    parts = [header] if header else []
    parts += [table(rows), "", "Targets:", "", *(check.line() for check in checks(rows, connections=connections))]
    return "\n".join(parts) + "\n"
