from django.urls import path

from doelbinding.register import public

app_name = "openbaar"

urlpatterns = [
    path("<slug:slug>/register/", public.register, name="register"),
    path("<slug:slug>/register/<int:number>/", public.activity, name="activity"),
    path("<slug:slug>/register.csv", public.register_csv, name="register_csv"),
    path("<slug:slug>/register.json", public.register_json, name="register_json"),
]
