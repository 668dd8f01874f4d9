"""The benchmark: build the corpus, serve the site as production would, drive it with wrk.

    python -m bench.run [--scale 1.0] [--duration 15] [--connections 32] [--reuse-corpus]

bench/README.md says what each row of the table means. The run reports missed targets and
exits 0; it exits non-zero when wrk is missing or a server does not start.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import secrets
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from bench import loadgen, longtail, nginx, rebuild, report, writes
from bench.endpoints import WORK_PAGES, Endpoint, endpoints
from bench.servers import ServerFailed, Service, error_statuses, http_get, paths_asked

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/magazine_bench"
DEFAULT_CACHE_URL = "redis://127.0.0.1:6379/7"
# More comment posts a second than the site can take: each wrk run gets a fresh token per post.
TOKENS_PER_SECOND = 3000
# What the runner reads from var/bench/corpus.json; a corpus built before one was added is rebuilt.
REQUIRED_FACTS = (
    "anora_path",
    "busiest_path",
    "deep_section_path",
    "tag_path",
    "post_article_id",
    "bench_login",
    *(fact for _key, _label, fact in WORK_PAGES),
)


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def workers() -> int:
    return 2 * (os.cpu_count() or 1) + 1


def bench_environment(*, database_url: str, cache_url: str) -> dict[str, str]:
    """What the app servers (and this process) run with: the production profile over plain http."""
    return {
        "DJANGO_SETTINGS_MODULE": "magazine.settings",
        "DJANGO_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DEBUG": "false",
        "DATABASE_URL": database_url,
        "CACHE_URL": cache_url,
        "DB_CONN_MAX_AGE": "60",
        # No TLS on the bench: no redirect to https, no HSTS.
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        # One address posts every comment: lift the per-address and per-email limits.
        "COMMENTS_RATE_LIMIT_PER_IP": "1000000000",
        "COMMENTS_RATE_LIMIT_PER_EMAIL": "1000000000",
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "WEB_CONCURRENCY": str(workers()),
    }


def redact(value):
    """`value`, with the password taken out if it is a URL that carries one (results get shared)."""
    if isinstance(value, str) and "://" in value:
        parts = urlsplit(value)
        if parts.password:
            return urlunsplit(parts._replace(netloc=parts.netloc.replace(f":{parts.password}@", ":***@")))
    return value


def ensure_database(url: str) -> None:
    """Create the bench's PostgreSQL database when it does not exist yet."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    try:
        psycopg.connect(url, connect_timeout=5).close()
        return
    except psycopg.OperationalError as error:
        if "does not exist" not in str(error):
            raise
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    log(f"created database {name}")


def stored_comments(run_tag: str) -> tuple[int, int]:
    """Comments stored from one wrk posting run (post_comment.lua puts its tag in every email):
    how many rows, and how many distinct emails (one a post)."""
    from django.db.models import Count

    from comments.models import Comment

    stored = Comment.objects.filter(email__startswith=f"bench-{run_tag}-").aggregate(
        rows=Count("pk"), distinct=Count("email", distinct=True)
    )
    return stored["rows"], stored["distinct"]


def commit() -> str:
    """The checkout the bench runs, for the header: ", code <short commit>" ("+ changes" if it has any)."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""
    return f", code {head}" + (" + changes" if dirty else "")


class Bench:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        # Absolute: nginx reads its paths from its own prefix.
        self.out = Path(args.out).resolve()
        self.out.mkdir(parents=True, exist_ok=True)
        # Logs of this run only: the notes count error statuses in them.
        shutil.rmtree(self.out / "logs", ignore_errors=True)
        (self.out / "logs").mkdir()
        self.env = os.environ.copy() | bench_environment(database_url=args.database_url, cache_url=args.cache_url)
        self.services: list[Service] = []
        self.rows: list[report.Row] = []
        self.port = args.port
        self.tag = secrets.token_hex(3)
        self.notes: list[str] = []
        self.nginx_bin: str | None = None
        self.writes: list[writes.WriteCost] = []
        self.rebuild: report.Rebuild | None = None
        self.long_tail: dict[str, Path] = {}
        self.long_tail_measured: list[str] = []
        self.password = secrets.token_urlsafe(24)
        # The load average (1 min) when the run starts, after each row, and at its end.
        self.load: list[float] = [os.getloadavg()[0]]

    # --- Preparing -----------------------------------------------------------

    def prepare(self) -> dict:
        os.environ.update(self.env)
        import django

        django.setup()
        from django.core.management import call_command

        # First: the corpus's build renders every reader's page, and they name the static files by
        # their hashed names (the production profile's manifest).
        log("collecting static files")
        call_command("collectstatic", "--noinput", verbosity=0)
        corpus_file = self.out / "corpus.json"
        corpus = json.loads(corpus_file.read_text()) if self.args.reuse_corpus and corpus_file.exists() else None
        if corpus is not None and (missing := [name for name in REQUIRED_FACTS if name not in corpus]):
            log(f"the corpus of {corpus_file} predates {', '.join(missing)}: building it again")
            corpus = None
        if corpus is not None:
            log(f"reusing the corpus of {corpus_file}")
        else:
            from bench.corpus import build

            log(f"building the corpus at scale {self.args.scale}")
            started = time.monotonic()
            corpus = build(self.args.scale)
            log(f"corpus built in {time.monotonic() - started:.0f} s: {corpus.get('counts')}")
            corpus_file.write_text(json.dumps(corpus, indent=2))
        from bench.corpus import bench_login
        from core.tasks import run_queued

        # What building the corpus queued for the task worker (the Read next of the articles each new
        # one enters, 34 tasks and 18 s of work at scale 1), done now: the worker started beside the
        # page-cache rows would do it on one of the two cores during the long tail's measurement.
        started = time.monotonic()
        log(f"ran what the corpus left queued: {run_queued()} tasks in {time.monotonic() - started:.0f} s")
        # A new password for each run: none is kept anywhere.
        bench_login(self.password)
        self.write_long_tail(corpus)
        return corpus

    def write_long_tail(self, corpus: dict) -> None:
        """The long tail's address files: the measured ones, and others for its warm-up."""
        measured_elsewhere = {corpus["anora_path"], corpus["busiest_path"]}
        paths = longtail.published_article_paths(exclude=measured_elsewhere)
        measured, rest = longtail.choose(paths, count=self.args.long_tail)
        self.long_tail_measured = measured
        folder = self.out / "long-tail"
        self.long_tail = {"measure": longtail.write_addresses(folder / "measure.txt", measured)}
        if rest:
            self.long_tail["warm-up"] = longtail.write_addresses(folder / "warm-up.txt", rest)
        else:
            self.notes.append("the long tail had no other articles for its warm-up: it ran without one")
        log(f"long tail: {len(measured):,} article addresses in {self.long_tail['measure']}")

    def token_file(self, name: str, seconds: float) -> Path:
        from bench.tokens import write_tokens

        return write_tokens(self.out / "tokens" / f"{name}.txt", int(seconds * TOKENS_PER_SECOND) + 500)

    def flush_cache(self) -> None:
        from django.core.cache import cache

        cache.clear()

    # --- Servers -------------------------------------------------------------

    def gunicorn(self, name: str, *, port: int, wsgi: str, ready_path: str, **env: str) -> Service:
        service = Service(
            name,
            [
                str(Path(sys.executable).parent / "gunicorn"),
                *("-c", str(ROOT / "gunicorn.conf.py")),
                # gunicorn 27's control socket is one path per user: two servers would share it.
                "--no-control-socket",
                wsgi,
            ],
            log_path=self.out / "logs" / f"{name}.log",
            env=self.env | {"GUNICORN_BIND": f"127.0.0.1:{port}"} | env,
            cwd=ROOT,
        )
        self.services.append(service)
        log(f"starting {name} on port {port} ({workers()} workers)")
        return service.start(f"http://127.0.0.1:{port}{ready_path}", port=port)

    def task_worker(self) -> Service:
        """`manage.py worker`, as deployed beside gunicorn: it renders what a change leaves to it."""
        service = Service(
            "task-worker",
            [sys.executable, str(ROOT / "manage.py"), "worker", "--worker-id", "bench"],
            log_path=self.out / "logs" / "task-worker.log",
            env=self.env,
            cwd=ROOT,
        )
        self.services.append(service)
        log("starting the task worker")
        return service.start_unlistening()

    def nginx(self, name: str, config: str, *, port: int, ready_path: str) -> Service:
        path = self.out / f"{name}.conf"
        path.write_text(config)
        check = subprocess.run([self.nginx_bin, "-t", "-q", "-p", str(self.out), "-c", str(path)], capture_output=True)
        if check.returncode != 0:
            raise ServerFailed(f"nginx rejects {path}:\n{check.stderr.decode()}")
        service = Service(
            name,
            [self.nginx_bin, "-p", str(self.out), "-c", str(path), "-g", "daemon off;"],
            log_path=self.out / "logs" / f"{name}.log",
            cwd=self.out,
        )
        self.services.append(service)
        log(f"starting {name} on port {port}")
        return service.start(f"http://127.0.0.1:{port}{ready_path}", port=port)

    def stop(self, service: Service) -> None:
        service.stop()
        if service in self.services:
            self.services.remove(service)
        if service.name.startswith("gunicorn") and (errors := error_statuses(service.log_path)):
            summary = ", ".join(f"{count} × {status}" for status, count in sorted(errors.items()))
            self.notes.append(f"{service.name} answered {summary} (see {service.log_path})")

    def stop_all(self) -> None:
        for service in reversed(self.services):
            service.stop()
        self.services.clear()

    # --- Measuring -----------------------------------------------------------

    def drive(
        self,
        port: int,
        endpoint: Endpoint,
        *,
        mode: str,
        sql: int | None = None,
        label: str | None = None,
        connections: int | None = None,
        script: str | None = None,
        script_args: dict[str, tuple[str, ...]] | None = None,
        drain_path: str | None = None,
    ) -> report.Row:
        """Warm up, then measure `endpoint` with wrk. `script` and `script_args` (by phase; a phase
        without them is left out) drive it with a script of bench/wrk/ instead of the method's own."""
        url = f"http://127.0.0.1:{port}{endpoint.path}"
        connections = connections or self.args.connections
        options = {"connections": connections, "threads": min(self.args.threads, connections)}
        if endpoint.method == "POST":
            options["script"] = "post_comment.lua"
        if script:
            options["script"] = script
        posting = endpoint.method == "POST"
        drain = f"http://127.0.0.1:{port}{drain_path or (endpoint.path if not posting else '/')}"
        answered = stored = duplicates = 0
        for phase, seconds in (("warm-up", self.args.warmup), ("measure", self.args.duration)):
            if seconds <= 0 or (script_args is not None and phase not in script_args):
                continue
            run_tag = f"{self.tag}{mode[0]}{phase[0]}"
            if posting:
                tokens = self.token_file(f"{mode}-{phase}".replace(" ", "-"), seconds)
                options["script_args"] = (str(tokens), str(self.args.threads), run_tag)
            elif script_args is not None:
                options["script_args"] = script_args[phase]
            # A sync worker finishes what it took on even after wrk has gone: let the warm-up's
            # leftover requests drain, so the measurement does not start behind them.
            http_get(drain, timeout=120)
            result, output = loadgen.run_wrk(url, duration=seconds, **options)
            with (self.out / "logs" / "wrk.log").open("a") as wrk_log:
                wrk_log.write(f"### {mode} {endpoint.key} {phase}\n{output}\n")
            if posting:
                answered += result.answered or 0
                rows, distinct = stored_comments(run_tag)
                stored, duplicates = stored + rows, duplicates + rows - distinct
        row = report.Row(
            endpoint=endpoint.key,
            label=label or endpoint.label,
            mode=mode,
            requests=result.requests,
            requests_per_second=result.requests_per_second,
            p50_ms=result.p50_ms,
            p95_ms=result.p95_ms,
            p99_ms=result.p99_ms,
            errors=result.errors,
            sql=sql,
            public_page=endpoint.public_page,
            tokens_reused=result.tokens_reused,
            repeats=result.repeats,
        )
        if posting:
            row.answered, row.stored, row.duplicates = answered, stored, duplicates
        self.load.append(os.getloadavg()[0])
        log(
            f"{row.label} ({mode}): {row.requests_per_second:,.0f} requests/s, p50 {row.p50_ms:.1f} ms, "
            f"p99 {row.p99_ms:.1f} ms, {row.errors} errors ({row.requests} requests)"
        )
        self.rows.append(row)
        return row

    def query_counts(self, page_cache_seconds: str | None, *, count_writes: bool = False) -> dict[str, int]:
        env = self.env | ({"PAGE_CACHE_SECONDS": page_cache_seconds} if page_cache_seconds is not None else {})
        tokens = self.token_file("querycount", 0)
        command = [sys.executable, "-m", "bench.querycount", str(self.out / "corpus.json"), str(tokens)]
        command += ["--long-tail", str(self.long_tail["measure"])]
        if count_writes:
            command.append("--writes")
        completed = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True)
        if completed.returncode != 0:
            self.notes.append(f"query count failed: {completed.stderr.strip().splitlines()[-1:]}")
            log(f"query count failed:\n{completed.stderr[-3000:]}")
            return {}
        return json.loads(completed.stdout.strip().splitlines()[-1])

    def measure_long_tail(self, port: int, sql: int | None, log_path: Path) -> None:
        """Each request a different published article, the page cache on and empty at the start."""
        threads = str(self.args.threads)
        count = len(self.long_tail_measured)
        row = self.drive(
            port,
            Endpoint("longtail", f"long tail ({count:,} articles)", self.long_tail_measured[0]),
            mode=report.LONG_TAIL,
            sql=sql,
            script="long_tail.lua",
            script_args={phase: (str(path), threads) for phase, path in self.long_tail.items()},
            drain_path="/healthz",
        )
        asked, distinct = paths_asked(log_path, set(self.long_tail_measured))
        row.distinct_paths = distinct
        self.notes.append(
            f"long tail: {asked:,} requests reached the app for {distinct:,} distinct articles"
            + (f"; wrk's threads went round their share again {row.repeats:,} times" if row.repeats else "")
        )

    def measure_writes(self, port: int, corpus: dict, sql: dict[str, int]) -> None:
        """The desk's three writes through the admin, and how soon every page they change shows them."""
        base = f"http://127.0.0.1:{port}"
        repeats, timeout = self.args.write_repeats, self.args.visible_timeout

        def fetch(path: str) -> tuple[int, bytes]:
            return http_get(base + path, timeout=30)

        desk = writes.Desk(base)
        plans = [
            ("publish", "publishing an article (Publish now)", lambda: writes.publish_attempts(desk, repeats)),
            (
                "approve",
                "approving a comment (the queue's Approve)",
                lambda: writes.approve_attempts(
                    desk,
                    fetch,
                    repeats,
                    exclude_articles=[corpus["post_article_id"]],
                ),
            ),
        ]
        film = corpus.get("renamed_film")
        if film:
            plans.append(
                (
                    "rename",
                    f"renaming a film on {film['articles']:,} articles' cards",
                    lambda: writes.rename_attempts(desk, film["id"], repeats, base_title=film["title"], tag=self.tag),
                )
            )
        else:
            self.notes.append("the corpus has no film to rename: the rename row is missing")
        try:
            desk.log_in(corpus["bench_login"], self.password)
        except (writes.WriteFailed, OSError) as error:
            for key, label, _attempts in plans:
                self.writes.append(
                    writes.WriteCost(key, label, repeats, sql=sql.get(f"write:{key}"), error=str(error))
                )
            log(f"write costs: {error}")
            return
        for key, label, attempts in plans:
            log(f"write costs: {label}, {repeats} times")
            cost = writes.measure(key, label, attempts(), wanted=repeats, fetch=fetch, timeout=timeout)
            cost.sql = sql.get(f"write:{key}")
            self.writes.append(cost)
            self.load.append(os.getloadavg()[0])
            log(
                f"{label}: {cost.done}/{repeats} made, request p95 {cost.request_ms(95) or 0:,.0f} ms, "
                f"visible p95 {report.seconds(cost.visible_s(95))}"
                + (f"; failed: {cost.failures[0]}" if cost.failures else "")
            )

    def measure_rebuild(self, corpus: dict) -> None:
        log("rebuild: manage.py rerender --all")
        self.rebuild = rebuild.run(corpus, env=self.env, log_path=self.out / "logs" / "rerender.log")
        if not self.rebuild.available:
            log("rebuild: not available (no rerender command)")
        else:
            done = self.rebuild
            log(f"rebuild: {done.seconds:.0f} s, {done.articles_per_second} articles/s {done.error}".rstrip())

    def run(self) -> int:
        loadgen.wrk_path()
        self.nginx_bin = shutil.which("nginx", path=f"{os.environ.get('PATH', '')}:/usr/sbin:/sbin")
        if self.nginx_bin is None:
            raise ServerFailed("nginx is not installed: `apt-get install nginx-light` (or run `make bench`).")
        ensure_database(self.args.database_url)
        corpus = self.prepare()
        pages = endpoints(corpus)
        anora = next(page for page in pages if page.key == "anora")
        app_port, floor_port, static_port, front_port = self.port, self.port + 1, self.port + 2, self.port + 3

        log("counting SQL queries per request")
        self.flush_cache()
        sql_cold = self.query_counts("0")
        self.flush_cache()
        # The writes are counted last, in the mode they are measured in: they change the corpus.
        sql_warm = self.query_counts(None, count_writes=not self.args.skip_writes)

        # Cache-cold: the page cache off, every query runs.
        self.flush_cache()
        app = self.gunicorn(
            "gunicorn-cold", port=app_port, wsgi="magazine.wsgi", ready_path="/healthz", PAGE_CACHE_SECONDS="0"
        )
        status, html = http_get(f"http://127.0.0.1:{app_port}{anora.path}")
        if status != 200:
            raise ServerFailed(f"the Anora essay answered {status}")
        saved = self.out / "static-site" / "anora.html"
        saved.parent.mkdir(parents=True, exist_ok=True)
        saved.write_bytes(html)
        for page in pages:
            self.drive(app_port, page, mode=report.COLD, sql=sql_cold.get(page.key))
        # A search as one reader waits for it: at 32 connections every cold page queues behind
        # the CPU, which the rows above (and the p99 target) measure already.
        search = next(page for page in pages if page.key == "search")
        self.drive(app_port, search, mode=report.ONE_READER, sql=sql_cold.get(search.key), connections=1)
        self.stop(app)

        # The framework floor: a bare Django view, same gunicorn settings, same HTML.
        self.write_floor_template(anora.path, html.decode())
        floor = self.gunicorn(
            "gunicorn-floor",
            port=floor_port,
            wsgi="bench.floor.wsgi",
            ready_path=anora.path,
            DJANGO_SETTINGS_MODULE="bench.floor.settings",
            BENCH_FLOOR_TEMPLATES=str(self.out / "floor"),
        )
        status, floor_html = http_get(f"http://127.0.0.1:{floor_port}{anora.path}")
        if status != 200 or floor_html != html:
            self.notes.append("the framework floor's page differs from the saved Anora essay")
        floor_endpoint = Endpoint("floor", report.FLOOR, anora.path)
        self.drive(floor_port, floor_endpoint, mode=report.ANCHOR, sql=1)
        self.stop(floor)

        # The static limit: nginx serving the saved page.
        static = self.nginx(
            "nginx-static",
            nginx.static_config(self.out, port=static_port, html_file=saved),
            port=static_port,
            ready_path=anora.path,
        )
        self.drive(static_port, Endpoint("static", report.STATIC, anora.path), mode=report.ANCHOR, sql=0)
        self.stop(static)

        # The page cache on, in Redis, flushed first: the long tail (every request a page not yet
        # kept), then the cache-warm rows, the front cache in front of it, and the desk's writes.
        self.flush_cache()
        app = self.gunicorn("gunicorn-warm", port=app_port, wsgi="magazine.wsgi", ready_path="/healthz")
        worker = self.task_worker()
        self.measure_long_tail(app_port, sql_warm.get("longtail"), app.log_path)
        for page in pages:
            if page.page_cache:
                self.drive(app_port, page, mode=report.WARM, sql=sql_warm.get(page.key))
        front = self.nginx(
            "nginx-front-cache",
            nginx.front_cache_config(self.out, port=front_port, upstream_port=app_port),
            port=front_port,
            ready_path="/healthz",
        )
        for page in pages:
            if page.key in {"anora", "home"}:
                self.drive(front_port, page, mode=report.FRONT)
        self.stop(front)
        if not self.args.skip_writes:
            self.measure_writes(app_port, corpus, sql_warm)
        self.stop(app)
        # What the writes left queued is not the rebuild's to compete with.
        self.stop(worker)

        # With no server running: issue 23's rebuild of every stored page, when the command exists.
        self.measure_rebuild(corpus)
        return 0

    def write_floor_template(self, path: str, html: str) -> None:
        from articles.models import Article
        from bench.floor.template import write_floor_template

        article = Article.objects.get(slug=path.strip("/").split("/")[-1])
        write_floor_template(self.out / "floor", html, title=article.title, dek=article.dek, body=article.body)

    # --- Reporting -----------------------------------------------------------

    def header(self, corpus: dict) -> str:
        when = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
        counts = corpus.get("counts") or {}
        size = ", ".join(f"{counts[name]:,} {name}" for name in ("articles", "comments") if name in counts)
        scale = f" (scale {corpus['scale']:g})" if isinstance(corpus.get("scale"), int | float) else ""
        load = self.load + [os.getloadavg()[0]]
        return (
            f"Bench of {when} on {platform.node()} ({os.cpu_count()} cores, Python {platform.python_version()}"
            f"{commit()}): wrk -t{self.args.threads} -c{self.args.connections} -d{self.args.duration:g}s "
            f"--timeout 5s after {self.args.warmup:g} s of warm-up; gunicorn with {workers()} sync workers; "
            f"corpus: {size or '?'}{scale}; load average (1 min) {load[0]:.2f} at the start, "
            f"{min(load):.2f}–{max(load):.2f} after the rows, {load[-1]:.2f} at the end.\n"
        )

    def write_results(self) -> str:
        corpus_file = self.out / "corpus.json"
        corpus = json.loads(corpus_file.read_text()) if corpus_file.exists() else {}
        text = report.markdown(
            self.rows,
            connections=self.args.connections,
            header=self.header(corpus),
            writes=self.writes,
            rebuild=self.rebuild,
        )
        if self.notes:
            text += "\nNotes:\n\n" + "".join(f"- {note}\n" for note in self.notes)
        (self.out / "results.md").write_text(text)
        checks = report.checks(self.rows, connections=self.args.connections, writes=self.writes)
        (self.out / "results.json").write_text(
            json.dumps(
                {
                    "rows": [row.as_dict() for row in self.rows],
                    "writes": [write.as_dict() for write in self.writes],
                    "rebuild": self.rebuild.as_dict() if self.rebuild else None,
                    "checks": [check.__dict__ for check in checks],
                    "notes": self.notes,
                    "corpus": corpus.get("counts"),
                    "load_average": self.load + [os.getloadavg()[0]],
                    "commit": commit().strip(", "),
                    "arguments": {name: redact(value) for name, value in vars(self.args).items()},
                },
                indent=2,
            )
        )
        return text


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="corpus size (1.0: the full corpus)")
    parser.add_argument("--duration", type=float, default=15, help="seconds of each measurement")
    parser.add_argument("--warmup", type=float, default=3, help="seconds of warm-up before each measurement")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--reuse-corpus", action="store_true", help="keep the corpus of var/bench/corpus.json")
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL))
    parser.add_argument("--cache-url", default=os.environ.get("BENCH_CACHE_URL", DEFAULT_CACHE_URL))
    parser.add_argument(
        "--port",
        type=int,
        default=int(os.environ.get("BENCH_PORT", "8120")),
        help="first of four ports: app, floor, static nginx, front-cache nginx",
    )
    parser.add_argument("--out", default=str(ROOT / "var" / "bench"), help="where results and logs go")
    parser.add_argument(
        "--long-tail", type=int, default=longtail.ADDRESSES, help="distinct articles the long tail cycles through"
    )
    parser.add_argument("--write-repeats", type=int, default=20, help="times each desk write is made")
    parser.add_argument(
        "--visible-timeout",
        type=float,
        default=60,
        help="seconds a write's pages may take to show it before it counts as failed",
    )
    parser.add_argument(
        "--skip-writes", action="store_true", help="leave out the desk's writes (they change the corpus)"
    )
    return parser.parse_args(argv)


def _interrupt(signum, frame) -> None:
    """`kill` stops the run as Ctrl-C does: through main()'s finally, which stops the servers."""
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    bench = Bench(args)
    # Also when started in the background, where SIGINT comes ignored: `kill -INT` stops the run too.
    signal.signal(signal.SIGINT, _interrupt)
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        bench.run()
    except loadgen.WrkMissing as error:
        log(str(error))
        return 2
    except ServerFailed as error:
        log(f"a server failed: {error}")
        return 3
    except KeyboardInterrupt:
        log("interrupted")
        return 130
    finally:
        # A second Ctrl-C must not cut the clean-up short and leave servers behind.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        bench.stop_all()
        # Spent or not, the form tokens are of no use to another run.
        shutil.rmtree(bench.out / "tokens", ignore_errors=True)
        if bench.rows:
            text = bench.write_results()
            print(text)
            log(f"results in {bench.out / 'results.md'} and results.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
