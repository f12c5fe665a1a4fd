"""Pages of the governance app: roles, the RASIC matrix, the organisation chart, the step plans and the workshop."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from doelbinding.core.authz import requires
from doelbinding.core.forms import add_refusal
from doelbinding.governance import chart, documents, rules, selectors, services, spreadsheets
from doelbinding.governance.forms import (
    ActivityForm,
    AssignmentForm,
    ImportForm,
    MatrixForm,
    PlanStepForm,
    RoleForm,
)
from doelbinding.policy import Cap

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _setup_needed(request):
    return render(request, "governance/setup.html", {"may_edit": request.acting.can(Cap.EDIT_GOVERNANCE)}, status=200)


@requires(Cap.VIEW_GOVERNANCE)
def home(request):
    controller = request.acting.controller
    if not selectors.is_set_up(controller):
        return _setup_needed(request)
    matrix = selectors.matrix_for(controller)
    findings = selectors.findings_for(controller, matrix)
    return render(
        request,
        "governance/home.html",
        {
            "completeness": rules.completeness(matrix, findings),
            "errors": rules.errors(findings),
            "vacancies": selectors.vacancies(controller),
            "plans": selectors.step_plans(controller),
            "workshops": selectors.workshops_for(controller)[:3],
            "follow_ups": selectors.follow_ups_for(controller).filter(done=False),
            "may_edit": request.acting.can(Cap.EDIT_GOVERNANCE),
        },
    )


@requires(Cap.EDIT_GOVERNANCE)
@require_POST
def setup(request):
    services.governance_setup(actor=request.user, controller=request.acting.controller)
    messages.success(request, _("De rollen en activiteiten uit de handreiking staan klaar."))
    return redirect("governance:home")


@requires(Cap.VIEW_GOVERNANCE)
def role_list(request):
    controller = request.acting.controller
    people = selectors.people_by_role(controller)
    vacant = {role.code for role in selectors.vacancies(controller, people)}
    rows = [(role, sorted(people.get(role.code, ())), role.code in vacant) for role in selectors.roles_for(controller)]
    return render(
        request,
        "governance/role_list.html",
        {"rows": rows, "may_edit": request.acting.can(Cap.EDIT_GOVERNANCE)},
    )


def _role_page(request, role, form, status=200):
    assignments = list(role.assignments.select_related("user"))
    others = selectors.elsewhere(assignments)
    return render(
        request,
        "governance/role_detail.html",
        {
            "role": role,
            "relations": selectors.relations_of(role),
            "letters": selectors.letters_of(role),
            "assignments": [(a, others.get(a.user_id, [])) for a in assignments],
            "former": selectors.former_holders(role),
            "vacant": role.staffed and role.in_use and not assignments,
            "form": form,
            "may_edit": request.acting.can(Cap.EDIT_GOVERNANCE),
        },
        status=status,
    )


@requires(Cap.VIEW_GOVERNANCE, lookup=selectors.role_get)
def role_detail(request, role):
    return _role_page(request, role, AssignmentForm(users=selectors.assignable_users(request.acting.controller)))


def _role_form(request, role):
    controller = request.acting.controller
    form = RoleForm(request.POST or None, controller=controller, role=role)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.role_save(actor=request.user, controller=controller, role=role, **form.service_arguments())
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, _("De rol is opgeslagen."))
            return redirect("governance:role_detail", uuid=saved.uuid)
    return render(request, "governance/role_form.html", {"form": form, "role": role})


@requires(Cap.EDIT_GOVERNANCE)
def role_create(request):
    return _role_form(request, None)


@requires(Cap.EDIT_GOVERNANCE, lookup=selectors.role_get)
def role_edit(request, role):
    return _role_form(request, role)


@requires(Cap.EDIT_GOVERNANCE, lookup=selectors.role_get)
@require_POST
def role_assign(request, role):
    form = AssignmentForm(request.POST, users=selectors.assignable_users(request.acting.controller))
    if form.is_valid():
        try:
            services.assignment_add(actor=request.user, role=role, **form.cleaned_data)
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, _("De rol is toegewezen."))
            return redirect("governance:role_detail", uuid=role.uuid)
    return _role_page(request, role, form, status=400)


@requires(Cap.EDIT_GOVERNANCE, lookup=selectors.assignment_get)
@require_POST
def assignment_end(request, assignment):
    services.assignment_end(actor=request.user, assignment=assignment)
    messages.success(
        request,
        _("%(name)s vervult de rol niet meer; dat blijft zichtbaar onder ‘Eerder vervuld door’.")
        % {"name": assignment.person_name},
    )
    return redirect("governance:role_detail", uuid=assignment.role.uuid)


@requires(Cap.VIEW_GOVERNANCE)
def matrix(request):
    controller = request.acting.controller
    if not selectors.is_set_up(controller):
        return _setup_needed(request)
    may_edit = request.acting.can(Cap.EDIT_GOVERNANCE)
    if request.method == "POST" and not may_edit:
        raise PermissionDenied
    current = selectors.matrix_for(controller)
    form = MatrixForm(request.POST or None, matrix=current)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            changed = services.cells_save(actor=request.user, controller=controller, values=form.values())
            errors = len(rules.errors(selectors.findings_for(controller)))
            saved = ngettext(
                "De matrix is opgeslagen (%(n)d vak gewijzigd).",
                "De matrix is opgeslagen (%(n)d vakken gewijzigd).",
                changed,
            ) % {"n": changed}
            if errors:
                saved += " " + ngettext(
                    "Let op: de matrix volgt de regels nog niet op %(n)d punt.",
                    "Let op: de matrix volgt de regels nog niet op %(n)d punten.",
                    errors,
                ) % {"n": errors}
            messages.success(request, saved)
            return redirect("governance:matrix")
        status = 400
    findings = selectors.findings_for(controller, current)
    records = {record.code: record for record in selectors.activities_for(controller)}
    by_activity: dict[str, list[rules.Finding]] = {}
    for finding in findings:
        by_activity.setdefault(finding.activity or "", []).append(finding)
    return render(
        request,
        "governance/matrix.html",
        {
            "matrix": current,
            "form": form,
            "rows": [
                (activity, records[activity.code], fields, by_activity.get(activity.code, []))
                for activity, fields in form.rows()
            ],
            "role_findings": by_activity.get("", []),
            "completeness": rules.completeness(current, findings),
            "own_activities": [record for record in records.values() if record.own],
            "activity_form": ActivityForm(),
            "may_edit": may_edit,
        },
        status=status,
    )


@requires(Cap.EDIT_GOVERNANCE)
@require_POST
def activity_create(request):
    form = ActivityForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Vul de naam van de nieuwe activiteit in (hooguit 300 tekens)."))
        return redirect("governance:matrix")
    try:
        services.activity_add(actor=request.user, controller=request.acting.controller, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("De activiteit is toegevoegd."))
    return redirect("governance:matrix")


@requires(Cap.EDIT_GOVERNANCE, lookup=selectors.activity_get)
@require_POST
def activity_remove(request, activity):
    try:
        services.activity_remove(actor=request.user, activity=activity)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("De activiteit is verwijderd."))
    return redirect("governance:matrix")


def _file_name(controller, kind: str, extension: str) -> str:
    return f"{kind}-{slugify(controller.name)}-{timezone.localdate():%Y-%m-%d}.{extension}"


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@requires(Cap.VIEW_GOVERNANCE)
def matrix_xlsx(request):
    controller = request.acting.controller
    current = selectors.matrix_for(controller)
    content = spreadsheets.matrix_xlsx(
        current,
        title=_("RASIC-matrix %(name)s") % {"name": controller.name},
        findings=selectors.findings_for(controller),
    )
    return _download(content, XLSX, _file_name(controller, "rasic", "xlsx"))


@requires(Cap.VIEW_GOVERNANCE)
def matrix_pdf(request):
    controller = request.acting.controller
    content = documents.matrix_pdf(
        selectors.matrix_for(controller),
        title=_("RASIC-matrix privacygovernance sociaal domein"),
        municipality=controller.name,
        made_on=timezone.localdate(),
        findings=selectors.findings_for(controller),
    )
    return _download(content, "application/pdf", _file_name(controller, "rasic", "pdf"))


@requires(Cap.EDIT_GOVERNANCE)
def matrix_import(request):
    controller = request.acting.controller
    form = ImportForm(request.POST or None, request.FILES or None)
    problems = ()
    if request.method == "POST" and form.is_valid():
        result = services.matrix_import(
            actor=request.user, controller=controller, data=form.cleaned_data["file"].read()
        )
        if result.ok:
            messages.success(
                request,
                _("De matrix is ingelezen: %(changed)s, %(new)s.")
                % {
                    "changed": ngettext("%(n)d vak gewijzigd", "%(n)d vakken gewijzigd", result.changed)
                    % {"n": result.changed},
                    "new": ngettext(
                        "%(n)d eigen activiteit toegevoegd",
                        "%(n)d eigen activiteiten toegevoegd",
                        len(result.new_activities),
                    )
                    % {"n": len(result.new_activities)},
                },
            )
            return redirect("governance:matrix")
        problems = result.problems
    status = 400 if request.method == "POST" else 200
    return render(request, "governance/matrix_import.html", {"form": form, "problems": problems}, status=status)


@requires(Cap.VIEW_GOVERNANCE)
def chart_page(request):
    controller = request.acting.controller
    if not selectors.is_set_up(controller):
        return _setup_needed(request)
    return render(request, "governance/chart.html", {"svg": selectors.chart_svg(controller)})


@requires(Cap.VIEW_GOVERNANCE)
def chart_download(request):
    controller = request.acting.controller
    return _download(
        selectors.chart_svg(controller, links=False).encode(),
        "image/svg+xml",
        _file_name(controller, "organogram", "svg"),
    )


@requires(Cap.VIEW_GOVERNANCE)
def chart_pdf(request):
    controller = request.acting.controller
    content = chart.chart_pdf(
        selectors.chart_svg(controller, links=False),
        title=_("Organogram privacygovernance sociaal domein"),
        municipality=controller.name,
        made_on=timezone.localdate(),
    )
    return _download(content, "application/pdf", _file_name(controller, "organogram", "pdf"))


@requires(Cap.VIEW_GOVERNANCE)
def step_plans(request):
    controller = request.acting.controller
    may_edit = request.acting.can(Cap.EDIT_GOVERNANCE)
    status = 200
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied
        form = PlanStepForm(request.POST)
        if form.is_valid():
            try:
                services.plan_step_save(actor=request.user, controller=controller, **form.cleaned_data)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                status = 400
            else:
                messages.success(request, _("De stap is bijgewerkt."))
                return redirect(reverse("governance:step_plans") + f"#stap-{form.cleaned_data['step']}")
        else:
            messages.error(request, _("Kies een status voor de stap."))
            status = 400
    plans = [
        (
            name,
            [
                (view, PlanStepForm(initial={"step": view.step.code, "status": view.status, "note": view.note}))
                for view in views
            ],
        )
        for name, views in selectors.step_plans(controller)
    ]
    context = {"plans": plans, "may_edit": may_edit, "sees_agreements": request.acting.can(Cap.VIEW_PARTNERS)}
    return render(request, "governance/step_plans.html", context, status=status)
