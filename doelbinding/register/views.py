from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from doelbinding.core.authz import requires
from doelbinding.policy import Cap
from doelbinding.register import selectors, services
from doelbinding.register.forms import ActivityForm
from doelbinding.register.models import Status


@requires(Cap.VIEW_REGISTER)
def activity_list(request):
    query = request.GET.get("q", "").strip()[:100]
    versions = selectors.current_versions(request.acting.controller, query=query)
    template = "register/_activity_table.html" if request.htmx else "register/activity_list.html"
    return render(
        request, template, {"versions": versions, "query": query, "may_edit": request.acting.can(Cap.EDIT_REGISTER)}
    )


@requires(Cap.VIEW_REGISTER, lookup=selectors.activity_get)
def activity_detail(request, activity):
    versions = selectors.versions_of(activity)
    current = next((v for v in versions if v.status == Status.CONCEPT), None) or next(
        (v for v in versions if v.status == Status.ESTABLISHED), versions[0]
    )
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
    base = next((v for v in versions if v.status == Status.CONCEPT), None) or next(
        (v for v in versions if v.status == Status.ESTABLISHED), None
    )
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
