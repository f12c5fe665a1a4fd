"""Helpers of the browser tests: the real login form, which pages exist, and axe with a readable report."""

from __future__ import annotations

from dataclasses import dataclass

from axe_playwright_python.sync_playwright import Axe
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page

import conftest as root
from doelbinding.accounts.personas import DEMO_PASSWORD, current_code
from doelbinding.tenancy import demo
from tests.routes import all_routes, url_for

LOGIN_URL = "/inloggen/"

# Whoever sees a page first, in this order, is the one whose view of it axe checks: anonymous visitors for public
# pages, the FG (who may see every staff page but management) for staff pages, the application manager for
# technical management (/beheer/) and for changing someone's roles.
AUDIENCE = (root.ANONYMOUS, "fg", "beheerder")


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
    page.get_by_label("Token").fill(current_code(device))
    page.get_by_role("button", name="Verder").click()
    page.wait_for_load_state()


def log_in(page: Page, username: str) -> None:
    enter_password(page, username)
    enter_code(page, username)


# --- which pages exist --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PageToCheck:
    name: str  # the route's key, or a description for pages that are not a plain GET
    url: str
    persona: str


def is_html_page(response) -> bool:
    return response.status_code == 200 and response.get("Content-Type", "").startswith("text/html")


def existing_pages(world: demo.World, client_for) -> list[PageToCheck]:
    """Every route that answers 200 with HTML to someone of AUDIENCE, with the first of them who gets it.

    `client_for(persona)` gives a logged-in Django test client. Stylesheets, health checks, the OpenAPI document,
    JavaScript and API endpoints answer with other content types (or not with 200) and drop out by themselves.
    """
    clients = {persona: client_for(persona) for persona in AUDIENCE}
    pages = []
    for route in all_routes():
        url = url_for(route, world)
        persona = next((p for p in AUDIENCE if is_html_page(clients[p].get(url))), None)
        if persona is not None:
            pages.append(PageToCheck(route.key, url, persona))
    return pages


# --- axe ----------------------------------------------------------------------------------------------------

WCAG_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}


class AxeChecker:
    """Runs axe on pages and collects the violations of all of them, for one readable report at the end."""

    def __init__(self, axe: Axe):
        self.axe = axe
        self.checked: list[str] = []
        self.problems: list[str] = []

    def check(self, page: Page, what: str) -> None:
        import time

        t = time.perf_counter()
        page.wait_for_load_state()
        results = self.axe.run(page, options=WCAG_AA)
        print("AXE", what, round(time.perf_counter() - t, 3))
        self.checked.append(what)
        violations = results.response["violations"]
        if violations:
            self.problems.append(describe(what, page.url, violations))

    def report(self) -> str:
        return (
            f"axe vond toegankelijkheidsproblemen op {len(self.problems)} van {len(self.checked)} pagina's:\n\n"
            + "\n\n".join(self.problems)
        )


def describe(what: str, url: str, violations: list[dict]) -> str:
    lines = [f"== {what} ({url})"]
    for violation in violations:
        lines.append(f"  [{violation['impact']}] {violation['id']}: {violation['help']} — {violation['helpUrl']}")
        for node in violation["nodes"][:10]:
            lines.append(f"      at {' '.join(map(str, node['target']))}")
            lines.append(f"         {node['html'][:200]}")
            messages = [c["message"] for c in node.get("any", []) + node.get("all", []) + node.get("none", [])]
            for message in messages[:3]:
                lines.append(f"         → {message}")
        if len(violation["nodes"]) > 10:
            lines.append(f"      … and {len(violation['nodes']) - 10} more elements")
    return "\n".join(lines)
