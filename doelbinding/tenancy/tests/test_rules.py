import pytest
from hypothesis import given
from hypothesis import strategies as st

from doelbinding.policy import Role
from doelbinding.tenancy.rules import ROLES_NEEDING_A_DOMAIN, api_key_hash, membership_problems


@pytest.mark.parametrize(
    ("roles", "domains", "expected"),
    [
        ([Role.FG], [], {}),
        ([Role.CONSULENT], ["wmo"], {}),
        ([Role.REGISSEUR], [], {}),
        ([], [], {"roles": ["Kies minstens één rol."]}),
        ([Role.CONSULENT], [], {"domains": ["Een consulent werkt in minstens één domein; kies er een."]}),
        (
            [Role.SOCIAL_WORKER, Role.CONSULENT],
            [],
            {"domains": ["Een consulent of sociaal werker werkt in minstens één domein; kies er een."]},
        ),
        (["piraat"], [], {"roles": ["Onbekende rol: piraat."]}),
    ],
)
def test_membership_problems(roles, domains, expected):
    assert membership_problems(roles, domains) == expected


@given(st.sets(st.sampled_from(list(Role)), min_size=1), st.sets(st.sampled_from(["wmo", "jeugd"])))
def test_a_domain_is_needed_exactly_when_a_role_needs_one(roles, domains):
    problems = membership_problems(roles, domains)
    assert "roles" not in problems
    assert ("domains" in problems) == bool(roles & ROLES_NEEDING_A_DOMAIN and not domains)


@given(st.text(min_size=1))
def test_api_key_hash_is_stable_and_not_the_key(key):
    assert api_key_hash(key) == api_key_hash(key)
    assert api_key_hash(key) != key
    assert len(api_key_hash(key)) == 64


def test_unknown_domains_are_named():
    assert membership_problems(["fg"], ["wmo", "piraterij"], known_domains=["wmo"]) == {
        "domains": ["Onbekend domein: piraterij."]
    }
