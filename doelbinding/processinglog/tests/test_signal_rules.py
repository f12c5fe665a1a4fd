"""The FG's signals of unusual access as pure rules: access outside the caseload, emergency access granted and
refused, refused attempts."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from doelbinding.processinglog.rules import outside_caseload, signals

DAY, NEXT = date(2026, 11, 2), date(2026, 11, 3)
NAMES = {1: "Anna", 2: "Bram"}

CASES = [
    # (accessed, caseloads, known, expected (user, day, count) signals)
    pytest.param({(1, DAY): {"A"}}, {1: {"A"}}, {"A"}, [], id="own client"),
    pytest.param({(1, DAY): {"A"}}, {1: set()}, {"A"}, [(1, DAY, 1)], id="someone else's client"),
    pytest.param({(1, DAY): {"A"}}, {}, {"A"}, [(1, DAY, 1)], id="a user without any caseload"),
    pytest.param({(1, DAY): {"X"}}, {1: set()}, {"A"}, [], id="a person case work does not hold: nothing to compare"),
    pytest.param({(1, DAY): {"A", "B", "C"}}, {1: {"A"}}, {"A", "B", "C"}, [(1, DAY, 2)], id="counted per person"),
    pytest.param(
        {(1, DAY): {"B"}, (1, NEXT): {"B"}, (2, DAY): {"B"}},
        {1: {"A"}, 2: {"B"}},
        {"A", "B"},
        [(1, DAY, 1), (1, NEXT, 1)],
        id="per user and day",
    ),
]


@pytest.mark.parametrize(("accessed", "caseloads", "known", "expected"), CASES)
def test_access_outside_the_caseload_is_signalled_per_user_and_day(accessed, caseloads, known, expected):
    found = outside_caseload(accessed, caseloads, known, NAMES)
    assert [(s.user_id, s.day, s.count) for s in found] == expected
    assert all(s.kind == "caseload" and "buiten de eigen caseload" in s.reason for s in found)
    assert len({s.key for s in found}) == len(found)


people = st.sets(st.sampled_from("ABCDEFGH"))


@given(
    st.dictionaries(st.tuples(st.sampled_from([1, 2, None]), st.sampled_from([DAY, NEXT])), people),
    st.dictionaries(st.sampled_from([1, 2, None]), people),
    people,
)
def test_a_signal_counts_exactly_the_known_people_off_the_caseload(accessed, caseloads, known):
    found = {(s.user_id, s.day): s.count for s in outside_caseload(accessed, caseloads, known, NAMES)}
    for (user, day), subjects in accessed.items():
        off = len((subjects & known) - caseloads.get(user, set()))
        assert found.get((user, day), 0) == off


def test_only_granted_emergency_access_reads_as_used_a_refused_request_as_refused():
    daily = {(1, DAY): 2, (2, DAY): 1}
    found = signals(daily, NAMES, {(1, DAY): 1}, {}, break_glass_refused={(2, DAY): 1})
    assert [(s.kind, s.user_id) for s in found] == [("break_glass", 1), ("break_glass_refused", 2)]
    used, refused = found
    assert used.reason.startswith("Noodtoegang gebruikt") and refused.reason.startswith("Noodtoegang geweigerd")
    assert "gebruikt" not in refused.reason and used.key != refused.key


def test_the_signal_texts_are_gender_neutral():
    found = signals({(1, DAY): 1}, NAMES, {}, {(1, DAY): 1}, break_glass_refused={})
    assert [s.kind for s in found] == ["denied"]
    assert "buiten de eigen autorisatie" in found[0].reason and " zijn " not in found[0].reason
