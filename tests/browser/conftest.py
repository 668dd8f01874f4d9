"""Playwright driving Debian's chromium against pytest-django's live server.

The browser is never downloaded: it must be /usr/bin/chromium (apt package `chromium`),
and these tests fail, rather than skip, when it is missing.
"""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connections
from django.test import Client
from playwright.sync_api import sync_playwright

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # Without these, chromium keeps trying to reach Google's hosts from a closed network.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "var" / "test-artifacts"
# axe-core comes from npm (package.json at the top level; `make test` runs `npm ci`).
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def browser(django_db_setup):
    assert CHROMIUM.exists(), f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)"
    # Playwright's sync API runs an event loop in this thread while the browser is open; the ORM
    # calls that tests and their database fixtures make meanwhile are synchronous all the same.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    # It also runs the tests in a context of its own, where Django's connections are new objects:
    # hand them the database snapshot that serialized rollback restores after transactional tests.
    snapshots = {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }
    with sync_playwright() as playwright:
        for alias, snapshot in snapshots.items():
            connections[alias]._test_serialized_contents = snapshot
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()
    del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def page(browser, live_server, request):
    # The Content-Security-Policy stays on: tests see what readers' browsers enforce.
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"{request.node.name}.png", full_page=True)
    # Let requests still in flight finish before the test's database goes away under them, and
    # stop those that closing the page sends (the desk's autosave and presence beacons): the live
    # server would answer them while the test's tables are emptied, from a transaction of its own.
    page.wait_for_load_state("networkidle")
    context.route("**/*", lambda route: route.abort())
    context.close()


@pytest.fixture
def axe():
    """Run axe-core on a page; returns the violations as (rule id, impact, target, summary)."""
    assert AXE.exists(), f"{AXE} is missing: run `npm ci` at the top of the project (make test does)"

    def run(page) -> list[tuple[str, str, str, str]]:
        if not page.evaluate("typeof window.axe !== 'undefined'"):
            # Evaluated through the DevTools protocol, which the page's CSP does not govern
            # (a <script> tag would be blocked, as it should be).
            page.evaluate(AXE.read_text())
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        return [
            (violation["id"], violation["impact"], ", ".join(map(str, node["target"])), node["failureSummary"])
            for violation in result["violations"]
            for node in violation["nodes"]
        ]

    return run


def log_in(page, live_server, username: str) -> None:
    """Give the page's browser a session of `username`, as the login form would, without the form."""
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
