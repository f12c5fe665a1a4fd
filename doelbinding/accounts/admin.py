from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from doelbinding.accounts.models import User
from doelbinding.core.admin_site import ControllerScopedAdmin, site
from doelbinding.tenancy.selectors import staff_visible


@admin.register(User, site=site)
class UserAdmin(ControllerScopedAdmin, BaseUserAdmin):
    list_display = ["username", "first_name", "last_name", "function_title", "is_active"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (_("Persoon"), {"fields": ["first_name", "last_name", "email", "function_title"]}),
        (_("Status"), {"fields": ["is_active", "last_login", "date_joined"]}),
    ]
    readonly_fields = ["last_login", "date_joined"]
    list_filter = ["is_active"]
    filter_horizontal = []

    def scoped_queryset(self, controller):
        return User.objects.filter(memberships__in=staff_visible(controller)).distinct()
