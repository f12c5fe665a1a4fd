"""Pages of the processing log: the FG's search and worklist of unusual access, the overview for an access
request, and the citizen's own view. Every page that shows a data subject's data passes the gate."""

from datetime import timedelta

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from doelbinding.core.authz import requires
from doelbinding.policy import Cap
from doelbinding.processinglog import exports, selectors, services
from doelbinding.processinglog.forms import OverviewForm, ReviewForm, SearchForm
from doelbinding.processinglog.gate import Access, LogUnavailable, through_gate
from doelbinding.processinglog.models import Action, Scope, Use

SUPERVISION_PURPOSE = "Toezicht op het gebruik van persoonsgegevens (AVG art. 39)"
ACCESS_REQUEST_PURPOSE = "Behandelen van een inzageverzoek (AVG art. 15)"


def bound(controller, use: str):
    """The register activity of this use; without one no personal data can be shown (fail closed)."""
    version = selectors.bound_version(controller, use)
    if version is None:
        raise LogUnavailable(f"no register activity bound to {use}")
    return version


def bsn_in_url(request) -> bool:
    """A BSN never travels in a URL: it would land in access logs, proxies and the browser's history. A search by
    person is POSTed (with CSRF), and a GET that carries one anyway is refused without using or repeating it."""
    return bool(request.GET.get("subject_id"))


def _refuse_bsn_in_url(request, template: str, context: dict):
    messages.error(
        request,
        _(
            "Zoek op burgerservicenummer met het formulier op deze pagina: een burgerservicenummer hoort niet in "
            "een webadres. Er is niet gezocht."
        ),
    )
    return render(request, template, context, status=400)


@requires(Cap.VIEW_PROCESSING_LOG)
@require_http_methods(["GET", "POST"])
def search(request):
    """POSTed by the search form; a GET without a BSN (the worklist's links to an employee's day) searches too."""
    controller = request.acting.controller
    choices = {"staff": selectors.staff_choices(controller), "activities": selectors.activity_choices(controller)}
    if request.method == "GET" and bsn_in_url(request):
        return _refuse_bsn_in_url(request, "processinglog/search.html", {"form": SearchForm(**choices)})
    form = SearchForm((request.POST if request.method == "POST" else request.GET) or None, **choices)
    entries = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        query = selectors.Search(
            subject_id=data["subject_id"],
            actor_user_id=int(data["actor"]) if data["actor"] else None,
            activity_id=int(data["activity"]) if data["activity"] else None,
            since=data["since"],
            until=data["until"],
        )
        access = Access(
            action=Action.SEARCH,
            scope=Scope.CONTENT,
            purpose=SUPERVISION_PURPOSE,
            activity=bound(controller, Use.SUPERVISION),
            subjects=[query.subject_id] if query.subject_id else [],
        )
        entries = through_gate(
            request,
            access,
            lambda: selectors.search(controller, query),
            cap=Cap.VIEW_PROCESSING_LOG,
            # the person searched for, found or not (searching is processing their data), and everyone found
            subjects_of=lambda found: [*access.subjects, *(e.subject_id for e in found)],
        )
    return render(request, "processinglog/search.html", {"form": form, "entries": entries})


@requires(Cap.VIEW_PROCESSING_LOG)
def unusual(request):
    controller = request.acting.controller
    context = {
        "signals": selectors.unusual_access(controller, today=timezone.localdate()),
        "reviews": selectors.reviews(controller),
        "may_review": request.acting.can(Cap.REVIEW_UNUSUAL_ACCESS),
        "form": ReviewForm(),
    }
    return render(request, "processinglog/unusual.html", context)


@requires(Cap.REVIEW_UNUSUAL_ACCESS)
@require_POST
def review(request):
    form = ReviewForm(request.POST)
    controller = request.acting.controller
    listed = {s.key for s in selectors.unusual_access(controller, today=timezone.localdate())}
    if not form.is_valid():
        messages.error(request, _("Geef een toelichting bij de beoordeling."))
    elif form.cleaned_data["signal"] not in listed:
        messages.error(request, _("Dit signaal staat niet (meer) op de werklijst; er is niets vastgelegd."))
    else:
        services.review_close(actor=request.user, controller=controller, **form.cleaned_data)
        messages.success(request, _("De beoordeling is vastgelegd."))
    return redirect("processinglog:unusual")


def _overview(request, form, action: str):
    controller = request.acting.controller
    data = form.cleaned_data
    today = timezone.localdate()
    since, until = data["since"] or today - timedelta(days=365), data["until"] or today
    access = Access(
        action=action,
        scope=Scope.CONTENT,
        purpose=ACCESS_REQUEST_PURPOSE,
        activity=bound(controller, Use.ACCESS_REQUEST),
        subjects=[data["subject_id"]],
    )
    entries = through_gate(
        request,
        access,
        lambda: selectors.citizen_overview(controller, data["subject_id"], since=since, until=until, today=today),
        cap=Cap.PRODUCE_ACCESS_OVERVIEW,
    )
    return {"entries": entries, "since": since, "until": until, "subject_id": data["subject_id"]}


def _empty_overview(request, *, status: int = 200):
    """The overview's form asking for nobody yet; a BSN in the URL is refused, neither used nor shown again."""
    if bsn_in_url(request):
        return _refuse_bsn_in_url(request, "processinglog/access_overview.html", {"form": OverviewForm()})
    return render(request, "processinglog/access_overview.html", {"form": OverviewForm()}, status=status)


@requires(Cap.PRODUCE_ACCESS_OVERVIEW)
@require_http_methods(["GET", "POST"])
def access_overview(request):
    """The form on a GET, the overview on its POST; the PDF is asked for by a POSTed form of hidden fields."""
    if request.method == "GET":
        return _empty_overview(request)
    form = OverviewForm(request.POST)
    context = {"form": form}
    if form.is_valid():
        context |= _overview(request, form, Action.READ)
    return render(request, "processinglog/access_overview.html", context)


@requires(Cap.PRODUCE_ACCESS_OVERVIEW)
@require_http_methods(["GET", "POST"])
def access_overview_pdf(request):
    """POSTed from the overview page; a GET asks for nobody (and one with a BSN in its URL is refused)."""
    if request.method == "GET":
        return _empty_overview(request, status=400)
    form = OverviewForm(request.POST)
    if not form.is_valid():
        return render(request, "processinglog/access_overview.html", {"form": form}, status=400)
    overview = _overview(request, form, Action.EXPORT)
    document = exports.overview_pdf(request.acting.controller, **overview)
    response = HttpResponse(document, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="overzicht-verwerkingen.pdf"'
    return response
