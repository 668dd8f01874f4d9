"""SQL queries per request, counted in-process with Django's test client.

Run by bench/run.py in a subprocess per mode, with the bench servers' environment
(PAGE_CACHE_SECONDS=0 for cache-cold):

    python -m bench.querycount CORPUS_JSON TOKENS_FILE [--long-tail ADDRESSES] [--writes]

prints {"<row key>": <queries>, ...} as JSON. Each GET is made twice with a fresh,
cookie-less client and the second is counted: per-process caches are warm as in a
long-running worker, and with the page cache on the second request is the cached one.
A comment post is counted once, with a fresh form token.

The long tail (`--long-tail`, the runner's file of addresses) is counted on an article asked for
the first time, after another of the list has warmed the process: with the page cache on, what
every request of that row costs (a miss). `--writes` counts the desk's three writes (bench/writes.py)
as the bench login, each the one POST that makes the change: it publishes a draft, approves a
comment and renames the bench's film, so the runner asks for it once.
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path


def _client():
    from django.test import Client

    return Client(HTTP_HOST="127.0.0.1", raise_request_exception=True)


def _counted(call) -> tuple[int, object]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        result = call()
    return len(queries), result


def count_queries(corpus: dict, tokens: list[str]) -> dict[str, int]:
    from bench.endpoints import endpoints

    counts: dict[str, int] = {}
    for endpoint in endpoints(corpus):
        if endpoint.method == "GET":
            first = _client().get(endpoint.path)
            if first.status_code >= 400:
                raise RuntimeError(f"GET {endpoint.path} answered {first.status_code}")
            counts[endpoint.key], _ = _counted(lambda path=endpoint.path: _client().get(path))
        else:
            data = {
                "name": "Query counter",
                "email": f"querycount-{os.getpid()}@example.com",
                "body": f"Counting the queries of a post ({os.getpid()}).",
                "token": tokens.pop(),
                "parent": "",
                "website": "",
            }
            counts[endpoint.key], response = _counted(lambda path=endpoint.path, data=data: _client().post(path, data))
            if response.status_code != 302:
                raise RuntimeError(f"POST {endpoint.path} answered {response.status_code}, not 302")
    return counts


def count_long_tail(addresses: list[str]) -> int:
    """Queries of a long-tail article asked for the first time, the process warmed by another."""
    sample, warmer = addresses[0], addresses[-1]
    if _client().get(warmer).status_code != 200:
        raise RuntimeError(f"GET {warmer} did not answer 200")
    count, response = _counted(lambda: _client().get(sample))
    if response.status_code != 200:
        raise RuntimeError(f"GET {sample} answered {response.status_code}")
    return count


def count_writes(corpus: dict) -> dict[str, int]:
    """Queries of the POST of each write, made as the bench login (the forms read as bench/writes.py does)."""
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    from bench import writes

    client = _client()
    client.force_login(get_user_model().objects.get(username=corpus["bench_login"]))

    def post(page: str, form: writes.Form, **extra) -> int:
        count, response = _counted(lambda: client.post(form.action or page, {**form.data(), **extra}))
        if response.status_code != 302:
            raise RuntimeError(f"POST {form.action or page} answered {response.status_code}, not 302")
        return count

    counts: dict[str, int] = {}
    # The newest draft: the write rows publish the oldest ones.
    article = writes.drafts(10_000)[-1]
    change = reverse("admin:articles_article_change", args=[article.pk])
    form = writes.find_form(client.get(change).content.decode(), action_endswith="/workflow/publish/")
    counts["publish"] = post(change, form)

    comment = writes.pending_comments(1, exclude_articles=[corpus["post_article_id"]])[0]
    queue = writes.queue_of(comment.article_id)
    form = writes.find_form(client.get(queue).content.decode(), id="changelist-form")
    form = form.filled({"action": "approve"}, add=[("_selected_action", str(comment.pk))])
    counts["approve"] = post(queue, form, index="0")

    film = corpus.get("renamed_film")
    if film:
        change = reverse("admin:films_film_change", args=[film["id"]])
        form = writes.find_form(client.get(change).content.decode(), id="film_form")
        form = form.filled({"title": f"{film['title'][:150]} (queries {os.getpid()})"})
        counts["rename"] = post(change, form, _save="Save")
    return counts


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.querycount")
    parser.add_argument("corpus", type=Path)
    parser.add_argument("tokens", type=Path)
    parser.add_argument("--long-tail", type=Path, help="the runner's file of long-tail addresses")
    parser.add_argument("--writes", action="store_true", help="count the desk's writes too (they change the corpus)")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "magazine.settings")
    import django

    django.setup()
    corpus = json.loads(args.corpus.read_text())
    counts = count_queries(corpus, args.tokens.read_text().split())
    if args.long_tail:
        counts["longtail"] = count_long_tail(args.long_tail.read_text().split())
    if args.writes:
        counts |= {f"write:{key}": value for key, value in count_writes(corpus).items()}
    print(json.dumps(counts))


if __name__ == "__main__":
    main()
