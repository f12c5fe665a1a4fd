"""The citizen's own view of the log: who processed my data, when and why (seed 002 Bijlage 3).

Citizens log in with DigiD through an OIDC broker in production (citizen_login.py); the session then holds their
BSN for one municipality. In demo mode only, a clearly marked demo login takes a BSN without any check of identity.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from doelbinding.core.authz import public
from doelbinding.processinglog import citizen_login, selectors
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


def _sign_in(request, controller, bsn: str) -> None:
    """The citizen is who they said (DigiD) or pretend to be (demo): their BSN, for this municipality only."""
    request.session.cycle_key()
    request.session[SESSION_KEY] = {"controller": controller.slug, "bsn": bsn}


@public
def my_log(request, slug):
    controller = municipality_by_slug(slug)
    bsn = signed_in_bsn(request, controller)
    if bsn is None:
        context = {"controller": controller, "demo": settings.DEMO_MODE, "digid": citizen_login.is_configured()}
        return render(request, "processinglog/citizen_start.html", context)
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
        _sign_in(request, controller, form.cleaned_data["subject_id"])
        return redirect("openbaar_logboek:my_log", slug=controller.slug)
    return render(request, "processinglog/citizen_demo_login.html", {"controller": controller, "form": form})


@public
@require_GET
def digid_login(request, slug):
    """Off to the OIDC provider (DigiD) to log in for this municipality; a 404 while citizen login is not set up."""
    if not citizen_login.is_configured():
        raise Http404
    controller = municipality_by_slug(slug)
    redirect_uri = request.build_absolute_uri(reverse("openbaar_logboek:digid_callback"))
    try:
        return redirect(citizen_login.begin(request, controller=controller.slug, redirect_uri=redirect_uri))
    except citizen_login.LoginFailed as failure:
        return _login_failed(request, failure)


@public
@require_GET
def digid_callback(request):
    """Back from the provider. One URL for every municipality (the one registered with the broker): which
    municipality the citizen logs in for was kept in the session with the state."""
    if not citizen_login.is_configured():
        raise Http404
    under_way = citizen_login.under_way(request)
    try:
        login = citizen_login.complete(request)
    except citizen_login.LoginFailed as failure:
        if under_way:  # a failed login leaves no one logged in here, not even someone earlier (a shared computer)
            request.session.pop(SESSION_KEY, None)
        return _login_failed(request, failure)
    controller = municipality_by_slug(login.controller)
    _sign_in(request, controller, login.bsn)
    return redirect("openbaar_logboek:my_log", slug=controller.slug)


def _login_failed(request, failure: citizen_login.LoginFailed):
    if failure.status >= 500:  # SessionMiddleware saves no session for a 5xx: the forgotten login would come back
        request.session.save()
    context = {"message": failure.message, "controller": failure.controller}
    return render(request, "processinglog/citizen_login_failed.html", context, status=failure.status)


@public
@require_POST
def logout(request, slug):
    controller = municipality_by_slug(slug)
    request.session.pop(SESSION_KEY, None)
    return redirect("openbaar_logboek:my_log", slug=controller.slug)
