from dataclasses import asdict

from django.contrib import messages
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import HttpResponseClientRedirect

from doelbinding.core.authz import requires
from doelbinding.policy import Cap
from doelbinding.register import exports, selectors, services, spreadsheet, uploads
from doelbinding.register.columns import STAFF_COLUMNS
from doelbinding.register.forms import ActivityForm, ColumnMappingForm, ImportUploadForm
from doelbinding.register.models import Status


@requires(Cap.VIEW_REGISTER)
def activity_list(request):
    query = request.GET.get("q", "").strip()[:100]
    versions = selectors.current_versions(request.acting.controller, query=query)
    template = "register/_activity_table.html" if request.htmx else "register/activity_list.html"
    return render(
        request,
        template,
        {
            "versions": versions,
            "query": query,
            "may_edit": request.acting.can(Cap.EDIT_REGISTER),
            "may_import": request.acting.can(Cap.IMPORT_REGISTER),
        },
    )


@requires(Cap.VIEW_REGISTER, lookup=selectors.activity_get)
def activity_detail(request, activity):
    versions = selectors.versions_of(activity)
    current = selectors.working_version(versions) or versions[0]
    version = selectors.version_get(request.acting.controller, activity.uuid, current.version)
    return render(
        request,
        "register/activity_detail.html",
        {
            "activity": activity,
            "version": version,
            "versions": versions,
            "findings": selectors.findings_of(version, timezone.localdate()),
            "may_edit": request.acting.can(Cap.EDIT_REGISTER),
            "may_establish": request.acting.can(Cap.ESTABLISH_REGISTER) and version.status == Status.CONCEPT,
        },
    )


@requires(Cap.VIEW_REGISTER, lookup=selectors.activity_get)
def version_detail(request, activity, number):
    version = selectors.version_get(request.acting.controller, activity.uuid, number)
    return render(
        request,
        "register/version_detail.html",
        {"activity": activity, "version": version, "versions": selectors.versions_of(activity)},
    )


@requires(Cap.EDIT_REGISTER)
def activity_create(request):
    form = ActivityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        version = services.activity_create(
            actor=request.user, controller=request.acting.controller, fields=_fields(form)
        )
        messages.success(request, _("De verwerkingsactiviteit is als concept opgeslagen."))
        return redirect("register:activity_detail", uuid=version.activity.uuid)
    return render(request, "register/activity_form.html", {"form": form, "activity": None})


@requires(Cap.EDIT_REGISTER, lookup=selectors.activity_get)
def activity_edit(request, activity):
    versions = selectors.versions_of(activity)
    base = selectors.working_version(versions)
    form = ActivityForm(request.POST or None, instance=base)
    if request.method == "POST" and form.is_valid():
        services.activity_edit(actor=request.user, activity=activity, fields=_fields(form))
        messages.success(request, _("De wijziging is als concept opgeslagen; de vastgestelde versie blijft gelden."))
        return redirect("register:activity_detail", uuid=activity.uuid)
    return render(request, "register/activity_form.html", {"form": form, "activity": activity, "base": base})


@requires(Cap.ESTABLISH_REGISTER, lookup=selectors.activity_get)
@require_POST
def activity_establish(request, activity):
    if not activity.versions.filter(status=Status.CONCEPT).exists():
        messages.error(request, _("Er is geen concept om vast te stellen."))
    else:
        version = services.activity_establish(actor=request.user, activity=activity)
        messages.success(request, _("Versie %(n)s is vastgesteld en geldt nu.") % {"n": version.version})
    return redirect("register:activity_detail", uuid=activity.uuid)


@requires(Cap.VIEW_REGISTER)
def worklist(request):
    rows = selectors.worklist(request.acting.controller, timezone.localdate())
    return render(request, "register/worklist.html", {"rows": rows})


def _fields(form: ActivityForm) -> dict:
    return {name: form.cleaned_data[name] for name in form.Meta.fields}


@requires(Cap.VIEW_REGISTER)
@require_GET
def export_xlsx(request):
    controller, today = request.acting.controller, timezone.localdate()
    return FileResponse(
        exports.xlsx(controller, today),
        as_attachment=True,
        filename=exports.filename(controller, today, "xlsx"),
        content_type=exports.XLSX_CONTENT_TYPE,
    )


@requires(Cap.VIEW_REGISTER)
@require_GET
def export_csv(request):
    controller, today = request.acting.controller, timezone.localdate()
    return exports.csv_response(
        exports.staff_table(controller), STAFF_COLUMNS, exports.filename(controller, today, "csv")
    )


@requires(Cap.VIEW_REGISTER)
@require_GET
def export_pdf(request):
    controller, today = request.acting.controller, timezone.localdate()
    response = HttpResponse(exports.pdf(controller, today), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{exports.filename(controller, today, "pdf")}"'
    return response


@requires(Cap.IMPORT_REGISTER)
def import_upload(request):
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            uploads.store(request, form.cleaned_data["bestand"])
        except spreadsheet.UploadRefused as refusal:
            form.add_error("bestand", str(refusal))
        else:
            return redirect("register:import_check")
    return render(request, "register/import_upload.html", {"form": form, "upload": uploads.get(request)})


@requires(Cap.IMPORT_REGISTER)
def import_check(request):
    """Step 2: map the file's columns to the register's, then check every row; nothing is written here."""
    upload = uploads.get(request)
    if upload is None:
        messages.info(request, _("Er staat geen bestand klaar. Kies eerst een bestand om in te lezen."))
        return redirect("register:import_upload")
    preview = spreadsheet.inspect(upload.path)
    mapping = upload.mapping or spreadsheet.map_headers(preview.headers)
    form = ColumnMappingForm(preview, request.POST or None, mapping=mapping)
    report = None
    if request.method == "POST" and form.is_valid():
        mapping = form.mapping()
        report = spreadsheet.check(upload.path, mapping, spreadsheet.Lookup.load(request.acting.controller))
        uploads.remember(request, mapping, checked=report.ok)
    return render(
        request,
        "register/import_check.html",
        {
            "upload": upload,
            "form": form,
            "report": report,
            "hints": [] if form.is_bound else spreadsheet.mapping_problems(mapping),
        },
    )


@requires(Cap.IMPORT_REGISTER)
@require_POST
def import_confirm(request):
    """Step 3: read the checked file again and write every row in one transaction, or nothing."""
    upload = uploads.get(request)
    if upload is None or not upload.checked or upload.mapping is None:
        messages.error(request, _("Er is geen gecontroleerd bestand om in te lezen."))
        return _to(request, "register:import_upload")
    controller = request.acting.controller
    report = spreadsheet.Report()
    rows = spreadsheet.read(upload.path, upload.mapping, spreadsheet.Lookup.load(controller), report)
    try:
        result = services.register_import(actor=request.user, controller=controller, rows=rows)
    except spreadsheet.ImportRefused:
        uploads.remember(request, upload.mapping, checked=False)
        messages.error(
            request,
            _("Er is niets ingelezen: bij het inlezen bleek het bestand niet meer in orde (problemen: %(n)s).")
            % {"n": report.problem_count},
        )
        return _to(request, "register:import_check")
    uploads.discard(request)
    messages.success(
        request,
        _(
            "Het register is ingelezen. Nieuw: %(created)s, bijgewerkt: %(updated)s, ongewijzigd: %(unchanged)s. "
            "Nieuwe en bijgewerkte verwerkingen zijn concepten tot ze worden vastgesteld."
        )
        % asdict(result),
    )
    return _to(request, "register:activity_list")


@requires(Cap.IMPORT_REGISTER)
@require_POST
def import_cancel(request):
    uploads.discard(request)
    messages.info(request, _("Het inlezen is afgebroken; het bestand is verwijderd."))
    return redirect("register:activity_list")


def _to(request, name: str):
    """A redirect; for htmx a full page load, so that the target renders as a page and not as a fragment."""
    return HttpResponseClientRedirect(reverse(name)) if request.htmx else redirect(name)
