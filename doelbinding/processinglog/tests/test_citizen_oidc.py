"""Citizen login with DigiD through an OIDC provider that delivers the BSN, against a real provider on 127.0.0.1
(tests/oidc_provider.py): the whole flow, and every way it must refuse — each with a Dutch page, never a 500, and
nothing left in the session."""

import logging
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from doelbinding.processinglog import citizen_login, citizens, demo
from doelbinding.tenancy import demo as tenancy_demo
from tests.oidc_provider import KEY_ID, Provider, rsa_key

CITIZEN = demo.DEMO_CITIZEN
VOORBEELD, OOSTDAL = tenancy_demo.VOORBEELD, tenancy_demo.OOSTDAL
DIGID_BUTTON = ">Inloggen met DigiD</a>"


@pytest.fixture
def provider(settings):
    with Provider() as running:
        for name, value in running.settings().items():
            setattr(settings, name, value)
        running.claims = {"bsn": CITIZEN}
        yield running


def start(client, slug: str = VOORBEELD) -> str:
    """The citizen clicks "Inloggen met DigiD": where we send them."""
    response = client.get(f"/openbaar/{slug}/mijn-gegevens/digid/")
    assert response.status_code == 302, response.content.decode()
    return response["Location"]


def log_in(client, provider: Provider, slug: str = VOORBEELD):
    """The whole round trip: to the provider, and back to our callback with the code."""
    return client.get(provider.follow(start(client, slug)))


def pending_in(session) -> bool:
    return any(key.startswith(citizen_login.PENDING_PREFIX) for key, _ in session.items())


def nothing_in(session) -> bool:
    return citizens.SESSION_KEY not in session and not pending_in(session)


# --- the start page -------------------------------------------------------------------------------------------


def test_without_a_provider_the_start_page_says_login_is_not_available_and_its_routes_do_not_exist(client, world):
    page = client.get(f"/openbaar/{VOORBEELD}/mijn-gegevens/").content.decode()
    assert "nog niet ingericht" in page and DIGID_BUTTON not in page and "Demo-inlog" not in page
    assert client.get(f"/openbaar/{VOORBEELD}/mijn-gegevens/digid/").status_code == 404
    assert client.get("/openbaar/digid/terug/", {"code": "x", "state": "y"}).status_code == 404


def test_in_demo_mode_without_a_provider_only_the_marked_demo_login_is_offered(client, world, settings):
    settings.DEMO_MODE = True
    page = client.get(f"/openbaar/{VOORBEELD}/mijn-gegevens/").content.decode()
    assert "Demo-inlog" in page and DIGID_BUTTON not in page


def test_the_demo_login_is_a_404_outside_demo_mode_even_with_a_provider(client, world, provider, settings):
    settings.DEMO_MODE = False
    page = client.get(f"/openbaar/{VOORBEELD}/mijn-gegevens/").content.decode()
    assert DIGID_BUTTON in page and "Demo-inlog" not in page
    response = client.post(f"/openbaar/{VOORBEELD}/mijn-gegevens/demo-inloggen/", {"subject_id": CITIZEN})
    assert response.status_code == 404 and nothing_in(client.session)


def test_the_login_asks_for_a_code_with_pkce_state_and_nonce(client, world, provider):
    url = urlsplit(start(client))
    query = {name: values[0] for name, values in parse_qs(url.query).items()}
    assert f"{url.scheme}://{url.netloc}{url.path}" == f"{provider.url}/authorize"
    assert query["response_type"] == "code" and query["client_id"] == provider.client_id
    assert query["code_challenge_method"] == "S256" and query["code_challenge"]
    assert query["state"] and query["nonce"] and "openid" in query["scope"].split()
    assert query["redirect_uri"] == "http://testserver/openbaar/digid/terug/"


# --- the whole flow -------------------------------------------------------------------------------------------


def test_the_citizen_logs_in_with_digid_and_sees_who_processed_their_data(client, world, provider, caplog):
    caplog.set_level(logging.DEBUG)
    session_before = client.session.session_key
    to_provider = start(client)
    back = provider.follow(to_provider)
    response = client.get(back)
    assert response.status_code == 302 and response["Location"] == f"/openbaar/{VOORBEELD}/mijn-gegevens/"
    assert client.session[citizens.SESSION_KEY] == {"controller": VOORBEELD, "bsn": CITIZEN}
    assert client.session.session_key != session_before  # cycled: no session fixation
    assert not pending_in(client.session)
    page = client.get(response["Location"])
    content = page.content.decode()
    assert page.status_code == 200 and "Beslissen op een aanvraag voor een maatwerkvoorziening" in content
    assert "Zorggroep De Linde" in content and "Fraudeonderzoek" not in content
    # The BSN only travelled inside the ID token: in no URL, and in no log line.
    assert not any(CITIZEN in url for url in (to_provider, back, response["Location"]))
    assert CITIZEN not in caplog.text
    assert any("citizen_logged_in" in record.getMessage() for record in caplog.records)


def test_the_municipality_in_the_url_is_the_one_the_citizen_is_logged_in_for(client, world, provider):
    response = log_in(client, provider, OOSTDAL)
    assert response["Location"] == f"/openbaar/{OOSTDAL}/mijn-gegevens/"
    assert client.session[citizens.SESSION_KEY] == {"controller": OOSTDAL, "bsn": CITIZEN}
    voorbeeld = client.get(f"/openbaar/{VOORBEELD}/mijn-gegevens/").content.decode()
    assert DIGID_BUTTON in voorbeeld and CITIZEN not in voorbeeld  # not logged in for Voorbeeld


def test_the_bsn_claim_is_configurable_for_brokers_that_deliver_it_in_sub(client, world, provider, settings):
    settings.CITIZEN_OIDC_BSN_CLAIM = "sub"
    provider.claims = {"sub": CITIZEN}
    assert log_in(client, provider).status_code == 302
    assert client.session[citizens.SESSION_KEY]["bsn"] == CITIZEN


def test_a_callback_cannot_be_used_twice(client, world, provider):
    back = provider.follow(start(client))
    assert client.get(back).status_code == 302
    again = client.get(back)
    assert again.status_code == 400 and "verlopen" in again.content.decode()
    assert not pending_in(client.session) and client.session[citizens.SESSION_KEY]["bsn"] == CITIZEN
    assert provider.token_requests == 1  # the used code was not even tried again


# --- refusals -------------------------------------------------------------------------------------------------


def refused(response, status: int, words: str, session) -> None:
    content = response.content.decode()
    assert response.status_code == status, content
    assert "Inloggen is niet gelukt" in content and words in content
    assert nothing_in(session)


def test_a_state_that_does_not_match_is_refused_and_the_provider_is_not_asked(client, world, provider):
    back = urlsplit(provider.follow(start(client)))
    query = {name: values[0] for name, values in parse_qs(back.query).items()}
    forged = f"{back.path}?{urlencode({**query, 'state': 'aanvaller'})}"
    refused(client.get(forged), 400, "verlopen of hoort niet bij deze browser", client.session)
    assert provider.token_requests == 0


def test_a_callback_without_a_login_under_way_is_refused(client, world, provider):
    refused(client.get("/openbaar/digid/terug/", {"code": "x", "state": "y"}), 400, "verlopen", client.session)
    refused(client.get("/openbaar/digid/terug/"), 400, "verlopen", client.session)


def test_a_failed_login_also_ends_an_earlier_citizen_session(client, world, provider):
    assert log_in(client, provider).status_code == 302
    back = urlsplit(provider.follow(start(client)))
    refused(client.get(f"{back.path}?code=x&state=aanvaller"), 400, "verlopen", client.session)


def test_a_stray_callback_without_a_login_under_way_does_not_log_a_citizen_out(client, world, provider):
    assert log_in(client, provider).status_code == 302
    response = client.get("/openbaar/digid/terug/", {"code": "x", "state": "y"})
    assert response.status_code == 400 and client.session[citizens.SESSION_KEY]["bsn"] == CITIZEN


def test_a_citizen_who_cancels_at_digid_is_not_logged_in(client, world, provider):
    provider.error = "access_denied"
    refused(log_in(client, provider), 400, "afgebroken of niet gelukt", client.session)


@pytest.mark.parametrize(
    "forgery",
    [
        pytest.param({"tampered": {"nonce": "een-andere-nonce"}}, id="wrong nonce"),
        pytest.param({"tampered": {"nonce": None}}, id="no nonce"),
        pytest.param({"tampered": {"aud": "een-andere-client"}}, id="wrong audience"),
        pytest.param({"tampered": {"aud": ["een-andere-client"], "azp": "doelbinding-test"}}, id="audience not us"),
        pytest.param({"tampered": {"iss": "https://nep-makelaar.example"}}, id="wrong issuer"),
        pytest.param({"tampered": {"exp": 1_000_000_000}}, id="expired"),
        # A forger who names the provider's key id: only the signature gives them away.
        pytest.param({"sign_with": (KEY_ID, 1)}, id="signed by another key under the right kid"),
        pytest.param({"sign_with": ("onbekend", 0)}, id="signed by an unknown key"),
    ],
)
def test_an_id_token_that_does_not_hold_up_is_refused(client, world, provider, forgery):
    provider.tampered = forgery.get("tampered", {})
    provider.sign_with = rsa_key(*forgery["sign_with"]) if "sign_with" in forgery else None
    refused(log_in(client, provider), 400, "kon niet worden gecontroleerd", client.session)
    assert provider.token_requests == 1  # refused for the token itself, after the state and the code held up


def test_an_id_token_without_the_bsn_claim_is_refused(client, world, provider):
    provider.claims = {}
    refused(log_in(client, provider), 400, "geen burgerservicenummer", client.session)


@pytest.mark.parametrize("value", ["123456789", "12345678", "9999 93653", 999993653], ids=str)
def test_a_bsn_that_fails_the_elfproef_is_refused(client, world, provider, value):
    provider.claims = {"bsn": value}
    refused(log_in(client, provider), 400, "de elfproef klopt niet", client.session)


def test_a_provider_that_cannot_be_reached_gives_a_clear_message(client, world, provider):
    provider.stop()
    response = client.get(f"/openbaar/{VOORBEELD}/mijn-gegevens/digid/")
    refused(response, 502, "niet bereikbaar", client.session)


def test_a_provider_that_goes_down_during_the_login_gives_a_clear_message(client, world, provider):
    back = provider.follow(start(client))
    provider.stop()
    refused(client.get(back), 502, "niet bereikbaar", client.session)
