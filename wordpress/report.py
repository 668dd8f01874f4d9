"""What an import did, counted: for the terminal, and as JSON for the record."""

from __future__ import annotations

import json
import resource
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import TextIO

# Examples kept per warning kind or skip reason: the counts are whole, the lists are samples.
EXAMPLES = 20
# Pages listed by name in the report (they are not imported: see the README).
LISTED_PAGES = 500

KINDS = ("authors", "sections", "tags", "pictures", "articles", "comments")


@dataclass
class Report:
    export: str
    site: str = ""
    dry_run: bool = False
    counts: dict[str, Counter] = field(default_factory=lambda: {kind: Counter() for kind in KINDS})
    skipped: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    warnings: Counter = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    pages: list[dict] = field(default_factory=list)
    reported: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    started: float = field(default_factory=time.monotonic)
    seconds: float = 0.0
    interrupted: bool = False
    error: str = ""

    def count(self, kind: str, what: str, n: int = 1) -> None:
        """`what` is imported, updated or unchanged."""
        self.counts[kind][what] += n

    def skip(self, kind: str, reason: str, example: str = "", n: int = 1) -> None:
        self.counts[kind]["skipped"] += n
        self.skipped[kind][reason] += n
        if example:
            self._example(f"skipped {kind}: {reason}", example)

    def warn(self, kind: str, detail: str, where: str = "") -> None:
        self.warnings[kind] += 1
        self._example(f"warning {kind}", f"{detail} ({where})" if where else detail)

    def note(self, group: str, name: str, n: int = 1) -> None:
        """Something reported rather than imported: menus, custom post types, unknown meta."""
        if name in self.reported[group] or len(self.reported[group]) < 200:
            self.reported[group][name] += n

    def page(self, title: str, path: str, status: str) -> None:
        self.reported["pages"][status] += 1
        if len(self.pages) < LISTED_PAGES:
            self.pages.append({"title": title, "old_address": path, "status": status})

    def _example(self, key: str, text: str) -> None:
        if len(self.examples[key]) < EXAMPLES:
            self.examples[key].append(text)

    @property
    def peak_memory_mb(self) -> float:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return round(peak / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)

    def finish(self) -> None:
        self.seconds = round(time.monotonic() - self.started, 1)

    def as_dict(self) -> dict:
        return {
            "export": self.export,
            "site": self.site,
            "dry_run": self.dry_run,
            "interrupted": self.interrupted,
            "error": self.error,
            "seconds": self.seconds,
            "peak_memory_mb": self.peak_memory_mb,
            "counts": {kind: dict(counter) for kind, counter in self.counts.items()},
            "skipped": {kind: dict(reasons) for kind, reasons in self.skipped.items()},
            "warnings": dict(self.warnings),
            "examples": dict(self.examples),
            "reported": {group: dict(counter) for group, counter in self.reported.items()},
            "pages": self.pages,
        }

    def write_json(self, path: str) -> None:
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(self.as_dict(), handle, indent=2, ensure_ascii=False)
            handle.write("\n")

    @property
    def changed_anything(self) -> bool:
        return any(counter["imported"] or counter["updated"] for counter in self.counts.values())

    def text(self) -> str:
        lines = [
            f"WordPress import of {self.site or self.export}"
            + (" (dry run: nothing was saved)" if self.dry_run else "")
        ]
        if self.interrupted:
            lines.append("Interrupted: the batches finished before it are kept; run the same command again to resume.")
        lines.append(f"{'':<10}{'imported':>10}{'updated':>10}{'unchanged':>11}{'skipped':>9}")
        for kind in KINDS:
            counter = self.counts[kind]
            lines.append(
                f"{kind:<10}{counter['imported']:>10,}{counter['updated']:>10,}"
                f"{counter['unchanged']:>11,}{counter['skipped']:>9,}"
            )
        if self.skipped:
            lines.append("Skipped:")
            for kind, reasons in self.skipped.items():
                listed = ", ".join(f"{reason} {n:,}" for reason, n in reasons.most_common())
                lines.append(f"  {kind}: {listed}")
        if self.warnings:
            lines.append("Warnings, by kind (examples in the JSON report):")
            for kind, n in self.warnings.most_common():
                sample = self.examples.get(f"warning {kind}", [""])[0]
                lines.append(f"  {kind} ({n:,}): {sample}")
        if self.reported:
            lines.append("Reported, not imported:")
            for group, counter in self.reported.items():
                listed = ", ".join(f"{name} {n:,}" for name, n in counter.most_common(12))
                more = f", and {len(counter) - 12} more" if len(counter) > 12 else ""
                lines.append(f"  {group}: {listed}{more}")
            for page in self.pages[:10]:
                lines.append(
                    f"    page “{page['title']}” at {page['old_address'] or '(no address)'} ({page['status']})"
                )
        lines.append(f"Took {self.seconds:,} s; peak memory {self.peak_memory_mb:,} MB.")
        return "\n".join(lines)


class Progress:
    """A progress line with counts on stderr, at most every `every` seconds and at the end."""

    def __init__(self, stream: TextIO | None, every: float = 2.0) -> None:
        self.stream = stream
        self.every = every
        self.last = 0.0
        self.started = time.monotonic()

    def show(self, done: dict[str, int], totals: dict[str, int], *, final: bool = False) -> None:
        now = time.monotonic()
        if self.stream is None or (not final and now - self.last < self.every):
            return
        self.last = now
        parts = [f"{name} {done.get(name, 0):,}/{total:,}" for name, total in totals.items() if total]
        self.stream.write(f"import: {' · '.join(parts)} · {now - self.started:,.0f} s\n")
        self.stream.flush()
