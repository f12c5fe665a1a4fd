"""Throwaway URLconf: the project's routes plus a bare view. Only the benchmarks use it, so the authorization
harness (which walks the real doelbinding.urls) never sees the bare view."""

from django.http import HttpResponse
from django.urls import path

from doelbinding.urls import urlpatterns as project_urlpatterns


def bare(request):
    """The cheapest view Django can serve: what remains is the cost of the shell around it."""
    return HttpResponse("ok")


urlpatterns = [path("bench/bare/", bare), *project_urlpatterns]
