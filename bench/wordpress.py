"""The WordPress import at a large magazine's size: generate an export, import it twice, time both.

    .venv/bin/python -m bench.wordpress [--posts 20000] [--comments 200000] [--pictures 100]
        [--database-url postgres://postgres@127.0.0.1:5432/mag_wxr_bench] [--out var/bench/wordpress]

Writes a WXR file (bench/README.md, WordPress import, says what it holds), imports it into a
database of its own (created when missing, its tables emptied first), imports it a second
time, and prints each run's time, peak memory (the importing process's ru_maxrss) and
counts. The second run must import and update nothing. Prose comes from bench/text.py.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from xml.sax.saxutils import escape

from bench import text

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/mag_wxr_bench"
SITE = "https://big-magazine.example"
HEAD = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>The Big Magazine</title><link>{site}</link>
<wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>{site}</wp:base_site_url><wp:base_blog_url>{site}</wp:base_blog_url>
"""


def cdata(value: str) -> str:
    return "<![CDATA[" + value.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def wp_date(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S")


class Export:
    """Writes the export a record at a time, so that generating it takes little memory too."""

    def __init__(self, posts: int, comments: int, pictures: int, seed: int = 11) -> None:
        self.rng = random.Random(seed)
        self.posts, self.comments, self.pictures = posts, comments, pictures
        films = [self.prose_title() for _ in range(400)]
        self.prose = text.Prose(self.rng, films, text.person_names(self.rng, 300))
        self.authors = text.person_names(self.rng, 40)
        self.categories = ["Film", "Reviews", "Interviews", "Festivals", "Television", "Books", "Music", "Essays"]
        self.tags = sorted({text.UniqueSlugs()(self.prose.title()) for _ in range(300)})

    def prose_title(self) -> str:
        return " ".join(self.rng.choice(text.TITLE_WORDS) for _ in range(2)).title()

    def write(self, path: Path) -> None:
        with path.open("w", encoding="utf-8") as out:
            out.write(HEAD.format(site=SITE))
            for n, name in enumerate(self.authors, start=1):
                login = f"writer{n}"
                out.write(
                    f"<wp:author><wp:author_id>{n}</wp:author_id><wp:author_login>{cdata(login)}</wp:author_login>"
                    f"<wp:author_email>{cdata(login + '@big-magazine.example')}</wp:author_email>"
                    f"<wp:author_display_name>{cdata(name)}</wp:author_display_name></wp:author>\n"
                )
            for n, name in enumerate(self.categories, start=1):
                parent = "film" if name in ("Reviews", "Interviews") else ""
                out.write(
                    f"<wp:category><wp:term_id>{n}</wp:term_id><wp:category_nicename>{name.lower()}"
                    f"</wp:category_nicename><wp:category_parent>{parent}</wp:category_parent>"
                    f"<wp:cat_name>{cdata(name)}</wp:cat_name></wp:category>\n"
                )
            for n, slug in enumerate(self.tags, start=100):
                out.write(
                    f"<wp:tag><wp:term_id>{n}</wp:term_id><wp:tag_slug>{slug}</wp:tag_slug>"
                    f"<wp:tag_name>{cdata(slug.replace('-', ' ').title())}</wp:tag_name></wp:tag>\n"
                )
            start = datetime(2012, 1, 1, tzinfo=UTC)
            step = (datetime(2026, 1, 1, tzinfo=UTC) - start) / max(1, self.posts)
            for n in range(self.pictures):
                out.write(self.attachment(100_000 + n, 1 + n * (self.posts // max(1, self.pictures))))
            comment_id = 1
            for n in range(self.posts):
                # Comments spread unevenly, as they are: a few threads take many.
                share = self.comments - (comment_id - 1) if n == self.posts - 1 else self.comment_count()
                out.write(self.post(n + 1, start + step * n, comment_id, share))
                comment_id += share
            out.write("</channel>\n</rss>\n")

    def comment_count(self) -> int:
        mean = self.comments / max(1, self.posts)
        return min(int(self.rng.expovariate(1 / mean)), int(mean * 12)) if mean else 0

    def attachment(self, wp_id: int, parent: int) -> str:
        name = f"2019/05/still-{wp_id}.jpg"
        return (
            f"<item><title>{cdata('Still ' + str(wp_id))}</title><link>{SITE}/still-{wp_id}/</link>"
            f"<wp:post_id>{wp_id}</wp:post_id><wp:post_type>attachment</wp:post_type><wp:status>inherit</wp:status>"
            f"<wp:post_parent>{parent}</wp:post_parent>"
            f"<wp:attachment_url>{SITE}/wp-content/uploads/{name}</wp:attachment_url>"
            f"<excerpt:encoded>{cdata(self.prose.sentence())}</excerpt:encoded>"
            f"<wp:postmeta><wp:meta_key>_wp_attached_file</wp:meta_key><wp:meta_value>{name}</wp:meta_value></wp:postmeta>"
            f"<wp:postmeta><wp:meta_key>_wp_attachment_image_alt</wp:meta_key>"
            f"<wp:meta_value>{cdata(self.prose.sentence()[:120])}</wp:meta_value></wp:postmeta></item>\n"
        )

    def body(self, wp_id: int) -> str:
        r, p = self.rng, self.prose
        blocks = r.random() < 0.4
        parts = []
        for section in range(r.randint(3, 5)):
            if section:
                heading = escape(p.heading())
                parts.append(
                    f"<!-- wp:heading -->\n<h2>{heading}</h2>\n<!-- /wp:heading -->"
                    if blocks
                    else f"<h2>{heading}</h2>"
                )
            for _ in range(r.randint(2, 4)):
                paragraph = escape(p.paragraph())
                if r.random() < 0.2:
                    paragraph += f' <a href="{SITE}/{r.randrange(2012, 2026)}/01/{r.choice(self.tags)}/">more</a>'
                parts.append(
                    f"<!-- wp:paragraph -->\n<p>{paragraph}</p>\n<!-- /wp:paragraph -->" if blocks else paragraph
                )
            if r.random() < 0.15:
                quote = escape(p.sentence())
                parts.append(
                    f'<!-- wp:quote -->\n<blockquote class="wp-block-quote"><p>{quote}</p></blockquote>'
                    "\n<!-- /wp:quote -->"
                    if blocks
                    else f"<blockquote>{quote}</blockquote>"
                )
        if self.pictures and wp_id % max(1, self.posts // self.pictures) == 1:
            picture = 100_000 + wp_id // max(1, self.posts // self.pictures)
            parts.insert(
                1,
                f'[caption id="attachment_{picture}" width="800"]<img class="wp-image-{picture}" '
                f'src="{SITE}/wp-content/uploads/2019/05/still-{picture}-800x450.jpg" /> '
                f"{escape(p.sentence())}[/caption]",
            )
        if r.random() < 0.05:
            parts.append('[contact-form-7 id="12" title="Newsletter"]')
        return "\n\n".join(parts)

    def post(self, wp_id: int, moment: datetime, first_comment: int, comments: int) -> str:
        r, p = self.rng, self.prose
        title = p.headline(r.choice(p.film_titles) if r.random() < 0.6 else None, r.choice(["essay", "review"]))
        status = r.choices(["publish", "draft", "pending", "future", "private"], [90, 4, 2, 2, 2])[0]
        if status == "future":
            moment = datetime(2099, 1, 1, tzinfo=UTC) + timedelta(days=wp_id)
        slug = f"{text.UniqueSlugs()(title)[:150]}-{wp_id}"
        category = r.choice(self.categories).lower()
        tags = "".join(
            f'<category domain="post_tag" nicename="{tag}">{cdata(tag.replace("-", " ").title())}</category>'
            for tag in r.sample(self.tags, r.randint(0, 4))
        )
        out = [
            f"<item><title>{cdata(title)}</title><link>{SITE}/{moment:%Y/%m/%d}/{slug}/</link>",
            f"<dc:creator>{cdata('writer' + str(r.randint(1, len(self.authors))))}</dc:creator>",
            f'<guid isPermaLink="false">{SITE}/?p={wp_id}</guid>',
            f"<content:encoded>{cdata(self.body(wp_id))}</content:encoded>",
            f"<excerpt:encoded>{cdata(p.dek() if r.random() < 0.7 else '')}</excerpt:encoded>",
            f"<wp:post_id>{wp_id}</wp:post_id><wp:post_date>{wp_date(moment)}</wp:post_date>",
            f"<wp:post_date_gmt>{wp_date(moment)}</wp:post_date_gmt><wp:comment_status>open</wp:comment_status>",
            f"<wp:post_name>{slug}</wp:post_name><wp:status>{status}</wp:status>",
            f"<wp:post_type>post</wp:post_type><wp:is_sticky>{int(r.random() < 0.001)}</wp:is_sticky>",
            f'<category domain="category" nicename="{category}">{cdata(category.title())}</category>{tags}',
        ]
        ids = []
        for n in range(comments):
            comment_id = first_comment + n
            parent = r.choice(ids) if ids and r.random() < 0.35 else 0
            ids.append(comment_id)
            approved = r.choices(["1", "0", "spam", "trash"], [85, 6, 7, 2])[0]
            kind = "pingback" if r.random() < 0.02 else "comment"
            when = moment + timedelta(hours=1 + n)
            name = r.choice(self.prose.people)
            out.append(
                f"<wp:comment><wp:comment_id>{comment_id}</wp:comment_id>"
                f"<wp:comment_author>{cdata(name)}</wp:comment_author>"
                f"<wp:comment_author_email>reader{r.randrange(30_000)}@readers.example</wp:comment_author_email>"
                f"<wp:comment_author_IP>198.51.100.{r.randrange(1, 255)}</wp:comment_author_IP>"
                f"<wp:comment_date>{wp_date(when)}</wp:comment_date><wp:comment_date_gmt>{wp_date(when)}</wp:comment_date_gmt>"
                f"<wp:comment_content>{cdata(p.comment())}</wp:comment_content>"
                f"<wp:comment_approved>{approved}</wp:comment_approved><wp:comment_type>{kind}</wp:comment_type>"
                f"<wp:comment_parent>{parent}</wp:comment_parent></wp:comment>"
            )
        out.append("</item>\n")
        return "".join(out)


def write_pictures(folder: Path, count: int) -> None:
    from PIL import Image

    target = folder / "2019" / "05"
    target.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        path = target / f"still-{100_000 + n}.jpg"
        if not path.exists():
            Image.new("RGB", (1200, 675), (n * 7 % 255, 90, 120)).save(path, quality=85)


def prepare_database(url: str) -> None:
    """Create the bench's database when missing and empty it: each measurement starts from nothing."""
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    env = {**os.environ, "DATABASE_URL": url}
    subprocess.run([sys.executable, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=env, check=True)


def import_once(export: Path, media: Path, url: str, report: Path) -> dict:
    env = {**os.environ, "DATABASE_URL": url, "PYTHONWARNINGS": "ignore"}
    started = time.monotonic()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "import_wordpress",
            str(export),
            "--media-from",
            str(media),
            "--report",
            str(report),
        ],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    seconds = time.monotonic() - started
    result = json.loads(report.read_text())
    result["wall_seconds"] = round(seconds, 1)
    result["children_maxrss_mb"] = round(max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024, 1)
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=20_000)
    parser.add_argument("--comments", type=int, default=200_000)
    parser.add_argument("--pictures", type=int, default=100)
    parser.add_argument("--database-url", default=os.environ.get("WXR_BENCH_DATABASE_URL", DEFAULT_DATABASE))
    parser.add_argument("--out", type=Path, default=ROOT / "var" / "bench" / "wordpress")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    export = args.out / f"export-{args.posts}-{args.comments}.xml"
    if not export.exists():
        started = time.monotonic()
        Export(args.posts, args.comments, args.pictures).write(export)
        print(f"wrote {export} ({export.stat().st_size / 1e6:,.0f} MB) in {time.monotonic() - started:.0f} s")
    media = args.out / "uploads"
    write_pictures(media, args.pictures)
    prepare_database(args.database_url)
    runs = []
    for n in (1, 2):
        result = import_once(export, media, args.database_url, args.out / f"report-{n}.json")
        runs.append(result)
        counts = {kind: {k: v for k, v in c.items() if v} for kind, c in result["counts"].items()}
        print(f"run {n}: {result['wall_seconds']} s, peak memory {result['peak_memory_mb']} MB; {counts}")
    second = runs[1]["counts"]
    changed = sum(c.get("imported", 0) + c.get("updated", 0) for c in second.values())
    print(f"second run changed {changed} objects")
    (args.out / "results.json").write_text(json.dumps(runs, indent=2))


if __name__ == "__main__":
    main()
