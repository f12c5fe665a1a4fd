from django.urls import path

from doelbinding.register import views
from doelbinding.register.brp import views as brp_views
from doelbinding.register.datasets import views as dataset_views

app_name = "register"

urlpatterns = [
    path("", views.activity_list, name="activity_list"),
    path("nieuw/", views.activity_create, name="activity_create"),
    path("controle/", views.worklist, name="worklist"),
    path("exporteren/xlsx/", views.export_xlsx, name="export_xlsx"),
    path("exporteren/csv/", views.export_csv, name="export_csv"),
    path("exporteren/pdf/", views.export_pdf, name="export_pdf"),
    path("importeren/", views.import_upload, name="import_upload"),
    path("importeren/controleren/", views.import_check, name="import_check"),
    path("importeren/bevestigen/", views.import_confirm, name="import_confirm"),
    path("importeren/annuleren/", views.import_cancel, name="import_cancel"),
    path("<uuid:uuid>/", views.activity_detail, name="activity_detail"),
    path("<uuid:uuid>/wijzigen/", views.activity_edit, name="activity_edit"),
    path("<uuid:uuid>/vaststellen/", views.activity_establish, name="activity_establish"),
    path("<uuid:uuid>/versies/<int:number>/", views.version_detail, name="version_detail"),
    path("brp/", brp_views.brp_list, name="brp_list"),
    path("brp/nieuw/", brp_views.brp_create, name="brp_create"),
    path("brp/<uuid:uuid>/", brp_views.brp_detail, name="brp_detail"),
    path("brp/<uuid:uuid>/wijzigen/", brp_views.brp_edit, name="brp_edit"),
    path("gegevenssets/", dataset_views.dataset_list, name="dataset_list"),
    path("gegevenssets/nieuw/", dataset_views.dataset_create, name="dataset_create"),
    path("gegevenssets/<uuid:uuid>/", dataset_views.dataset_detail, name="dataset_detail"),
    path("gegevenssets/<uuid:uuid>/wijzigen/", dataset_views.dataset_edit, name="dataset_edit"),
    path("gegevenssets/<uuid:uuid>/vaststellen/", dataset_views.dataset_establish, name="dataset_establish"),
    path("gegevenssets/<uuid:uuid>/uitbreiding/", dataset_views.extension_create, name="extension_create"),
    path("uitbreidingen/<uuid:uuid>/", dataset_views.extension_detail, name="extension_detail"),
    path(
        "uitbreidingen/<uuid:uuid>/adviesvraag/",
        dataset_views.extension_advice_question,
        name="extension_advice_question",
    ),
    path("uitbreidingen/<uuid:uuid>/advies/", dataset_views.extension_advice, name="extension_advice"),
    path("uitbreidingen/<uuid:uuid>/besluit/", dataset_views.extension_decision, name="extension_decision"),
    path("uitbreidingen/<uuid:uuid>/voorleggen/", dataset_views.extension_referral, name="extension_referral"),
    path(
        "uitbreidingen/<uuid:uuid>/collegebesluit/",
        dataset_views.extension_college_decision,
        name="extension_college_decision",
    ),
]
