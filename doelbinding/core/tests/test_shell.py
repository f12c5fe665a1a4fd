import json

import pytest

from doelbinding.core import themes


def test_token_tree_becomes_custom_properties():
    pairs = themes._flatten({"utrecht": {"button": {"color": {"value": "#fff"}, "$type": "color"}}, "$x": {}})
    assert pairs == [("--utrecht-button-color", "#fff")]


def test_unsafe_token_values_are_refused():
    with pytest.raises(ValueError, match="unsafe"):
        themes._flatten({"a": {"value": "red; } body { display: none"}})


@pytest.mark.parametrize("name", themes.available_themes())
def test_every_shipped_theme_renders(name):
    css = themes.theme_css(name)
    assert css.startswith(".utrecht-theme {")
    assert "--doelbinding-header-background-color" in css
    tokens = json.loads((themes.TOKEN_DIR / f"{name}.tokens.json").read_text())
    assert tokens["doelbinding"]["header"]["color"]["value"] in css


def test_unknown_theme_is_not_found(client, db):
    assert themes.theme_css("bestaat-niet") is None
    assert client.get("/thema/bestaat-niet.css").status_code == 404
    response = client.get("/thema/groen.css")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/css")


def test_the_municipality_theme_is_used_on_its_pages(as_persona):
    assert "/thema/groen.css" in as_persona("buitenstaander").get("/").content.decode()
    assert "/thema/standaard.css" in as_persona("fg").get("/").content.decode()


def test_demo_mode_marks_every_page(client, db, settings):
    settings.DEMO_MODE = True
    assert "Demo-omgeving: alle personen en gegevens zijn fictief." in client.get("/inloggen/").content.decode()
    settings.DEMO_MODE = False
    assert "Demo-omgeving" not in client.get("/inloggen/").content.decode()
