"""Pages of the BRP usage register (seed 002 §3 item 2)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from doelbinding.core.authz import requires
from doelbinding.core.forms import add_refusal
from doelbinding.policy import Cap
from doelbinding.register.brp import selectors as brp_selectors
from doelbinding.register.brp import services as brp_services
from doelbinding.register.brp.forms import BrpUsageForm


@requires(Cap.VIEW_BRP_USAGE)
def brp_list(request):
    return render(
        request,
        "register/brp_list.html",
        {
            "usages": brp_selectors.brp_usages_for(request.acting.controller),
            "may_edit": request.acting.can(Cap.EDIT_BRP_USAGE),
        },
    )


@requires(Cap.VIEW_BRP_USAGE, lookup=brp_selectors.brp_usage_get)
def brp_detail(request, usage):
    return render(
        request,
        "register/brp_detail.html",
        {
            "usage": usage,
            "changes": brp_selectors.brp_usage_changes(usage),
            "may_edit": request.acting.can(Cap.EDIT_BRP_USAGE),
        },
    )


@requires(Cap.EDIT_BRP_USAGE)
def brp_create(request):
    controller = request.acting.controller
    form = BrpUsageForm(request.POST or None, controller=controller)
    if request.method == "POST" and form.is_valid():
        try:
            usage = brp_services.brp_usage_create(actor=request.user, controller=controller, **form.service_arguments())
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, _("De taak is opgenomen in het register van BRP-gebruik."))
            return redirect("register:brp_detail", uuid=usage.uuid)
    return render(request, "register/brp_form.html", {"form": form, "usage": None})


@requires(Cap.EDIT_BRP_USAGE, lookup=brp_selectors.brp_usage_get)
def brp_edit(request, usage):
    form = BrpUsageForm(request.POST or None, instance=usage, controller=request.acting.controller)
    if request.method == "POST" and form.is_valid():
        try:
            brp_services.brp_usage_edit(actor=request.user, usage=usage, **form.service_arguments())
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, _("De wijziging is opgeslagen."))
            return redirect("register:brp_detail", uuid=usage.uuid)
    return render(request, "register/brp_form.html", {"form": form, "usage": usage})
