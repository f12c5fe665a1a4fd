"""Pages of partners, agreements and the worklist of agreements to make or amend (seed 000 ch. 4)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from doelbinding.core.authz import requires
from doelbinding.core.forms import add_refusal
from doelbinding.partners import drafts, rules, selectors, services
from doelbinding.partners.forms import (
    AgreementForm,
    ChecklistForm,
    DocumentForm,
    InformationShareForm,
    ObligationForm,
    PartnerForm,
)
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
            "changes": selectors.changes(partner, services.PARTNER_FIELDS),
            "may_edit": request.acting.can(Cap.EDIT_PARTNERS),
        },
    )


def _save(request, form, save, success: str, target: str):
    if request.method == "POST" and form.is_valid():
        try:
            record = save(**form.service_arguments())
        except ValidationError as error:
            add_refusal(form, error)
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
            "changes": selectors.changes(agreement, services.AGREEMENT_FIELDS),
            "may_edit": request.acting.can(Cap.EDIT_PARTNERS),
            "may_record": request.acting.can(Cap.RECORD_OBLIGATIONS),
            "shares_information": agreement.kind in rules.SHARING_KINDS,
            "has_draft": agreement.kind in drafts.DRAFT_KINDS,
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


@requires(Cap.EDIT_PARTNERS, lookup=selectors.agreement_get)
def document_upload(request, agreement):
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.document_add(actor=request.user, agreement=agreement, upload=form.cleaned_data["file"])
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, _("Het document is toegevoegd."))
            return redirect("partners:agreement_detail", uuid=agreement.uuid)
    return render(request, "partners/document_form.html", {"form": form, "agreement": agreement})


def document_response(document) -> FileResponse:
    """The stored file as a download under its uploaded name; a file gone from disk is a 404, never a 500."""
    try:
        handle = document.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=document.name)


@requires(Cap.VIEW_PARTNERS, lookup=selectors.agreement_get)
def document_download(request, agreement, document):
    return document_response(get_object_or_404(agreement.documents, uuid=document))


@requires(Cap.RECORD_OBLIGATIONS, lookup=selectors.agreement_get)
def obligation_create(request, agreement):
    form = ObligationForm(request.POST or None, agreement=agreement)

    def save(**arguments):
        services.obligation_record(actor=request.user, agreement=agreement, **arguments)
        return agreement

    done = _save(request, form, save, _("De verplichting is vastgelegd."), "partners:agreement_detail")
    return done or render(request, "partners/obligation_form.html", {"form": form, "agreement": agreement})


@requires(Cap.VIEW_PARTNERS, lookup=selectors.agreement_get)
def information_sharing(request, agreement):
    """The covenant's picture of who may see which information, with the form to change it."""
    if agreement.kind not in rules.SHARING_KINDS:
        raise Http404
    may_edit = request.acting.can(Cap.EDIT_PARTNERS)
    form = InformationShareForm(request.POST or None, controller=request.acting.controller) if may_edit else None
    if request.method == "POST" and not may_edit:
        raise PermissionDenied

    def save(**arguments):
        services.information_share_set(actor=request.user, agreement=agreement, **arguments)
        return agreement

    done = form and _save(request, form, save, _("De informatiedeling is vastgelegd."), "partners:information_sharing")
    if done:
        return done
    context = {"agreement": agreement, "picture": selectors.information_picture(agreement), "form": form}
    return render(request, "partners/information_sharing.html", context)


@requires(Cap.EDIT_PARTNERS, lookup=selectors.agreement_get)
@require_POST
def information_share_remove(request, agreement, share):
    services.information_share_remove(
        actor=request.user, share=get_object_or_404(agreement.information_shares, pk=share)
    )
    messages.success(request, _("De informatiedeling is ingetrokken."))
    return redirect("partners:information_sharing", uuid=agreement.uuid)


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _draft(agreement, render_as, extension: str, content_type: str) -> HttpResponse:
    if agreement.kind not in drafts.DRAFT_KINDS:
        raise Http404
    response = HttpResponse(render_as(drafts.compose(agreement)), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="concept-{slugify(agreement.title)}.{extension}"'
    return response


@requires(Cap.VIEW_PARTNERS, lookup=selectors.agreement_get)
def draft_docx(request, agreement):
    return _draft(agreement, drafts.as_docx, "docx", DOCX)


@requires(Cap.VIEW_PARTNERS, lookup=selectors.agreement_get)
def draft_pdf(request, agreement):
    return _draft(agreement, drafts.as_pdf, "pdf", "application/pdf")


@requires(Cap.VIEW_PARTNERS)
def stakeholder_map(request):
    controller = request.acting.controller
    context = {"svg": selectors.stakeholder_map(controller), "partners": selectors.partners_with_domains(controller)}
    return render(request, "partners/stakeholder_map.html", context)


@requires(Cap.VIEW_PARTNERS)
def stakeholder_map_svg(request):
    response = HttpResponse(
        selectors.stakeholder_map(request.acting.controller, links=False), content_type="image/svg+xml"
    )
    response["Content-Disposition"] = 'attachment; filename="stakeholderkaart.svg"'
    return response
