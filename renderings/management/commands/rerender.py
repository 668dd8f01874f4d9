"""python manage.py rerender [--all | --articles ID,ID… | --since DATE] | --check [--jobs N]"""

from __future__ import annotations

import multiprocessing
import signal
import time
from collections.abc import Callable, Iterator

from django.core.cache import caches
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, connections, transaction
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.timezone import is_naive, make_aware

from articles.models import Article
from renderings import registry

BATCH = 200


class Command(BaseCommand):
    help = "Render the stored renderings of readers' pages again, or check them against a rendering from scratch."

    def add_arguments(self, parser) -> None:
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--all", action="store_true", help="every published article")
        which.add_argument("--articles", metavar="ID,ID…", help="these articles (by id)")
        which.add_argument("--since", metavar="DATE", help="articles changed since this date or time (ISO 8601)")
        which.add_argument(
            "--check",
            action="store_true",
            help="render everything in memory, compare with what is stored, list differences; exit 1 if any",
        )
        parser.add_argument("--batch-size", type=int, default=BATCH, help="objects rendered per transaction")
        parser.add_argument(
            "--jobs",
            type=int,
            default=1,
            help="processes rendering batches side by side (PostgreSQL only; rendering is CPU-bound: one per core)",
        )

    def handle(self, *args, **options) -> None:
        size, self.jobs = options["batch_size"], options["jobs"]
        if size < 1:
            raise CommandError("--batch-size must be at least 1")
        if self.jobs < 1:
            raise CommandError("--jobs must be at least 1")
        if self.jobs > 1 and connection.vendor == "sqlite":
            raise CommandError("--jobs needs PostgreSQL: SQLite takes one writer at a time")
        if options["check"]:
            return self.compare(size)
        for renderer in registry.all_renderers():
            if not (options["all"] or renderer.of_articles):
                continue  # --articles and --since name articles, not works, people or sections
            ids = self.ids(renderer, options)
            self.run(renderer.name, ids, size, _render)

    def ids(self, renderer: registry.Renderer, options) -> list[int]:
        if options["all"]:
            # The rows kept for articles no longer published too: rendering them deletes them.
            stored = set(renderer.stored_ids()) if renderer.stored_ids else set()
            return sorted(set(renderer.all_ids()) | stored)
        if options["articles"]:
            try:
                return sorted({int(part) for part in options["articles"].split(",") if part.strip()})
            except ValueError:
                raise CommandError("--articles takes article ids separated by commas, e.g. 12,40,41") from None
        since = parse_datetime(options["since"]) or (
            parse_date(options["since"]) and parse_datetime(f"{options['since']}T00:00")
        )
        if not since:
            raise CommandError(
                f"--since {options['since']!r} is not a date or time (e.g. 2026-05-01 or 2026-05-01T09:00)"
            )
        if is_naive(since):
            since = make_aware(since)
        return sorted(Article.objects.filter(updated_at__gte=since).values_list("pk", flat=True))

    def run(self, name: str, ids: list[int], size: int, work: Callable[[str, list[int]], list]) -> list:
        """Do `work` on `ids` a batch at a time, each in its own transaction, showing n/total.

        Returns what the batches returned, in one list.
        """
        started = time.monotonic()
        total, done, results = len(ids), 0, []
        batches = [(name, ids[start : start + size]) for start in range(0, total, size)]
        for count, result in self.batches(work, batches):
            done += count
            results.extend(result)
            self.progress(f"\r{name}: {done}/{total}")
        seconds = time.monotonic() - started
        if total:
            self.progress(f"\r{name}: {total}/{total} in {seconds:.1f} s ({seconds * 1000 / total:.1f} ms each)\n")
        return results

    def progress(self, text: str) -> None:
        # To stderr (call_command's stderr= too), uncoloured, the line rewritten in place.
        self.stderr.write(text, style_func=str, ending="")
        self.stderr.flush()

    def batches(self, work, batches: list[tuple[str, list[int]]]) -> Iterator[tuple[int, list]]:
        if self.jobs == 1 or len(batches) < 2:
            yield from map(_in_transaction(work), batches)
            return
        # Forked children must not share the parent's database or cache connections: each opens its own.
        connections.close_all()
        for cache in caches.all(initialized_only=True):
            cache.close()
        with multiprocessing.get_context("fork").Pool(self.jobs, initializer=_forget_inherited_connections) as pool:
            yield from pool.imap_unordered(_in_transaction(work), batches)

    def compare(self, size: int) -> None:
        differences: list[registry.Difference] = []
        for renderer in registry.all_renderers():
            stored = set(renderer.stored_ids()) if renderer.stored_ids else set()
            ids = sorted(set(renderer.all_ids()) | stored)
            differences.extend(self.run(renderer.name, ids, size, _check))
        for difference in differences:
            self.stdout.write(f"{difference.renderer}: {difference.key}: {difference.detail}")
        if differences:
            raise CommandError(f"{len(differences)} stored rendering(s) differ from a rendering from scratch")
        self.stdout.write("Every stored rendering is what rendering it from scratch gives.")


def _forget_inherited_connections() -> None:
    """In a forked child: drop any database connection the parent still held open (closing it would
    end it for the parent; using it would share its socket with the other children). And end on
    SIGTERM, as the pool's terminate() expects: a handler the parent installed (the bench's, which
    raises KeyboardInterrupt) once left a child waiting for work forever and the command with it."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for database in connections.all(initialized_only=True):
        database.connection = None


# Module-level, so that a pool's children can be handed them.
def _render(name: str, ids: list[int]) -> list:
    registry.get(name).render(ids)
    return []


def _check(name: str, ids: list[int]) -> list[registry.Difference]:
    return registry.get(name).check(ids)


class _in_transaction:
    """`work(name, ids)` in one transaction, as (how many ids, what it returned); picklable for a pool."""

    def __init__(self, work: Callable[[str, list[int]], list]) -> None:
        self.work = work

    def __call__(self, batch: tuple[str, list[int]]) -> tuple[int, list]:
        name, ids = batch
        with transaction.atomic():
            return len(ids), self.work(name, ids)
