"""The citizen's own view of the log: who processed my data, when and why (seed 002 Bijlage 3).

Citizens log in with DigiD through an OIDC broker in production; the session then holds their BSN for one
municipality. In demo mode only, a clearly marked demo login takes a BSN without any check of identity.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from doelbinding.core.authz import public
from doelbinding.processinglog import selectors
from doelbinding.processinglog.forms import CitizenDemoLoginForm, PeriodForm
from doelbinding.processinglog.gate import Access, for_the_data_subject
from doelbinding.processinglog.models import Action, Scope, Use
from doelbinding.processinglog.views import bound
from doelbinding.register.selectors import municipality_by_slug

SESSION_KEY = "citizen"
CITIZEN_PURPOSE = "Inzage door de betrokkene in de verwerking van zijn gegevens (AVG art. 15)"


def signed_in_bsn(request, controller) -> str | None:
    data = request.session.get(SESSION_KEY)
    return data["bsn"] if data and data.get("controller") == controller.slug else None


@public
def my_log(request, slug):
    controller = municipality_by_slug(slug)
    bsn = signed_in_bsn(request, controller)
    if bsn is None:
        return render(
            request, "processinglog/citizen_start.html", {"controller": controller, "demo": settings.DEMO_MODE}
        )
    form = PeriodForm(request.GET or None)
    today = timezone.localdate()
    since, until = today - timedelta(days=365), today
    if form.is_bound and form.is_valid():
        since, until = form.cleaned_data["since"] or since, form.cleaned_data["until"] or until
    access = Access(
        action=Action.READ,
        scope=Scope.CONTENT,
        purpose=CITIZEN_PURPOSE,
        activity=bound(controller, Use.CITIZEN_VIEW),
        subjects=[bsn],
    )
    entries = for_the_data_subject(
        request,
        controller,
        access,
        lambda: selectors.citizen_overview(controller, bsn, since=since, until=until, today=today),
    )
    context = {"controller": controller, "entries": entries, "form": form, "since": since, "until": until, "bsn": bsn}
    return render(request, "processinglog/citizen_log.html", context)


@public
@require_http_methods(["GET", "POST"])
def demo_login(request, slug):
    """Demo mode only: pretend to be a citizen by typing a BSN. Never available in production."""
    if not settings.DEMO_MODE:
        raise Http404
    controller = municipality_by_slug(slug)
    form = CitizenDemoLoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        request.session.cycle_key()
        request.session[SESSION_KEY] = {"controller": controller.slug, "bsn": form.cleaned_data["subject_id"]}
        return redirect("openbaar_logboek:my_log", slug=controller.slug)
    return render(request, "processinglog/citizen_demo_login.html", {"controller": controller, "form": form})


@public
@require_POST
def logout(request, slug):
    controller = municipality_by_slug(slug)
    request.session.pop(SESSION_KEY, None)
    return redirect("openbaar_logboek:my_log", slug=controller.slug)
