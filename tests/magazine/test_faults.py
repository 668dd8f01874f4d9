"""PostgreSQL restarts under steady load: readers keep reading, posts get quick 503s, the site heals,
nothing acknowledged is lost.

The test stops and starts the PostgreSQL cluster that serves the test database (pg_ctlcluster,
as root: the CI machine's own server). The load is bounded: a few threads on 127.0.0.1.
"""

from __future__ import annotations

import subprocess
import threading
import time
from collections import Counter
from dataclasses import dataclass, field

import pytest
import redis
import requests
from django.db import connection, connections

from comments.models import Comment
from tests.factories import ArticleFactory
from tests.redis_dbs import redis_url
from tests.servers import collect_static, comment_form, gunicorn

pytestmark = [
    # Other tests running meanwhile would lose their database too.
    pytest.mark.serial,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="restarts the PostgreSQL server"),
    pytest.mark.django_db(transaction=True),
]

REDIS_URL = redis_url(1)
READERS = 4
OUTAGE_SECONDS = 4
RECOVERY_LIMIT = 10
# No request may hang: the database timeout is 2 s, gunicorn's own 30 s.
SLOWEST_ALLOWED = 5.0


def cluster() -> tuple[str, str]:
    """The (version, name) of the local PostgreSQL cluster that listens on the test database's port."""
    port = str(connection.settings_dict["PORT"] or 5432)
    listing = subprocess.run(["pg_lsclusters", "--no-header"], capture_output=True, text=True, check=True).stdout
    for line in listing.splitlines():
        version, name, cluster_port, *_ = line.split()
        if cluster_port == port:
            return version, name
    raise AssertionError(f"no local PostgreSQL cluster on port {port}: this test must control the server")


def pg_ctl(action: str) -> None:
    version, name = cluster()
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", version, name, action, *(["-m", "fast"] * (action == "stop"))],
        check=True,
        capture_output=True,
    )


@dataclass
class Seen:
    at: float
    kind: str
    status: int
    seconds: float


@dataclass
class Load:
    base: str
    article_path: str
    seen: list[Seen] = field(default_factory=list)
    acknowledged: list[str] = field(default_factory=list)
    errors: list[BaseException] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, kind: str, started: float, status: int) -> None:
        with self.lock:
            self.seen.append(Seen(started, kind, status, time.monotonic() - started))

    def reader(self, number: int) -> None:
        """Read the article and post a comment, again and again, like a busy reader."""
        count = 0
        while not self.stop.is_set():
            session = requests.Session()
            started = time.monotonic()
            try:
                action, fields = comment_form(session, self.base, self.article_path)
            except requests.HTTPError as error:
                self.record("read", started, error.response.status_code)
                time.sleep(0.1)
                continue
            except BaseException as error:  # noqa: BLE001  (reported by the test itself)
                self.errors.append(error)
                return
            self.record("read", started, 200)
            count += 1
            text = f"Reader {number}, comment {count}."
            data = fields | {"name": f"Reader {number}", "email": f"reader{number}@example.com", "body": text}
            started = time.monotonic()
            try:
                response = session.post(action, data=data, allow_redirects=False, timeout=15)
            except BaseException as error:  # noqa: BLE001
                self.errors.append(error)
                return
            self.record("post", started, response.status_code)
            if response.status_code == 302:
                with self.lock:
                    self.acknowledged.append(text)

    def successes_since(self, moment: float, kind: str) -> list[Seen]:
        with self.lock:
            return [seen for seen in self.seen if seen.at >= moment and seen.kind == kind and seen.status < 400]


def wait_for(condition, limit: float) -> float:
    started = time.monotonic()
    while not condition():
        if time.monotonic() - started > limit:
            return float("inf")
        time.sleep(0.05)
    return time.monotonic() - started


def test_site_survives_a_postgres_restart_under_load(tmp_path):
    article = ArticleFactory(title="Under load")
    static_root = tmp_path / "static"
    collect_static(static_root)
    env = {
        "COMMENTS_RATE_LIMIT_PER_IP": "1000000",
        "COMMENTS_RATE_LIMIT_PER_EMAIL": "1000000",
        # The servers' shared cache, as in production: the page cache outlives the database.
        "CACHE_URL": REDIS_URL,
    }
    redis.Redis.from_url(REDIS_URL).flushdb()
    with gunicorn(static_root, **env) as base:
        load = Load(base, article.get_absolute_url())
        threads = [threading.Thread(target=load.reader, args=(number,)) for number in range(READERS)]
        for thread in threads:
            thread.start()
        try:
            assert wait_for(lambda: len(load.successes_since(0, "post")) >= 10, 30) < 30, "no steady load"
            down_at = time.monotonic()
            pg_ctl("stop")
            try:
                time.sleep(OUTAGE_SECONDS)
            finally:
                up_at = time.monotonic()
                pg_ctl("start")
            recovery = wait_for(
                lambda: load.successes_since(up_at, "read") and load.successes_since(up_at, "post"),
                RECOVERY_LIMIT + 5,
            )
            time.sleep(1)
        finally:
            load.stop.set()
            for thread in threads:
                thread.join(timeout=30)

    connections.close_all()  # the test's own connection died with the server
    during = [seen for seen in load.seen if down_at + 0.5 <= seen.at < up_at]
    # Shown when the test fails, or with `pytest -s`.
    print(
        f"requests {len(load.seen)}, during the outage {len(during)} "
        f"({Counter(seen.status for seen in during)}), slowest {max(seen.seconds for seen in load.seen):.2f} s, "
        f"recovery {recovery:.2f} s, comments acknowledged {len(load.acknowledged)}"
    )
    assert load.errors == []
    assert during, "no request was made while the database was down"
    # The article comes from the page cache, which needs no database; a post needs it.
    assert {seen.status for seen in during if seen.kind == "read"} == {200}, "the cached page is served meanwhile"
    assert {seen.status for seen in during if seen.kind == "post"} == {503}, "posts get a 503 meanwhile"
    assert max(seen.seconds for seen in load.seen) < SLOWEST_ALLOWED
    assert recovery <= RECOVERY_LIMIT, f"reads and posts came back {recovery:.1f} s after the database"
    assert 500 not in {seen.status for seen in load.seen}
    stored = Counter(Comment.objects.filter(article=article).values_list("body", flat=True))
    assert load.acknowledged, "no comment was acknowledged"
    assert [text for text in load.acknowledged if stored[text] != 1] == [], "acknowledged comments stored once each"
