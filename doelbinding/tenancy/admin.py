from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from doelbinding.core.admin_site import ControllerScopedAdmin, site
from doelbinding.tenancy import selectors
from doelbinding.tenancy.forms import MembershipAdminForm
from doelbinding.tenancy.models import ApiClient, Domain, Membership, Organisation


@admin.register(Organisation, site=site)
class OrganisationAdmin(ControllerScopedAdmin, SimpleHistoryAdmin):
    list_display = ["name", "kind", "slug"]
    list_filter = ["kind"]
    search_fields = ["name"]
    filter_horizontal = ["serves"]

    def scoped_queryset(self, controller):
        return selectors.organisations_visible(controller)


@admin.register(Membership, site=site)
class MembershipAdmin(ControllerScopedAdmin, SimpleHistoryAdmin):
    list_display = ["user", "organisation", "roles", "active"]
    list_filter = ["active", "organisation"]
    form = MembershipAdminForm

    def scoped_queryset(self, controller):
        return selectors.staff_visible(controller)


@admin.register(ApiClient, site=site)
class ApiClientAdmin(ControllerScopedAdmin, SimpleHistoryAdmin):
    list_display = ["name", "organisation", "key_prefix", "scopes", "active", "created_at"]
    readonly_fields = ["key_prefix", "created_at"]

    def scoped_queryset(self, controller):
        return ApiClient.objects.filter(controller=controller).select_related("organisation")

    def has_add_permission(self, request):
        return False  # keys are issued with `manage.py create_api_client`, which shows the key once


@admin.register(Domain, site=site)
class DomainAdmin(ControllerScopedAdmin):
    """Domains are shared reference data (reference/domains.json); shown, not edited, here."""

    list_display = ["name", "code", "position"]

    def scoped_queryset(self, controller):
        return Domain.objects.all()

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
