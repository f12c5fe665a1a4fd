"""Throwaway URLconf: the project's routes plus the bench's own views. Only the benchmarks use it, so the
authorization harness (which walks the real doelbinding.urls) never sees these views."""

from django.http import HttpResponse, JsonResponse
from django.urls import path

from doelbinding.core.authz import requires
from doelbinding.policy import Cap
from doelbinding.processinglog.gate import Access, through_gate
from doelbinding.register.models import ActivityVersion, Status
from doelbinding.urls import urlpatterns as project_urlpatterns

BSN = "123456782"  # fictitious, passes the eleven test
_activities: dict[int, ActivityVersion] = {}


def bare(request):
    """The cheapest view Django can serve: what remains is the cost of the shell around it."""
    return HttpResponse("ok")


def _activity(controller) -> ActivityVersion:
    """The register activity both reads stand for, looked up once per controller: a view knows under which activity
    it processes, so this lookup is not part of what the log costs (and the plain read uses the same row)."""
    if controller.pk not in _activities:
        _activities[controller.pk] = (
            ActivityVersion.objects.select_related("activity__controller")
            .filter(activity__controller=controller, status=Status.ESTABLISHED)
            .order_by("pk")
            .first()
        )
    return _activities[controller.pk]


def _personal_data(version: ActivityVersion) -> dict:
    """The small piece of "personal data" both views return: one row read from the database, and a BSN."""
    row = ActivityVersion.objects.filter(pk=version.pk).values("name", "domain", "purposes").get()
    return {"bsn": BSN, **row}


@requires(Cap.VIEW_REGISTER)
def read_plain(request):
    """The read without a log entry: capability check, one query, a JSON response."""
    return JsonResponse(_personal_data(_activity(request.acting.controller)))


def read_logged(request):
    """The same read through the gate: the policy, the entry in a chain and the read in one durable transaction."""
    version = _activity(request.acting.controller)
    access = Access(action="read", scope="content", purpose="bench", activity=version, subjects=[BSN], domain="wmo")
    return JsonResponse(through_gate(request, access, lambda: _personal_data(version), cap=Cap.VIEW_REGISTER))


urlpatterns = [
    path("bench/bare/", bare),
    path("bench/read/plain/", read_plain),
    path("bench/read/logged/", read_logged),
    *project_urlpatterns,
]
