"""The Django admin is for application managers only, after the second factor, scoped to their municipality.

For everyone else it answers 404, as if it did not exist."""

from functools import update_wrapper

from django.contrib import admin
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

from doelbinding.policy import Cap


class DoelbindingAdminSite(admin.AdminSite):
    site_header = _("Doelbinding — technisch beheer")
    site_title = _("Doelbinding beheer")
    index_title = _("Technisch beheer")

    def has_permission(self, request):
        return request.user.is_active and request.user.is_verified() and request.acting.can(Cap.USE_ADMIN)

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        def wrapper(request, *args, **kwargs):
            if request.user.is_authenticated and not self.has_permission(request):
                raise Http404  # for anyone but an application manager, technical management does not exist
            return inner(request, *args, **kwargs)

        return update_wrapper(wrapper, inner)

    def login(self, request, extra_context=None):
        return redirect("two_factor:login")


class ControllerScopedAdmin(admin.ModelAdmin):
    """A ModelAdmin that shows only the records of the controller the application manager acts for.

    Subclasses implement `scoped_queryset(controller)` with the app's selector.
    """

    def get_queryset(self, request):
        return self.scoped_queryset(request.acting.controller)

    def scoped_queryset(self, controller):
        raise NotImplementedError

    def history_view(self, request, object_id, extra_context=None):
        self._ensure_in_scope(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self._ensure_in_scope(request, object_id)
        return super().history_form_view(request, object_id, version_id, extra_context)

    def _ensure_in_scope(self, request, object_id):
        if not self.get_queryset(request).filter(pk=object_id).exists():
            raise Http404

    def get_object(self, request, object_id, from_field=None):
        """Another controller's record is a 404 here too, not the admin's 'does not exist' redirect."""
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404
        return obj

    def has_module_permission(self, request):
        return self.admin_site.has_permission(request)

    def has_view_permission(self, request, obj=None):
        return self.admin_site.has_permission(request)

    has_add_permission = has_module_permission
    has_change_permission = has_view_permission
    has_delete_permission = has_view_permission


site = DoelbindingAdminSite(name="admin")
