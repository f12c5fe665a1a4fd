from django.urls import path

from doelbinding.processinglog import views

app_name = "processinglog"

urlpatterns = [
    path("", views.search, name="search"),
    path("opvallend/", views.unusual, name="unusual"),
    path("opvallend/beoordelen/", views.review, name="review"),
    path("inzageverzoek/", views.access_overview, name="access_overview"),
    path("inzageverzoek.pdf", views.access_overview_pdf, name="access_overview_pdf"),
]
