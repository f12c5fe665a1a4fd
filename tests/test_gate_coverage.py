"""The one gate (DESIGN.md §3.2): every view and API route that returns a data subject's personal data passes it.

The test walks every URL pattern as the personas who can reach the most, plus a signed-in citizen, and asks the
routes that show personal data for a person who has some. Whenever a response carries the BSN of a (synthetic)
person, the processing log must have gained an entry about that person during that very request. And each route
that is known to show personal data must actually have shown some, so the walk cannot pass by showing nothing.
Citizen login with DigiD is set up against a real test provider (tests/oidc_provider.py), so that its routes
answer as in production.
"""

import re

import pytest
from django.test import Client

from conftest import ANONYMOUS
from doelbinding.policy import ApiScope
from doelbinding.processinglog import citizens, demo
from doelbinding.processinglog.models import ProcessingAction
from doelbinding.tenancy import demo as tenancy_demo
from doelbinding.tenancy.services import api_client_create
from tests.oidc_provider import Provider
from tests.routes import all_routes, url_for

CITIZEN = demo.DEMO_CITIZEN
KNOWN = {*demo.PERSONS, CITIZEN}
BSN = re.compile(r"(?<!\d)\d{9}(?!\d)")
WALKERS = [
    "fg",
    "klachtencoordinator",
    "beheerder",
    "regisseur",
    "wmo_consulent",
    ANONYMOUS,
    "citizen",
    "partner_system",
]

# The routes that show personal data, and how to ask them for some.
SHOWS_PERSONAL_DATA = {
    "processinglog:search": {"subject_id": CITIZEN},
    "processinglog:access_overview": {"subject_id": CITIZEN},
    "openbaar_logboek:my_log": {},
    "api:verwerkingsactie-zoeken": {"betrokkene": CITIZEN},
    "casework:person_detail": {},
}
# Of those, the ones asked by POST: a BSN never goes into a URL.
POSTED = {"processinglog:search", "processinglog:access_overview", "api:verwerkingsactie-zoeken"}


def _ask(client, key: str, url: str):
    data = SHOWS_PERSONAL_DATA.get(key, {})
    if key not in POSTED:
        return client.get(url, data)
    if key.startswith("api:"):
        return client.post(url, data, content_type="application/json")
    return client.post(url, data)


def _client(as_persona, world, who):
    if who == "partner_system":  # a partner's system with every scope there is
        _, key = api_client_create(
            actor=None,
            name="Alle scopes",
            organisation=world.organisations["zorg-de-linde"],
            controller=world.organisations[tenancy_demo.VOORBEELD],
            scopes=list(ApiScope.values),
        )
        return Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    if who != "citizen":
        return as_persona(who)
    return _citizen_signed_in(as_persona(ANONYMOUS))


def _citizen_signed_in(client):
    session = client.session
    session[citizens.SESSION_KEY] = {"controller": tenancy_demo.VOORBEELD, "bsn": CITIZEN}
    session.save()
    return client


@pytest.fixture
def digid(settings):
    """Citizen login with DigiD set up against a real provider on 127.0.0.1."""
    with Provider() as provider:
        for name, value in provider.settings().items():
            setattr(settings, name, value)
        yield provider


def test_every_response_with_personal_data_passed_the_gate(world, as_persona, digid):
    clients = {who: _client(as_persona, world, who) for who in WALKERS}
    showed = set()
    for route in all_routes():
        url = url_for(route, world)
        for who, client in clients.items():
            if who == "citizen":  # again: the walk's own visit to the DigiD callback ends the login under way
                _citizen_signed_in(client)
            last = ProcessingAction.objects.order_by("-id").values_list("id", flat=True).first() or 0
            response = _ask(client, route.key, url)
            content_type = response.get("Content-Type", "text")
            if getattr(response, "streaming", False) or not ("text" in content_type or "json" in content_type):
                continue
            shown = set(BSN.findall(response.content.decode(errors="replace"))) & KNOWN
            if not shown:
                continue
            showed.add(route.key)
            logged = set(ProcessingAction.objects.filter(id__gt=last).values_list("subject_id", flat=True))
            assert shown <= logged, f"{route.key} as {who} showed {sorted(shown - logged)} without a log entry"
    assert showed >= set(SHOWS_PERSONAL_DATA), "a route that shows personal data showed none"
