"""Everything under /api/v1/. Each app contributes a router in its api.py."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView

from doelbinding.core.authz import public
from doelbinding.processinglog.api import router as processinglog_router
from doelbinding.register.api import router as register_router
from doelbinding.tenancy.api import router as tenancy_router


def _public_patterns(patterns):
    """API views authenticate with partner credentials, not the staff login; the staff middleware steps aside."""
    for pattern in patterns:
        pattern.callback.login_required = False
        pattern.callback.second_factor_optional = True
        pattern.callback.controller_optional = True
    return patterns


urlpatterns = [
    path(
        "schema/", public(SpectacularAPIView.as_view(authentication_classes=[], permission_classes=[])), name="schema"
    ),
    path(
        "docs/",
        public(SpectacularRedocView.as_view(url_name="api:schema", authentication_classes=[], permission_classes=[])),
        name="docs",
    ),
    path("", include(_public_patterns(tenancy_router.urls))),
    path("", include(_public_patterns(register_router.urls))),
    path("", include(_public_patterns(processinglog_router.urls))),
]
