"""Versions, the demo register's flaws, the worklist, the forms and the exports."""

import csv
import io
import json

import pytest
from django.utils import timezone

from doelbinding.register import demo, selectors, services
from doelbinding.register.columns import COLUMNS
from doelbinding.register.models import Activity, ActivityVersion, Status
from doelbinding.tenancy import demo as tenancy_demo


@pytest.mark.parametrize("slug", list(demo.FLAWS))
def test_the_checks_flag_exactly_the_seeded_flaws(world, slug):
    controller = world.organisations[slug]
    found = {
        (version.name, finding.check)
        for version, findings in selectors.worklist(controller, timezone.localdate())
        for finding in findings
    }
    assert found == set(demo.FLAWS[slug].items())


def test_every_demo_register_has_about_forty_activities_across_the_domains(world):
    for slug in demo.FLAWS:
        versions = selectors.current_versions(world.organisations[slug])
        assert 38 <= len(versions) <= 45
        assert {v.domain for v in versions} == {
            "wmo",
            "jeugd",
            "werk-inkomen",
            "schulden",
            "leerplicht",
            "zorg-veiligheid",
        }


def _new_activity(world):
    voorbeeld = world.organisations[tenancy_demo.VOORBEELD]
    return services.activity_create(
        actor=world.users["fg"],
        controller=voorbeeld,
        fields={"name": "Proef", "purposes": "Een doel", "retention_period": "1 jaar"},
    )


def test_editing_an_established_version_makes_a_new_version_and_keeps_the_old(world):
    first = _new_activity(world)
    activity = first.activity
    assert first.status == Status.CONCEPT and first.version == 1
    established = services.activity_establish(actor=world.users["manager"], activity=activity)
    uri = established.uri
    assert uri == f"urn:doelbinding:gemeente-voorbeeld:verwerking:{activity.reference}:v1"

    concept = services.activity_edit(actor=world.users["fg"], activity=activity, fields={"name": "Proef 2"})
    assert (concept.version, concept.status) == (2, Status.CONCEPT)
    established.refresh_from_db()
    assert (established.name, established.status, established.uri) == ("Proef", Status.ESTABLISHED, uri)

    again = services.activity_edit(actor=world.users["fg"], activity=activity, fields={"purposes": "Ander doel"})
    assert again.pk == concept.pk  # one concept at a time

    services.activity_establish(actor=world.users["manager"], activity=activity)
    established.refresh_from_db()
    assert established.status == Status.LAPSED
    assert [v.version for v in activity.versions.all()] == [2, 1]
    assert ActivityVersion.objects.get(activity=activity, version=1).name == "Proef"


def test_new_version_copies_the_relations(world):
    activity = Activity.objects.get(controller=world.organisations[tenancy_demo.VOORBEELD], number=2)
    base = activity.versions.get(status=Status.ESTABLISHED)
    concept = services.activity_edit(actor=world.users["fg"], activity=activity, fields={"name": "Nieuw"})
    for relation in ["lawful_bases", "sector_provisions", "data_categories", "subject_categories"]:
        assert set(getattr(concept, relation).all()) == set(getattr(base, relation).all()), relation
    assert concept.bsn_basis == base.bsn_basis


def test_both_versions_are_readable_in_the_ui(as_persona, world):
    activity = Activity.objects.get(
        controller=world.organisations[tenancy_demo.VOORBEELD],
        versions__name="Dagbesteding",
        versions__status=Status.CONCEPT,
    )
    client = as_persona("fg")
    current = client.get(f"/register/{activity.uuid}/").content.decode()
    assert "Concept" in current and "5 jaar na beëindiging" in current
    old = client.get(f"/register/{activity.uuid}/versies/1/").content.decode()
    assert "Dagbesteding toekennen." in old and "De uitvoering door aanbieders" not in old
    assert f"urn:doelbinding:gemeente-voorbeeld:verwerking:{activity.reference}:v1" in old


def test_form_errors_are_dutch_and_save_nothing(as_persona, world):
    before = Activity.objects.count()
    response = as_persona("fg").post(
        "/register/nieuw/", {"name": "", "purposes": "", "confidential_until": "2030-01-01"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Fout: Dit veld is vereist." in page
    assert "Een einddatum hoort alleen bij een vertrouwelijke verwerking." in page
    assert Activity.objects.count() == before


def test_create_edit_and_establish_through_the_pages(as_persona, world):
    fg, manager = as_persona("fg"), as_persona("manager")
    response = fg.post(
        "/register/nieuw/", {"name": "Proefverwerking", "purposes": "Proberen", "dpia_status": "unknown"}
    )
    assert response.status_code == 302
    detail = response["Location"]
    assert "Versie 1 vaststellen" not in fg.get(detail).content.decode()  # the FG advises, does not establish
    assert manager.post(detail + "vaststellen/").status_code == 302
    assert "Vastgesteld" in manager.get(detail).content.decode()


def test_worklist_page_lists_the_flaws_with_their_sources(as_persona):
    page = as_persona("fg").get("/register/controle/").content.decode()
    assert "Mantelzorgwaardering" in page and "UAVG art. 46" in page and "AVG art. 6 lid 4" in page


def test_public_register_needs_no_login_and_hides_confidential_activities(client, world):
    page = client.get("/openbaar/gemeente-voorbeeld/register/").content.decode()
    assert "Bijstandsuitkering" in page
    assert "Fraudeonderzoek bijstand" not in page
    assert "Uw rechten" in page
    confidential = Activity.objects.get(
        controller=world.organisations[tenancy_demo.VOORBEELD], versions__name="Fraudeonderzoek bijstand"
    )
    assert client.get(f"/openbaar/gemeente-voorbeeld/register/{confidential.number}/").status_code == 404
    assert client.get("/openbaar/zorg-de-linde/register/").status_code == 404


def test_confidential_activity_appears_once_its_confidentiality_ends(client, world):
    version = ActivityVersion.objects.get(
        activity__controller=world.organisations[tenancy_demo.VOORBEELD], name="Fraudeonderzoek bijstand"
    )
    version.confidential_until = timezone.localdate() - timezone.timedelta(days=1)
    version.save()
    assert "Fraudeonderzoek bijstand" in client.get("/openbaar/gemeente-voorbeeld/register/").content.decode()


def test_open_data_exports_carry_every_art_30_column(client, world):
    body = b"".join(client.get("/openbaar/gemeente-voorbeeld/register.csv").streaming_content).decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(body), delimiter=";"))
    assert table[0] == [str(c.header) for c in COLUMNS]
    document = json.loads(client.get("/openbaar/gemeente-voorbeeld/register.json").content)
    assert len(document["verwerkingen"]) == len(table) - 1
    row = next(r for r in document["verwerkingen"] if r["naam"] == "Bijstandsuitkering")
    for key in [
        "verwerkingsverantwoordelijke",
        "functionaris_gegevensbescherming",
        "doeleinden",
        "betrokkenen",
        "persoonsgegevens",
        "ontvangers",
        "doorgifte",
        "bewaartermijn",
        "beveiliging",
    ]:
        assert key in row
    assert "Fatima Goudsmit" in row["functionaris_gegevensbescherming"]
    assert row["bewaartermijn"] == "10 jaar na beëindiging"


def test_register_api_is_scoped_and_needs_the_scope(world):
    from rest_framework.test import APIClient

    from doelbinding.policy import ApiScope
    from doelbinding.tenancy.services import api_client_create

    def key(slug, scopes):
        return api_client_create(
            actor=None,
            name="t",
            organisation=world.organisations["zorg-de-linde"],
            controller=world.organisations[slug],
            scopes=scopes,
        )[1]

    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {key(tenancy_demo.VOORBEELD, [ApiScope.READ_REGISTER])}")
    listing = api.get("/api/v1/verwerkingsactiviteiten/", {"limit": 500}).json()
    assert listing["count"] == len(selectors.current_versions(world.organisations[tenancy_demo.VOORBEELD])) - 0
    first = listing["results"][0]
    assert set(first) == {"uuid", *(c.key for c in COLUMNS)}
    assert api.get(f"/api/v1/verwerkingsactiviteiten/{first['uuid']}/").status_code == 200
    other = APIClient()
    other.credentials(HTTP_AUTHORIZATION=f"Bearer {key(tenancy_demo.OOSTDAL, [ApiScope.READ_REGISTER])}")
    assert other.get(f"/api/v1/verwerkingsactiviteiten/{first['uuid']}/").status_code == 404
    no_scope = APIClient()
    no_scope.credentials(HTTP_AUTHORIZATION=f"Bearer {key(tenancy_demo.VOORBEELD, [])}")
    assert no_scope.get("/api/v1/verwerkingsactiviteiten/").status_code == 403
