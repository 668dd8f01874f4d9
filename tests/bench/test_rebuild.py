"""The rebuild row: `manage.py rerender --all`, timed once issue 23 has added it."""

import subprocess
import sys

from bench import rebuild

CORPUS = {"counts": {"articles": 20_012, "published": 18_594}}


def test_detection_reads_djangos_list_of_management_commands(monkeypatch):
    monkeypatch.setattr("django.core.management.get_commands", lambda: {"migrate": "django.core"})
    assert not rebuild.available()

    monkeypatch.setattr("django.core.management.get_commands", lambda: {"rerender": "articles"})
    assert rebuild.available()


def test_without_the_command_the_row_says_so_and_nothing_runs():
    def runner(*args, **kwargs):
        raise AssertionError("nothing should run")

    result = rebuild.run(CORPUS, env={}, commands=["migrate", "load_demo"], runner=runner)

    assert not result.available
    assert result.articles_per_second is None


def test_with_the_command_it_is_run_with_the_bench_environment_and_timed(tmp_path):
    calls = []
    ticks = iter([10.0, 72.0])

    def runner(command, **kwargs):
        calls.append((command, kwargs))
        return subprocess.CompletedProcess(command, 0, stdout="rendered\n", stderr="")

    result = rebuild.run(
        CORPUS,
        env={"DATABASE_URL": "postgres://bench"},
        commands=["migrate", "rerender"],
        runner=runner,
        clock=lambda: next(ticks),
        log_path=tmp_path / "rerender.log",
        jobs=2,
    )

    ((command, kwargs),) = calls
    assert command == [sys.executable, str(rebuild.ROOT / "manage.py"), "rerender", "--all", "--jobs", "2"]
    assert kwargs["env"] == {"DATABASE_URL": "postgres://bench"}
    assert (result.available, result.articles, result.seconds, result.error) == (True, 18_594, 62.0, "")
    assert result.jobs == 2
    assert result.articles_per_second == 18_594 / 62.0
    assert (tmp_path / "rerender.log").read_text() == "rendered\n"


def test_a_failing_rebuild_is_reported_not_raised():
    def runner(command, **kwargs):
        return subprocess.CompletedProcess(command, 1, stdout="", stderr="Traceback\nValueError: no\n")

    result = rebuild.run(CORPUS, env={}, commands=["rerender"], runner=runner)

    assert result.error == "exit 1: ValueError: no"
    assert result.articles_per_second is None


def test_articles_are_the_corpus_published_count():
    assert rebuild.articles_of(CORPUS) == 18_594
    assert rebuild.articles_of({"counts": {"articles": 40}}) == 40


def test_the_rebuild_runs_one_process_per_core_unless_told(monkeypatch):
    monkeypatch.setattr("os.cpu_count", lambda: 6)
    calls = []

    def runner(command, **kwargs):
        calls.append(command)
        return subprocess.CompletedProcess(command, 0, stdout="", stderr="")

    result = rebuild.run(CORPUS, env={}, commands=["rerender"], runner=runner)

    assert calls[0][-2:] == ["--jobs", "6"]
    assert result.jobs == 6
