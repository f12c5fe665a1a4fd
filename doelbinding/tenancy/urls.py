from django.urls import path

from doelbinding.tenancy import views

app_name = "tenancy"

urlpatterns = [
    path("kies-gemeente/", views.choose_controller, name="choose_controller"),
    path("organisaties/", views.organisation_list, name="organisation_list"),
    path("organisaties/<uuid:uuid>/", views.organisation_detail, name="organisation_detail"),
    path("medewerkers/", views.staff_list, name="staff_list"),
    path("medewerkers/<uuid:uuid>/", views.staff_detail, name="staff_detail"),
    path("medewerkers/<uuid:uuid>/wijzigen/", views.staff_edit, name="staff_edit"),
]
