from django.urls import path

from doelbinding.partners import views

app_name = "partners"

urlpatterns = [
    path("", views.partner_list, name="partner_list"),
    path("nieuw/", views.partner_create, name="partner_create"),
    path("werklijst/", views.worklist, name="worklist"),
    path("kaart/", views.stakeholder_map, name="stakeholder_map"),
    path("kaart.svg", views.stakeholder_map_svg, name="stakeholder_map_svg"),
    path("<uuid:uuid>/", views.partner_detail, name="partner_detail"),
    path("<uuid:uuid>/wijzigen/", views.partner_edit, name="partner_edit"),
    path("afspraken/", views.agreement_list, name="agreement_list"),
    path("afspraken/nieuw/", views.agreement_create, name="agreement_create"),
    path("afspraken/<uuid:uuid>/", views.agreement_detail, name="agreement_detail"),
    path("afspraken/<uuid:uuid>/wijzigen/", views.agreement_edit, name="agreement_edit"),
    path("afspraken/<uuid:uuid>/controlelijst/", views.agreement_checklist, name="agreement_checklist"),
    path("afspraken/<uuid:uuid>/documenten/nieuw/", views.document_upload, name="document_upload"),
    path("afspraken/<uuid:uuid>/documenten/<uuid:document>/", views.document_download, name="document_download"),
    path("afspraken/<uuid:uuid>/verplichtingen/nieuw/", views.obligation_create, name="obligation_create"),
    path("afspraken/<uuid:uuid>/concept.docx", views.draft_docx, name="draft_docx"),
    path("afspraken/<uuid:uuid>/concept.pdf", views.draft_pdf, name="draft_pdf"),
    path("afspraken/<uuid:uuid>/informatiedeling/", views.information_sharing, name="information_sharing"),
    path(
        "afspraken/<uuid:uuid>/informatiedeling/<int:share>/intrekken/",
        views.information_share_remove,
        name="information_share_remove",
    ),
]
