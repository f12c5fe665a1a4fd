"""Read functions of the governance app, each scoped to the controller (another municipality's record is a 404)."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from django.db.models import Count, QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from doelbinding.governance import chart, reference, rules
from doelbinding.governance.models import (
    Activity,
    Assignment,
    Cell,
    FollowUp,
    GovernanceRole,
    Participant,
    PlanStep,
    RelationKind,
    RoleRelation,
    StepStatus,
    Workshop,
)
from doelbinding.tenancy.selectors import staff_visible

LEAD_ROLES = ("fg", "privacy_lead")


def is_set_up(controller) -> bool:
    return GovernanceRole.objects.filter(controller=controller).exists()


def roles_for(controller, *, in_use: bool | None = None) -> QuerySet[GovernanceRole]:
    roles = GovernanceRole.objects.filter(controller=controller)
    return roles if in_use is None else roles.filter(in_use=in_use)


def role_get(controller, uuid: UUID) -> GovernanceRole:
    return get_object_or_404(roles_for(controller), uuid=uuid)


def activities_for(controller) -> QuerySet[Activity]:
    return Activity.objects.filter(controller=controller)


def activity_get(controller, uuid: UUID) -> Activity:
    return get_object_or_404(activities_for(controller), uuid=uuid)


def assignment_get(controller, uuid: UUID) -> Assignment:
    return get_object_or_404(Assignment.objects.filter(controller=controller).select_related("role", "user"), uuid=uuid)


def assignments_for(controller) -> QuerySet[Assignment]:
    return Assignment.objects.filter(controller=controller, role__in_use=True).select_related("role", "user")


def matrix_for(controller) -> rules.Matrix:
    """The municipality's matrix: its activities × the roles in use, in their order."""
    roles = list(roles_for(controller, in_use=True))
    codes = {role.pk: role.code for role in roles}
    cells = {
        (activity_code, codes[role_id]): value
        for activity_code, role_id, value in Cell.objects.filter(controller=controller).values_list(
            "activity__code", "role_id", "value"
        )
        if role_id in codes
    }
    return rules.Matrix(
        activities=tuple(a.as_matrix_activity() for a in activities_for(controller)),
        roles=tuple(role.as_matrix_role() for role in roles),
        cells=cells,
    )


def people_by_role(controller) -> dict[str, frozenset[str]]:
    people: dict[str, set[str]] = {}
    for assignment in assignments_for(controller):
        people.setdefault(assignment.role.code, set()).add(assignment.person_name)
    return {code: frozenset(names) for code, names in people.items()}


def vacancies(controller, people: dict[str, frozenset[str]] | None = None) -> list[rules.MatrixRole]:
    """Roles in use that people should fill and nobody does; pass `people` when the caller has them already."""
    roles = roles_for(controller, in_use=True)
    return rules.vacant(
        [role.as_matrix_role() for role in roles],
        staffed=[role.code for role in roles if role.staffed],
        filled=people_by_role(controller) if people is None else people,
    )


def findings_for(controller, matrix: rules.Matrix | None = None) -> list[rules.Finding]:
    return rules.check(matrix or matrix_for(controller), people=people_by_role(controller))


def completeness_for(controller) -> rules.Completeness:
    """For the council report and the step plan: how much of the matrix is settled."""
    matrix = matrix_for(controller)
    return rules.completeness(matrix, findings_for(controller, matrix))


def chart_svg(controller, *, links: bool = True) -> str:
    roles = list(roles_for(controller, in_use=True))
    matrix = matrix_for(controller)
    people = people_by_role(controller)
    staffed_vacant = {role.code for role in vacancies(controller, people)}
    chart_roles = [
        chart.ChartRole(
            code=role.code,
            name=role.name,
            abbreviation=role.abbreviation,
            group=role.group,
            people=tuple(sorted(people.get(role.code, ()))),
            vacant=role.code in staffed_vacant,
            accountable=sum(1 for a in matrix.activities if rules.ACCOUNTABLE in matrix.value(a.code, role.code)),
            responsible=sum(1 for a in matrix.activities if rules.RESPONSIBLE in matrix.value(a.code, role.code)),
            url=reverse("governance:role_detail", kwargs={"uuid": role.uuid}) if links else "",
        )
        for role in roles
    ]
    relations = [
        chart.ChartRelation(kind, source, target)
        for kind, source, target in RoleRelation.objects.filter(
            controller=controller, source__in_use=True, target__in_use=True
        ).values_list("kind", "source__code", "target__code")
    ]
    title = _("Organogram privacygovernance sociaal domein van %(name)s") % {"name": controller.name}
    return chart.chart_svg(chart_roles, relations, title=title, links=links)


def relations_of(role: GovernanceRole) -> dict[str, list[GovernanceRole]]:
    """The roles this one informs, advises and reports to; and (`*_from`) the roles that do so to this one."""
    out: dict[str, list[GovernanceRole]] = {f"{kind}{end}": [] for kind in RelationKind for end in ("", "_from")}
    for relation in role.relations_out.select_related("target"):
        out[relation.kind].append(relation.target)
    for relation in role.relations_in.select_related("source"):
        out[f"{relation.kind}_from"].append(relation.source)
    return out


def former_holders(role: GovernanceRole) -> list[dict]:
    """Who filled the role before, from the change history: name, organisation, until when, who ended it."""
    ended = Assignment.history.filter(role_id=role.pk, history_type="-").select_related("user", "history_user")
    return [
        {
            "name": (record.user.get_full_name() or record.user.get_username())
            if record.user
            else record.external_name,
            "organisation": record.organisation_name,
            "until": record.history_date,
            "by": record.history_user,
        }
        for record in ended.order_by("-history_date")
    ]


def letters_of(role: GovernanceRole) -> list[tuple[Activity, str]]:
    return [
        (cell.activity, cell.value) for cell in role.cells.select_related("activity").order_by("activity__position")
    ]


def elsewhere(assignments: list[Assignment]) -> dict[int, list[Assignment]]:
    """Per user of `assignments`, the roles they fill for other municipalities (a regional FG): names only, nothing
    of their data. One query for all of them."""
    users = {a.user_id for a in assignments if a.user_id}
    controllers = {a.controller_id for a in assignments}
    found: dict[int, list[Assignment]] = {}
    for other in (
        Assignment.objects.filter(user_id__in=users)
        .exclude(controller_id__in=controllers)
        .select_related("role", "controller")
    ):
        found.setdefault(other.user_id, []).append(other)
    return found


def assignable_users(controller) -> QuerySet:
    """The people who act for the municipality: they can fill a role or join a workshop."""
    from doelbinding.accounts.models import User

    members = staff_visible(controller).filter(active=True).values("user_id")
    return User.objects.filter(pk__in=members).order_by("last_name", "first_name")


def workshops_for(controller) -> QuerySet[Workshop]:
    return Workshop.objects.filter(controller=controller).annotate(participant_count=Count("participants"))


def workshop_get(controller, uuid: UUID) -> Workshop:
    return get_object_or_404(Workshop.objects.filter(controller=controller), uuid=uuid)


def participant_of(workshop: Workshop, user) -> Participant | None:
    return workshop.participants.filter(user=user).first()


def proposals_of(participant: Participant) -> dict[tuple[str, str], str]:
    return {(a, r): v for a, r, v in participant.proposals.values_list("activity__code", "role__code", "value")}


def differences_for(workshop: Workshop) -> list[rules.Difference]:
    proposals = {str(p): proposals_of(p) for p in workshop.participants.select_related("user")}
    return rules.differences(matrix_for(workshop.controller), proposals)


def follow_ups_for(controller, workshop: Workshop | None = None) -> QuerySet[FollowUp]:
    follow_ups = FollowUp.objects.filter(controller=controller)
    return follow_ups if workshop is None else follow_ups.filter(workshop=workshop)


def follow_up_get(controller, uuid: UUID) -> FollowUp:
    return get_object_or_404(follow_ups_for(controller), uuid=uuid)


@dataclass(frozen=True)
class StepView:
    step: reference.Step
    status: str
    status_label: str
    note: str
    signal: rules.Signal | None


def governance_facts(controller) -> rules.GovernanceFacts:
    from doelbinding.partners import selectors as partners

    partners_all = partners.partners_for(controller).annotate(agreement_count=Count("agreements"))
    return rules.GovernanceFacts(
        lead_filled=Assignment.objects.filter(controller=controller, role__code__in=LEAD_ROLES).exists(),
        completeness=completeness_for(controller),
        vacancies=len(vacancies(controller)),
        partners=partners_all.count(),
        partners_without_agreement=partners_all.filter(agreement_count=0).count(),
        open_worklist=len(partners.worklist(controller)),
    )


def step_plans(controller) -> list[tuple[str, list[StepView]]]:
    """Both step plans with the recorded status of each step and what the application sees."""
    recorded = {step.step: step for step in PlanStep.objects.filter(controller=controller)}
    signals = rules.step_signals(governance_facts(controller))
    plans: dict[str, list[StepView]] = {}
    for step in reference.steps():
        record = recorded.get(step.code)
        status = record.status if record else StepStatus.OPEN
        plans.setdefault(step.plan, []).append(
            StepView(step, status, StepStatus(status).label, record.note if record else "", signals.get(step.code))
        )
    names = reference.plan_names()
    return [(names[code], views) for code, views in plans.items()]
