"""python manage.py rerender [--all | --articles ID,ID… | --since DATE] | --check"""

from __future__ import annotations

import sys
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
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

    def handle(self, *args, **options) -> None:
        size = options["batch_size"]
        if size < 1:
            raise CommandError("--batch-size must be at least 1")
        if options["check"]:
            return self.compare(size)
        for renderer in registry.all_renderers():
            if not (options["all"] or renderer.of_articles):
                continue  # --articles and --since name articles, not works, people or sections
            ids = self.ids(renderer, options)
            self.run(renderer.name, ids, size, lambda batch, renderer=renderer: renderer.render(batch))

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

    def run(self, name: str, ids: list[int], size: int, work) -> float:
        """Do `work` on `ids` a batch at a time, each in its own transaction, showing n/total."""
        started = time.monotonic()
        total = len(ids)
        for start in range(0, total, size):
            with transaction.atomic():
                work(ids[start : start + size])
            sys.stderr.write(f"\r{name}: {min(start + size, total)}/{total}")
            sys.stderr.flush()
        seconds = time.monotonic() - started
        if total:
            sys.stderr.write(f"\r{name}: {total}/{total} in {seconds:.1f} s ({seconds * 1000 / total:.1f} ms each)\n")
        return seconds

    def compare(self, size: int) -> None:
        differences: list[registry.Difference] = []
        for renderer in registry.all_renderers():
            stored = set(renderer.stored_ids()) if renderer.stored_ids else set()
            ids = sorted(set(renderer.all_ids()) | stored)
            self.run(
                renderer.name, ids, size, lambda batch, renderer=renderer: differences.extend(renderer.check(batch))
            )
        for difference in differences:
            self.stdout.write(f"{difference.renderer}: {difference.key}: {difference.detail}")
        if differences:
            raise CommandError(f"{len(differences)} stored rendering(s) differ from a rendering from scratch")
        self.stdout.write("Every stored rendering is what rendering it from scratch gives.")
