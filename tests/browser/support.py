"""Helpers of the browser tests: the real login form, which pages exist, and axe with a readable report."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page

from conftest import ANONYMOUS
from doelbinding.accounts.personas import DEMO_PASSWORD, current_code
from doelbinding.tenancy import demo
from tests.routes import all_routes, url_for

LOGIN_URL = "/inloggen/"

# Whoever sees a page first, in this order, is the one whose view of it axe checks: anonymous visitors for public
# pages, the FG (who sees every staff page except management) for staff pages, the application manager for
# technical management (/beheer/) and for changing someone's roles.
AUDIENCE = (ANONYMOUS, "fg", "beheerder")


# --- the real login form ------------------------------------------------------------------------------------


def enter_password(page: Page, username: str, password: str = DEMO_PASSWORD) -> None:
    """The first step of the login form: user name and password."""
    page.goto(LOGIN_URL)
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Verder").click()
    page.wait_for_load_state()


def enter_code(page: Page, username: str) -> None:
    """The second step: the code the user's authenticator app shows now."""
    device = TOTPDevice.objects.get(user__username=username, name="default")
    page.get_by_label("Code uit uw app").fill(current_code(device))
    page.get_by_role("button", name="Verder").click()
    page.wait_for_load_state()


def log_in(page: Page, username: str) -> None:
    enter_password(page, username)
    enter_code(page, username)


# --- which pages exist --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PageToCheck:
    name: str  # the route's key
    url: str
    persona: str


def is_html_page(response) -> bool:
    return response.status_code == 200 and response.get("Content-Type", "").startswith("text/html")


def existing_pages(world: demo.World, client_for: Callable[[str], Client], audience=AUDIENCE) -> list[PageToCheck]:
    """Every route that answers 200 with HTML to someone of `audience`, with the first of them who gets it.

    `client_for(persona)` gives a Django test client logged in with the second factor (the root conftest's
    `as_persona`). Stylesheets, the health check, the OpenAPI document, JavaScript and the API answer with other
    content types, or not with 200, and drop out by themselves.
    """
    clients = {persona: client_for(persona) for persona in audience}
    pages = []
    for route in all_routes():
        url = url_for(route, world)
        persona = next((p for p in audience if is_html_page(clients[p].get(url))), None)
        if persona is not None:
            pages.append(PageToCheck(route.key, url, persona))
    return pages


# --- axe ----------------------------------------------------------------------------------------------------

WCAG_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}


class AxeChecker:
    """Runs axe on page after page and collects the violations of all of them, for one report at the end."""

    def __init__(self, axe: Axe):
        self.axe = axe
        self.checked: list[str] = []
        self.problems: list[str] = []

    def check(self, page: Page, what: str) -> None:
        page.wait_for_load_state()
        violations = self.axe.run(page, options=WCAG_AA).response["violations"]
        self.checked.append(what)
        if violations:
            self.problems.append(describe(what, page.url, violations))

    def assert_clean(self) -> None:
        print(f"\naxe checked {len(self.checked)} pages: " + "; ".join(self.checked))
        if self.problems:
            pytest.fail(
                f"axe found accessibility violations on {len(self.problems)} of {len(self.checked)} pages:\n\n"
                + "\n\n".join(self.problems),
                pytrace=False,
            )


def describe(what: str, url: str, violations: list[dict], max_nodes: int = 10) -> str:
    """One page's violations: rule, impact, help link, and per element its selector, markup and axe's findings."""
    lines = [f"== {what} ({url})"]
    for violation in violations:
        lines.append(f"  [{violation['impact']}] {violation['id']}: {violation['help']}")
        lines.append(f"      {violation['helpUrl'].split('?')[0]}")
        for node in violation["nodes"][:max_nodes]:
            lines.append(f"      at {' '.join(map(str, node['target']))}")
            lines.append(f"         {node['html'][:300]}")
            for check in node.get("any", []) + node.get("all", []) + node.get("none", []):
                lines.append(f"         → {check['message']}")
        if len(violation["nodes"]) > max_nodes:
            lines.append(f"      … and {len(violation['nodes']) - max_nodes} more elements")
    return "\n".join(lines)
