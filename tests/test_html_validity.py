"""The reader's pages and the desk's pass the W3C Nu HTML Checker (npm's vnu-jar, run with the system's Java)."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from tests.conftest import DEMO_DESK_PAGES, DEMO_PAGES, desk_address

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


def _check(files: list[str]) -> list[dict]:
    """The Nu HTML Checker's errors in `files`."""
    assert VNU.exists(), f"{VNU} is missing: run `npm ci` at the top of the project (make test does)"
    java = shutil.which("java")
    assert java, "the Nu HTML Checker needs Java (apt-get install default-jre-headless)"
    result = subprocess.run(
        [java, "-jar", str(VNU), "--format", "json", "--errors-only", *files],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    return json.loads(result.stderr or result.stdout)["messages"]


def _listed(messages: list[dict]) -> list[str]:
    return [f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']}" for m in messages]


def test_pages_have_no_html_errors(client, demo, tmp_path):
    files = []
    for name, path in {**DEMO_PAGES, **MORE_PAGES}.items():
        response = client.get(path)
        assert response.status_code == (404 if name == "not-found" else 200), path
        file = tmp_path / f"{name}.html"
        file.write_bytes(response.content)
        files.append(str(file))

    assert _listed(_check(files)) == []


def _djangos_empty_hero_choice(message: dict) -> bool:
    """Django's autocomplete for an optional choice (the hero image) starts with `<option value=""></option>`,
    for select2 to clear the choice with (AutocompleteMixin.optgroups); the checker wants a label on an
    empty option. The markup is Django's and select2 reads the option as it is: only this message, on the
    line after the hero's <select>, is let by."""
    if message["message"] != "Element “option” without attribute “label” must not be empty.":
        return False
    lines = Path(message["url"].removeprefix("file:")).read_text().splitlines()
    return '<select name="hero"' in lines[message["lastLine"] - 2]


def test_desk_pages_have_no_html_errors(client, demo, tmp_path):
    client.force_login(get_user_model().objects.get(username="editor"))
    files = []
    for name in DEMO_DESK_PAGES:
        response = client.get(desk_address(name))
        assert response.status_code == 200, name
        file = tmp_path / f"desk-{name}.html"
        file.write_bytes(response.content)
        files.append(str(file))

    messages = _check(files)

    assert _listed([message for message in messages if not _djangos_empty_hero_choice(message)]) == []


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
