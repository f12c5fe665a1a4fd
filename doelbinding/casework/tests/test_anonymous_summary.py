"""The anonymous case discussion page: the case's purpose, its triage reasoning and a typed situation come back
without the identifiers of its persons; the look is logged like any other, and refused for anyone not in the case."""

from django.urls import reverse

from doelbinding.casework import views
from doelbinding.casework.tests import casefile
from doelbinding.casework.tests.test_access import attempt

SITUATION = (
    "Anna Jansen (BSN {anna}, geboren 4 maart 1985) belde op 06-12345678 over de huurachterstand. "
    "Haar zoon Tim gaat niet meer naar school; mevrouw Jansen vraagt om hulp bij de schulden."
)


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
