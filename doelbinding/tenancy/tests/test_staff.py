"""Editing a membership: Dutch errors that change nothing, and a history with who, when, why, before, after."""

from doelbinding.tenancy.models import Membership
from doelbinding.tenancy.services import membership_update


def _membership(world, username):
    return Membership.objects.get(user=world.users[username])


def test_a_change_is_saved_with_its_history(as_persona, world):
    membership = _membership(world, "wmo_consulent")
    client = as_persona("beheerder")
    response = client.post(
        f"/medewerkers/{membership.uuid}/wijzigen/",
        {"roles": ["consulent", "regisseur"], "domains": ["jeugd"], "active": "on", "reason": "Naar team Jeugd"},
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.roles == ["consulent", "regisseur"]
    assert membership.domains == ["jeugd"]
    latest = membership.history.latest()
    assert latest.history_user == world.users["beheerder"]
    assert latest.history_change_reason == "Naar team Jeugd"
    page = client.get(f"/medewerkers/{membership.uuid}/").content.decode()
    assert "Naar team Jeugd" in page
    assert "Consulent → Consulent, Regisseur" in page
    assert "Wmo → Jeugd" in page
    assert "Bart Heerink" in page


def test_bad_input_gets_dutch_messages_and_changes_nothing(as_persona, world):
    membership = _membership(world, "wmo_consulent")
    before = (list(membership.roles), list(membership.domains), membership.history.count())
    response = as_persona("beheerder").post(
        f"/medewerkers/{membership.uuid}/wijzigen/", {"roles": ["consulent"], "domains": [], "reason": ""}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Een consulent werkt in minstens één domein; kies er een." in page
    assert "Geef de reden van de wijziging." in page
    assert 'role="alert"' in page  # the error summary
    membership.refresh_from_db()
    assert (membership.roles, membership.domains, membership.history.count()) == before


def test_unknown_choices_are_refused(as_persona, world):
    membership = _membership(world, "wmo_consulent")
    response = as_persona("beheerder").post(
        f"/medewerkers/{membership.uuid}/wijzigen/", {"roles": ["koning"], "domains": ["piraterij"], "reason": "x"}
    )
    assert response.status_code == 200
    assert "koning" in response.content.decode()
    membership.refresh_from_db()
    assert membership.roles == ["consulent"]


def test_service_records_the_actor_without_a_request(world):
    membership = _membership(world, "teamleider")
    membership_update(
        actor=world.users["beheerder"],
        membership=membership,
        roles=["team_lead"],
        domains=[],
        active=False,
        reason="uit dienst",
    )
    latest = membership.history.latest()
    assert (latest.history_user, latest.history_change_reason, latest.active) == (
        world.users["beheerder"],
        "uit dienst",
        False,
    )
    assert membership.history.count() == 2  # created, then this change: one row per change


def test_staff_search_filters_and_htmx_gets_only_the_table(as_persona):
    client = as_persona("fg")
    page = client.get("/medewerkers/", {"q": "consulent wmo"}).content.decode()
    assert "Wendy Molenaar" in page and "Jeroen Jansen" not in page
    assert "<h1" in page
    partial = client.get("/medewerkers/", {"q": "jansen"}, HTTP_HX_REQUEST="true").content.decode()
    assert "Jeroen Jansen" in partial and "Wendy Molenaar" not in partial
    assert "<h1" not in partial and "<table" in partial
    assert "Niemand gevonden." in client.get("/medewerkers/", {"q": "xyzzy"}).content.decode()


def test_the_staff_table_costs_the_same_queries_for_one_row_or_all(as_persona):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = as_persona("fg")
    client.get("/medewerkers/")  # warm the session
    counts = []
    for query in ["wendy", ""]:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/medewerkers/", {"q": query}).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]
