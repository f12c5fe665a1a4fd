"""Logging in through the real form in a real browser: password, then the code of the authenticator app."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.support import LOGIN_URL, enter_password, log_in

pytestmark = pytest.mark.browser


def test_fg_logs_in_with_password_and_code(site):
    page = site.new_page()
    log_in(page, "fg")
    expect(page).to_have_url(site.url + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Welkom, Fatima")
    expect(page.locator("header")).to_contain_text("U werkt namens Gemeente Voorbeeld")


def test_buitenstaander_chooses_the_municipality_after_logging_in(site):
    """Bram works for Uitvoeringsorganisatie Dinkelrand, which serves Oostdal and Westveen: he says for which."""
    page = site.new_page()
    log_in(page, "buitenstaander")
    expect(page).to_have_url(re.compile(r"/kies-gemeente/"))
    expect(page.locator("header")).not_to_contain_text("U werkt namens")
    page.get_by_label("Gemeente Oostdal").check()
    page.get_by_role("button", name="Verder").click()
    expect(page).to_have_url(site.url + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Welkom, Bram")
    expect(page.locator("header")).to_contain_text("U werkt namens Gemeente Oostdal")


def test_password_alone_reaches_no_page(site):
    page = site.new_page()
    enter_password(page, "fg")
    expect(page.get_by_label("Code uit uw app")).to_be_visible()  # stopped at the second factor
    page.goto("/")
    expect(page).to_have_url(re.compile(re.escape(LOGIN_URL) + r"(\?next=.*)?$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen")
    expect(page.get_by_label("Gebruikersnaam")).to_be_visible()  # from the start: user name and password again
    expect(page.locator("header")).not_to_contain_text("U werkt namens")
