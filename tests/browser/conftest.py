"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live server (DESIGN.md §6-7).

One Chromium per xdist worker (see `browser`); each test opens fresh browser contexts, so no cookie leaks from one
test into the next. The live server needs a transactional database, which is flushed after every test: on
PostgreSQL the root conftest puts the demo world back from its snapshot after the flush; on SQLite `world` (root
conftest) builds it again when it is missing. Because the test uses `live_server`, pytest-django gives `world`'s
`db` a transactional database.
"""

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.test import Client
from playwright.sync_api import Browser, BrowserContext, Page, Route, sync_playwright

import conftest as root
from doelbinding.tenancy import demo

ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"
CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@contextmanager
def async_unsafe_allowed() -> Iterator[None]:
    """Playwright's sync API keeps an asyncio event loop running on this thread, and Django refuses database
    access from a thread with a running loop unless DJANGO_ALLOW_ASYNC_UNSAFE is set. The tests are plain
    synchronous code. Set only while Playwright runs: left in os.environ it would reach the subprocesses of other
    tests, and `manage.py check --deploy` rightly fails on it (async.E001)."""
    previous = os.environ.get(ASYNC_UNSAFE)
    os.environ[ASYNC_UNSAFE] = "true"
    try:
        yield
    finally:
        if previous is None:
            del os.environ[ASYNC_UNSAFE]
        else:
            os.environ[ASYNC_UNSAFE] = previous


# Package scope: pytest-django runs live-server (transactional) tests after the other database tests and before
# the tests without a database, so the browser tests follow one another on each worker and this is one Chromium
# per worker, as a session fixture would be; but it stops, with Playwright's event loop, before the tests that
# come after them.
@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    """Debian's Chromium. Missing Chromium fails the browser tests; they never skip."""
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        pytest.fail(
            f"Chromium ontbreekt: {CHROMIUM} bestaat niet. Installeer het Debian-pakket 'chromium' (als root: "
            f"`make chromium`). / Chromium is missing: {CHROMIUM} not found; install Debian's 'chromium' "
            "package. Browser tests fail rather than skip.",
            pytrace=False,
        )
    with sync_playwright() as playwright, async_unsafe_allowed():
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def axe() -> Axe:
    return Axe()


@dataclass
class Site:
    """The live server with the demo world, and the browser contexts of one test (closed after it)."""

    url: str
    world: demo.World
    browser: Browser
    contexts: list[BrowserContext] = field(default_factory=list)

    def new_page(self) -> Page:
        """A page in a fresh context, without cookies: an anonymous visitor."""
        context = self.browser.new_context(base_url=self.url, locale="nl-NL")
        context.set_default_timeout(15_000)
        context.route("**/*", self._only_the_live_server)
        self.contexts.append(context)
        return context.new_page()

    def _only_the_live_server(self, route: Route) -> None:
        """Nothing leaves the machine: the API docs page would wait for Redoc and fonts from CDNs that are not
        reachable here. No favicon either: nothing has one, and its late request would reach the database."""
        url = route.request.url
        if url.startswith(self.url + "/") and not url.endswith("/favicon.ico"):
            route.continue_()
        else:
            route.abort()

    def page_as(self, username: str) -> Page:
        """A page of `username` with the second factor verified, the session made directly as by the root
        conftest's `sign_in` (test_login_flow.py goes through the form). Oostdal's personas act for Oostdal."""
        page = self.new_page()
        if username == root.ANONYMOUS:
            return page
        controller = (
            self.world.organisations[demo.OOSTDAL] if username in {"buitenstaander", "beheerder_regio"} else None
        )
        client = root.sign_in(Client(), self.world.users[username], controller=controller)
        session_id = client.cookies[settings.SESSION_COOKIE_NAME].value
        page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session_id, "url": self.url}])
        return page

    def close(self) -> None:
        """Let every request finish first: a request still running on the live server (each one saves the session)
        would hold the database while the test's teardown flushes it."""
        for context in self.contexts:
            for page in context.pages:
                page.wait_for_load_state("networkidle")
            context.close()


@pytest.fixture
def site(browser, live_server, world) -> Iterator[Site]:
    site = Site(url=live_server.url, world=world, browser=browser)
    yield site
    site.close()  # before the database is flushed, so that no request of ours is still under way
