"""The RASIC rules (seed 001 §3.2.3), table-driven and as properties; and the seed's own table and example."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from doelbinding.governance import reference, rules
from doelbinding.governance.rules import Check, Level, Matrix, MatrixActivity, MatrixRole

ROLES = (MatrixRole("fg", "Functionaris gegevensbescherming", "FG"), MatrixRole("asd", "Afdelingshoofd", "ASD"))
ROLES += (MatrixRole("college", "College van B&W", "B&W"),)
ACTIVITY = MatrixActivity("T-1", "Privacybeleid opstellen")


def one_row(**cells: str) -> Matrix:
    return Matrix((ACTIVITY,), ROLES, {("T-1", role): value for role, value in cells.items()})


def checks(matrix: Matrix, **kwargs) -> list[tuple[Level, Check, str | None]]:
    return [(f.level, f.check, f.role) for f in rules.check(matrix, **kwargs) if f.check != Check.ROLE_WITHOUT_ACTIVITY]


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        ({"fg": "R", "college": "A"}, []),
        ({"fg": "R", "asd": "R", "college": "A", "asd_": ""}, []),
        ({"fg": "R"}, [(Level.ERROR, Check.NO_ACCOUNTABLE, None)]),
        ({"college": "A"}, [(Level.ERROR, Check.NO_RESPONSIBLE, None)]),
        ({}, [(Level.ERROR, Check.NO_ACCOUNTABLE, None), (Level.ERROR, Check.NO_RESPONSIBLE, None)]),
        (
            {"fg": "S", "asd": "I", "college": "C"},
            [(Level.ERROR, Check.NO_ACCOUNTABLE, None), (Level.ERROR, Check.NO_RESPONSIBLE, None)],
        ),
        ({"fg": "R", "asd": "A", "college": "A"}, [(Level.ERROR, Check.SEVERAL_ACCOUNTABLE, None)]),
        (
            {"fg": "A", "asd": "A", "college": "A"},
            [(Level.ERROR, Check.SEVERAL_ACCOUNTABLE, None), (Level.ERROR, Check.NO_RESPONSIBLE, None)],
        ),
        ({"fg": "RA"}, [(Level.WARNING, Check.SAME_ROLE_RA, "fg")]),
        (
            {"fg": "RA", "college": "A"},
            [(Level.ERROR, Check.SEVERAL_ACCOUNTABLE, None), (Level.WARNING, Check.SAME_ROLE_RA, "fg")],
        ),
        ({"fg": "RA", "asd": "R"}, [(Level.WARNING, Check.SAME_ROLE_RA, "fg")]),
    ],
)
def test_rules_per_activity(cells, expected):
    cells = {role: value for role, value in cells.items() if value and not role.endswith("_")}
    assert checks(one_row(**cells)) == expected


def test_messages_are_dutch_and_name_the_activity_and_roles():
    by_check = {f.check: f.message for f in rules.check(one_row(fg="A", asd="A"))}
    assert by_check[Check.SEVERAL_ACCOUNTABLE] == (
        "Bij ‘Privacybeleid opstellen’ hebben 2 rollen een A (FG en ASD). Eén rol keurt goed; anders is "
        "onduidelijk wie beslist als zij het oneens zijn."
    )
    assert by_check[Check.NO_RESPONSIBLE] == (
        "Bij ‘Privacybeleid opstellen’ voert niemand de activiteit uit: wijs minstens één rol R toe."
    )
    assert rules.check(one_row(fg="R"))[0].message == (
        "Bij ‘Privacybeleid opstellen’ keurt niemand het resultaat goed: wijs precies één rol A toe."
    )
    same = next(f for f in rules.check(one_row(fg="RA")) if f.check == Check.SAME_ROLE_RA)
    assert "voert FG uit én keurt goed (R/A)" in same.message
    three = [f for f in rules.check(one_row(fg="A", asd="A", college="A")) if f.check == Check.SEVERAL_ACCOUNTABLE]
    assert "3 rollen een A (FG, ASD en B&W)" in three[0].message
    assert all(f.source == rules.SOURCE for f in rules.check(one_row()))


def test_role_without_any_letter_is_warned_about():
    matrix = one_row(fg="R", college="A")
    idle = [f for f in rules.check(matrix) if f.check == Check.ROLE_WITHOUT_ACTIVITY]
    assert [(f.level, f.role) for f in idle] == [(Level.WARNING, "asd")]
    assert idle[0].message.startswith("Afdelingshoofd heeft bij geen enkele activiteit een letter")


def test_one_person_in_the_r_and_the_a_role_is_warned_about():
    matrix = one_row(fg="R", college="A")
    people = {"fg": frozenset({"Fatima Goudsmit"}), "college": frozenset({"Fatima Goudsmit", "Wim Hofstede"})}
    found = [f for f in rules.check(matrix, people=people) if f.check == Check.SAME_PERSON_RA]
    assert [(f.level, f.role) for f in found] == [(Level.WARNING, "fg")]
    assert "Fatima Goudsmit" in found[0].message
    assert not [
        f
        for f in rules.check(matrix, people={"fg": frozenset({"A"}), "college": frozenset({"B"})})
        if f.check == Check.SAME_PERSON_RA
    ]


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("", ""),
        (None, ""),
        ("  ", ""),
        ("r", "R"),
        (" A ", "A"),
        ("s", "S"),
        ("I", "I"),
        ("c", "C"),
        ("R/A", "RA"),
        ("A/R", "RA"),
        ("ra", "RA"),
        ("AR", "RA"),
        ("R, A", "RA"),
        ("r+a", "RA"),
    ],
)
def test_parse_cell_accepts(typed, value):
    assert rules.parse_cell(typed) == value


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("X", "‘X’ is geen RASIC-letter. Gebruik R, A, S, I of C, of R/A als één rol beide doet."),
        ("Ja", "‘Ja’ is geen RASIC-letter. Gebruik R, A, S, I of C, of R/A als één rol beide doet."),
        ("RS", "‘RS’ combineert letters die niet samengaan; alleen R/A mag samen in één vak."),
        ("I/C", "‘I/C’ combineert letters die niet samengaan; alleen R/A mag samen in één vak."),
        ("RAS", "‘RAS’ combineert letters die niet samengaan; alleen R/A mag samen in één vak."),
        ("AA", "‘AA’ noemt een letter twee keer."),
        ("XX", "‘XX’ is geen RASIC-letter. Gebruik R, A, S, I of C, of R/A als één rol beide doet."),
    ],
)
def test_parse_cell_refuses_with_a_dutch_message(typed, message):
    with pytest.raises(rules.CellError) as error:
        rules.parse_cell(typed)
    assert str(error.value) == message


VALUES = st.sampled_from(["", *sorted(rules.ALLOWED)])


@st.composite
def matrices(draw):
    n_roles = draw(st.integers(1, 6))
    n_activities = draw(st.integers(0, 6))
    roles = tuple(MatrixRole(f"r{i}", f"Rol {i}", f"R{i}") for i in range(n_roles))
    activities = tuple(MatrixActivity(f"a{i}", f"Activiteit {i}") for i in range(n_activities))
    cells = {(a.code, r.code): v for a in activities for r in roles if (v := draw(VALUES))}
    return Matrix(activities, roles, cells)


@given(matrices())
def test_an_activity_is_in_error_exactly_when_it_lacks_one_a_or_any_r(matrix):
    findings = rules.check(matrix)
    for activity in matrix.activities:
        values = [matrix.value(activity.code, r.code) for r in matrix.roles]
        a_count = sum("A" in v for v in values)
        r_count = sum("R" in v for v in values)
        codes = {f.check for f in findings if f.activity == activity.code and f.level == Level.ERROR}
        assert (Check.NO_ACCOUNTABLE in codes) == (a_count == 0)
        assert (Check.SEVERAL_ACCOUNTABLE in codes) == (a_count > 1)
        assert (Check.NO_RESPONSIBLE in codes) == (r_count == 0)
        warned = {f.role for f in findings if f.activity == activity.code and f.check == Check.SAME_ROLE_RA}
        assert warned == {r.code for r in matrix.roles if matrix.value(activity.code, r.code) == "RA"}
    completeness = rules.completeness(matrix, findings)
    failing = {f.activity for f in findings if f.level == Level.ERROR}
    assert completeness.complete == len(matrix.activities) - len(failing)
    assert completeness.errors + completeness.warnings == len(findings)


@given(matrices(), st.data())
def test_differences_list_exactly_the_cells_without_agreement(matrix, data):
    keys = [(a.code, r.code) for a in matrix.activities for r in matrix.roles]
    proposals = {name: {key: v for key in keys if (v := data.draw(VALUES))} for name in ("Anna", "Bram")}
    found = {(d.activity, d.role): d for d in rules.differences(matrix, proposals)}
    for key in keys:
        votes = {cells[key] for cells in proposals.values() if cells.get(key)}
        expected = bool(votes) and votes != {matrix.value(*key)}
        assert (key in found) == expected
        if expected:
            assert set(found[key].proposals) == votes
            assert found[key].current == matrix.value(*key)


def test_vacant_roles_are_the_staffed_ones_without_people():
    assert [r.code for r in rules.vacant(ROLES, staffed=["fg", "asd"], filled=["fg"])] == ["asd"]
    assert rules.vacant(ROLES, staffed=[], filled=[]) == []


def test_the_seeds_worked_example_validates_without_errors_or_warnings():
    """Bijlage 1's fictive municipality, with its roles from Tabel 3, fills Tabel 2 so that every activity has
    exactly one A and at least one R, and every role has a part."""
    matrix = reference.seed_matrix(example=True)
    assert len(matrix.activities) == 22 and len(matrix.roles) == 17
    assert rules.check(matrix) == []
    assert rules.completeness(matrix).share == 1.0


def test_the_seeds_table_as_printed_is_a_form_to_complete():
    """Tabel 2 comes with the citizens', council's and college's columns filled in; the rest is for the
    workshop. So only the rows those three settle completely pass; the case-direction rows have an R but no A."""
    matrix = reference.seed_matrix(example=False)
    errors = {}
    for finding in rules.errors(rules.check(matrix)):
        errors.setdefault(finding.activity, set()).add(finding.check)
    complete = {a.code for a in matrix.activities} - set(errors)
    assert complete == {"T2-01", "T2-02", "T2-04"}
    assert {code for code, found in errors.items() if found == {Check.NO_ACCOUNTABLE}} == {"T2-18", "T2-19", "T2-20"}
    assert all(
        found == {Check.NO_ACCOUNTABLE, Check.NO_RESPONSIBLE}
        for code, found in errors.items()
        if code not in {"T2-18", "T2-19", "T2-20"}
    )
    assert matrix.value("T2-01", "council") == "R" and matrix.value("T2-02", "college") == "R"


def test_reference_relations_only_name_reference_roles():
    codes = {role.code for role in reference.roles()}
    for role in reference.roles():
        assert set(role.informs + role.advises + role.reports_to) <= codes - {role.code}


def test_step_signals():
    complete = rules.Completeness(activities=22, complete=22, errors=0, warnings=1)
    facts = rules.GovernanceFacts(True, complete, 0, 5, 0, 0)
    signals = rules.step_signals(facts)
    assert all(signal.met for signal in signals.values())
    assert "internal-council" not in signals
    half = rules.Completeness(activities=22, complete=10, errors=14, warnings=2)
    signals = rules.step_signals(rules.GovernanceFacts(False, half, 3, 2, 1, 4))
    assert not any(
        signal.met for code, signal in signals.items() if code != "external-map" and code != "external-collaboration"
    )
    assert signals["internal-roles"].text == "10 van 22 activiteiten zijn volledig belegd; 3 rollen zijn vacant."
    assert signals["external-decide"].text == "De werklijst noemt 4 afspraken om te maken of aan te passen."
    assert signals["external-inventory"].text == "1 partner heeft nog geen enkele afspraak."
