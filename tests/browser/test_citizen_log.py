"""A citizen looks up who processed their data, in a real browser, through the demo login: they see the Wmo
consultant and the care provider, never the confidential fraud investigation; axe checks the pages."""

import pytest
from playwright.sync_api import expect

from doelbinding.processinglog import demo
from doelbinding.tenancy import demo as tenancy_demo
from tests.browser.support import AxeChecker

pytestmark = pytest.mark.browser


def test_the_citizen_sees_who_processed_their_data_but_not_the_confidential_investigation(site, axe, settings):
    settings.DEMO_MODE = True
    checker = AxeChecker(axe)
    citizen = site.new_page()
    citizen.goto(f"/openbaar/{tenancy_demo.VOORBEELD}/mijn-gegevens/")
    expect(citizen.get_by_role("heading", level=1)).to_have_text("Wie heeft mijn gegevens gezien?")
    checker.check(citizen, "citizen log start page")
    citizen.get_by_role("link", name="Demo-inlog").click()
    citizen.get_by_label("Burgerservicenummer (alleen in de demo)").fill("123456789")
    citizen.get_by_role("button", name="Inloggen (demo)").click()
    expect(citizen.locator(".db-error-summary")).to_contain_text("elfproef")
    checker.check(citizen, "citizen demo login with an invalid BSN")
    citizen.get_by_label("Burgerservicenummer (alleen in de demo)").fill(demo.DEMO_CITIZEN)
    citizen.get_by_role("button", name="Inloggen (demo)").click()
    content = citizen.locator("main")
    expect(content).to_contain_text("Beslissen op een aanvraag voor een maatwerkvoorziening")
    expect(content).to_contain_text("Zorggroep De Linde")
    expect(content).not_to_contain_text("Fraudeonderzoek")
    expect(content).not_to_contain_text("rechtmatigheid van de bijstand")
    checker.check(citizen, "citizen log")
    citizen.get_by_role("button", name="Uitloggen").click()
    expect(citizen.get_by_role("link", name="Demo-inlog")).to_be_visible()
    checker.assert_clean()
