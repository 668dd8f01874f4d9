"""The benchmark runner's parts that need no wrk, nginx or running server."""

import datetime
import json
import shutil
import socket
import subprocess

import pytest
from django.test import Client, override_settings
from django.utils import timezone

from bench import nginx, report
from bench.floor.template import floor_template, write_floor_template
from bench.loadgen import parse_wrk
from bench.servers import ServerFailed, ensure_port_free, error_statuses
from bench.tokens import write_tokens
from comments.forms import read_form_token
from tests.factories import ArticleFactory

WRK_OUTPUT = """\
Running 15s test @ http://127.0.0.1:8120/comments/post/9/
  2 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    21.37ms   10.02ms 250.11ms   85.12%
    Req/Sec   752.33     80.12     0.91k    70.00%
  Latency Distribution
     50%   19.85ms
     75%   24.10ms
     90%   31.75ms
     99%    1.02s
  22570 requests in 15.02s, 5.44MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 4
Requests/sec:   1502.66
Transfer/sec:    370.87KB
BENCH-JSON {"requests": 22570, "duration_us": 15020000, "p50_us": 19850, "p95_us": 38412, "p99_us": 1020000, \
"max_us": 250110, "connect": 0, "read": 2, "write": 0, "status": 4, "timeout": 1, "tokens_reused": 0}
"""


def test_wrk_report_is_parsed():
    result = parse_wrk(WRK_OUTPUT)
    assert result.requests == 22570
    assert result.requests_per_second == 1502.66
    assert result.p50_ms == pytest.approx(19.85)
    assert result.p99_ms == pytest.approx(1020.0)
    assert result.p95_ms == pytest.approx(38.412)
    assert (result.socket_errors, result.non_2xx_3xx, result.errors) == (3, 4, 7)


def test_wrk_report_without_errors_or_lua_line():
    plain = "\n".join(
        line for line in WRK_OUTPUT.splitlines() if not line.startswith(("  Socket", "  Non-2xx", "BENCH", '"max'))
    )
    result = parse_wrk(plain.replace("1.02s", "850.00us"))
    assert result.errors == 0
    assert result.p95_ms is None
    assert result.p99_ms == pytest.approx(0.85)


def test_text_that_is_not_a_wrk_report_is_refused():
    with pytest.raises(ValueError):
        parse_wrk("wrk: command not found")


def row(endpoint, mode, rps, *, p99=20.0, p95=10.0, errors=0, public=True, requests=1000, **extra):
    return report.Row(
        endpoint, endpoint, mode, requests, rps, 5.0, p95, p99, errors, sql=3, public_page=public, **extra
    )


def posting(mode, rps, *, answered=1000, stored=1000, duplicates=0):
    return row("comment", mode, rps, public=False, answered=answered, stored=stored, duplicates=duplicates)


def results(*replacements):
    rows = {
        ("floor", report.ANCHOR): row("floor", report.ANCHOR, 1000),
        ("static", report.ANCHOR): row("static", report.ANCHOR, 20000),
        ("home", report.COLD): row("home", report.COLD, 450),
        ("anora", report.COLD): row("anora", report.COLD, 700),
        ("busiest", report.COLD): row("busiest", report.COLD, 600),
        ("section", report.COLD): row("section", report.COLD, 500),
        ("tag", report.COLD): row("tag", report.COLD, 480),
        ("search", report.COLD): row("search", report.COLD, 500, p95=30.0),
        ("search", report.ONE_READER): row("search", report.ONE_READER, 40, p95=30.0),
        ("comment", report.COLD): posting(report.COLD, 350),
        ("longtail", report.LONG_TAIL): row("longtail", report.LONG_TAIL, 550),
        ("anora", report.WARM): row("anora", report.WARM, 2500),
        ("search", report.WARM): row("search", report.WARM, 2100),
        ("comment", report.WARM): posting(report.WARM, 320),
        ("anora", report.FRONT): row("anora", report.FRONT, 12000),
    }
    rows.update({(replacement.endpoint, replacement.mode): replacement for replacement in replacements})
    return list(rows.values())


def lines_of(rows, **kwargs):
    return [check.line() for check in report.checks(rows, connections=32, **kwargs)]


def test_table_gives_ratios_to_the_floor():
    lines = report.table(results()).splitlines()
    assert lines[0].startswith("| endpoint | cache | requests/s | × floor | p50 ms | p99 ms | errors | SQL/request |")
    assert "| anora | cold | 700 | 0.70× | 5.0 | 20.0 | 0 | 3 |" in lines
    assert "| static | anchor | 20,000 | 20.00× | 5.0 | 20.0 | 0 | 3 |" in lines


def test_every_target_passes_on_good_figures():
    lines = lines_of(results())
    assert all(line.startswith("- PASS") for line in lines), lines
    assert len(lines) == 10
    assert (
        "- PASS anora with no page cache ≥ 50% of the framework floor and p99 < 100 ms: "
        "70% (700 / 1,000 requests/s), p99 20.0 ms"
    ) in lines


def test_missed_targets_fail_with_the_worst_row():
    rows = results(
        row("search", report.WARM, 1500, p99=180.0),
        row("anora", report.FRONT, 9000),
        row("search", report.COLD, 500, p95=900.0, errors=2),
        row("search", report.ONE_READER, 20, p95=70.0, p99=150.0),
    )
    text = report.markdown(rows, connections=32)
    assert "- FAIL every public page cache-warm ≥ 2× the framework floor: lowest 1.50× (search" in text
    assert "- FAIL behind the front cache ≥ 50% of the static limit: lowest 45% (anora" in text
    assert (
        "- FAIL p99 < 100 ms at 32 connections on every cache-warm and front-cache row: "
        "highest 180.0 ms (search, warm)"
    ) in text
    assert (
        "- FAIL search p95 < 50 ms on the full corpus (cache-cold, one reader at a time): 70.0 ms; "
        "cache-cold at 32 connections 900.0 ms; cache-warm 10.0 ms"
    ) in text
    assert "- FAIL no errors: 2 (search cold: 2)" in text
    # Comment posting is no public page: its requests/s do not count against the warm target.
    assert "comment" not in text.split("Targets:")[1].split("comment posting")[0]


def test_a_row_where_no_request_finished_fails_latency_targets():
    rows = results(
        row("anora", report.COLD, 0, p95=0.0, p99=0.0, requests=0),
        row("search", report.ONE_READER, 0, p95=0.0, p99=0.0, requests=0),
    )
    text = report.markdown(rows, connections=32)
    assert "| anora | cold | 0 | 0.00× | – | – | 0 | 3 |" in text
    assert "- FAIL anora with no page cache ≥ 50% of the framework floor and p99 < 100 ms: 0% (0 / 1,000" in text
    assert "no request finished" in text.split("- FAIL anora")[1].splitlines()[0]
    assert (
        "- FAIL search p95 < 50 ms on the full corpus (cache-cold, one reader at a time): no request finished" in text
    )


def test_the_one_reader_search_has_no_p99_target():
    # Its p99 is measured with one connection: the p99 targets are about 32.
    rows = results(row("search", report.ONE_READER, 20, p95=40.0, p99=400.0))
    lines = lines_of(rows)
    assert all(line.startswith("- PASS") for line in lines), lines


def test_floor_template_gives_back_the_page_for_its_row():
    title, dek = "‘Anora’ & “Genre” <now>", "It's a dek."
    body = "<p>‘Anora’ &amp; {{ not a variable }} {% not a tag %}</p>"
    html = f"<title>{'‘Anora’ &amp; “Genre” &lt;now&gt;'}</title><p>It&#x27;s a dek.</p><div>{body}</div>"
    template = floor_template(html, title=title, dek=dek, body=body)
    assert "{{ article.title }}" in template and "{{ article.dek }}" in template
    assert "{{ article.body|safe }}" in template

    from django.template import Context, Template

    rendered = Template(template).render(Context({"article": {"title": title, "dek": dek, "body": body}}))
    assert rendered == html


@pytest.mark.django_db
def test_floor_view_serves_the_saved_page_with_one_query(client, tmp_path, django_assert_num_queries):
    article = ArticleFactory(
        title="‘Anora’, (Sex) Work & the “Fantasies” of Genre",
        slug="anora-essay",
        dek="A fairy tale that keeps the receipts.",
        body="<p>Opening, with <em>Anora</em>.</p><h2>First</h2><p>One.</p>",
    )
    saved = client.get(article.get_absolute_url()).content.decode()
    write_floor_template(tmp_path, saved, title=article.title, dek=article.dek, body=article.body)
    floor_templates = [
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "DIRS": [tmp_path],
            "OPTIONS": {"context_processors": []},
        }
    ]
    with (
        override_settings(ROOT_URLCONF="bench.floor.urls", TEMPLATES=floor_templates, MIDDLEWARE=[]),
        django_assert_num_queries(1),
    ):
        # A new client: the first one built its middleware (the page cache among them) already.
        response = Client().get("/articles/anora-essay/")
    assert response.status_code == 200
    assert response.content.decode() == saved


def test_token_file_holds_distinct_valid_tokens_already_old_enough(tmp_path, settings):
    path = write_tokens(tmp_path / "tokens.txt", 50, age_seconds=60)
    lines = path.read_text().split()
    assert len(lines) == len(set(lines)) == 50
    tokens = [read_form_token(line) for line in lines]
    assert all(token is not None for token in tokens)
    assert len({token.nonce for token in tokens}) == 50
    age = timezone.now() - tokens[0].issued_at
    assert datetime.timedelta(seconds=58) <= age <= datetime.timedelta(hours=settings.COMMENTS_FORM_MAX_AGE_HOURS)


def test_front_cache_config_uses_the_production_rules(tmp_path):
    config = nginx.front_cache_config(tmp_path, port=8133, upstream_port=8130)
    assert "proxy_cache_lock on;" in config
    assert "proxy_cache_valid 200 301 302 404 410 1s;" in config
    assert "sessionid|messages)" in config
    # No public page depends on the CSRF cookie: commenters keep the front cache.
    assert "csrftoken" not in config.split("map $http_cookie")[1].split("}")[0]
    assert f"proxy_cache_path {tmp_path / 'nginx-front-cache'} " in config
    assert nginx.PRODUCTION_CACHE_DIR not in config
    assert "listen 127.0.0.1:8133;" in config and "server 127.0.0.1:8130;" in config


def test_results_json_round_trips_rows():
    assert json.loads(json.dumps([r.as_dict() for r in results()]))[0]["endpoint"] == "floor"


@pytest.mark.parametrize("which", ["static", "front cache"])
def test_nginx_accepts_the_generated_configs(tmp_path, which):
    # `make test` installs nginx-light with apt, as `make bench` does: missing, this fails rather than skips.
    nginx_bin = shutil.which("nginx", path="/usr/sbin:/usr/bin")
    assert nginx_bin, "nginx is missing: install Debian's nginx-light (make test does)"
    html = tmp_path / "site" / "anora.html"
    html.parent.mkdir()
    html.write_text("<p>saved</p>")
    if which == "static":
        config = nginx.static_config(tmp_path, port=8132, html_file=html)
    else:
        config = nginx.front_cache_config(tmp_path, port=8133, upstream_port=8130)
    path = tmp_path / "nginx.conf"
    path.write_text(config)
    check = subprocess.run([nginx_bin, "-t", "-q", "-p", str(tmp_path), "-c", str(path)], capture_output=True)
    assert check.returncode == 0, check.stderr.decode()


def test_a_taken_port_is_refused():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        with pytest.raises(ServerFailed, match="is taken"):
            ensure_port_free(taken.getsockname()[1])


def test_error_statuses_are_counted_from_the_access_log(tmp_path):
    log = tmp_path / "gunicorn.log"
    line = '{{"time": "t", "logger": "gunicorn.access", "method": "GET", "path": "/", "status": {}, "bytes": "1"}}'
    log.write_text("\n".join([line.format(200), line.format(503), line.format(503), line.format(404), "[INFO] x"]))
    assert error_statuses(log) == {503: 2, 404: 1}
