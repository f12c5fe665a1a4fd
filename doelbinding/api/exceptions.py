from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler

NOT_AUTHENTICATED = _("Geen geldige sleutel meegestuurd.")


def exception_handler(exc, context):
    """DRF's handler, with Dutch messages where DRF's are English-only."""
    if isinstance(exc, exceptions.NotAuthenticated):
        exc = exceptions.NotAuthenticated(NOT_AUTHENTICATED)
    return drf_exception_handler(exc, context)
