from django.urls import path

from doelbinding.register import views

app_name = "register"

urlpatterns = [
    path("", views.activity_list, name="activity_list"),
    path("nieuw/", views.activity_create, name="activity_create"),
    path("controle/", views.worklist, name="worklist"),
    path("<uuid:uuid>/", views.activity_detail, name="activity_detail"),
    path("<uuid:uuid>/wijzigen/", views.activity_edit, name="activity_edit"),
    path("<uuid:uuid>/vaststellen/", views.activity_establish, name="activity_establish"),
    path("<uuid:uuid>/versies/<int:number>/", views.version_detail, name="version_detail"),
]
