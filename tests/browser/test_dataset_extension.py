"""Extending a data set in a real browser, each person logging in through the real form with their second factor:
the head of department files and asks for advice, the privacy officer advises, the management refers the request
to the college, an alderman approves it, and the data set then holds the new category (seed 002 §3 items 3-6).

The axe test of every page sees these pages only as the FG, who takes none of these steps; axe checks them here as
the people who do, with their forms, and with a form that has errors."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.support import AxeChecker, log_in

pytestmark = pytest.mark.browser

CATEGORY = "Schulden en schuldeisers"


def logged_in(site, username: str) -> Page:
    page = site.new_page()
    log_in(page, username)
    return page


def expect_step(page: Page, row: int, step: str, who: str) -> None:
    """Row `row` of the steps table names the step, who took it, and when (a date like ‘24 november 2026 15:04’)."""
    cells = page.locator("#steps tbody tr").nth(row)
    expect(cells.locator("th")).to_have_text(step)
    expect(cells.locator("td").nth(0)).to_contain_text(who)
    expect(cells.locator("td").nth(1)).to_have_text(re.compile(r"^\d{1,2} \w+ \d{4} \d{2}:\d{2}$"))


def test_extension_request_from_filing_to_the_college_decision(site, axe):
    checker = AxeChecker(axe)

    manager = logged_in(site, "manager")
    manager.goto("/register/gegevenssets/")
    manager.get_by_role("link", name="Consulent · Wmo").click()
    expect(manager.get_by_role("heading", level=1)).to_have_text("Consulent · Wmo")
    expect(manager.locator("dl")).not_to_contain_text(CATEGORY)
    manager.get_by_role("link", name="Uitbreiding aanvragen").click()
    manager.get_by_role("button", name="Verzoek indienen").click()
    expect(manager.locator(".db-error-summary")).to_be_visible()
    checker.check(manager, "extension request with nothing filled in, as manager")
    manager.get_by_label(CATEGORY).check()
    manager.get_by_label("Motivering").fill("Zonder zicht op schulden mist de consulent de kern van de hulpvraag.")
    manager.get_by_role("button", name="Verzoek indienen").click()
    expect(manager.get_by_text("Het verzoek is ingediend.")).to_be_visible()
    request_url = manager.url
    expect_step(manager, 0, "Verzoek ingediend", "Marco Arends")
    checker.check(manager, "new extension request, as manager")
    manager.get_by_label("Advies nodig", exact=True).check()
    manager.get_by_label("Toelichting of vraag").fill("Past dit bij het doel van de Wmo-set?")
    manager.get_by_role("button", name="Vastleggen").click()
    expect(manager.locator("dd").first).to_have_text("Wacht op advies van de privacyfunctionaris")

    officer = logged_in(site, "privacy_officer")
    officer.goto(request_url)
    checker.check(officer, "extension request awaiting advice, as privacy officer")
    officer.get_by_label("Positief").check()
    officer.get_by_label("Advies en onderbouwing").fill(
        "Verenigbaar: schulden hangen samen met de ondersteuningsvraag."
    )
    officer.get_by_role("button", name="Advies vastleggen").click()
    expect(officer.locator("dd").first).to_have_text("Wacht op besluit van de directie")

    director = logged_in(site, "directeur")
    director.goto(request_url)
    checker.check(director, "extension request awaiting the decision, as director")
    director.get_by_label("Waarom is het verzoek bestuurlijk of politiek gevoelig?").fill(
        "De raad heeft vragen gesteld over gegevensgebruik bij schulden."
    )
    director.get_by_role("button", name="Voorleggen aan het college").click()
    expect(director.locator("dd").first).to_have_text("Voorgelegd aan het college")

    alderman = logged_in(site, "wethouder")
    alderman.goto(request_url)
    checker.check(alderman, "referred extension request, as alderman")
    alderman.get_by_label("Goedgekeurd").check()
    alderman.get_by_label("Motivering").fill("Noodzakelijk voor de taak; het college neemt het advies over.")
    alderman.get_by_role("button", name="Collegebesluit vastleggen").click()
    expect(alderman.locator("dd").first).to_have_text("Goedgekeurd")

    manager.goto(request_url)
    for row, (step, who) in enumerate(
        [
            ("Verzoek ingediend", "Marco Arends"),
            ("Adviesvraag bepaald", "Marco Arends"),
            ("Advies privacyfunctionaris", "Petra Oosting"),
            ("Voorgelegd aan het college", "Dirk Evers"),
            ("Besluit college", "Wim Hofstede"),
        ]
    ):
        expect_step(manager, row, step, who)
    expect(manager.get_by_role("heading", level=2, name="Besluiten")).to_have_count(0)  # nothing left to do
    manager.get_by_role("link", name="Consulent · Wmo").click()
    expect(manager.locator("dl")).to_contain_text(CATEGORY)
    expect(manager.locator("dl")).to_contain_text("door Wim Hofstede")
    checker.check(manager, "data set after the extension, as manager")
    checker.assert_clean()


def test_the_head_of_departments_data_set_forms_pass_axe(site, axe):
    checker = AxeChecker(axe)
    manager = logged_in(site, "manager")
    manager.goto("/register/gegevenssets/nieuw/")
    checker.check(manager, "new data set, as manager")
    manager.get_by_role("button", name="Opslaan").click()
    expect(manager.locator(".db-error-summary")).to_be_visible()
    checker.check(manager, "new data set with nothing filled in, as manager")
    manager.goto("/register/gegevenssets/")
    manager.get_by_role("link", name="Vrijwilliger · Wmo").click()
    manager.get_by_role("link", name="Wijzigen").click()
    checker.check(manager, "editing a concept data set, as manager")
    checker.assert_clean()
