"""Start and stop the servers under test, each in its own process group."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path


class ServerFailed(RuntimeError):
    pass


def http_get(url: str, *, timeout: float = 10) -> tuple[int, bytes]:
    """Status and body of a GET without cookies (error statuses included)."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def ensure_port_free(port: int) -> None:
    """Refuse to start on a port another program listens on: the readiness check would ask that one."""
    with socket.socket() as probe:
        # As the servers do: connections of the last run in TIME_WAIT do not make the port taken.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError as error:
            raise ServerFailed(f"port {port} is taken ({error.strerror}): choose others with --port") from None


def access_entries(access_log: Path) -> list[dict]:
    """The requests gunicorn logged, oldest first (gunicorn.conf.py's JSON access log)."""
    try:
        lines = Path(access_log).read_text(errors="replace").splitlines()
    except OSError:
        return []
    entries = []
    for line in lines:
        if '"gunicorn.access"' not in line:
            continue
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if isinstance(entry, dict):
            entries.append(entry)
    return entries


def error_statuses(access_log: Path) -> dict[int, int]:
    """How many answers of each status 400 and up gunicorn logged."""
    counts: dict[int, int] = {}
    for entry in access_entries(access_log):
        try:
            status = int(entry["status"])
        except (ValueError, KeyError, TypeError):
            continue
        if status >= 400:
            counts[status] = counts.get(status, 0) + 1
    return counts


def paths_asked(access_log: Path, among: set[str]) -> tuple[int, int]:
    """How many logged requests asked for a path in `among`, and for how many distinct ones."""
    asked = [entry.get("path") for entry in access_entries(access_log) if entry.get("path") in among]
    return len(asked), len(set(asked))


class Service:
    """A server process started in a new session, so that stopping it stops its workers too."""

    def __init__(self, name: str, command: list[str], *, log_path: Path, env: dict | None = None, cwd=None):
        self.name, self.command, self.log_path, self.env, self.cwd = name, command, Path(log_path), env, cwd
        self.process: subprocess.Popen | None = None

    def _spawn(self) -> None:
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with self.log_path.open("wb") as log:
            self.process = subprocess.Popen(
                self.command,
                stdout=log,
                stderr=subprocess.STDOUT,
                env=self.env,
                cwd=self.cwd,
                start_new_session=True,
            )

    def start_unlistening(self, *, settle: float = 2) -> Service:
        """Start a process that answers no address (the task worker): running after `settle` s is ready."""
        self._spawn()
        time.sleep(settle)
        if self.process.poll() is not None:
            raise ServerFailed(f"{self.name} exited with {self.process.returncode}:\n{self.log_tail()}")
        return self

    def start(self, ready_url: str, *, port: int, timeout: float = 30) -> Service:
        ensure_port_free(port)
        self._spawn()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise ServerFailed(f"{self.name} exited with {self.process.returncode}:\n{self.log_tail()}")
            try:
                status, _ = http_get(ready_url, timeout=2)
                if status < 500:
                    return self
            except OSError:
                pass
            time.sleep(0.2)
        self.stop()
        raise ServerFailed(f"{self.name} did not answer {ready_url} within {timeout:.0f} s:\n{self.log_tail()}")

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def stop(self, *, timeout: float = 15) -> None:
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        except ProcessLookupError:
            pass

    def __enter__(self) -> Service:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()
