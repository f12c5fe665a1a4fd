"""The governance pages as the personas use them: who may change what, bad input, the chart from the data."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from conftest import sign_in
from doelbinding.governance import selectors
from doelbinding.governance.forms import cell_field_name
from doelbinding.governance.models import FollowUp, PlanStep, RoleRelation, Workshop
from doelbinding.tenancy import demo

pytestmark = pytest.mark.django_db


def _matrix_post(matrix, **changes) -> dict:
    data = {
        cell_field_name(a.code, r.code): matrix.value(a.code, r.code) for a in matrix.activities for r in matrix.roles
    }
    data.update({cell_field_name(*key.split("__")): value for key, value in changes.items()})
    return data


def test_an_editor_saves_the_matrix_and_sees_the_findings(world, as_persona):
    voorbeeld = world.organisations[demo.VOORBEELD]
    matrix = selectors.matrix_for(voorbeeld)
    response = as_persona("manager").post(reverse("governance:matrix"), _matrix_post(matrix, **{"T2-03__fg": "A"}))
    assert response.status_code == 302
    assert selectors.matrix_for(voorbeeld).value("T2-03", "fg") == "A"
    page = as_persona("manager").get(reverse("governance:matrix")).content.decode()
    assert "Bij ‘Een privacybeleid voor het sociaal domein opstellen’ hebben 2 rollen een A (B&amp;W en FG)" in page


def test_a_reader_cannot_change_the_matrix(world, as_persona):
    voorbeeld = world.organisations[demo.VOORBEELD]
    matrix = selectors.matrix_for(voorbeeld)
    response = as_persona("regisseur").post(reverse("governance:matrix"), _matrix_post(matrix, **{"T2-03__fg": "A"}))
    assert response.status_code == 403
    assert selectors.matrix_for(voorbeeld).cells == matrix.cells
    page = as_persona("regisseur").get(reverse("governance:matrix")).content.decode()
    assert "<select" not in page and "Matrix opslaan" not in page


def test_an_invalid_cell_is_refused_and_changes_nothing(world, as_persona):
    voorbeeld = world.organisations[demo.VOORBEELD]
    matrix = selectors.matrix_for(voorbeeld)
    data = _matrix_post(matrix, **{"T2-03__fg": "X", "T2-05__ciso": "A"})
    response = as_persona("fg").post(reverse("governance:matrix"), data)
    assert response.status_code == 400
    assert "Controleer uw invoer" in response.content.decode()
    assert selectors.matrix_for(voorbeeld).cells == matrix.cells


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"dit is geen spreadsheet", "matrix.xlsx", "geen Excel-bestand"),
        (b"\xd0\xcf\x11\xe0" + b"\0" * 100, "matrix.xls", ".xls"),
    ],
)
def test_a_bad_upload_gets_a_dutch_message_and_changes_nothing(world, as_persona, content, name, message):
    voorbeeld = world.organisations[demo.VOORBEELD]
    before = selectors.matrix_for(voorbeeld)
    upload = SimpleUploadedFile(name, content)
    response = as_persona("fg").post(reverse("governance:matrix_import"), {"file": upload})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Het bestand is niet ingelezen" in page and message in page
    assert selectors.matrix_for(voorbeeld) == before


def test_the_chart_shows_every_assigned_role_and_every_relation(world, as_persona):
    voorbeeld = world.organisations[demo.VOORBEELD]
    response = as_persona("teamleider").get(reverse("governance:chart_svg"))
    assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml"
    svg = ET.fromstring(response.content)  # noqa: S314 (our own output, the very thing under test)
    shown_roles = {g.get("data-role") for g in svg.iter() if g.get("data-role")}
    assigned = {a.role.code for a in selectors.assignments_for(voorbeeld)}
    assert assigned and assigned <= shown_roles
    assert shown_roles == set(selectors.roles_for(voorbeeld, in_use=True).values_list("code", flat=True))
    shown_relations = {
        (e.get("data-relation"), e.get("data-source"), e.get("data-target"))
        for e in svg.iter()
        if e.get("data-relation")
    }
    expected = set(
        RoleRelation.objects.filter(controller=voorbeeld, source__in_use=True, target__in_use=True).values_list(
            "kind", "source__code", "target__code"
        )
    )
    assert expected and shown_relations == expected
    text = " ".join(svg.itertext())
    for assignment in selectors.assignments_for(voorbeeld).filter(role__code__in=["fg", "ciso", "team_lead"]):
        assert assignment.person_name in text


def test_the_chart_and_matrix_print_as_pdf(as_persona):
    for name in ("governance:chart_pdf", "governance:matrix_pdf"):
        response = as_persona("fg").get(reverse(name))
        assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_step_plan_progress_is_recorded_and_shows_what_the_data_says(world, as_persona):
    voorbeeld = world.organisations[demo.VOORBEELD]
    client = as_persona("fg")
    response = client.post(
        reverse("governance:step_plans"), {"step": "external-decide", "status": "started", "note": "Eerst de ICT"}
    )
    assert response.status_code == 302
    assert PlanStep.objects.get(controller=voorbeeld, step="external-decide").status == "started"
    page = client.get(reverse("governance:step_plans")).content.decode()
    assert "Eerst de ICT" in page and "De werklijst noemt" in page
    assert client.post(reverse("governance:step_plans"), {"step": "verzonnen", "status": "done"}).status_code == 400
    assert (
        as_persona("regisseur")
        .post(reverse("governance:step_plans"), {"step": "external-decide", "status": "done"})
        .status_code
        == 403
    )


def test_workshop_prefills_show_differences_and_the_group_adopts_one(world):
    oostdal = world.organisations[demo.OOSTDAL]
    workshop = Workshop.objects.get(controller=oostdal)
    client = sign_in(Client(), world.users["fg_regio"], controller=oostdal)
    page = client.get(
        reverse("governance:workshop_detail", kwargs={"uuid": workshop.uuid}) + "?stap=3"
    ).content.decode()
    assert "Te bespreken" in page and "Femke Groothuis" in page and "Anouk Brinkman" in page
    response = client.post(
        reverse("governance:proposal_adopt", kwargs={"uuid": workshop.uuid}),
        {"activity": "T2-09", "role": "ciso", "value": "R"},
    )
    assert response.status_code == 302
    assert selectors.matrix_for(oostdal).value("T2-09", "ciso") == "R"
    # both proposed R for the CISO: no longer a difference
    assert ("T2-09", "ciso") not in {(d.activity, d.role) for d in selectors.differences_for(workshop)}


def test_a_finished_workshop_takes_no_more_changes(world, as_persona):
    workshop = Workshop.objects.get(controller=world.organisations[demo.VOORBEELD])
    before = FollowUp.objects.filter(workshop=workshop).count()
    client = as_persona("fg")
    client.post(reverse("governance:follow_up_add", kwargs={"uuid": workshop.uuid}), {"description": "x", "owner": "y"})
    assert FollowUp.objects.filter(workshop=workshop).count() == before


def test_agreements_name_the_accountable_and_contact_roles(world, as_persona):
    from doelbinding.partners.models import Agreement

    agreement = Agreement.objects.filter(controller=world.organisations[demo.VOORBEELD], kind="covenant").first()
    page = as_persona("fg").get(reverse("partners:agreement_detail", kwargs={"uuid": agreement.uuid})).content.decode()
    assert "College van B&amp;W" in page and "Functionaris gegevensbescherming" in page
    form = as_persona("fg").get(reverse("partners:agreement_edit", kwargs={"uuid": agreement.uuid})).content.decode()
    assert 'name="accountable_role"' in form and "Gemeente Oostdal" not in form


def test_a_large_matrix_still_saves_in_one_form(world, as_persona):
    """More cells than Django's default of 1000 form fields: the limit is raised to what a matrix can hold."""
    from doelbinding.governance import services

    voorbeeld = world.organisations[demo.VOORBEELD]
    for n in range(40):
        services.activity_add(actor=world.users["fg"], controller=voorbeeld, name=f"Eigen activiteit {n}")
    matrix = selectors.matrix_for(voorbeeld)
    assert len(matrix.activities) * len(matrix.roles) > 1000
    last = matrix.activities[-1].code
    response = as_persona("fg").post(reverse("governance:matrix"), _matrix_post(matrix, **{f"{last}__fg": "R"}))
    assert response.status_code == 302
    assert selectors.matrix_for(voorbeeld).value(last, "fg") == "R"


def test_an_agreement_keeps_a_role_that_was_set_aside(world, as_persona):
    from doelbinding.partners.models import Agreement

    voorbeeld = world.organisations[demo.VOORBEELD]
    agreement = Agreement.objects.filter(controller=voorbeeld, kind="covenant").first()
    fg = agreement.contact_role
    fg.in_use = False
    fg.save()
    form = as_persona("fg").get(reverse("partners:agreement_edit", kwargs={"uuid": agreement.uuid})).context["form"]
    assert form.initial["contact_role"] == fg.pk and fg in form.fields["contact_role"].queryset


def test_the_college_prefills_a_workshop_it_takes_part_in(world, as_persona):
    from doelbinding.governance import services
    from doelbinding.governance.models import Expertise

    workshop = Workshop.objects.get(controller=world.organisations[demo.VOORBEELD])
    wethouder = world.users["wethouder"]
    url = reverse("governance:proposal", kwargs={"uuid": workshop.uuid})
    client = sign_in(Client(), wethouder)
    assert client.get(url).status_code == 403
    services.participant_add(actor=world.users["fg"], workshop=workshop, user=wethouder, expertise=Expertise.POLICY)
    assert client.get(url).status_code == 200


def test_an_empty_prefill_has_no_rule_errors_yet(world, as_persona):
    workshop = Workshop.objects.get(controller=world.organisations[demo.VOORBEELD])
    page = as_persona("teamleider").get(reverse("governance:proposal", kwargs={"uuid": workshop.uuid}))
    assert page.context["errors"] == []


def test_a_follow_up_cannot_be_due_in_the_past():
    from datetime import timedelta

    from django.utils import timezone

    from doelbinding.governance.forms import FollowUpForm

    yesterday = timezone.localdate() - timedelta(days=1)
    form = FollowUpForm({"description": "Functieprofielen", "owner": "ASD", "due_on": yesterday.isoformat()})
    assert not form.is_valid() and form.errors["due_on"] == ["Kies een datum vanaf vandaag."]


def test_ending_an_assignment_keeps_who_filled_the_role(world, as_persona):
    from doelbinding.governance.models import Assignment

    assignment = Assignment.objects.get(controller=world.organisations[demo.VOORBEELD], role__code="ciso")
    client = as_persona("fg")
    response = client.post(reverse("governance:assignment_end", kwargs={"uuid": assignment.uuid}))
    assert response.status_code == 302 and not Assignment.objects.filter(pk=assignment.pk).exists()
    page = client.get(reverse("governance:role_detail", kwargs={"uuid": assignment.role.uuid})).content.decode()
    assert "Eerder vervuld door" in page and "Cees Isenborg" in page and "beëindigd door Fatima Goudsmit" in page
    assert "Vacature: niemand vervult deze rol." in page


def test_a_participant_leaves_and_their_prefill_with_them(world):
    from doelbinding.governance.models import Participant, Proposal

    oostdal = world.organisations[demo.OOSTDAL]
    workshop = Workshop.objects.get(controller=oostdal)
    leaving = Participant.objects.get(workshop=workshop, user=world.users["afdelingshoofd_regio"])
    client = sign_in(Client(), world.users["fg_regio"], controller=oostdal)
    url = reverse("governance:participant_remove", kwargs={"uuid": workshop.uuid})
    assert client.post(url, {"participant": leaving.pk}).status_code == 302
    assert not Participant.objects.filter(pk=leaving.pk).exists()
    assert not Proposal.objects.filter(participant_id=leaving.pk).exists()
    assert "Anouk Brinkman" not in {
        name for d in selectors.differences_for(workshop) for names in d.proposals.values() for name in names
    }
    other = Participant.objects.get(workshop=workshop, user=world.users["fg_regio"])
    voorbeeld_workshop = Workshop.objects.get(controller=world.organisations[demo.VOORBEELD])
    foreign = Participant.objects.filter(workshop=voorbeeld_workshop).first()
    client.post(url, {"participant": foreign.pk})
    assert Participant.objects.filter(pk=foreign.pk).exists() and Participant.objects.filter(pk=other.pk).exists()


def test_only_own_activities_can_be_removed(world, as_persona):
    from django.utils.html import escape

    from doelbinding.governance import demo as governance_demo
    from doelbinding.governance.models import Activity

    voorbeeld = world.organisations[demo.VOORBEELD]
    own = Activity.objects.get(controller=voorbeeld, name=governance_demo.OWN_ACTIVITY)
    reference = Activity.objects.get(controller=voorbeeld, code="T2-01")
    client = as_persona("manager")
    page = client.get(reverse("governance:matrix")).content.decode()
    assert f"‘{escape(own.name)}’ verwijderen" in page and f"‘{escape(reference.name)}’ verwijderen" not in page
    response = client.post(reverse("governance:activity_remove", kwargs={"uuid": reference.uuid}), follow=True)
    assert "alleen eigen activiteiten kunnen weg" in response.content.decode()
    assert Activity.objects.filter(pk=reference.pk).exists()
    client.post(reverse("governance:activity_remove", kwargs={"uuid": own.uuid}))
    assert not Activity.objects.filter(pk=own.pk).exists()
    assert own.code not in {a.code for a in selectors.matrix_for(voorbeeld).activities}


@pytest.mark.parametrize(("persona", "opens_worklist"), [("fg", True), ("wethouder", False)])
def test_the_step_plans_link_to_the_agreements_worklist_only_for_who_may_open_it(persona, opens_worklist, as_persona):
    client = as_persona(persona)
    page = client.get(reverse("governance:step_plans"))
    assert page.status_code == 200
    assert client.get(reverse("partners:worklist")).status_code == (200 if opens_worklist else 403)
    assert (reverse("partners:worklist") in page.content.decode()) is opens_worklist
