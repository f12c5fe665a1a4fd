from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from doelbinding.core.authz import controller_optional, requires
from doelbinding.policy import Cap
from doelbinding.tenancy import selectors, services
from doelbinding.tenancy.forms import ChooseControllerForm, MembershipForm


@controller_optional
def choose_controller(request):
    acting = request.acting
    form = ChooseControllerForm(request.POST or None, choices=acting.choices)
    if request.method == "POST" and form.is_valid():
        services.controller_choose(request=request, controller_uuid=form.cleaned_data["controller"])
        return redirect("core:home")
    if acting.controller is not None and not form.is_bound:
        form.initial["controller"] = str(acting.controller.uuid)
    return render(request, "tenancy/choose_controller.html", {"form": form})


@requires(Cap.VIEW_ORGANISATIONS)
def organisation_list(request):
    organisations = selectors.organisations_visible(request.acting.controller).order_by("kind", "name")
    return render(request, "tenancy/organisation_list.html", {"organisations": organisations})


@requires(Cap.VIEW_ORGANISATIONS, lookup=selectors.organisation_get)
def organisation_detail(request, organisation):
    return render(
        request,
        "tenancy/organisation_detail.html",
        {"organisation": organisation, "serves": organisation.serves.order_by("name")},
    )


@requires(Cap.VIEW_STAFF)
def staff_list(request):
    """The staff table; with htmx, a search replaces only the table."""
    query = request.GET.get("q", "").strip()[:100]
    template = "tenancy/_staff_table.html" if request.htmx else "tenancy/staff_list.html"
    return render(
        request, template, {"memberships": selectors.staff_search(request.acting.controller, query), "query": query}
    )


@requires(Cap.VIEW_STAFF, lookup=selectors.membership_get)
def staff_detail(request, membership):
    return render(
        request,
        "tenancy/staff_detail.html",
        {
            "membership": membership,
            "changes": selectors.membership_changes(membership),
            "may_edit": request.acting.can(Cap.MANAGE_STAFF),
        },
    )


@requires(Cap.MANAGE_STAFF, lookup=selectors.membership_get)
def staff_edit(request, membership):
    initial = {"roles": membership.roles, "domains": membership.domains, "active": membership.active}
    form = MembershipForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.membership_update(
            actor=request.user,
            membership=membership,
            roles=form.cleaned_data["roles"],
            domains=form.cleaned_data["domains"],
            active=form.cleaned_data["active"],
            reason=form.cleaned_data["reason"],
        )
        messages.success(request, _("De wijziging is opgeslagen."))
        return redirect("tenancy:staff_detail", uuid=membership.uuid)
    return render(request, "tenancy/staff_edit.html", {"membership": membership, "form": form})
