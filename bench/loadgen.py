"""Drive a URL with wrk and read what it reports."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import asdict, dataclass
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent / "wrk"

_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


class WrkMissing(RuntimeError):
    pass


@dataclass
class WrkResult:
    requests: int
    requests_per_second: float
    p50_ms: float
    p95_ms: float | None
    p99_ms: float
    socket_errors: int
    non_2xx_3xx: int
    tokens_reused: int = 0
    # From the scripts that keep them (bench/wrk/*.lua): requests past a thread's share of addresses,
    # posts sent, and answers below 400.
    repeats: int | None = None
    sent: int | None = None
    answered: int | None = None

    @property
    def errors(self) -> int:
        return self.socket_errors + self.non_2xx_3xx

    def as_dict(self) -> dict:
        return asdict(self) | {"errors": self.errors}


def _ms(value: str, unit: str) -> float:
    return float(value) * _UNITS_MS[unit]


def parse_wrk(output: str) -> WrkResult:
    """The figures of one `wrk --latency` run, from its text report (and our Lua report line, if any)."""
    rps = re.search(r"^Requests/sec:\s+([\d.]+)", output, re.M)
    total = re.search(r"^\s*(\d+) requests in ", output, re.M)
    if not rps or not total:
        raise ValueError(f"not a wrk report:\n{output}")
    percentiles = {
        int(p): _ms(value, unit)
        for p, value, unit in re.findall(r"^\s+(50|75|90|99)%\s+([\d.]+)(us|ms|s|m)\b", output, re.M)
    }
    if 50 not in percentiles or 99 not in percentiles:
        raise ValueError(f"no latency distribution in the wrk report (run it with --latency):\n{output}")
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    result = WrkResult(
        requests=int(total.group(1)),
        requests_per_second=float(rps.group(1)),
        p50_ms=percentiles[50],
        p95_ms=None,
        p99_ms=percentiles[99],
        socket_errors=sum(int(n) for n in socket.groups()) if socket else 0,
        non_2xx_3xx=int(non_2xx.group(1)) if non_2xx else 0,
    )
    line = re.search(r"^BENCH-JSON (\{.*\})$", output, re.M)
    if line:
        extra = json.loads(line.group(1))
        result.p95_ms = extra["p95_us"] / 1000
        result.tokens_reused = extra.get("tokens_reused") or 0
        result.repeats, result.sent, result.answered = (extra.get(name) for name in ("repeats", "sent", "answered"))
    return result


def wrk_path() -> str:
    path = shutil.which("wrk")
    if path is None:
        raise WrkMissing("wrk is not installed: `apt-get install wrk` (or run `make bench`, which does).")
    return path


def run_wrk(
    url: str,
    *,
    duration: float,
    connections: int,
    threads: int = 2,
    script: str = "get.lua",
    script_args: tuple[str, ...] = (),
    timeout_s: int = 5,
) -> tuple[WrkResult, str]:
    """Run wrk against `url`; the parsed result and wrk's own output."""
    command = [
        wrk_path(),
        f"-t{threads}",
        f"-c{connections}",
        f"-d{max(1, round(duration))}s",
        f"--timeout={timeout_s}s",
        "--latency",
        "-s",
        str(SCRIPTS / script),
        url,
    ]
    if script_args:
        command += ["--", *script_args]
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    output = completed.stdout + completed.stderr
    if completed.returncode != 0:
        raise RuntimeError(f"wrk failed ({completed.returncode}):\n{output}")
    return parse_wrk(output), output
