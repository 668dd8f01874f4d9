"""Export everything stored about a commenter's email address, as JSON."""

import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from comments.services import commenter_export


class Command(BaseCommand):
    help = "Print (or write to a file) everything stored for an email address: comments, standing, blocks, mutes."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--output", "-o", type=Path, help="Write the JSON to this file instead of printing it.")

    def handle(self, *args, email: str, output: Path | None = None, **options):
        try:
            validate_email(email)
        except ValidationError as error:
            raise CommandError(f"Not an email address: {email}") from error
        data = json.dumps(commenter_export(email=email), indent=2, ensure_ascii=False)
        if output:
            output.write_text(data + "\n", encoding="utf-8")
            self.stderr.write(f"Wrote {len(data)} characters to {output}.")
        else:
            self.stdout.write(data)
