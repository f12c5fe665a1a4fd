"""The partner API: per-organisation keys with scopes, scoped to the issuing municipality."""

import pytest
from rest_framework.test import APIClient

from doelbinding.partners.demo import PARTNERS
from doelbinding.policy import ApiScope
from doelbinding.tenancy import demo
from doelbinding.tenancy.services import api_client_create
from tests.commands import ROOT, manage

LIST = "/api/v1/organisaties/"


@pytest.fixture
def key_for(world):
    def make(controller: str, scopes=(ApiScope.READ_ORGANISATIONS,), active=True) -> str:
        client, key = api_client_create(
            actor=None,
            name="Testkoppeling",
            organisation=world.organisations["zorg-de-linde"],
            controller=world.organisations[controller],
            scopes=list(scopes),
        )
        if not active:
            client.active = False
            client.save()
        return key

    return make


def call(url: str, key: str | None = None):
    client = APIClient()
    if key is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    return client.get(url)


def test_without_a_key_the_answer_is_401_in_dutch(world):
    response = call(LIST)
    assert response.status_code == 401
    assert response.json() == {"detail": "Geen geldige sleutel meegestuurd."}
    assert response["WWW-Authenticate"] == "Bearer"


@pytest.mark.parametrize("key", ["db_00000000.verzonnen", "geen-sleutel", "db_zonderpunt"])
def test_an_unknown_key_is_401(world, key):
    response = call(LIST, key)
    assert response.status_code == 401
    assert response.json()["detail"] == "Onbekende of ingetrokken sleutel."


def test_a_revoked_key_is_401(key_for):
    assert call(LIST, key_for(demo.VOORBEELD, active=False)).status_code == 401


def test_a_key_without_the_scope_is_403(key_for):
    response = call(LIST, key_for(demo.VOORBEELD, scopes=()))
    assert response.status_code == 403
    assert response.json()["detail"] == "Deze koppeling heeft geen toestemming voor deze handeling."


def test_a_key_lists_only_its_municipalitys_organisations(key_for):
    response = call(LIST, key_for(demo.VOORBEELD))
    assert response.status_code == 200
    names = {row["naam"] for row in response.json()["results"]}
    assert names == {"Gemeente Voorbeeld", *(p.name for p in PARTNERS[demo.VOORBEELD])}
    assert "Zorggroep De Linde" in names and "Jeugdhulp Oostdal" not in names


def test_another_municipalitys_organisation_is_404(key_for, world):
    voorbeeld_partner = world.organisations["zorg-de-linde"]
    assert call(f"{LIST}{voorbeeld_partner.uuid}/", key_for(demo.VOORBEELD)).status_code == 200
    assert call(f"{LIST}{voorbeeld_partner.uuid}/", key_for(demo.OOSTDAL)).status_code == 404
    assert call(f"{LIST}00000000-0000-0000-0000-000000000000/", key_for(demo.OOSTDAL)).status_code == 404


def test_a_staff_session_does_not_open_the_api(as_persona):
    assert as_persona("beheerder").get(LIST).status_code == 401


def test_only_the_hash_of_a_key_is_stored(key_for, world):
    from doelbinding.tenancy.models import ApiClient

    key = key_for(demo.VOORBEELD)
    stored = ApiClient.objects.get(key_prefix=key[3:11])
    assert key not in {stored.key_hash, stored.key_prefix}


def test_the_committed_openapi_document_matches_the_code(tmp_path):
    current = tmp_path / "openapi.yaml"
    result = manage("spectacular", "--validate", "--fail-on-warn", "--file", str(current), DEBUG="1")
    assert result.returncode == 0, result.stderr
    committed = (ROOT / "doelbinding" / "api" / "openapi.yaml").read_text()
    assert current.read_text() == committed, "run `make openapi` and commit doelbinding/api/openapi.yaml"
