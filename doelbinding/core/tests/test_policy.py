"""The policy table: complete, readable, and a user's rights are the union of their roles' rights."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from doelbinding import policy
from doelbinding.policy import POLICY, Cap, Role, allows, capabilities_of

roles = st.sets(st.sampled_from(list(Role)))


def test_every_capability_has_a_row_and_a_dutch_label():
    assert set(POLICY) == set(Cap)
    assert set(policy.CAPABILITY_LABELS) == set(Cap)


def test_rows_have_one_column_per_role():
    rows = policy.as_rows()
    assert [cap for cap, _, _ in rows] == list(Cap)
    assert all(len(cells) == len(Role) for _, _, cells in rows)


@pytest.mark.parametrize(
    ("role", "cap", "expected"),
    [
        (Role.APPLICATION_MANAGER, Cap.USE_ADMIN, True),
        (Role.FG, Cap.USE_ADMIN, False),
        (Role.APPLICATION_MANAGER, Cap.MANAGE_STAFF, True),
        (Role.TEAM_LEAD, Cap.MANAGE_STAFF, False),
        (Role.TEAM_LEAD, Cap.VIEW_STAFF, True),
        (Role.CONSULENT, Cap.VIEW_STAFF, False),
        (Role.COUNCIL, Cap.VIEW_ORGANISATIONS, False),
        (Role.COUNCIL, Cap.VIEW_POLICY, True),
        (Role.VOLUNTEER, Cap.VIEW_ORGANISATIONS, True),
    ],
)
def test_policy_examples(role, cap, expected):
    assert allows([role], cap) is expected


@given(roles)
def test_rights_are_the_union_of_the_roles_rights(held):
    union = frozenset().union(*(capabilities_of([r]) for r in held)) if held else frozenset()
    assert capabilities_of(held) == union


@given(roles, roles)
def test_more_roles_never_means_fewer_rights(a, b):
    assert capabilities_of(a) <= capabilities_of(a | b)


def test_no_roles_no_rights():
    assert capabilities_of([]) == frozenset()
    assert capabilities_of(["onbekende-rol"]) == frozenset()
