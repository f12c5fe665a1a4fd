import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from rest_framework.test import APIClient


def test_create_api_client_prints_a_working_key_once(world, capsys):
    call_command(
        "create_api_client",
        "--gemeente",
        "gemeente-voorbeeld",
        "--organisatie",
        "thuisbasis-wonen",
        "--naam",
        "Woonsysteem",
        "--scope",
        "organisaties.lezen",
    )
    key = capsys.readouterr().out.split("getoond): ")[1].strip()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    assert client.get("/api/v1/organisaties/").status_code == 200


@pytest.mark.parametrize(
    ("gemeente", "organisatie", "message"),
    [
        ("gemeente-nergens", "thuisbasis-wonen", "Geen gemeente met korte naam 'gemeente-nergens'."),
        ("zorg-de-linde", "thuisbasis-wonen", "Geen gemeente met korte naam 'zorg-de-linde'."),
        ("gemeente-voorbeeld", "bestaat-niet", "Geen organisatie met korte naam 'bestaat-niet'."),
    ],
)
def test_create_api_client_refuses_unknown_names(world, gemeente, organisatie, message):
    from doelbinding.tenancy.models import ApiClient

    before = ApiClient.objects.count()
    with pytest.raises(CommandError, match=message):
        call_command("create_api_client", "--gemeente", gemeente, "--organisatie", organisatie, "--naam", "x")
    assert ApiClient.objects.count() == before
