from django.urls import path

from doelbinding.partners import public

app_name = "openbaar_afspraken"

urlpatterns = [
    path("<slug:slug>/afspraken/", public.agreement_list, name="agreement_list"),
    path("<slug:slug>/afspraken/<uuid:uuid>/document/", public.agreement_document, name="agreement_document"),
]
