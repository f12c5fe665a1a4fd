from django.urls import path

from doelbinding.processinglog import citizens

app_name = "openbaar_logboek"

urlpatterns = [
    path("<slug:slug>/mijn-gegevens/", citizens.my_log, name="my_log"),
    path("<slug:slug>/mijn-gegevens/demo-inloggen/", citizens.demo_login, name="demo_login"),
    path("<slug:slug>/mijn-gegevens/uitloggen/", citizens.logout, name="logout"),
    path("<slug:slug>/mijn-gegevens/digid/", citizens.digid_login, name="digid_login"),
    path("digid/terug/", citizens.digid_callback, name="digid_callback"),
]
