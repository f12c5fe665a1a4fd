"""The anonymous case discussion page: the case's purpose, its triage reasoning and a typed situation come back
without the identifiers of its persons; the look is logged like any other, and refused for anyone not in the case."""

from datetime import date

import pytest
from django.urls import reverse

from doelbinding.casework import selectors, services, views
from doelbinding.casework.models import Household, Person
from doelbinding.casework.tests import casefile
from doelbinding.casework.tests.test_access import attempt

SITUATION = (
    "Anna Jansen (BSN {anna}, geboren 4 maart 1985) belde op 06-12345678 over de huurachterstand. "
    "Haar zoon Tim gaat niet meer naar school; mevrouw Jansen vraagt om hulp bij de schulden."
)
# The household's address as the demo and the teams write it: in its designation.
DESIGNATION = "Gezin Jansen, Stationsweg 180, Voorbeeld"


def test_the_summary_holds_no_identifier_of_the_cases_persons_and_the_look_is_logged(cf, world, as_persona):
    case = cf.cases["family"]
    url = reverse("casework:anonymous_summary", kwargs={"uuid": case.uuid})
    regisseur = as_persona("regisseur")
    assert regisseur.get(url).status_code == 200
    situation = SITUATION.format(anna=casefile.bsn("anna"))
    response, entries = attempt(regisseur, url, data={"situatie": situation}, method="post")
    page = response.content.decode()
    assert response.status_code == 200
    for identifier in ("Anna", "Jansen", "Tim", casefile.bsn("anna"), casefile.bsn("tim"), "1985", "12345678"):
        assert identifier not in page, identifier
    assert "[Persoon 1]" in page and "huurachterstand" in page and "schulden" in page
    assert "Zonder afstemming werken Wmo en Jeugd langs elkaar heen." in page  # the triage reasoning
    assert {e.subject_id for e in entries} == {p.bsn for p in case.persons.all()}
    assert {(e.outcome, e.scope, e.case_reference) for e in entries} == {("allowed", "content", case.reference)}
    assert {e.purpose for e in entries} == {str(views.ANONYMOUS_PURPOSE)}


def test_someone_outside_the_case_gets_no_summary_and_the_attempt_is_logged(cf, world, as_persona):
    case = cf.cases["family"]
    url = reverse("casework:anonymous_summary", kwargs={"uuid": case.uuid})
    response, entries = attempt(as_persona("fg"), url, data={"situatie": "x"}, method="post")
    assert response.status_code == 403
    assert entries and {e.outcome for e in entries} == {"denied"}
    assert as_persona("buitenstaander").post(url, {"situatie": "x"}).status_code == 404


def test_the_households_address_from_its_designation_is_replaced_on_the_page(cf, world, as_persona):
    case = cf.cases["family"]
    Household.objects.filter(pk=case.household_id).update(name=DESIGNATION)
    url = reverse("casework:anonymous_summary", kwargs={"uuid": case.uuid})
    situation = "Huisbezoek bij Anna op stationsweg 180 in voorbeeld; mail van ANNA.JANSEN@GMAIL.COM ontvangen."
    page = as_persona("regisseur").post(url, {"situatie": situation}).content.decode().lower()
    for identifier in ("stationsweg", "180", "in voorbeeld", "anna", "gmail"):
        assert identifier not in page, identifier
    assert "[adres]" in page and "[woonplaats]" in page and "[e-mail]" in page


# The leaks a user review found, each in the situation of a case whose household's designation holds its address.
@pytest.mark.parametrize(
    ("situation", "expected"),
    [
        pytest.param(
            "Huisbezoek op stationsweg 180 in voorbeeld.", "Huisbezoek op [Adres] in [Woonplaats].", id="address"
        ),
        pytest.param(
            "Het adres is Stationsweg 180, 1234 AB Voorbeeld.",
            "Het adres is [Adres], [Locatie] [Woonplaats].",
            id="place",
        ),
        pytest.param("Mail van JAN.PIETERS@GMAIL.COM ontvangen.", "Mail van [E-mail] ontvangen.", id="upper case"),
        pytest.param("Doorgestuurd aan Info@Zorgmail.NL.", "Doorgestuurd aan [E-mail].", id="mixed case"),
        pytest.param("Kopie naar eindje@EXAMPLE.NL.", "Kopie naar [E-mail].", id="local part a word"),
        pytest.param("Kopie naar tim@EXAMPLE.NL.", "Kopie naar [E-mail].", id="local part a persons name"),
    ],
)
def test_the_reviewed_leaks_are_closed_in_the_summary(cf, situation, expected):
    case = cf.cases["family"]
    Household.objects.filter(pk=case.household_id).update(name=DESIGNATION)
    case.refresh_from_db()
    summary = selectors.anonymous_summary(case, situation=situation, today=date(2024, 6, 1))
    assert summary.texts[-1].text == expected


def test_a_person_of_another_household_carries_that_households_address(cf):
    case = cf.cases["family"]
    Household.objects.filter(pk=case.household_id).update(name=DESIGNATION)
    other = services.household_create(
        actor=None, controller=case.controller, name="Gezin Bakker, Kerkstraat 12a, 7591 AB Denekamp", synthetic=True
    )
    Person.objects.filter(pk=cf.persons["tim"].pk).update(household=other)
    situation = "Tim slaapt op kerkstraat 12 A, 7591ab denekamp; Anna op Stationsweg 180."
    summary = selectors.anonymous_summary(case, situation=situation, today=date(2024, 6, 1))
    assert summary.texts[-1].text == "[Persoon 2] slaapt op [Adres], [Postcode] [Woonplaats]; [Persoon 1] op [Adres]."
