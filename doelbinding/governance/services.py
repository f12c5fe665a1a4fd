"""Write functions of the governance app (DESIGN.md §3.7): each owns its transaction and writes the change history."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from doelbinding.core.services import save_with_history
from doelbinding.governance import reference, rules, spreadsheets
from doelbinding.governance.models import (
    Activity,
    Assignment,
    Cell,
    FollowUp,
    GovernanceRole,
    Participant,
    PlanStep,
    Proposal,
    RelationKind,
    RoleGroup,
    RoleRelation,
    StepStatus,
    Workshop,
    WorkshopStep,
)

OWN_PREFIX = "EIGEN-"
# What a matrix can hold: one form field per cell must stay below settings.DATA_UPLOAD_MAX_NUMBER_FIELDS.
MAX_ACTIVITIES, MAX_ROLES = 100, 40
RELATION_FIELDS = {
    RelationKind.INFORMS: "informs",
    RelationKind.ADVISES: "advises",
    RelationKind.REPORTS_TO: "reports_to",
}


def _delete_with_history(instance, *, actor) -> None:
    instance._history_user = actor
    instance.delete()


@transaction.atomic
def governance_setup(*, actor, controller, example: bool = False) -> None:
    """Give the municipality the reference roles, their relations, Tabel 2's activities and the seed's pre-filled
    columns; with `example`, also the seed's worked example. Idempotent: what exists is left as it is."""
    roles = {role.code: role for role in GovernanceRole.objects.filter(controller=controller)}
    for position, ref in enumerate(reference.roles(), start=1):
        if ref.code not in roles:
            role = GovernanceRole(
                controller=controller,
                code=ref.code,
                reference_code=ref.code,
                name=ref.name,
                abbreviation=ref.abbreviation,
                group=ref.group,
                description=ref.description,
                responsibilities="\n".join(ref.responsibilities),
                staffed=ref.staffed,
                fixed=ref.fixed,
                in_use=ref.example,
                position=position * 10,
            )
            save_with_history(role, actor=actor)
            roles[ref.code] = role
    for ref in reference.roles():
        for kind, attribute in RELATION_FIELDS.items():
            for target in getattr(ref, attribute):
                _relation_ensure(controller, roles[ref.code], roles[target], kind, actor=actor)
    activities = {a.code: a for a in Activity.objects.filter(controller=controller)}
    for position, ref in enumerate(reference.activities(), start=1):
        activity = activities.get(ref.code)
        if activity is None:
            activity = Activity(
                controller=controller, code=ref.code, reference_code=ref.code, name=ref.name, position=position * 10
            )
            save_with_history(activity, actor=actor)
        letters = {**ref.prefilled, **(ref.example if example else {})}
        for code, value in letters.items():
            if not Cell.objects.filter(activity=activity, role=roles[code]).exists():
                save_with_history(
                    Cell(controller=controller, activity=activity, role=roles[code], value=value), actor=actor
                )


def _relation_ensure(controller, source, target, kind, *, actor) -> None:
    if not RoleRelation.objects.filter(source=source, target=target, kind=kind).exists():
        save_with_history(RoleRelation(controller=controller, source=source, target=target, kind=kind), actor=actor)


def _unique_code(controller, name: str) -> str:
    base = slugify(name)[:50] or "rol"
    code, n = base, 1
    while GovernanceRole.objects.filter(controller=controller, code=code).exists():
        n += 1
        code = f"{base}-{n}"
    return code


@transaction.atomic
def role_save(
    *,
    actor,
    controller,
    role: GovernanceRole | None = None,
    name: str,
    abbreviation: str,
    group: str,
    description: str,
    responsibilities: str,
    staffed: bool,
    in_use: bool,
    relations: Mapping[str, Iterable[GovernanceRole]],
) -> GovernanceRole:
    """Create the municipality's own role (`role=None`) or change one; `relations` maps a RelationKind to the
    roles this one informs, advises or reports to, and replaces what was there."""
    if role is None and GovernanceRole.objects.filter(controller=controller).count() >= MAX_ROLES:
        raise ValidationError(_("Er zijn al %(n)d rollen; meer passen er niet in de matrix.") % {"n": MAX_ROLES})
    if role is None:
        last = GovernanceRole.objects.filter(controller=controller).order_by("-position").first()
        role = GovernanceRole(
            controller=controller, code=_unique_code(controller, name), position=(last.position if last else 0) + 10
        )
    role.name, role.abbreviation, role.group = name, abbreviation, group or RoleGroup.OWN
    role.description, role.responsibilities = description, responsibilities
    role.staffed, role.in_use = staffed, in_use
    save_with_history(role, actor=actor)
    for kind in RelationKind:
        wanted = {target.pk: target for target in relations.get(kind, ())}
        if any(target.controller_id != controller.pk or target.pk == role.pk for target in wanted.values()):
            raise ValidationError(_("Een rol kan alleen verwijzen naar andere rollen van deze gemeente."))
        for relation in RoleRelation.objects.filter(source=role, kind=kind):
            if relation.target_id not in wanted:
                _delete_with_history(relation, actor=actor)
        for target in wanted.values():
            _relation_ensure(controller, role, target, kind, actor=actor)
    return role


@transaction.atomic
def roles_choose(*, actor, controller, chosen: Iterable[GovernanceRole]) -> None:
    """Workshop step 2: the roles that fit the municipality are in use, the others are set aside (not deleted)."""
    keep = {role.pk for role in chosen}
    for role in GovernanceRole.objects.filter(controller=controller):
        in_use = role.pk in keep or role.fixed
        if role.in_use != in_use:
            role.in_use = in_use
            save_with_history(role, actor=actor, update_fields=["in_use"])


@transaction.atomic
def activity_add(*, actor, controller, name: str) -> Activity:
    taken = set(Activity.objects.filter(controller=controller).values_list("code", flat=True))
    if len(taken) >= MAX_ACTIVITIES:
        raise ValidationError(_("De matrix heeft al %(n)d activiteiten; meer past er niet in.") % {"n": MAX_ACTIVITIES})
    n = 1
    while f"{OWN_PREFIX}{n}" in taken:
        n += 1
    last = Activity.objects.filter(controller=controller).order_by("-position").first()
    activity = Activity(
        controller=controller, code=f"{OWN_PREFIX}{n}", name=name, position=(last.position if last else 0) + 10
    )
    save_with_history(activity, actor=actor)
    return activity


@transaction.atomic
def activity_remove(*, actor, activity: Activity) -> None:
    if not activity.own:
        raise ValidationError(
            _("Een activiteit uit de handreiking blijft staan; alleen eigen activiteiten kunnen weg.")
        )
    for cell in activity.cells.all():
        _delete_with_history(cell, actor=actor)
    _delete_with_history(activity, actor=actor)


@transaction.atomic
def cells_save(*, actor, controller, values: Mapping[tuple[str, str], str]) -> int:
    """Set the cells named by (activity code, role code); '' empties a cell. Values are canonical (rules.parse_cell).
    Returns how many cells changed. Codes of another municipality or of roles set aside are refused."""
    activities = {a.code: a for a in Activity.objects.filter(controller=controller)}
    roles = {r.code: r for r in GovernanceRole.objects.filter(controller=controller, in_use=True)}
    existing = {
        (cell.activity.code, cell.role.code): cell
        for cell in Cell.objects.filter(controller=controller).select_related("activity", "role")
    }
    changed = 0
    for (activity_code, role_code), value in values.items():
        if activity_code not in activities or role_code not in roles:
            raise ValidationError(_("Dit vak hoort niet bij de matrix van deze gemeente."))
        if value and value not in rules.ALLOWED:
            raise ValidationError(_("‘%(value)s’ is geen RASIC-waarde.") % {"value": value})
        cell = existing.get((activity_code, role_code))
        if cell is None and value:
            cell = Cell(controller=controller, activity=activities[activity_code], role=roles[role_code], value=value)
            save_with_history(cell, actor=actor)
        elif cell is not None and not value:
            _delete_with_history(cell, actor=actor)
        elif cell is not None and cell.value != value:
            cell.value = value
            save_with_history(cell, actor=actor, update_fields=["value"])
        else:
            continue
        changed += 1
    return changed


@transaction.atomic
def matrix_import(*, actor, controller, data: bytes) -> spreadsheets.MatrixImport:
    """Read a filled-in matrix; when the file has any problem nothing changes and the problems are returned."""
    roles = GovernanceRole.objects.filter(controller=controller)
    activities = [a.as_matrix_activity() for a in Activity.objects.filter(controller=controller)]
    result = spreadsheets.read_matrix_xlsx(
        data,
        roles=[r.as_matrix_role() for r in roles if r.in_use],
        activities=activities,
        set_aside=[r.as_matrix_role() for r in roles if not r.in_use],
    )
    if result.ok and len(activities) + len(result.new_activities) > MAX_ACTIVITIES:
        problem = spreadsheets.ImportProblem(
            None,
            None,
            _("Met de nieuwe activiteiten uit het bestand komt de matrix boven de %(n)d activiteiten.")
            % {"n": MAX_ACTIVITIES},
        )
        return dataclasses.replace(result, problems=(problem,))
    if not result.ok:
        return result
    codes = {}
    for new in result.new_activities:
        codes[new.code] = activity_add(actor=actor, controller=controller, name=new.name).code
    changed = cells_save(
        actor=actor,
        controller=controller,
        values={(codes.get(activity, activity), role): value for (activity, role), value in result.cells.items()},
    )
    return dataclasses.replace(result, changed=changed)


@transaction.atomic
def assignment_add(
    *, actor, role: GovernanceRole, user=None, external_name: str = "", organisation_name: str = "", since=None
) -> Assignment:
    if user is None and not external_name.strip():
        raise ValidationError(_("Kies een medewerker of vul een naam in."))
    if user is not None and Assignment.objects.filter(role=role, user=user).exists():
        raise ValidationError(_("%(name)s vervult deze rol al.") % {"name": user.get_full_name() or user})
    if user is None and Assignment.objects.filter(role=role, external_name__iexact=external_name.strip()).exists():
        raise ValidationError(_("%(name)s vervult deze rol al.") % {"name": external_name.strip()})
    assignment = Assignment(
        controller=role.controller,
        role=role,
        user=user,
        external_name="" if user else external_name.strip(),
        organisation_name=organisation_name.strip(),
        since=since,
    )
    save_with_history(assignment, actor=actor)
    return assignment


@transaction.atomic
def assignment_end(*, actor, assignment: Assignment) -> None:
    _delete_with_history(assignment, actor=actor)


@transaction.atomic
def workshop_start(*, actor, controller, title: str, approach: str, held_on=None) -> Workshop:
    workshop = Workshop(controller=controller, title=title, approach=approach, held_on=held_on)
    save_with_history(workshop, actor=actor)
    return workshop


@transaction.atomic
def participant_add(*, actor, workshop: Workshop, user, expertise: str) -> Participant:
    if Participant.objects.filter(workshop=workshop, user=user).exists():
        raise ValidationError(_("%(name)s doet al mee.") % {"name": user.get_full_name() or user})
    return Participant.objects.create(workshop=workshop, user=user, expertise=expertise)


@transaction.atomic
def participant_remove(*, actor, participant: Participant) -> None:
    participant.delete()


@transaction.atomic
def proposals_save(*, actor, participant: Participant, values: Mapping[tuple[str, str], str]) -> None:
    """A participant's own prefill of the matrix (workshop step 3); replaces what they proposed before."""
    controller = participant.workshop.controller
    activities = {a.code: a for a in Activity.objects.filter(controller=controller)}
    roles = {r.code: r for r in GovernanceRole.objects.filter(controller=controller, in_use=True)}
    participant.proposals.all().delete()
    Proposal.objects.bulk_create(
        Proposal(participant=participant, activity=activities[a], role=roles[r], value=value)
        for (a, r), value in values.items()
        if value and a in activities and r in roles
    )


@transaction.atomic
def workshop_step(*, actor, workshop: Workshop, step: int) -> Workshop:
    if step not in WorkshopStep.values:
        raise ValidationError(_("Deze stap bestaat niet."))
    if workshop.finished:
        raise ValidationError(_("Deze workshop is afgerond."))
    workshop.step = step
    save_with_history(workshop, actor=actor, update_fields=["step"])
    return workshop


@transaction.atomic
def workshop_finish(*, actor, workshop: Workshop) -> Workshop:
    workshop.finished = True
    save_with_history(workshop, actor=actor, update_fields=["finished"])
    return workshop


@transaction.atomic
def follow_up_add(*, actor, controller, workshop: Workshop | None, description: str, owner: str, due_on=None):
    follow_up = FollowUp(controller=controller, workshop=workshop, description=description, owner=owner, due_on=due_on)
    save_with_history(follow_up, actor=actor)
    return follow_up


@transaction.atomic
def follow_up_done(*, actor, follow_up: FollowUp) -> FollowUp:
    follow_up.done = True
    save_with_history(follow_up, actor=actor, update_fields=["done"])
    return follow_up


@transaction.atomic
def plan_step_save(*, actor, controller, step: str, status: str, note: str) -> PlanStep:
    if step not in {s.code for s in reference.steps()}:
        raise ValidationError(_("Deze stap staat niet in de stappenplannen."))
    if status not in StepStatus.values:
        raise ValidationError(_("Kies een status."))
    record = PlanStep.objects.filter(controller=controller, step=step).first() or PlanStep(
        controller=controller, step=step
    )
    record.status, record.note = status, note
    save_with_history(record, actor=actor)
    return record
