"""A citizen logs in with DigiD in a real browser, through a real OIDC provider on 127.0.0.1 standing in for the
DigiD broker (tests/oidc_provider.py), and sees who processed their data; a cancelled login ends on a clear Dutch
page. axe checks every page of ours on the way."""

import pytest
from playwright.sync_api import expect

from doelbinding.processinglog import demo
from doelbinding.tenancy import demo as tenancy_demo
from tests.browser.support import AxeChecker
from tests.oidc_provider import Provider

pytestmark = pytest.mark.browser


@pytest.fixture
def provider(settings):
    with Provider() as running:
        for name, value in running.settings().items():
            setattr(settings, name, value)
        running.claims = {"bsn": demo.DEMO_CITIZEN}
        yield running


def test_the_citizen_logs_in_with_digid_and_sees_who_processed_their_data(site, axe, provider):
    checker = AxeChecker(axe)
    citizen = site.new_page()
    # The browser may go to the provider too; registered last, this route is asked first.
    citizen.context.route(f"{provider.url}/**", lambda route: route.continue_())
    citizen.goto(f"/openbaar/{tenancy_demo.VOORBEELD}/mijn-gegevens/")
    expect(citizen.get_by_role("link", name="Demo-inlog")).to_have_count(0)
    checker.check(citizen, "citizen log start page with DigiD")

    citizen.get_by_role("link", name="Inloggen met DigiD").click()
    expect(citizen).to_have_url(f"{site.url}/openbaar/{tenancy_demo.VOORBEELD}/mijn-gegevens/")
    content = citizen.locator("main")
    expect(content).to_contain_text(f"U bent ingelogd met burgerservicenummer {demo.DEMO_CITIZEN}")
    expect(content).to_contain_text("Beslissen op een aanvraag voor een maatwerkvoorziening")
    expect(content).not_to_contain_text("Fraudeonderzoek")
    checker.check(citizen, "citizen log after logging in with DigiD")

    citizen.get_by_role("button", name="Uitloggen").click()
    provider.error = "access_denied"  # this time the citizen cancels at DigiD
    citizen.get_by_role("link", name="Inloggen met DigiD").click()
    expect(citizen.get_by_role("heading", level=1)).to_have_text("Inloggen is niet gelukt")
    expect(citizen.get_by_role("alert")).to_contain_text("afgebroken of niet gelukt")
    checker.check(citizen, "citizen login failed")
    citizen.get_by_role("link", name="opnieuw te beginnen").click()
    expect(citizen.get_by_role("link", name="Inloggen met DigiD")).to_be_visible()
    checker.assert_clean()
