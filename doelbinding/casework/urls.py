from django.urls import path

from doelbinding.casework import views

app_name = "casework"

urlpatterns = [
    path("", views.home, name="home"),
    path("cijfers/", views.aggregates, name="aggregates"),
    path("betrokkenen/", views.person_search, name="person_search"),
    path("betrokkenen/nieuw/", views.person_create, name="person_create"),
    path("betrokkenen/<uuid:uuid>/", views.person_detail, name="person_detail"),
    path("betrokkenen/<uuid:uuid>/elders/", views.known_elsewhere, name="known_elsewhere"),
    path("betrokkenen/<uuid:uuid>/noodtoegang/", views.break_glass, name="break_glass"),
    path("betrokkenen/<uuid:uuid>/betrokkenheid/nieuw/", views.involvement_create, name="involvement_create"),
    path("betrokkenen/<uuid:uuid>/dossier/<slug:domain>/", views.domain_file, name="domain_file"),
    path("betrokkenen/<uuid:uuid>/dossier/<slug:domain>/nieuw/", views.entry_create, name="entry_create"),
    path("betrokkenen/<uuid:uuid>/casus/nieuw/", views.case_create, name="case_create"),
    path("casussen/<uuid:uuid>/", views.case_detail, name="case_detail"),
    path("casussen/<uuid:uuid>/triage/", views.triage_create, name="triage_create"),
    path("casussen/<uuid:uuid>/fase/", views.case_phase, name="case_phase"),
    path("casussen/<uuid:uuid>/herbeoordeling/", views.case_reassess, name="case_reassess"),
    path("casussen/<uuid:uuid>/regisseur/", views.case_regisseur, name="case_regisseur"),
    path("casussen/<uuid:uuid>/deelnemers/nieuw/", views.participant_create, name="participant_create"),
    path(
        "casussen/<uuid:uuid>/deelnemers/<int:participant>/beeindigen/",
        views.participant_leave,
        name="participant_leave",
    ),
    path("casussen/<uuid:uuid>/uitwisselingen/nieuw/", views.exchange_create, name="exchange_create"),
    path("casussen/<uuid:uuid>/anoniem/", views.anonymous_summary, name="anonymous_summary"),
    path("uitwisselingen/<uuid:uuid>/", views.exchange_detail, name="exchange_detail"),
    path("uitwisselingen/<uuid:uuid>/inhoud/", views.exchange_content, name="exchange_content"),
    path("uitwisselingen/<uuid:uuid>/besluit/", views.exchange_decide, name="exchange_decide"),
    path("uitwisselingen/<uuid:uuid>/intrekken/", views.exchange_withdraw, name="exchange_withdraw"),
    path("uitwisselingen/<uuid:uuid>/annuleren/", views.exchange_cancel, name="exchange_cancel"),
]
