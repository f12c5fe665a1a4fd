from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler

NOT_AUTHENTICATED = _("Geen geldige sleutel meegestuurd.")


def exception_handler(exc, context):
    """DRF's handler, with Dutch messages where DRF's are English-only."""
    if isinstance(exc, exceptions.NotAuthenticated):
        dutch = exceptions.NotAuthenticated(NOT_AUTHENTICATED)
        dutch.auth_header = getattr(exc, "auth_header", None)
        exc = dutch
    return drf_exception_handler(exc, context)
