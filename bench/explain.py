"""EXPLAIN ANALYZE every query of every public page (and the moderation queue) on the bench corpus.

    python -m bench.explain [--page NAME ...] [--plans] [--json var/bench/explain.json]

Each page is fetched with Django's test client while its queries are captured; every SELECT is
then run again under EXPLAIN (ANALYZE, BUFFERS), three times, and the fastest run is reported
(warm cache, as a busy site has). A query is flagged when its plan reads a big table with a Seq
Scan, or when it takes more than SLOW_MS. Run it after `python -m bench.corpus` on the same
DATABASE_URL; the pages come from var/bench/corpus.json.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from dataclasses import asdict, dataclass, field

SLOW_MS = 5.0
RUNS = 3
# Set by --no-jit. Per EXPLAIN, since the test client's requests close the connection (CONN_MAX_AGE=0).
SESSION_SETTINGS: list[str] = []
# Tables that grow with the magazine: a Seq Scan over one of them is worth a look.
BIG_TABLES = {
    "articles_article",
    "articles_articleauthor",
    "articles_articlefilm",
    "articles_citation",
    "authors_author",
    "comments_comment",
    "films_credit",
    "films_film",
    "films_person",
    "films_track",
    "films_work",
    "taggit_taggeditem",
}


@dataclass
class QueryReport:
    sql: str
    ms: float
    nodes: list[str]
    seq_scans: list[str]
    jit_ms: float = 0.0
    plan: list = field(default_factory=list)

    @property
    def flags(self) -> list[str]:
        flags = [f"SEQ SCAN {table}" for table in self.seq_scans]
        if self.ms > SLOW_MS:
            flags.append(f"SLOW {self.ms:.1f} ms")
        if self.jit_ms:
            flags.append(f"JIT {self.jit_ms:.1f} ms")
        return flags


@dataclass
class PageReport:
    name: str
    path: str
    status: int
    queries: list[QueryReport]

    @property
    def total_ms(self) -> float:
        return sum(query.ms for query in self.queries)


def walk(node: dict) -> list[dict]:
    nodes = [node]
    for child in node.get("Plans", []):
        nodes += walk(child)
    return nodes


def describe(node: dict) -> str:
    kind = node["Node Type"]
    if "Index Name" in node:
        kind += f" using {node['Index Name']}"
    if "Relation Name" in node:
        kind += f" on {node['Relation Name']}"
    return f"{kind} (rows {node.get('Actual Rows', '?')}, loops {node.get('Actual Loops', '?')})"


def explain(sql: str) -> tuple[float, list[dict], dict]:
    from django.db import connection

    best = None
    with connection.cursor() as cursor:
        for statement in SESSION_SETTINGS:
            cursor.execute(statement)
        for _ in range(RUNS):
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) {sql}")
            (result,) = cursor.fetchone()
            document = result[0] if isinstance(result, list) else json.loads(result)[0]
            if best is None or document["Execution Time"] < best["Execution Time"]:
                best = document
    nodes = walk(best["Plan"])
    return best["Execution Time"] + best.get("Planning Time", 0), nodes, best


def report_query(sql: str, *, keep_plan: bool) -> QueryReport:
    ms, nodes, document = explain(sql)
    interesting = [n for n in nodes if "Relation Name" in n or n["Node Type"] in {"Sort", "Limit", "Aggregate"}]
    seq = sorted(
        {n["Relation Name"] for n in nodes if n["Node Type"] == "Seq Scan" and n["Relation Name"] in BIG_TABLES}
    )
    return QueryReport(
        sql=sql,
        ms=round(ms, 2),
        nodes=[describe(n) for n in interesting],
        seq_scans=seq,
        # Compiling the query with LLVM (jit=on, cost above jit_above_cost) is part of `ms`.
        jit_ms=round(document.get("JIT", {}).get("Timing", {}).get("Total", 0.0), 1),
        plan=[document] if keep_plan else [],
    )


WORK_PAGES = {
    "album": "album_path",
    "book": "book_path",
    "series": "series_path",
    "company": "company_path",
    "person across kinds": "crossing_person_path",
}


def pages(facts: dict) -> dict[str, str]:
    """The pages to measure: the runner's, and one of each other kind, picked from the corpus."""
    from django.conf import settings
    from django.db.models import Count, Q
    from taggit.models import Tag

    from articles.models import Article
    from authors.models import Author
    from films.models import Credit, Film, Person

    tag = (
        Tag.objects.annotate(uses=Count("taggit_taggeditem_items")).order_by("-uses").first()
        if Tag.objects.exists()
        else None
    )
    author = Author.objects.annotate(n=Count("article_links")).order_by("-n").first()
    film = Film.objects.annotate(n=Count("article_links", filter=~Q(article_links__article__status="draft"))).order_by(
        "-n"
    )[0]
    director = (
        Person.objects.filter(credits__role=Credit.Role.DIRECTOR)
        .annotate(n=Count("credits", distinct=True))
        .order_by("-n")
        .first()
    )
    newest = Article.objects.published().order_by("-publish_at").first()
    year = newest.publish_at.year - 3
    admin = f"/{settings.ADMIN_URL}comments/comment/"
    return {
        "home": "/",
        "home page 2": "/page/2/",
        "article anora": facts["anora_path"],
        "article busiest": facts["busiest_path"],
        "section": "/sections/film/",
        "section deep": facts["deep_section_path"],
        "tag": f"/tags/{tag.slug}/" if tag else "/",
        "author": f"/authors/{author.slug}/",
        "film": f"/films/{film.slug}/",
        "person": f"/people/{director.slug}/",
        # The pages of works beyond film that the bench's rows measure (a corpus built before them has none).
        **{name: facts[fact] for name, fact in WORK_PAGES.items() if fact in facts},
        "archive": "/archive/",
        "archive year": f"/archive/{year}/",
        "archive month": f"/archive/{year}/03/",
        "search": f"/search/?q={facts['search_query']}",
        "feed": "/feed/",
        "feed section": "/sections/film/feed/",
        "feed tag": f"/tags/{tag.slug}/feed/" if tag else "/feed/",
        "feed author": f"/authors/{author.slug}/feed/",
        "sitemap index": "/sitemap.xml",
        "sitemap articles": "/sitemap-articles.xml",
        "sitemap films": "/sitemap-films.xml",
        "sitemap people": "/sitemap-people.xml",
        "sitemap authors": "/sitemap-authors.xml",
        "sitemap companies": "/sitemap-companies.xml",
        "moderation queue": admin,
        "moderation pending": f"{admin}?status__exact=pending",
    }


def measure(name: str, path: str, client, *, keep_plans: bool) -> PageReport:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    queries = [
        report_query(query["sql"], keep_plan=keep_plans)
        for query in captured.captured_queries
        if re.match(r"\s*\(*\s*(SELECT|WITH)\b", query["sql"], re.IGNORECASE)
    ]
    return PageReport(name=name, path=path, status=response.status_code, queries=queries)


def print_page(page: PageReport, out, *, plans: bool) -> None:
    out.write(f"\n== {page.name}: {page.path}  [{page.status}]  {len(page.queries)} queries, {page.total_ms:.1f} ms\n")
    for query in page.queries:
        flags = f"  <-- {', '.join(query.flags)}" if query.flags else ""
        out.write(f"  {query.ms:8.2f} ms  {query.sql[:150]}{flags}\n")
        if query.flags or plans:
            for node in query.nodes:
                out.write(f"               {node}\n")


def compare(before_path: str, after_path: str, out=sys.stdout) -> None:
    """A table of two runs' --json reports: each page's time, and each of its queries over SLOW_MS."""

    def load(path: str) -> dict:
        with open(path) as handle:
            return {page["name"]: page for page in json.load(handle)}

    before, after = load(before_path), load(after_path)
    out.write("| page | query | before ms | after ms | plan after |\n|---|---|---:|---:|---|\n")
    for name, page in after.items():
        old = before.get(name, {"queries": []})
        total = (sum(q["ms"] for q in old["queries"]), sum(q["ms"] for q in page["queries"]))
        out.write(f"| {name} | (all {len(page['queries'])}) | {total[0]:.1f} | {total[1]:.1f} | |\n")
        for position, query in enumerate(page["queries"]):
            previous = old["queries"][position] if position < len(old["queries"]) else None
            if query["ms"] <= SLOW_MS and (previous is None or previous["ms"] <= SLOW_MS):
                continue
            label = re.sub(r"\s+", " ", query["sql"])[:60].replace("|", "/")
            first = next(
                (node for node in query["nodes"] if " on " in node), query["nodes"][0] if query["nodes"] else ""
            )
            old_ms = f"{previous['ms']:.1f}" if previous else "-"
            out.write(f"| | `{label}` | {old_ms} | {query['ms']:.1f} | {first} |\n")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.explain", description=__doc__.split("\n\n")[0])
    parser.add_argument("--page", action="append", help="only this page (by name); repeatable")
    parser.add_argument("--plans", action="store_true", help="print the plan nodes of every query")
    parser.add_argument("--json", help="also write the reports (with full plans) to this file")
    parser.add_argument("--no-jit", action="store_true", help="SET jit = off first (what a jit=off server does)")
    parser.add_argument("--compare", nargs=2, metavar=("BEFORE", "AFTER"), help="compare two --json reports and exit")
    args = parser.parse_args(argv)
    if args.compare:
        compare(*args.compare)
        return
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "magazine.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client, override_settings

    # The test client calls itself "testserver"; pages render without `collectstatic` first.
    override_settings(
        ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"],
        STORAGES={
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
    ).enable()
    if args.no_jit:
        SESSION_SETTINGS.append("SET jit = off")
    facts = json.loads((settings.VAR_DIR / "bench" / "corpus.json").read_text())
    client = Client()
    staff = Client()
    # The demo's moderator works the queue; a superuser sees the same changelist.
    staff.force_login(get_user_model().objects.get(username="moderator"))
    reports = []
    for name, path in pages(facts).items():
        if args.page and name not in args.page:
            continue
        page = measure(
            name, path, staff if path.startswith(f"/{settings.ADMIN_URL}") else client, keep_plans=bool(args.json)
        )
        print_page(page, sys.stdout, plans=args.plans)
        reports.append(page)
    sys.stdout.write("\n| page | queries | total ms | slowest ms | flags |\n|---|---:|---:|---:|---|\n")
    for page in reports:
        slowest = max((query.ms for query in page.queries), default=0)
        flags = [f"seq scan {table}" for table in sorted({t for q in page.queries for t in q.seq_scans})]
        slow = sum(query.ms > SLOW_MS for query in page.queries)
        flags += [f"{slow} over {SLOW_MS:g} ms"] if slow else []
        jit = sum(query.jit_ms for query in page.queries)
        flags += [f"JIT {jit:.0f} ms"] if jit else []
        sys.stdout.write(
            f"| {page.name} | {len(page.queries)} | {page.total_ms:.1f} | {slowest:.1f} | {', '.join(flags)} |\n"
        )
    if args.json:
        with open(args.json, "w") as handle:
            json.dump([asdict(page) for page in reports], handle, indent=1, default=str)


if __name__ == "__main__":
    main()
