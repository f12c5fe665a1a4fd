"""Pages of partners, agreements and the worklist of agreements to make or amend (seed 000 ch. 4)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from doelbinding.core.authz import requires
from doelbinding.partners import selectors, services
from doelbinding.partners.forms import AgreementForm, ChecklistForm, PartnerForm
from doelbinding.policy import Cap


def _search(request, page: str, table: str, name: str, rows):
    """A list page with a search box; htmx asks for the table only."""
    query = request.GET.get("q", "")
    context = {name: rows(request.acting.controller, query=query), "query": query}
    context["may_edit"] = request.acting.can(Cap.EDIT_PARTNERS)
    return render(request, table if request.headers.get("HX-Request") else page, context)


@requires(Cap.VIEW_PARTNERS)
def partner_list(request):
    return _search(
        request, "partners/partner_list.html", "partners/_partner_table.html", "partners", selectors.partners_for
    )


@requires(Cap.VIEW_PARTNERS, lookup=selectors.partner_get)
def partner_detail(request, partner):
    return render(
        request,
        "partners/partner_detail.html",
        {
            "partner": partner,
            "agreements": partner.agreements.order_by("title"),
            "changes": selectors.changes(partner),
            "may_edit": request.acting.can(Cap.EDIT_PARTNERS),
        },
    )


def _save(request, form, save, success: str, target: str):
    if request.method == "POST" and form.is_valid():
        try:
            record = save(**form.service_arguments())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, success)
            return redirect(target, uuid=record.uuid)
    return None


@requires(Cap.EDIT_PARTNERS)
def partner_create(request):
    form = PartnerForm(request.POST or None)
    controller = request.acting.controller

    def save(**arguments):
        return services.partner_create(actor=request.user, controller=controller, **arguments)

    done = _save(request, form, save, _("De partner is toegevoegd."), "partners:partner_detail")
    return done or render(request, "partners/partner_form.html", {"form": form, "partner": None})


@requires(Cap.EDIT_PARTNERS, lookup=selectors.partner_get)
def partner_edit(request, partner):
    form = PartnerForm(request.POST or None, instance=partner)

    def save(**arguments):
        return services.partner_edit(actor=request.user, partner=partner, **arguments)

    done = _save(request, form, save, _("De wijziging is opgeslagen."), "partners:partner_detail")
    return done or render(request, "partners/partner_form.html", {"form": form, "partner": partner})


@requires(Cap.VIEW_PARTNERS)
def agreement_list(request):
    return _search(
        request,
        "partners/agreement_list.html",
        "partners/_agreement_table.html",
        "agreements",
        selectors.agreements_for,
    )


@requires(Cap.VIEW_PARTNERS, lookup=selectors.agreement_get)
def agreement_detail(request, agreement):
    return render(
        request,
        "partners/agreement_detail.html",
        {
            "agreement": agreement,
            "changes": selectors.changes(agreement),
            "may_edit": request.acting.can(Cap.EDIT_PARTNERS),
        },
    )


@requires(Cap.EDIT_PARTNERS)
def agreement_create(request):
    controller = request.acting.controller
    form = AgreementForm(request.POST or None, controller=controller)

    def save(**arguments):
        return services.agreement_create(actor=request.user, controller=controller, **arguments)

    done = _save(request, form, save, _("De afspraak is vastgelegd."), "partners:agreement_detail")
    return done or render(request, "partners/agreement_form.html", {"form": form, "agreement": None})


@requires(Cap.EDIT_PARTNERS, lookup=selectors.agreement_get)
def agreement_edit(request, agreement):
    form = AgreementForm(request.POST or None, instance=agreement, controller=request.acting.controller)

    def save(**arguments):
        return services.agreement_edit(actor=request.user, agreement=agreement, **arguments)

    done = _save(request, form, save, _("De wijziging is opgeslagen."), "partners:agreement_detail")
    return done or render(request, "partners/agreement_form.html", {"form": form, "agreement": agreement})


@requires(Cap.EDIT_PARTNERS, lookup=selectors.agreement_get)
def agreement_checklist(request, agreement):
    form = ChecklistForm(request.POST or None, clauses=list(agreement.clauses.all()))
    if request.method == "POST" and form.is_valid():
        services.checklist_assess(actor=request.user, agreement=agreement, assessments=form.assessments())
        messages.success(request, _("De controlelijst is opgeslagen."))
        return redirect("partners:agreement_detail", uuid=agreement.uuid)
    return render(request, "partners/agreement_checklist.html", {"form": form, "agreement": agreement})


@requires(Cap.VIEW_PARTNERS)
def worklist(request):
    return render(request, "partners/worklist.html", {"findings": selectors.worklist(request.acting.controller)})
