"""Erase everything stored about a commenter's email address."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from comments.models import Comment, normalize_email
from comments.services import commenter_erase


class Command(BaseCommand):
    help = (
        "Erase everything stored for an email address. Comments that others replied to are emptied, not "
        "deleted, so the replies keep their place."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")

    def handle(self, *args, email: str, yes: bool = False, **options):
        try:
            validate_email(email)
        except ValidationError as error:
            raise CommandError(f"Not an email address: {email}") from error
        email = normalize_email(email)
        count = Comment.objects.filter(email=email).count()
        if not yes and options.get("interactive", True):
            answer = input(f"Erase {count} comment(s) and everything else stored for {email}? [y/N] ")
            if answer.strip().lower() not in {"y", "yes"}:
                raise CommandError("Nothing erased.")
        result = commenter_erase(email=email)
        summary = ", ".join(f"{key.replace('_', ' ')}: {value}" for key, value in result.items())
        self.stdout.write(self.style.SUCCESS(f"Erased what was stored for {email} ({summary})."))
