"""The reader's pages pass the W3C Nu HTML Checker (npm's vnu-jar, run with the system's Java)."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import DEMO_PAGES

ROOT = Path(__file__).resolve().parents[1]
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# Extra pages beside those the accessibility tests visit.
MORE_PAGES = {
    "section": "/sections/film/",
    "tag": "/tags/sean-baker/",
    "archive": "/archive/",
    "archive-month": "/archive/2025/01/",
    "search-nothing": "/search/?q=zzyzx",
}

pytestmark = pytest.mark.django_db


def test_pages_have_no_html_errors(client, demo, tmp_path):
    assert VNU.exists(), f"{VNU} is missing: run `npm ci` at the top of the project (make test does)"
    java = shutil.which("java")
    assert java, "the Nu HTML Checker needs Java (apt-get install default-jre-headless)"
    files = []
    for name, path in {**DEMO_PAGES, **MORE_PAGES}.items():
        response = client.get(path)
        assert response.status_code == (404 if name == "not-found" else 200), path
        file = tmp_path / f"{name}.html"
        file.write_bytes(response.content)
        files.append(str(file))

    result = subprocess.run(
        [java, "-jar", str(VNU), "--format", "json", "--errors-only", *files],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )

    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']}" for m in messages]
    assert errors == []


def test_the_checker_does_catch_errors(tmp_path):
    """The check above would fail on a broken page (it is not vacuous)."""
    java = shutil.which("java")
    assert java and VNU.exists()
    broken = tmp_path / "broken.html"
    broken.write_text('<!DOCTYPE html><html lang="en"><head><title>x</title></head><body><p><div></p></body></html>')

    result = subprocess.run(
        [java, "-jar", str(VNU), "--format", "json", "--errors-only", str(broken)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert json.loads(result.stderr or result.stdout)["messages"]
