from django.urls import path

from doelbinding.partners import views

app_name = "partners"

urlpatterns = [
    path("", views.partner_list, name="partner_list"),
    path("nieuw/", views.partner_create, name="partner_create"),
    path("werklijst/", views.worklist, name="worklist"),
    path("<uuid:uuid>/", views.partner_detail, name="partner_detail"),
    path("<uuid:uuid>/wijzigen/", views.partner_edit, name="partner_edit"),
    path("afspraken/", views.agreement_list, name="agreement_list"),
    path("afspraken/nieuw/", views.agreement_create, name="agreement_create"),
    path("afspraken/<uuid:uuid>/", views.agreement_detail, name="agreement_detail"),
    path("afspraken/<uuid:uuid>/wijzigen/", views.agreement_edit, name="agreement_edit"),
    path("afspraken/<uuid:uuid>/controlelijst/", views.agreement_checklist, name="agreement_checklist"),
]
