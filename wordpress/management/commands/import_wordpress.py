"""python manage.py import_wordpress EXPORT.xml: bring a WordPress site's export in (README, Moving from WordPress)."""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from renderings.changes import rendering
from wordpress import importer
from wordpress.media import BaseURL, Folder, MediaError
from wordpress.wxr import WXRError


class Command(BaseCommand):
    help = (
        "Import a WordPress export (WXR, from Tools → Export): authors, categories, tags, pictures, posts, comments."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("export", help="the .xml file WordPress exported")
        parser.add_argument("--dry-run", action="store_true", help="do everything but save, and print the report")
        media = parser.add_mutually_exclusive_group()
        media.add_argument("--media-from", metavar="DIR", help="a copy of the site's wp-content/uploads folder")
        media.add_argument(
            "--media-base",
            metavar="URL",
            help="the old site's uploads address (https://old.example/wp-content/uploads); no other host is fetched",
        )
        parser.add_argument(
            "--logins",
            default="",
            metavar="LOGIN,…",
            help="WordPress logins to make Contributor logins for ('*' for all); never with their old passwords",
        )
        parser.add_argument(
            "--report", metavar="FILE", help="where to write the JSON report (default: EXPORT.report.json)"
        )
        parser.add_argument("--batch-size", type=int, default=100, help="posts written per transaction")
        parser.add_argument("--quiet", action="store_true", help="no progress lines on stderr")

    def handle(self, *args, **options) -> None:
        export = Path(options["export"])
        if not export.is_file():
            raise CommandError(f"{export} is not a file")
        try:
            media = None
            if options["media_from"]:
                if not Path(options["media_from"]).is_dir():
                    raise CommandError(f"--media-from {options['media_from']} is not a folder")
                media = Folder(Path(options["media_from"]))
            elif options["media_base"]:
                media = BaseURL(options["media_base"])
        except MediaError as error:
            raise CommandError(str(error)) from None
        settings = importer.Options(
            dry_run=options["dry_run"],
            media=media,
            logins={login.strip() for login in options["logins"].split(",") if login.strip()},
            batch_size=max(1, options["batch_size"]),
            progress=None if options["quiet"] else sys.stderr,
        )
        try:
            # Its bulk writes announce themselves; the stored pages are rendered once, at the end.
            with rendering():
                report = importer.run(export, settings)
        except WXRError as error:
            raise CommandError(f"{export}: {error}. Nothing was imported.") from None
        except DatabaseError as error:
            # An export the checks let through that the database refuses (two comments sharing an id
            # in different posts, say): its batch is undone, the ones before it are kept.
            raise CommandError(
                f"{export}: stopped by the database ({error}). The batches before it are kept; fix the export "
                "and run the command again to go on."
            ) from None
        path = options["report"] or f"{export}.report.json"
        report.write_json(path)
        self.stdout.write(report.text())
        self.stdout.write(f"Report written to {path}.")
        if report.interrupted:
            raise CommandError("interrupted; run the same command again to resume", returncode=130)
