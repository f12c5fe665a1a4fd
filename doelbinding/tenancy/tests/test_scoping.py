"""Who acts for which municipality, and that every selector keeps to it."""

from doelbinding.partners.demo import PARTNERS
from doelbinding.tenancy import demo, selectors
from doelbinding.tenancy.selectors import CONTROLLER_SESSION_KEY


def test_staff_of_a_municipality_act_for_it_alone(world):
    assert list(selectors.controllers_for(world.users["fg"])) == [world.organisations[demo.VOORBEELD]]


def test_staff_of_the_executing_organisation_act_for_both_municipalities(world):
    names = sorted(c.name for c in selectors.controllers_for(world.users["buitenstaander"]))
    assert names == ["Gemeente Oostdal", "Gemeente Westveen"]


def test_organisations_visible_are_the_controllers_own(world):
    voorbeeld = {o.name for o in selectors.organisations_visible(world.organisations[demo.VOORBEELD])}
    oostdal = {o.name for o in selectors.organisations_visible(world.organisations[demo.OOSTDAL])}
    # The tenancy demo's partners are among those the partners demo describes (and reuses by name).
    assert {"Zorggroep De Linde", "Woningcorporatie Thuisbasis", "Dossierwerk ICT"} <= voorbeeld
    assert voorbeeld == {"Gemeente Voorbeeld", *(p.name for p in PARTNERS[demo.VOORBEELD])}
    assert oostdal == {
        "Gemeente Oostdal",
        "Uitvoeringsorganisatie Dinkelrand",
        *(p.name for p in PARTNERS[demo.OOSTDAL]),
    }


def test_staff_visible_excludes_other_municipalities(world):
    usernames = {m.user.username for m in selectors.staff_visible(world.organisations[demo.OOSTDAL])}
    assert "buitenstaander" in usernames and "raadslid_oostdal" in usernames
    assert "fg" not in usernames


def test_executing_staff_must_choose_before_working(as_persona, world):
    client = as_persona("fg")
    assert client.get("/").status_code == 200  # one municipality: no choice needed
    from django.test import Client

    from conftest import sign_in

    outsider = sign_in(Client(), world.users["buitenstaander"])
    response = outsider.get("/organisaties/")
    assert response.status_code == 302
    assert response["Location"] == "/kies-gemeente/"
    westveen = world.organisations[demo.WESTVEEN]
    assert outsider.post("/kies-gemeente/", {"controller": str(westveen.uuid)}).status_code == 302
    page = outsider.get("/organisaties/").content.decode()
    assert "U werkt namens" in page and "Gemeente Westveen" in page
    assert "Stichting Schuldhulp Westveen" in page and "Jeugdhulp Oostdal" not in page


def test_choosing_a_municipality_one_does_not_work_for_is_refused(as_persona, world):
    client = as_persona("buitenstaander")
    voorbeeld = world.organisations[demo.VOORBEELD]
    response = client.post("/kies-gemeente/", {"controller": str(voorbeeld.uuid)})
    assert response.status_code == 200
    assert "Kies een gemeente uit de lijst." in response.content.decode()
    assert client.session[CONTROLLER_SESSION_KEY] == str(world.organisations[demo.OOSTDAL].uuid)


def test_the_header_shows_the_municipality_on_every_page(as_persona):
    client = as_persona("buitenstaander")
    for path in ["/", "/organisaties/", "/autorisaties/", "/account/"]:
        page = client.get(path).content.decode()
        assert "U werkt namens" in page and "Gemeente Oostdal" in page, path
        assert "andere gemeente kiezen" in page
