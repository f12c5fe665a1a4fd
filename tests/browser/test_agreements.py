"""Working on agreements in a real browser, as the FG: the worklist, adding the signed text (a wrong file first),
deciding under a covenant who may see which information, and finding a partner on the stakeholder map; axe
checks the forms, also with their errors."""

import pytest
from playwright.sync_api import expect

from tests.browser.support import AxeChecker, log_in

pytestmark = pytest.mark.browser

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def test_the_fg_works_through_agreements(site, axe):
    checker = AxeChecker(axe)
    fg = site.new_page()
    log_in(fg, "fg")

    fg.goto("/partners/werklijst/")
    expect(fg.get_by_role("row", name="Verwerkersovereenkomst Cloudmail")).to_contain_text("loopt af op")
    fg.get_by_role("link", name="Convenant wijkteams").click()
    expect(fg.get_by_role("heading", level=1)).to_have_text("Convenant wijkteams")
    expect(fg.get_by_text("Er is nog geen document van deze afspraak toegevoegd.")).to_be_visible()

    fg.get_by_role("link", name="Document toevoegen").click()
    fg.get_by_label("Document").set_input_files({"name": "notulen.txt", "mimeType": "text/plain", "buffer": b"Notulen"})
    fg.get_by_role("button", name="Toevoegen").click()
    expect(fg.locator(".db-error-summary")).to_contain_text("PDF- of Word-bestand")
    checker.check(fg, "document upload with a wrong file, as fg")
    fg.get_by_label("Document").set_input_files(
        {"name": "Convenant wijkteams getekend.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    fg.get_by_role("button", name="Toevoegen").click()
    expect(fg.get_by_text("Het document is toegevoegd.")).to_be_visible()
    with fg.expect_download() as download:
        fg.get_by_role("link", name="Convenant wijkteams getekend.pdf").click()
    assert download.value.suggested_filename == "Convenant wijkteams getekend.pdf"

    fg.goto("/partners/afspraken/")
    fg.get_by_role("link", name="Convenant Zorg en Veiligheid Midden").click()
    fg.get_by_role("link", name="Wie mag welke informatie zien").click()
    police = fg.get_by_role("row", name="Politie eenheid Midden")
    expect(police).to_contain_text("Weten of hulpverlening al betrokken is")
    expect(fg.get_by_role("row", name="Budgetcoaches Voorbeeld")).to_contain_text("schilpartner")
    fg.get_by_role("button", name="Vastleggen").click()
    expect(fg.locator(".db-error-summary")).to_be_visible()
    checker.check(fg, "information sharing with nothing filled in, as fg")
    fg.get_by_label("Partner").select_option(label="Politie eenheid Midden")
    fg.get_by_label("Domein").select_option(label="Schulden")
    fg.get_by_label("Dat-informatie (betrokkenheid)").check()
    fg.get_by_label("Doel").fill("Overlast door schulden")
    fg.get_by_role("button", name="Vastleggen").click()
    expect(fg.get_by_text("De informatiedeling is vastgelegd.")).to_be_visible()
    expect(police).to_contain_text("Overlast door schulden")
    checker.check(fg, "information sharing, as fg")

    fg.goto("/partners/kaart/")
    expect(fg.locator("svg[role=figure]")).to_be_visible()
    fg.locator("svg a", has_text="Zorggroep De Linde").first.click()
    expect(fg.get_by_role("heading", level=1)).to_have_text("Zorggroep De Linde")
    checker.assert_clean()
