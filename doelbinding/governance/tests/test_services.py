"""Governance write functions: setting up from the reference, the matrix, assignments, import, history, scoping."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from doelbinding.governance import reference, rules, selectors, services, spreadsheets
from doelbinding.governance.models import Activity, Cell, GovernanceRole, RelationKind, RoleRelation
from doelbinding.tenancy import demo
from doelbinding.tenancy.models import Organisation, OrganisationKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def fresh(world):
    """A municipality with nothing set up yet."""
    return Organisation.objects.create(
        name="Gemeente Nieuwdorp", slug="gemeente-nieuwdorp", kind=OrganisationKind.MUNICIPALITY
    )


def test_setup_copies_the_reference_and_is_idempotent(world, fresh):
    actor = world.users["fg"]
    services.governance_setup(actor=actor, controller=fresh)
    services.governance_setup(actor=actor, controller=fresh)
    roles = GovernanceRole.objects.filter(controller=fresh)
    assert roles.count() == len(reference.roles())
    assert set(roles.filter(in_use=True).values_list("code", flat=True)) == {
        r.code for r in reference.roles() if r.example
    }
    assert Activity.objects.filter(controller=fresh).count() == 22
    expected_relations = sum(len(r.informs) + len(r.advises) + len(r.reports_to) for r in reference.roles())
    assert RoleRelation.objects.filter(controller=fresh).count() == expected_relations
    fg = roles.get(code="fg")
    assert set(fg.relations_out.filter(kind=RelationKind.REPORTS_TO).values_list("target__code", flat=True)) == {
        "college"
    }
    # only the seed's pre-filled columns, so the matrix is the seed's form to complete
    assert selectors.matrix_for(fresh).cells == reference.seed_matrix(example=False).cells


def test_the_seeds_example_loads_into_a_municipality_and_validates(world, fresh):
    services.governance_setup(actor=world.users["fg"], controller=fresh, example=True)
    matrix = selectors.matrix_for(fresh)
    assert matrix.cells == reference.seed_matrix(example=True).cells
    assert rules.check(matrix) == []


def test_cells_save_writes_only_changes_with_history_and_empties_cells(world, fresh):
    actor = world.users["manager"]
    services.governance_setup(actor=actor, controller=fresh)
    changed = services.cells_save(
        actor=actor,
        controller=fresh,
        values={("T2-03", "fg"): "C", ("T2-01", "council"): "R", ("T2-02", "college"): ""},
    )
    assert changed == 2  # T2-01 council was already R
    assert not Cell.objects.filter(controller=fresh, activity__code="T2-02", role__code="college").exists()
    cell = Cell.objects.get(controller=fresh, activity__code="T2-03", role__code="fg")
    assert cell.history.latest().history_user == actor
    emptied = Cell.history.get(controller=fresh, activity__code="T2-02", role__code="college", history_type="-")
    assert emptied.history_user == actor and emptied.value == "R"


@pytest.mark.parametrize(
    "values",
    [{("T2-03", "onbekend"): "R"}, {("T2-99", "fg"): "R"}, {("T2-03", "privacy_officer"): "R"}, {("T2-03", "fg"): "X"}],
    ids=["unknown role", "unknown activity", "role set aside", "not a RASIC value"],
)
def test_cells_save_refuses_what_is_not_in_the_matrix_and_changes_nothing(world, fresh, values):
    services.governance_setup(actor=world.users["fg"], controller=fresh)
    before = selectors.matrix_for(fresh).cells
    with pytest.raises(ValidationError):
        services.cells_save(actor=world.users["fg"], controller=fresh, values={("T2-05", "fg"): "R", **values})
    assert selectors.matrix_for(fresh).cells == before


def test_cells_of_another_municipality_cannot_be_reached(world):
    oostdal = world.organisations[demo.OOSTDAL]
    voorbeeld = world.organisations[demo.VOORBEELD]
    before = selectors.matrix_for(voorbeeld).cells
    services.cells_save(actor=world.users["fg_regio"], controller=oostdal, values={("T2-05", "ciso"): "I"})
    assert selectors.matrix_for(voorbeeld).cells == before


def test_role_save_creates_an_own_role_and_replaces_its_relations(world, fresh):
    actor = world.users["fg"]
    services.governance_setup(actor=actor, controller=fresh)
    college, fg, asd = (
        GovernanceRole.objects.get(controller=fresh, code=c) for c in ("college", "fg", "head_of_social_domain")
    )
    arguments = {
        "name": "Kwaliteitsmedewerker",
        "abbreviation": "KM",
        "group": "",
        "description": "",
        "responsibilities": "",
    }
    role = services.role_save(
        actor=actor,
        controller=fresh,
        staffed=True,
        in_use=True,
        relations={RelationKind.REPORTS_TO: [college], RelationKind.INFORMS: [fg]},
        **arguments,
    )
    assert role.code == "kwaliteitsmedewerker" and role.group == "own" and not role.reference_code
    role = services.role_save(
        actor=actor,
        controller=fresh,
        role=role,
        staffed=True,
        in_use=True,
        relations={RelationKind.REPORTS_TO: [asd]},
        **arguments,
    )
    assert [(r.kind, r.target.code) for r in role.relations_out.all()] == [
        (RelationKind.REPORTS_TO, "head_of_social_domain")
    ]
    foreign = GovernanceRole.objects.get(controller=world.organisations[demo.VOORBEELD], code="fg")
    with pytest.raises(ValidationError):
        services.role_save(
            actor=actor,
            controller=fresh,
            role=role,
            staffed=True,
            in_use=True,
            relations={RelationKind.ADVISES: [foreign]},
            **arguments,
        )
    assert not role.relations_out.filter(kind=RelationKind.ADVISES).exists()


def test_assignments_flag_vacancies_and_show_a_regional_fg_elsewhere(world):
    oostdal, westveen = world.organisations[demo.OOSTDAL], world.organisations[demo.WESTVEEN]
    vacant = {role.code for role in selectors.vacancies(oostdal)}
    assert "fg" not in vacant and "ciso" in vacant and "citizen" not in vacant  # citizens are nobody's job
    assignment = selectors.assignments_for(oostdal).get(role__code="fg")
    found = selectors.elsewhere([assignment])[assignment.user_id]
    assert [(a.controller, a.role.code) for a in found] == [(westveen, "fg")]
    role = GovernanceRole.objects.get(controller=oostdal, code="ciso")
    services.assignment_add(
        actor=world.users["fg_regio"], role=role, external_name="Iris Bakker", organisation_name="Regio ICT"
    )
    assert "ciso" not in {r.code for r in selectors.vacancies(oostdal)}
    with pytest.raises(ValidationError):
        services.assignment_add(actor=world.users["fg_regio"], role=role, user=None, external_name="  ")
    with pytest.raises(ValidationError):
        services.assignment_add(actor=world.users["fg_regio"], role=role, external_name="iris bakker ")
    with pytest.raises(ValidationError):
        services.assignment_add(actor=world.users["fg_regio"], role=assignment.role, user=world.users["fg_regio"])


def _export(controller) -> bytes:
    return spreadsheets.matrix_xlsx(selectors.matrix_for(controller), title="Matrix")


def test_import_round_trip_reproduces_the_matrix(world):
    voorbeeld = world.organisations[demo.VOORBEELD]
    original = selectors.matrix_for(voorbeeld)
    exported = _export(voorbeeld)
    services.cells_save(
        actor=world.users["fg"],
        controller=voorbeeld,
        values=dict.fromkeys(list(original.cells)[::3], "") | {("T2-05", "volunteer"): "I"},
    )
    assert selectors.matrix_for(voorbeeld).cells != original.cells
    result = services.matrix_import(actor=world.users["fg"], controller=voorbeeld, data=exported)
    assert result.ok, result.problems
    assert selectors.matrix_for(voorbeeld) == original


def test_a_refused_import_changes_nothing(world, fresh):
    from io import BytesIO

    from openpyxl import load_workbook

    services.governance_setup(actor=world.users["fg"], controller=fresh)
    workbook = load_workbook(BytesIO(_export(world.organisations[demo.VOORBEELD])))
    sheet = workbook["RASIC"]
    header = next(row for row in sheet.iter_rows() if str(row[0].value).lower() == "code")
    sheet.cell(row=header[0].row + 1, column=3, value="X")
    buffer = BytesIO()
    workbook.save(buffer)
    before = selectors.matrix_for(fresh).cells
    result = services.matrix_import(actor=world.users["fg"], controller=fresh, data=buffer.getvalue())
    assert not result.ok
    assert any("‘X’ is geen RASIC-letter" in p.message for p in result.problems)
    assert selectors.matrix_for(fresh).cells == before
    assert Activity.objects.filter(controller=fresh).count() == 22


def test_an_import_adds_rows_without_a_code_as_own_activities(world, fresh):
    from io import BytesIO

    from openpyxl import load_workbook

    services.governance_setup(actor=world.users["fg"], controller=fresh)
    workbook = load_workbook(BytesIO(_export(fresh)))
    sheet = workbook["RASIC"]
    header = next(row for row in sheet.iter_rows() if str(row[0].value).lower() == "code")
    roles = {str(cell.value): cell.column for cell in header}
    last = sheet.max_row + 1
    sheet.cell(row=last, column=2, value="Privacy bespreken in het teamoverleg")
    sheet.cell(row=last, column=roles["TL"], value="R")
    sheet.cell(row=last, column=roles["ASD"], value="a")
    buffer = BytesIO()
    workbook.save(buffer)
    result = services.matrix_import(actor=world.users["fg"], controller=fresh, data=buffer.getvalue())
    assert result.ok, result.problems
    own = Activity.objects.get(controller=fresh, name="Privacy bespreken in het teamoverleg")
    assert own.own and own.code == "EIGEN-1"
    matrix = selectors.matrix_for(fresh)
    assert (matrix.value(own.code, "team_lead"), matrix.value(own.code, "head_of_social_domain")) == ("R", "A")


def test_a_matrix_has_room_for_a_bounded_number_of_activities(world, fresh, monkeypatch):
    services.governance_setup(actor=world.users["fg"], controller=fresh)
    monkeypatch.setattr(services, "MAX_ACTIVITIES", 23)
    services.activity_add(actor=world.users["fg"], controller=fresh, name="Nog één")
    with pytest.raises(ValidationError):
        services.activity_add(actor=world.users["fg"], controller=fresh, name="Eén te veel")
    assert Activity.objects.filter(controller=fresh).count() == 23


def test_an_import_names_a_role_that_was_set_aside(world, fresh):
    services.governance_setup(actor=world.users["fg"], controller=fresh)
    exported = _export(fresh)
    volunteer = GovernanceRole.objects.get(controller=fresh, code="volunteer")
    services.roles_choose(
        actor=world.users["fg"],
        controller=fresh,
        chosen=GovernanceRole.objects.filter(controller=fresh, in_use=True).exclude(pk=volunteer.pk),
    )
    result = services.matrix_import(actor=world.users["fg"], controller=fresh, data=exported)
    assert not result.ok
    assert next(p.message for p in result.problems if "Vrijwilliger" in p.message).endswith(
        "staat bij Rollen op ‘past niet bij de gemeente’ (kopregel, rij 3). Zet de rol weer aan, of verwijder de kolom."
    )
