from django.urls import path

from doelbinding.governance import views, workshop_views

app_name = "governance"

urlpatterns = [
    path("", views.home, name="home"),
    path("inrichten/", views.setup, name="setup"),
    path("rollen/", views.role_list, name="role_list"),
    path("rollen/nieuw/", views.role_create, name="role_create"),
    path("rollen/<uuid:uuid>/", views.role_detail, name="role_detail"),
    path("rollen/<uuid:uuid>/wijzigen/", views.role_edit, name="role_edit"),
    path("rollen/<uuid:uuid>/toewijzen/", views.role_assign, name="role_assign"),
    path("toewijzingen/<uuid:uuid>/beeindigen/", views.assignment_end, name="assignment_end"),
    path("matrix/", views.matrix, name="matrix"),
    path("matrix/activiteiten/nieuw/", views.activity_create, name="activity_create"),
    path("matrix/activiteiten/<uuid:uuid>/verwijderen/", views.activity_remove, name="activity_remove"),
    path("matrix.xlsx", views.matrix_xlsx, name="matrix_xlsx"),
    path("matrix.pdf", views.matrix_pdf, name="matrix_pdf"),
    path("matrix/inlezen/", views.matrix_import, name="matrix_import"),
    path("organogram/", views.chart_page, name="chart"),
    path("organogram.svg", views.chart_download, name="chart_svg"),
    path("organogram.pdf", views.chart_pdf, name="chart_pdf"),
    path("stappenplannen/", views.step_plans, name="step_plans"),
    path("workshops/", workshop_views.workshop_list, name="workshop_list"),
    path("workshops/nieuw/", workshop_views.workshop_create, name="workshop_create"),
    path("workshops/<uuid:uuid>/", workshop_views.workshop_detail, name="workshop_detail"),
    path("workshops/<uuid:uuid>/deelnemers/", workshop_views.participant_add, name="participant_add"),
    path("workshops/<uuid:uuid>/deelnemers/weg/", workshop_views.participant_remove, name="participant_remove"),
    path("workshops/<uuid:uuid>/rollen/", workshop_views.roles_choose, name="roles_choose"),
    path("workshops/<uuid:uuid>/voorstel/", workshop_views.proposal, name="proposal"),
    path("workshops/<uuid:uuid>/overnemen/", workshop_views.proposal_adopt, name="proposal_adopt"),
    path("workshops/<uuid:uuid>/stap/", workshop_views.workshop_step, name="workshop_step"),
    path("workshops/<uuid:uuid>/toewijzen/", workshop_views.assign, name="workshop_assign"),
    path("workshops/<uuid:uuid>/vervolgacties/", workshop_views.follow_up_add, name="follow_up_add"),
    path("workshops/<uuid:uuid>/afronden/", workshop_views.workshop_finish, name="workshop_finish"),
    path("vervolgacties/<uuid:uuid>/gedaan/", workshop_views.follow_up_done, name="follow_up_done"),
]
