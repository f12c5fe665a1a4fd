"""The workshop of seed 001 §3.2 in four steps: compose the team and choose the approach; choose the roles that
fit the municipality; fill the matrix (participants may prefill beforehand, and the differences are shown for
discussion); organise: assign people and settle follow-up actions."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from doelbinding.core.authz import requires
from doelbinding.core.forms import add_refusal
from doelbinding.governance import rules, selectors, services
from doelbinding.governance.forms import (
    AssignmentForm,
    FollowUpForm,
    MatrixForm,
    ParticipantForm,
    RolesChoiceForm,
    WorkshopForm,
)
from doelbinding.governance.models import GovernanceRole, WorkshopStep
from doelbinding.policy import Cap


@requires(Cap.VIEW_GOVERNANCE)
def workshop_list(request):
    return render(
        request,
        "governance/workshop_list.html",
        {
            "workshops": selectors.workshops_for(request.acting.controller),
            "may_edit": request.acting.can(Cap.EDIT_GOVERNANCE),
        },
    )


@requires(Cap.EDIT_GOVERNANCE)
def workshop_create(request):
    controller = request.acting.controller
    form = WorkshopForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.governance_setup(actor=request.user, controller=controller)
        workshop = services.workshop_start(actor=request.user, controller=controller, **form.cleaned_data)
        messages.success(request, _("De workshop is aangemaakt. Stel nu het team samen."))
        return redirect("governance:workshop_detail", uuid=workshop.uuid)
    return render(request, "governance/workshop_form.html", {"form": form}, status=400 if form.errors else 200)


def _step_of(request, workshop) -> int:
    try:
        step = int(request.GET.get("stap", workshop.step))
    except ValueError:
        step = workshop.step
    return step if step in WorkshopStep.values else workshop.step


def _page(request, workshop, *, step: int | None = None, status=200, **forms):
    controller = request.acting.controller
    step = step or _step_of(request, workshop)
    may_edit = request.acting.can(Cap.EDIT_GOVERNANCE) and not workshop.finished
    context = {
        "workshop": workshop,
        "step": step,
        "steps": WorkshopStep.choices,
        "may_edit": may_edit,
        "participant": selectors.participant_of(workshop, request.user),
        "participants": workshop.participants.select_related("user"),
    }
    users = selectors.assignable_users(controller)
    if step == WorkshopStep.TEAM:
        context["participant_form"] = forms.get("participant_form") or ParticipantForm(users=users)
    elif step == WorkshopStep.ROLES:
        context["roles_form"] = forms.get("roles_form") or RolesChoiceForm(controller=controller)
        context["fixed_roles"] = GovernanceRole.objects.filter(controller=controller, fixed=True)
    elif step == WorkshopStep.MATRIX:
        current = selectors.matrix_for(controller)
        findings = selectors.findings_for(controller, current)
        context.update(
            matrix=current,
            differences=_described(current, selectors.differences_for(workshop)),
            completeness=rules.completeness(current, findings),
            errors=rules.errors(findings),
        )
    else:
        vacant = selectors.vacancies(controller)
        roles = {role.code: role for role in selectors.roles_for(controller)}
        context.update(
            errors=rules.errors(selectors.findings_for(controller)),
            vacancies=[roles[v.code] for v in vacant],
            assignment_form=forms.get("assignment_form") or AssignmentForm(users=users),
            follow_up_form=forms.get("follow_up_form") or FollowUpForm(),
            follow_ups=selectors.follow_ups_for(controller, workshop),
        )
    return render(request, "governance/workshop_detail.html", context, status=status)


def _described(current: rules.Matrix, differences: list[rules.Difference]):
    activities = {a.code: a for a in current.activities}
    roles = {r.code: r for r in current.roles}
    return [
        {
            "difference": d,
            "activity": activities[d.activity],
            "role": roles[d.role],
            "current": rules.display(d.current),
            "proposals": [
                (value, rules.display(value), names, value != d.current) for value, names in d.proposals.items()
            ],
        }
        for d in differences
    ]


@requires(Cap.VIEW_GOVERNANCE, lookup=selectors.workshop_get)
def workshop_detail(request, workshop):
    return _page(request, workshop)


def _editable(request, workshop):
    if not request.acting.can(Cap.EDIT_GOVERNANCE):
        raise PermissionDenied
    if workshop.finished:
        messages.error(request, _("Deze workshop is afgerond; begin een nieuwe om de matrix opnieuw te bespreken."))
        return False
    return True


def _back(workshop, step):
    return redirect(f"{reverse('governance:workshop_detail', kwargs={'uuid': workshop.uuid})}?stap={step}")


@requires(Cap.VIEW_GOVERNANCE, lookup=selectors.workshop_get)
@require_POST
def participant_add(request, workshop):
    if not _editable(request, workshop):
        return _back(workshop, WorkshopStep.TEAM)
    form = ParticipantForm(request.POST, users=selectors.assignable_users(request.acting.controller))
    if form.is_valid():
        try:
            services.participant_add(actor=request.user, workshop=workshop, **form.cleaned_data)
        except ValidationError as error:
            form.add_error("user", error)
        else:
            messages.success(request, _("De deelnemer is toegevoegd."))
            return _back(workshop, WorkshopStep.TEAM)
    return _page(request, workshop, step=WorkshopStep.TEAM, status=400, participant_form=form)


@requires(Cap.VIEW_GOVERNANCE, lookup=selectors.workshop_get)
@require_POST
def participant_remove(request, workshop):
    if not _editable(request, workshop):
        return _back(workshop, WorkshopStep.TEAM)
    participant = workshop.participants.filter(pk=request.POST.get("participant") or None).first()
    if participant is None:
        messages.error(request, _("Deze deelnemer hoort niet bij de workshop."))
    else:
        services.participant_remove(actor=request.user, participant=participant)
        messages.success(
            request, _("%(name)s doet niet meer mee; een voorstel van hem of haar vervalt.") % {"name": participant}
        )
    return _back(workshop, WorkshopStep.TEAM)


@requires(Cap.VIEW_GOVERNANCE, lookup=selectors.workshop_get)
@require_POST
def roles_choose(request, workshop):
    if not _editable(request, workshop):
        return _back(workshop, WorkshopStep.ROLES)
    controller = request.acting.controller
    form = RolesChoiceForm(request.POST, controller=controller)
    if not form.is_valid():
        return _page(request, workshop, step=WorkshopStep.ROLES, status=400, roles_form=form)
    services.roles_choose(actor=request.user, controller=controller, chosen=form.cleaned_data["roles"])
    messages.success(request, _("De rollen zijn gekozen."))
    if request.POST.get("next"):
        services.workshop_step(actor=request.user, workshop=workshop, step=WorkshopStep.MATRIX)
        return _back(workshop, WorkshopStep.MATRIX)
    return _back(workshop, WorkshopStep.ROLES)


@requires(Cap.PROPOSE_IN_WORKSHOP, lookup=selectors.workshop_get)
def proposal(request, workshop):
    """A participant's own prefill: the matrix as they would fill it, before the group discusses it."""
    participant = selectors.participant_of(workshop, request.user)
    if participant is None:
        raise PermissionDenied
    controller = request.acting.controller
    own = selectors.proposals_of(participant)
    base = selectors.matrix_for(controller)
    mine = rules.Matrix(base.activities, base.roles, own)
    form = MatrixForm(request.POST or None, matrix=mine)
    if request.method == "POST":
        if workshop.finished:
            messages.error(request, _("Deze workshop is afgerond."))
        elif form.is_valid():
            services.proposals_save(actor=request.user, participant=participant, values=form.values())
            messages.success(request, _("Uw voorstel is opgeslagen. De verschillen komen in de workshop aan bod."))
            return _back(workshop, WorkshopStep.MATRIX)
    filled = {activity for activity, _role in own}  # only what they filled in: empty means no opinion
    findings = rules.check(rules.Matrix(tuple(a for a in base.activities if a.code in filled), base.roles, own))
    return render(
        request,
        "governance/proposal.html",
        {
            "workshop": workshop,
            "form": form,
            "matrix": mine,
            "rows": list(form.rows()),
            "errors": rules.errors(findings),
        },
        status=400 if form.errors else 200,
    )


@requires(Cap.VIEW_GOVERNANCE, lookup=selectors.workshop_get)
@require_POST
def proposal_adopt(request, workshop):
    """The group settles a discussed cell on one of the proposed values."""
    if not _editable(request, workshop):
        return _back(workshop, WorkshopStep.MATRIX)
    key = (request.POST.get("activity", ""), request.POST.get("role", ""))
    try:
        value = rules.parse_cell(request.POST.get("value", ""))
        services.cells_save(actor=request.user, controller=request.acting.controller, values={key: value})
    except (rules.CellError, ValidationError) as error:
        messages.error(request, str(error) if isinstance(error, rules.CellError) else " ".join(error.messages))
    else:
        messages.success(request, _("Het vak is bijgewerkt in de matrix."))
    return _back(workshop, WorkshopStep.MATRIX)


@requires(Cap.VIEW_GOVERNANCE, lookup=selectors.workshop_get)
@require_POST
def workshop_step(request, workshop):
    if not _editable(request, workshop):
        return _back(workshop, workshop.step)
    try:
        step = int(request.POST.get("step", ""))
        services.workshop_step(actor=request.user, workshop=workshop, step=step)
    except (ValueError, ValidationError):
        messages.error(request, _("Kies een stap van 1 tot en met 4."))
        return _back(workshop, workshop.step)
    return _back(workshop, step)


@requires(Cap.VIEW_GOVERNANCE, lookup=selectors.workshop_get)
@require_POST
def assign(request, workshop):
    """Step 4: fill a vacant role straight from the workshop."""
    if not _editable(request, workshop):
        return _back(workshop, WorkshopStep.ORGANISE)
    controller = request.acting.controller
    form = AssignmentForm(request.POST, users=selectors.assignable_users(controller))
    role = selectors.roles_for(controller, in_use=True).filter(uuid=request.POST.get("role") or None).first()
    if role is None:
        form.add_error(None, _("Kies de rol die u wilt toewijzen."))
    if form.is_valid():
        try:
            services.assignment_add(actor=request.user, role=role, **form.cleaned_data)
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, _("%(role)s is toegewezen.") % {"role": role.name})
            return _back(workshop, WorkshopStep.ORGANISE)
    return _page(request, workshop, step=WorkshopStep.ORGANISE, status=400, assignment_form=form)


@requires(Cap.VIEW_GOVERNANCE, lookup=selectors.workshop_get)
@require_POST
def follow_up_add(request, workshop):
    if not _editable(request, workshop):
        return _back(workshop, WorkshopStep.ORGANISE)
    form = FollowUpForm(request.POST)
    if form.is_valid():
        services.follow_up_add(
            actor=request.user, controller=request.acting.controller, workshop=workshop, **form.cleaned_data
        )
        messages.success(request, _("De vervolgactie is vastgelegd."))
        return _back(workshop, WorkshopStep.ORGANISE)
    return _page(request, workshop, step=WorkshopStep.ORGANISE, status=400, follow_up_form=form)


@requires(Cap.EDIT_GOVERNANCE, lookup=selectors.follow_up_get)
@require_POST
def follow_up_done(request, follow_up):
    services.follow_up_done(actor=request.user, follow_up=follow_up)
    messages.success(request, _("De vervolgactie is afgevinkt."))
    if follow_up.workshop_id:
        return _back(follow_up.workshop, WorkshopStep.ORGANISE)
    return redirect("governance:home")


@requires(Cap.VIEW_GOVERNANCE, lookup=selectors.workshop_get)
@require_POST
def workshop_finish(request, workshop):
    if not _editable(request, workshop):
        return _back(workshop, workshop.step)
    services.workshop_finish(actor=request.user, workshop=workshop)
    messages.success(request, _("De workshop is afgerond. De matrix en de toewijzingen blijven gewoon te wijzigen."))
    return redirect("governance:workshop_detail", uuid=workshop.uuid)
