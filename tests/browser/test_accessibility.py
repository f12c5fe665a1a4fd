"""axe-core (WCAG 2.0 and 2.1, levels A and AA) on every page there is: each route that answers 200 with HTML to
an anonymous visitor, the FG or the application manager, as the first of them who sees it; and the pages that
only a flow shows: error pages, forms with errors, the login steps, the lockout and the second-factor set-up.

Violations of all pages of a test are collected and reported together, per page, with the offending elements.
"""

import pytest
from django.template.loader import render_to_string
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from conftest import ANONYMOUS
from tests.browser.support import AUDIENCE, AxeChecker, enter_password, existing_pages
from tests.routes import voorbeeld_objects

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("persona", AUDIENCE)
def test_every_page_passes_axe(persona, site, axe, as_persona):
    """The pages of which `persona` is the first of AUDIENCE to see them, in one logged-in browser context."""
    audience = AUDIENCE[: AUDIENCE.index(persona) + 1]
    pages = [p for p in existing_pages(site.world, as_persona, audience) if p.persona == persona]
    assert pages, f"no pages found for {persona}"
    page = site.page_as(persona)
    checker = AxeChecker(axe)
    for target in pages:
        response = page.goto(target.url)
        assert response is not None and response.status == 200, f"{target.url} as {persona}: {response}"
        checker.check(page, f"{target.name} as {persona}")
    checker.assert_clean()


def test_axe_reports_what_it_finds(site, axe):
    """The checks above are only worth something if a violation makes them fail."""
    page = site.new_page()
    page.set_content('<html><body><main><img src="x.png"><input type="text"></main></body></html>')
    checker = AxeChecker(axe)
    checker.check(page, "a page with known violations")
    assert len(checker.problems) == 1
    for rule in ["html-has-lang", "image-alt", "label"]:
        assert f"] {rule}: " in checker.problems[0]


def test_the_page_list_covers_every_audience_and_kind_of_page(site, as_persona):
    """Guards the test above against silently shrinking: who sees which kind of page first."""
    found = {p.name: p.persona for p in existing_pages(site.world, as_persona)}
    expected = {
        "two_factor:login": ANONYMOUS,
        "accounts:password_reset": ANONYMOUS,
        "api:docs": ANONYMOUS,
        "core:home": "fg",
        "tenancy:staff_detail": "fg",
        "tenancy:staff_edit": "beheerder",
        "admin:index": "beheerder",
        "admin:tenancy_membership_change": "beheerder",
    }
    assert {name: found.get(name) for name in expected} == expected
    assert not {"core:theme", "core:health", "api:schema", "admin:jsi18n"} & found.keys(), "not HTML pages"
    assert len(found) >= 45


def test_visitor_error_pages_and_forms_with_errors_pass_axe(site, axe, settings):
    checker = AxeChecker(axe)
    page = site.new_page()
    assert page.goto("/bestaat-niet/").status == 404
    checker.check(page, "404 for an anonymous visitor")
    enter_password(page, "fg", "een-onjuist-wachtwoord")
    expect(page.locator(".db-error-summary")).to_be_visible()
    checker.check(page, "login with a wrong password")
    enter_password(page, "fg")
    expect(page.get_by_label("Code uit uw app")).to_be_visible()
    checker.check(page, "login, second step (code)")
    page.get_by_label("Code uit uw app").fill("000000")
    page.get_by_role("button", name="Verder").click()
    expect(page.locator(".db-error-summary")).to_be_visible()
    checker.check(page, "login with a wrong code")
    settings.AXES_FAILURE_LIMIT = 1  # locked at the next wrong password (the live server shares the settings)
    enter_password(page, "ciso", "een-onjuist-wachtwoord")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tijdelijk geblokkeerd")
    checker.check(page, "lockout after too many wrong passwords")
    page.goto("/wachtwoord/vergeten/")
    page.get_by_label("E-mailadres").fill("geen-e-mailadres")
    page.get_by_role("button", name="Link versturen").click()
    expect(page.locator(".db-error-summary")).to_be_visible()
    checker.check(page, "password reset with an invalid e-mail address")
    settings.DEMO_MODE = True  # the demo's banner, on top of every page
    page.goto("/inloggen/")
    expect(page.get_by_role("region", name="Demo-omgeving")).to_contain_text("alle personen en gegevens zijn fictief")
    checker.check(page, "login page with the demo banner")
    # The 500 page stands alone (the layout may be what broke) and cannot be reached on purpose: render it.
    page.set_content(render_to_string("500.html"))
    checker.check(page, "500 (server error)")
    checker.assert_clean()


def test_staff_error_pages_and_forms_with_errors_pass_axe(site, axe):
    checker = AxeChecker(axe)
    membership = voorbeeld_objects(site.world)["membership"]

    fg = site.page_as("fg")
    assert fg.goto("/bestaat-niet/").status == 404
    checker.check(fg, "404 for staff")
    assert fg.goto(f"/medewerkers/{membership.uuid}/wijzigen/").status == 403
    checker.check(fg, "403 for staff")
    fg.goto("/medewerkers/")
    fg.get_by_label("Zoek op naam of functie").fill("Goudsmit")  # htmx replaces only the table
    expect(fg.locator("#staff-table tbody tr")).to_have_count(1)
    expect(fg.locator("#staff-table")).to_contain_text("Fatima Goudsmit")
    checker.check(fg, "staff search with one result (htmx)")
    fg.get_by_label("Zoek op naam of functie").fill("niemand-heet-zo")
    expect(fg.locator("#staff-table")).to_contain_text("Niemand gevonden.")
    checker.check(fg, "staff search without results (htmx)")
    fg.goto("/account/wachtwoord/")
    fg.get_by_role("button", name="Opslaan").click()
    expect(fg.locator(".db-error-summary")).to_be_visible()
    checker.check(fg, "password change with nothing filled in")

    beheerder = site.page_as("beheerder")
    beheerder.goto(f"/medewerkers/{membership.uuid}/wijzigen/")
    for box in beheerder.locator("input[name=roles]").all():
        box.uncheck()
    beheerder.get_by_label("Reden van de wijziging").fill("")
    beheerder.get_by_role("button", name="Opslaan").click()
    expect(beheerder.locator(".db-error-summary")).to_be_visible()
    checker.check(beheerder, "roles and domains form without roles and reason")
    assert_summary_links_lead_to_fields(beheerder, ["#id_roles", "#id_reason"])
    assert beheerder.goto("/beheer/bestaat-niet/").status == 404
    checker.check(beheerder, "404 in technical management")

    # Gemeente Oostdal has its own (green) theme; Bram chooses between two municipalities.
    buitenstaander = site.page_as("buitenstaander")
    buitenstaander.goto("/")
    expect(buitenstaander.locator("header")).to_contain_text("U werkt namens Gemeente Oostdal")
    checker.check(buitenstaander, "home page in Oostdal's theme")
    buitenstaander.goto("/kies-gemeente/")
    checker.check(buitenstaander, "choosing between two municipalities")
    buitenstaander.get_by_role("button", name="Verder").click()
    expect(buitenstaander).to_have_url(site.url + "/")
    checker.check(buitenstaander, "home page after choosing")
    checker.assert_clean()


def assert_summary_links_lead_to_fields(page, expected: list[str]) -> None:
    """Each link of the error summary goes to something on the page (axe does not check where links lead)."""
    links = page.locator(".db-error-summary a")
    assert [links.nth(i).get_attribute("href") for i in range(links.count())] == expected
    for target in expected:
        expect(page.locator(target)).to_have_count(1)


def test_second_factor_set_up_passes_axe(site, axe):
    """What a new colleague sees: the password logs in, then every page asks to set up the authenticator app."""
    TOTPDevice.objects.filter(user=site.world.users["teamleider"]).delete()
    checker = AxeChecker(axe)
    page = site.new_page()
    enter_password(page, "teamleider")
    expect(page).to_have_url(site.url + "/account/tweede-factor/instellen/")
    checker.check(page, "set-up: welcome")
    for step in range(3):  # welcome → (method) → QR code and code
        if page.get_by_alt_text("QR-code om de authenticator-app in te stellen").is_visible():
            break
        if page.get_by_role("radio").count():
            page.get_by_role("radio").first.check()
        page.get_by_role("button", name="Verder").click()
        page.wait_for_load_state()
        checker.check(page, f"set-up: step {step + 2}")
    expect(page.get_by_alt_text("QR-code om de authenticator-app in te stellen")).to_be_visible()
    page.get_by_label("Code uit uw app").fill("000000")
    page.get_by_role("button", name="Verder").click()
    expect(page.locator(".db-error-summary")).to_be_visible()
    checker.check(page, "set-up: wrong code")
    checker.assert_clean()
