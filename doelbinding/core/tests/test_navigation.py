"""The menu's links: reversed once, and still right under another script prefix or URLconf."""

import pytest
from django.urls import reverse, set_script_prefix

from doelbinding.core.navigation import ENTRIES


@pytest.mark.parametrize("prefix", ["/", "/doelbinding/"])
def test_every_entry_links_where_reverse_does_under_the_script_prefix(prefix):
    set_script_prefix(prefix)
    try:
        for entry in ENTRIES:
            assert entry.href == reverse(entry.url_name)
            assert entry.href.startswith(prefix)
    finally:
        set_script_prefix("/")


def test_the_menu_and_the_tiles_link_to_the_entries(as_persona):
    page = as_persona("fg").get(reverse("core:home")).content.decode()
    register = next(e for e in ENTRIES if e.url_name == "register:activity_list")
    assert page.count(f'href="{reverse("register:activity_list")}"') == 2  # in the menu and on its tile
    assert register.href == reverse("register:activity_list")
