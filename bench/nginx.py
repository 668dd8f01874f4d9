"""nginx configurations for the two anchors that need it: the static limit and the front cache."""

from __future__ import annotations

import os
import re
from pathlib import Path

OPS_CONFIG = Path(__file__).resolve().parent.parent / "ops" / "nginx-microcache.conf"
PRODUCTION_CACHE_DIR = "/var/cache/nginx/magazine"


def marked_block(text: str, name: str) -> str:
    """The lines between `# BEGIN <name>` and `# END <name>` in ops/nginx-microcache.conf."""
    match = re.search(rf"^\s*# BEGIN {name}\n(.*?)^\s*# END {name}$", text, re.M | re.S)
    if match is None:
        raise ValueError(f"no '# BEGIN {name}' … '# END {name}' block in {OPS_CONFIG}")
    return match.group(1)


def _main(work_dir: Path, name: str, http: str) -> str:
    """The top of every bench config: foreground-friendly paths under `work_dir`, all cores."""
    temp = work_dir / f"{name}-temp"
    temp.mkdir(parents=True, exist_ok=True)
    # As root, workers would run as nobody and could not read or write the bench's files.
    user = "user root;\n" if os.geteuid() == 0 else ""
    temps = "\n".join(
        f"    {kind}_temp_path {temp / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return f"""{user}worker_processes auto;
pid {work_dir / f"{name}.pid"};
error_log {work_dir / f"{name}-error.log"} warn;
events {{
    worker_connections 4096;
}}
http {{
    access_log off;
    keepalive_requests 100000;
{temps}
{http}
}}
"""


def static_config(work_dir: Path, *, port: int, html_file: Path) -> str:
    """Serve one saved page for every address: the static limit."""
    html_file = Path(html_file)
    server = f"""
    server {{
        listen 127.0.0.1:{port};
        root {html_file.parent};
        location / {{
            default_type "text/html; charset=utf-8";
            try_files /{html_file.name} =404;
        }}
    }}"""
    return _main(Path(work_dir), "nginx-static", server)


def front_cache_config(work_dir: Path, *, port: int, upstream_port: int, ops_config: Path = OPS_CONFIG) -> str:
    """The production micro-cache of ops/nginx-microcache.conf, over plain http, in front of gunicorn."""
    text = Path(ops_config).read_text()
    cache_dir = Path(work_dir) / "nginx-front-cache"
    cache_dir.mkdir(parents=True, exist_ok=True)
    http_block = marked_block(text, "microcache http").replace(PRODUCTION_CACHE_DIR, str(cache_dir))
    location_block = marked_block(text, "microcache location")
    server = f"""{http_block}
    upstream magazine_app {{
        server 127.0.0.1:{upstream_port};
    }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://magazine_app;
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
{location_block}        }}
    }}"""
    return _main(Path(work_dir), "nginx-front-cache", server)
