from django.urls import path

from doelbinding.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("autorisaties/", views.policy_table, name="policy"),
    path("thema/<slug:name>.css", views.theme_stylesheet, name="theme"),
    path("gezond/", views.health, name="health"),
]
