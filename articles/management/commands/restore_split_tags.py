"""Put back the tags that the article form split on save, as the articles' revisions show them.

Until December 2026 every save in the admin split a tag holding a space, a comma or a quote
into its words ("sean baker" became "baker" and "sean"). Run this once after deploying the
fix; running it again finds nothing more to do. An article whose tags were split on its very
first save has no revision with the whole name, and is left as it is.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from articles import history, services
from articles.models import Article


class Command(BaseCommand):
    help = "Put back the tags that the article form split into words ('sean baker' saved as 'baker, sean')."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Say what would change; change nothing.")

    def handle(self, *args, dry_run: bool = False, **options) -> None:
        repaired = 0
        for article in Article.objects.without_text().order_by("pk").iterator(chunk_size=200):
            names = history.unsplit_tags(article)
            if names is None:
                continue
            before = ", ".join(sorted(article.tags.names(), key=str.lower))
            after = ", ".join(sorted(names, key=str.lower))
            self.stdout.write(f"{article.pk} “{article}”: {before or '(none)'} → {after or '(none)'}")
            if not dry_run:
                services.article_tags_restore(
                    article, names=names, note=f"Tags put back as they were before a save split them: {after}."
                )
            repaired += 1
        verb = "would be repaired" if dry_run else "repaired"
        self.stdout.write(self.style.SUCCESS(f"{repaired} article(s) {verb}."))
