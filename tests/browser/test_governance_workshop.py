"""The RASIC workshop end to end in a real browser (seed 001 §3.2): the FG composes the team, chooses the roles,
two participants prefill the matrix differently, the group settles the difference, and in step 4 a vacant role
is filled and a follow-up agreed; axe checks every step."""

import pytest
from playwright.sync_api import expect

from tests.browser.support import AxeChecker, log_in

pytestmark = pytest.mark.browser


def test_a_workshop_runs_through_its_four_steps(site, axe):
    checker = AxeChecker(axe)
    fg = site.new_page()
    log_in(fg, "fg")

    fg.goto("/governance/workshops/")
    fg.get_by_role("link", name="Nieuwe workshop").click()
    fg.get_by_label("Titel").fill("Herijking RASIC 2027")
    fg.get_by_label("Vooraf laten invullen en daarna samen bespreken").check()
    checker.check(fg, "new workshop form, as fg")
    fg.get_by_role("button", name="Workshop aanmaken").click()
    expect(fg.get_by_role("heading", level=1)).to_have_text("Herijking RASIC 2027")

    # Step 1: the team, with a wrong submission first
    fg.get_by_role("button", name="Deelnemer toevoegen").click()
    expect(fg.locator(".db-error-summary")).to_be_visible()
    checker.check(fg, "workshop step 1 with an error, as fg")
    for name, expertise in [("Fatima Goudsmit", "Juridisch"), ("Thea Lindeboom", "Uitvoering")]:
        fg.get_by_label("Deelnemer").select_option(label=name)
        fg.get_by_label("Inbreng").select_option(label=expertise)
        fg.get_by_role("button", name="Deelnemer toevoegen").click()
        expect(fg.get_by_text(f"{name} — {expertise}")).to_be_visible()
    fg.get_by_role("button", name="Verder naar de volgende stap").click()

    # Step 2: the roles that fit; the privacy officer joins
    expect(fg.get_by_role("heading", name="Stap 2: rollen kiezen die bij de gemeente passen")).to_be_visible()
    fg.get_by_label("Privacyfunctionaris").check()
    checker.check(fg, "workshop step 2, as fg")
    fg.get_by_role("button", name="Opslaan en verder naar stap 3").click()
    expect(fg.get_by_text("De rollen zijn gekozen.")).to_be_visible()

    # Step 3: two prefills that differ on who drafts the social domain's privacy policy
    expect(fg.get_by_role("heading", name="Stap 3: de matrix invullen")).to_be_visible()
    fg.get_by_role("link", name="Mijn voorstel invullen").click()
    cell = "Een privacybeleid voor het sociaal domein opstellen — Privacyfunctionaris"
    fg.get_by_label(cell, exact=True).select_option("R")
    checker.check(fg, "own proposal, as fg")
    fg.get_by_role("button", name="Voorstel opslaan").click()
    expect(fg.get_by_text("Uw voorstel is opgeslagen.")).to_be_visible()

    lead = site.new_page()
    log_in(lead, "teamleider")
    lead.goto(fg.url.split("?")[0])
    lead.get_by_role("link", name="Mijn voorstel invullen").click()
    lead.get_by_label(cell, exact=True).select_option("S")
    lead.get_by_role("button", name="Voorstel opslaan").click()
    expect(lead.get_by_text("Uw voorstel is opgeslagen.")).to_be_visible()
    expect(lead.get_by_role("button", name="Verder naar de volgende stap")).to_have_count(0)  # leads: editors only

    fg.reload()
    difference = fg.get_by_role("row", name="Een privacybeleid voor het sociaal domein opstellen Privacyfunctionaris")
    expect(difference).to_contain_text("Fatima Goudsmit")
    expect(difference).to_contain_text("Thea Lindeboom")
    checker.check(fg, "workshop step 3 with differences, as fg")
    difference.get_by_role("button", name="R voor PF overnemen").click()
    expect(fg.get_by_text("Het vak is bijgewerkt in de matrix.")).to_be_visible()
    expect(difference).to_have_count(1)  # still discussed: Thea proposed S
    fg.get_by_role("button", name="Verder naar de volgende stap").click()

    # Step 4: the new role is vacant until someone fills it; a follow-up is agreed
    expect(fg.get_by_role("heading", name="Stap 4: de organisatie inrichten")).to_be_visible()
    vacancies = fg.get_by_role("heading", name="Vacante rollen").locator("xpath=following-sibling::ul[1]")
    expect(vacancies).to_contain_text("Privacyfunctionaris")
    fg.get_by_role("button", name="Toewijzen").click()
    expect(fg.locator(".db-error-summary")).to_contain_text("Kies een medewerker of vul een naam in.")
    checker.check(fg, "workshop step 4 with an error, as fg")
    fg.get_by_label("Rol", exact=True).select_option(label="Privacyfunctionaris")
    fg.get_by_label("Medewerker").select_option(label="Petra Oosting")
    fg.get_by_role("button", name="Toewijzen").click()
    expect(fg.get_by_text("Privacyfunctionaris is toegewezen.")).to_be_visible()
    expect(fg.get_by_text("Elke rol die door personen vervuld moet worden, heeft iemand.")).to_be_visible()
    fg.get_by_label("Actie").fill("Taken van de privacyfunctionaris in het functieprofiel opnemen")
    fg.get_by_label("Wie pakt het op").fill("Afdelingshoofd sociaal domein")
    fg.get_by_role("button", name="Vervolgactie vastleggen").click()
    expect(fg.get_by_text("De vervolgactie is vastgelegd.")).to_be_visible()
    checker.check(fg, "workshop step 4, as fg")
    fg.get_by_role("button", name="Workshop afronden").click()
    expect(fg.get_by_text("Deze workshop is afgerond.", exact=True)).to_be_visible()

    fg.goto("/governance/organogram/")
    chart = fg.locator("svg[role=figure]")
    expect(chart).to_contain_text("Privacyfunctionaris")
    expect(chart).to_contain_text("Petra Oosting")
    checker.check(fg, "organisation chart, as fg")
    checker.assert_clean()
