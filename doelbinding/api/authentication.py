from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from doelbinding.tenancy.acting import Acting
from doelbinding.tenancy.selectors import api_client_for_key


class ApiClientAuthentication(authentication.BaseAuthentication):
    """`Authorization: Bearer <key>` of a partner system; the request then acts for the issuing municipality."""

    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1").split()
        if not header or header[0] != self.keyword:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("De Authorization-header is onjuist opgebouwd."))
        client = api_client_for_key(header[1])
        if client is None:
            raise exceptions.AuthenticationFailed(_("Onbekende of ingetrokken sleutel."))
        request._request.acting = Acting(controller=client.controller)
        return (None, client)

    def authenticate_header(self, request):
        return self.keyword


class ApiClientAuthenticationScheme(OpenApiAuthenticationExtension):
    target_class = ApiClientAuthentication
    name = "ApiClient"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "Sleutel van een koppeling, uitgegeven door een gemeente aan één organisatie, met scopes.",
        }
