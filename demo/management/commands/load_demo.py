from django.core.management.base import BaseCommand

from demo.loader import load_demo
from renderings.changes import rendering


class Command(BaseCommand):
    help = "Load the demo magazine (idempotent) and print the demo logins."

    def handle(self, *args, **options) -> None:
        # The stored pages of what it wrote, rendered once at the end rather than save by save.
        with rendering():
            result = load_demo()
        if result.created:
            summary = ", ".join(f"{count} {kind}" for kind, count in sorted(result.created.items()))
            self.stdout.write(f"Demo content loaded: {summary}.")
        else:
            self.stdout.write("Demo content already loaded; nothing added.")
        self.stdout.write(
            self.style.SUCCESS(f"Editor login: editor / {result.password}")
            + "  (also: writer, a contributor; moderator, for comments; same password)"
        )
