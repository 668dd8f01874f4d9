"""SQL queries per request, counted in-process with Django's test client.

Run by bench/run.py in a subprocess per mode, with the bench servers' environment
(PAGE_CACHE_SECONDS=0 for cache-cold):

    python -m bench.querycount CORPUS_JSON TOKENS_FILE

prints {"<endpoint>": <queries>, ...} as JSON. Each GET is made twice with a fresh,
cookie-less client and the second is counted: per-process caches are warm as in a
long-running worker, and with the page cache on the second request is the cached one.
A comment post is counted once, with a fresh form token.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path


def count_queries(corpus: dict, tokens: list[str]) -> dict[str, int]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench.endpoints import endpoints

    def client() -> Client:
        return Client(HTTP_HOST="127.0.0.1", raise_request_exception=True)

    counts: dict[str, int] = {}
    for endpoint in endpoints(corpus):
        if endpoint.method == "GET":
            first = client().get(endpoint.path)
            if first.status_code >= 400:
                raise RuntimeError(f"GET {endpoint.path} answered {first.status_code}")
            with CaptureQueriesContext(connection) as queries:
                client().get(endpoint.path)
        else:
            data = {
                "name": "Query counter",
                "email": f"querycount-{os.getpid()}@example.com",
                "body": f"Counting the queries of a post ({os.getpid()}).",
                "token": tokens.pop(),
                "parent": "",
                "website": "",
            }
            with CaptureQueriesContext(connection) as queries:
                response = client().post(endpoint.path, data)
            if response.status_code != 302:
                raise RuntimeError(f"POST {endpoint.path} answered {response.status_code}, not 302")
        counts[endpoint.key] = len(queries)
    return counts


def main(argv: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "magazine.settings")
    import django

    django.setup()
    corpus = json.loads(Path(argv[0]).read_text())
    tokens = Path(argv[1]).read_text().split()
    print(json.dumps(count_queries(corpus, tokens)))


if __name__ == "__main__":
    main(sys.argv[1:])
