from django.urls import include, path

from doelbinding.core.admin_site import site as admin_site

urlpatterns = [
    path("", include("doelbinding.core.urls")),
    path("", include("doelbinding.accounts.urls")),
    path("", include("doelbinding.tenancy.urls")),
    path("register/", include("doelbinding.register.urls")),
    path("governance/", include("doelbinding.governance.urls")),
    path("partners/", include("doelbinding.partners.urls")),
    path("logboek/", include("doelbinding.processinglog.urls")),
    path("casuswerk/", include("doelbinding.casework.urls")),
    path("openbaar/", include("doelbinding.register.public_urls")),
    path("openbaar/", include("doelbinding.partners.public_urls")),
    path("openbaar/", include("doelbinding.processinglog.public_urls")),
    path("api/v1/", include(("doelbinding.api.urls", "api"))),
    path("beheer/", admin_site.urls),
]

handler400 = "doelbinding.core.errors.bad_request"
handler403 = "doelbinding.core.errors.permission_denied"
handler404 = "doelbinding.core.errors.page_not_found"
handler500 = "doelbinding.core.errors.server_error"
