from django.utils.translation import gettext_lazy as _
from rest_framework import permissions

from doelbinding.tenancy.models import ApiClient


class HasScope(permissions.BasePermission):
    """Each view declares `required_scopes = {action: ApiScope}`; the client's credential must carry it.

    An action without a declared scope is refused: a new endpoint cannot be opened by forgetting.
    """

    message = _("Deze koppeling heeft geen toestemming voor deze handeling.")

    def has_permission(self, request, view):
        client = request.auth
        if not isinstance(client, ApiClient):
            return False
        action = getattr(view, "action", None) or request.method.lower()
        scope = getattr(view, "required_scopes", {}).get(action)
        return scope is not None and scope in client.scopes
