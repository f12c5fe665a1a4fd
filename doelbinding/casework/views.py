"""Pages of case work. Every page that shows a person's data looks through casework/access.py and so through the
gate: the look is logged, allowed or refused. Writes are thin calls to casework/services.py."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from doelbinding.casework import access, deidentify, forms, rules, selectors, services
from doelbinding.casework.models import ExchangeStatus, FileEntry, Phase, Use
from doelbinding.core.authz import requires
from doelbinding.core.forms import add_refusal
from doelbinding.partners.models import Partner, PartnerKind
from doelbinding.policy import Cap, Role
from doelbinding.processinglog.models import Action, Scope
from doelbinding.register.models import ActivityVersion, Status
from doelbinding.tenancy.models import Domain
from doelbinding.tenancy.selectors import organisations_visible, staff_visible

CASES_PER_PAGE = 50
IDENTIFY = gettext_lazy("Betrokkene opzoeken om de hulpvraag te behandelen")
OUTCOME_LABELS = {
    "allowed": gettext_lazy("toegestaan"),
    "allowed_with_conditions": gettext_lazy("toegestaan onder voorwaarden"),
    "refused": gettext_lazy("geweigerd"),
}
EFFECT_LABELS = {
    "basis": gettext_lazy("Grondslag"),
    "condition": gettext_lazy("Voorwaarde"),
    "refusal": gettext_lazy("Weigering"),
    "note": gettext_lazy("Toelichting"),
}


def _labelled(exchange, names: dict[str, str]):
    exchange.provider_label = names.get(exchange.provider_domain, exchange.provider_domain)
    exchange.recipient_label = (
        str(exchange.recipient_partner)
        if exchange.recipient_partner_id
        else names.get(exchange.recipient_domain, exchange.recipient_domain)
    )
    exchange.outcome_label = OUTCOME_LABELS.get(exchange.assessment_outcome, exchange.assessment_outcome)
    return exchange


def within(lookup):
    """Resolve the `uuid` URL argument within the controller (another's is a 404); the gate does the rest."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, uuid, **kwargs):
            if request.acting.controller is None:
                raise Http404
            return view(request, lookup(request.acting.controller, uuid), *args, **kwargs)

        return wrapped

    return decorator


def _save(request, form, save, success: str):
    """Run `save` for a valid posted form; a refusal of the service lands on the form, nothing written."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = save(form.cleaned_data)
    except ValidationError as error:
        add_refusal(form, error)
        return None
    messages.success(request, success)
    return result


def _form(request, form, *, title: str, back: str, intro: str = "", prompts=(), submit: str = ""):
    """A form page; `back` is where "Annuleren" leads (the page the user came from)."""
    context = {"form": form, "title": title, "back": back, "intro": intro, "prompts": prompts, "submit": submit}
    return render(request, "casework/form.html", context, status=400 if form.is_bound and form.errors else 200)


def _versions(controller, domain: str | None = None):
    versions = ActivityVersion.objects.filter(
        activity__controller=controller, status=Status.ESTABLISHED
    ).select_related("activity")
    return versions.filter(domain=domain) if domain else versions


# Worklist and aggregates


@requires(Cap.VIEW_CASES)
def home(request):
    """The user's caseload, the reassessments due and the requests to share from the user's domains that wait for a
    decision: only case numbers, phases, domains and dates, no persons."""
    controller = request.acting.controller
    cases = list(selectors.cases_involving(controller, request.user))
    today = timezone.localdate()
    due = [c for c in cases if c.reassess_on and c.reassess_on <= today]
    page = Paginator(cases, CASES_PER_PAGE).get_page(request.GET.get("pagina"))
    to_decide = []
    if request.acting.can(Cap.DECIDE_EXCHANGE):  # the providing domain decides (rule of thumb 4)
        names = Domain.names()
        to_decide = [
            _labelled(e, names) for e in selectors.exchanges_to_decide(controller, set(request.acting.domains))
        ]
    context = {"cases": page, "due": due, "to_decide": to_decide, "may_search": request.acting.can(Cap.VIEW_PERSONS)}
    return render(request, "casework/home.html", context)


def aggregates(request):
    controller = request.acting.controller
    figures = access.look(
        request,
        cap=Cap.VIEW_AGGREGATES,
        activity=access.bound(controller, Use.AGGREGATES),
        subjects=[""],
        purpose=_("Sturen op en verantwoorden over het sociaal domein"),
        scope=Scope.AGGREGATE,
        fetch=lambda: selectors.aggregates(controller, today=timezone.localdate()),
    )
    names = Domain.names()
    context = {
        "involvements": [(names.get(code, code), n) for code, n in sorted(figures["involvements_by_domain"].items())],
        "phases": [(label, figures["cases_by_phase"].get(code, 0)) for code, label in Phase.choices],
        "exchanges": [(label, figures["exchanges_by_status"].get(code, 0)) for code, label in ExchangeStatus.choices],
        "emergencies": figures["emergencies"],
    }
    return render(request, "casework/aggregates.html", context)


# Persons


@requires(Cap.VIEW_PERSONS)
def person_search(request):
    controller = request.acting.controller
    form = forms.BsnForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        bsn = form.cleaned_data["bsn"]
        person = access.look(
            request,
            cap=Cap.VIEW_PERSONS,
            activity=access.bound(controller, Use.IDENTIFICATION),
            subjects=[bsn],
            purpose=form.cleaned_data["doel"],
            action=Action.SEARCH,
            fetch=lambda: selectors.person_by_bsn(controller, bsn),
        )
        if person is not None:
            return redirect("casework:person_detail", uuid=person.uuid)
        form.add_error("bsn", _("Er is geen betrokkene met dit BSN bekend bij de gemeente."))
    context = {"form": form, "may_register": request.acting.can(Cap.REGISTER_PERSONS)}
    return render(request, "casework/person_search.html", context)


@requires(Cap.REGISTER_PERSONS)
def person_create(request):
    """A new person; from a household member's page (`?huishouden=`) they join that household."""
    controller = request.acting.controller
    joining = selectors.household_get(controller, request.GET["huishouden"]) if "huishouden" in request.GET else None
    form = forms.PersonForm(request.POST or None, joining=joining)

    def save(data):
        def write():
            household = joining
            if household is None and data["household_name"]:
                household = services.household_create(
                    actor=request.user, controller=controller, name=data["household_name"]
                )
            return services.person_create(
                actor=request.user,
                controller=controller,
                bsn=data["bsn"],
                given_names=data["given_names"],
                family_name=data["family_name"],
                birth_date=data["birth_date"],
                household=household,
            )

        return access.look(
            request,
            cap=Cap.REGISTER_PERSONS,
            activity=access.bound(controller, Use.IDENTIFICATION),
            subjects=[data["bsn"]],
            purpose=_("Betrokkene vastleggen voor de hulpvraag"),
            action=Action.CREATE,
            fetch=write,
        )

    person = _save(request, form, save, _("De betrokkene is vastgelegd."))
    if person:
        return redirect("casework:person_detail", uuid=person.uuid)
    title = _("Nieuw gezinslid") if joining else _("Nieuwe betrokkene")  # no household name: nothing logged here
    return _form(request, form, title=title, back=reverse("casework:person_search"))


@within(selectors.person_get)
def person_detail(request, person):
    """Who the person is, where they are known in the user's own domains, and the user's cases with them."""
    controller = request.acting.controller
    domains = set(request.acting.domains)

    def fetch():
        return {
            "involvements": list(selectors.involvements_of(person, domains=domains)),
            "cases": access.person_cases(request, person),
        }

    shown = access.look(
        request,
        cap=Cap.VIEW_PERSONS,
        activity=access.bound(controller, Use.IDENTIFICATION),
        subjects=[person.bsn],
        purpose=IDENTIFY,
        domain=",".join(sorted(domains)),
        fetch=fetch,
    )
    names = Domain.names()
    for involvement in shown["involvements"]:
        involvement.domain_label = names.get(involvement.domain, involvement.domain)
    context = {
        "person": person,
        **shown,
        "own_domains": [(code, names.get(code, code)) for code in sorted(domains)],
        "may": {cap.name: request.acting.can(cap) for cap in Cap},
    }
    return render(request, "casework/person_detail.html", context)


@within(selectors.person_get)
def known_elsewhere(request, person):
    """'Is this person known elsewhere?': dat-informatie of every domain, only with a stated purpose (logged). The
    purpose comes by POST: what a worker types about a person stays out of URLs, browser history and access logs."""
    form = forms.PurposeForm(request.POST or None)
    involvements = None
    if not form.is_bound and not request.acting.can(Cap.LOOK_UP_INVOLVEMENTS):
        raise PermissionDenied
    if form.is_bound and form.is_valid():
        involvements = access.look(
            request,
            cap=Cap.LOOK_UP_INVOLVEMENTS,
            activity=access.bound(request.acting.controller, Use.INVOLVEMENT_LOOKUP),
            subjects=[person.bsn],
            purpose=form.cleaned_data["doel"],
            action=Action.SEARCH,
            fetch=lambda: selectors.involvements_of(person),
        )
    names = Domain.names()
    for involvement in involvements or []:
        involvement.domain_label = names.get(involvement.domain, involvement.domain)
    return render(
        request, "casework/known_elsewhere.html", {"person": person, "form": form, "involvements": involvements}
    )


def _domain_activity(request, person, domain: str):
    involvement = selectors.domain_involvement(person, domain)
    if involvement is not None:
        return involvement, access.version(involvement.activity)
    return None, access.bound(request.acting.controller, Use.IDENTIFICATION)


@within(selectors.person_get)
def domain_file(request, person, domain):
    """The content of one domain's file: for that domain's professionals, within their task data set."""
    if domain not in Domain.names():
        raise Http404
    involvement, activity = _domain_activity(request, person, domain)
    entries = access.look(
        request,
        cap=Cap.READ_DOMAIN_CONTENT,
        allowed=access.own_domain(request, domain),
        activity=activity,
        subjects=[person.bsn],
        purpose=_("De hulp in het eigen domein uitvoeren"),
        scope=Scope.CONTENT,
        domain=domain,
        fetch=lambda: list(selectors.entries_of(person, domains={domain})),
    )
    shown, held_back = access.within_dataset(entries, access.dataset_categories(request, domain))
    context = {
        "person": person,
        "domain": domain,
        "domain_label": Domain.names()[domain],
        "involvement": involvement,
        "entries": shown,
        "held_back": held_back,
        "may_write": request.acting.can(Cap.WRITE_FILE_ENTRIES) and involvement is not None and involvement.running,
    }
    return render(request, "casework/domain_file.html", context)


@within(selectors.person_get)
def break_glass(request, person):
    """Emergency access to a domain's file, with a reason; always logged as break_glass for the FG."""
    form = forms.BreakGlassForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        domain, reason = form.cleaned_data["domain"], form.cleaned_data["reason"]
        _involvement, activity = _domain_activity(request, person, domain)
        entries = access.look(
            request,
            cap=Cap.BREAK_GLASS,
            activity=activity,
            subjects=[person.bsn],
            purpose=reason,
            action=Action.BREAK_GLASS,
            scope=Scope.CONTENT,
            domain=domain,
            fetch=lambda: list(selectors.entries_of(person, domains={domain})),
        )
        context = {"person": person, "entries": entries, "domain_label": Domain.names()[domain], "reason": reason}
        return render(request, "casework/break_glass_result.html", context)
    if not request.acting.can(Cap.BREAK_GLASS):
        raise PermissionDenied
    return _form(
        request,
        form,
        title=_("Noodtoegang"),
        back=reverse("casework:person_detail", kwargs={"uuid": person.uuid}),
        submit=_("Noodtoegang gebruiken"),
        intro=_(
            "Alleen bij acuut gevaar voor betrokkene of een ander, als de gewone weg te lang duurt. De toegang wordt "
            "met uw reden vastgelegd en door de functionaris gegevensbescherming beoordeeld."
        ),
    )


@within(selectors.person_get)
def involvement_create(request, person):
    if not request.acting.can(Cap.REGISTER_PERSONS) or not request.acting.domains:
        raise PermissionDenied
    controller = request.acting.controller
    form = forms.InvolvementForm(
        request.POST or None,
        initial={"since": timezone.localdate(), "organisation": controller},
        domains=set(request.acting.domains),
        versions=[v for v in _versions(controller) if v.domain in request.acting.domains],
        # A processor works for the municipality and holds no file of its own: a person is never known there.
        organisations=organisations_visible(controller).exclude(partner_record__kind=PartnerKind.PROCESSOR),
    )

    def save(data):
        activity = access.version(data["activity"])
        return access.look(
            request,
            cap=Cap.REGISTER_PERSONS,
            activity=activity,
            subjects=[person.bsn],
            purpose=_("Betrokkenheid in het eigen domein vastleggen"),
            action=Action.CREATE,
            domain=data["domain"],
            fetch=lambda: services.involvement_record(actor=request.user, person=person, contact=request.user, **data),
        )

    if _save(request, form, save, _("De betrokkenheid is vastgelegd.")):
        return redirect("casework:person_detail", uuid=person.uuid)
    return _form(
        request,
        form,
        title=_("Betrokkenheid vastleggen"),
        back=reverse("casework:person_detail", kwargs={"uuid": person.uuid}),
    )


@within(selectors.person_get)
def entry_create(request, person, domain):
    """Write in the domain's file, with the prompts of the do's and don'ts before saving."""
    if not request.acting.can(Cap.WRITE_FILE_ENTRIES) or not access.own_domain(request, domain):
        raise PermissionDenied
    involvement, activity = _domain_activity(request, person, domain)
    if involvement is None:
        raise Http404
    if not involvement.running:
        messages.error(request, _("Deze betrokkenheid is beëindigd; het dossier staat niet meer open."))
        return redirect("casework:domain_file", uuid=person.uuid, domain=domain)
    form = forms.EntryForm(request.POST or None, allowed_categories=access.dataset_categories(request, domain))
    prompts = ()
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        chosen = list(data["categories"])
        draft = rules.EntryDraft(
            data["content"],
            special=any(c.special for c in chosen),
            criminal=any(c.criminal for c in chosen),
            basis=data["basis_note"],
        )
        prompts = rules.entry_prompts(draft)
        if not prompts or data["confirmed"]:

            def write():
                return services.file_entry_write(
                    actor=request.user,
                    involvement=involvement,
                    kind=data["kind"],
                    title=data["title"],
                    content=data["content"],
                    categories=chosen,
                    basis_note=data["basis_note"],
                )

            try:
                access.look(
                    request,
                    cap=Cap.WRITE_FILE_ENTRIES,
                    activity=activity,
                    subjects=[person.bsn],
                    purpose=_("Het dossier van het eigen domein bijhouden"),
                    action=Action.CREATE,
                    scope=Scope.CONTENT,
                    domain=domain,
                    fetch=write,
                )
            except ValidationError as error:
                add_refusal(form, error)
            else:
                messages.success(request, _("De aantekening is opgeslagen."))
                return redirect("casework:domain_file", uuid=person.uuid, domain=domain)
    return _form(
        request,
        form,
        title=_("Aantekening schrijven"),
        back=reverse("casework:domain_file", kwargs={"uuid": person.uuid, "domain": domain}),
        intro=_("Schrijf alleen op wat nodig is voor de hulp, in uw eigen woorden."),
        prompts=prompts,
    )


# Cases


@within(selectors.person_get)
def case_create(request, person):
    if not request.acting.can(Cap.DIRECT_CASES):
        raise PermissionDenied
    controller = request.acting.controller
    form = forms.CaseForm(
        request.POST or None,
        versions=list(_versions(controller)),
        partners=Partner.objects.filter(controller=controller)
        .exclude(kind=PartnerKind.PROCESSOR)
        .select_related("organisation"),
        covenants=selectors.covenants_in_force(controller),
    )
    regisseur = request.user if selectors.is_regisseur_for(controller, request.user) else None

    def save(data):
        household = person.household if data["with_household"] else None
        persons = list(household.members.all()) if household else [person]
        return access.look(
            request,
            cap=Cap.DIRECT_CASES,
            activity=access.version(data["activity"]),
            subjects=access.bsns(persons),
            purpose=data["purpose"],
            action=Action.CREATE,
            fetch=lambda: services.case_open(
                actor=request.user,
                controller=controller,
                persons=persons,
                household=household,
                purpose=data["purpose"],
                activity=data["activity"],
                referring_domain=data["referring_domain"],
                referring_partner=data["referring_partner"],
                covenant=data["covenant"],
                regisseur=regisseur,
            ),
        )

    success = _("De casus is aangemeld; u bent de regisseur.") if regisseur else _("De casus is aangemeld.")
    case = _save(request, form, save, success)
    if case:
        return redirect("casework:case_detail", uuid=case.uuid)
    return _form(
        request, form, title=_("Casus aanmelden"), back=reverse("casework:person_detail", kwargs={"uuid": person.uuid})
    )


def _case_look(request, case, *, cap=Cap.VIEW_CASES, fetch, allowed=True, purpose=None, scope=Scope.INVOLVEMENT):
    return access.look(
        request,
        cap=cap,
        allowed=allowed,
        activity=access.version(case.activity),
        subjects=access.bsns(case.persons.all()),
        purpose=purpose or case.purpose,
        case=case,
        fetch=fetch,
        scope=scope,
    )


@within(selectors.case_get)
def case_detail(request, case):
    """Phase, regisseur, participants, triage decisions, exchanges, and the involvements of the case's persons."""
    role = access.case_role(request, case)
    domains = access.case_involvement_domains(request, case, role)

    def fetch():
        persons = list(case.persons.all())
        involvements = [i for p in persons for i in selectors.involvements_of(p, domains=domains)]
        return {"persons": persons, "involvements": involvements}

    shown = _case_look(request, case, fetch=fetch, allowed=bool(role))
    names = Domain.names()
    for involvement in shown["involvements"]:
        involvement.domain_label = names.get(involvement.domain, involvement.domain)
    directs = request.acting.can(Cap.DIRECT_CASES) and case.regisseur_id in (None, request.user.pk) and bool(role)
    participants = list(case.participants.select_related("partner__organisation", "user"))
    for participant in participants:
        participant.label = str(participant.partner) if participant.partner_id else names.get(participant.domain)
    context = {
        "case": case,
        **shown,
        "role": role,
        "referrer": case.referring_partner or names.get(case.referring_domain, case.referring_domain),
        "participants": participants,
        "decisions": case.triage_decisions.select_related("decided_by"),
        "exchanges": [_labelled(e, names) for e in case.exchanges.select_related("recipient_partner__organisation")],
        "directs": directs,
        "may_request": request.acting.can(Cap.REQUEST_EXCHANGE) and case.is_open,
        "phase_form": forms.PhaseForm(initial={"phase": case.phase}),
        "reassess_form": forms.ReassessForm(initial={"reassess_on": case.reassess_on}),
        "regisseur_form": forms.RegisseurForm(regisseurs=_regisseurs(case.controller)),
    }
    return render(request, "casework/case_detail.html", context)


def _regisseurs(controller):
    ids = [m.user_id for m in staff_visible(controller).filter(active=True) if Role.REGISSEUR in m.roles]
    return get_user_model().objects.filter(pk__in=ids).order_by("last_name")


def _directing(request, case) -> None:
    """Case direction is for the case's regisseur; before triage appoints one, for any regisseur."""
    if not request.acting.can(Cap.DIRECT_CASES) or case.regisseur_id not in (None, request.user.pk):
        raise PermissionDenied


def _attempt(request, change, success: str) -> None:
    """Run a service's change; its refusal or `success` becomes the message on the page the user returns to."""
    try:
        change()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)


def _case_change(request, case, form, change, success: str):
    _directing(request, case)
    if form.is_valid():
        _attempt(request, lambda: change(form.cleaned_data), success)
    else:
        problems = [message for errors in form.errors.values() for message in errors]
        messages.error(request, " ".join(problems) or _("Controleer de invoer."))
    return redirect("casework:case_detail", uuid=case.uuid)


@within(selectors.case_get)
@require_POST
def participant_leave(request, case, participant: int):
    _directing(request, case)
    leaving = get_object_or_404(case.participants, pk=participant)
    _attempt(
        request,
        lambda: services.participant_leave(actor=request.user, participant=leaving),
        _("De deelname is beëindigd."),
    )
    return redirect("casework:case_detail", uuid=case.uuid)


@within(selectors.case_get)
def triage_create(request, case):
    _directing(request, case)
    form = forms.TriageForm(request.POST or None)

    def save(data):
        return services.triage_record(actor=request.user, case=case, **data)

    if _save(request, form, save, _("Het triagebesluit is vastgelegd.")):
        return redirect("casework:case_detail", uuid=case.uuid)
    return _form(
        request,
        form,
        title=_("Triagebesluit vastleggen"),
        back=reverse("casework:case_detail", kwargs={"uuid": case.uuid}),
        intro=_("Zoveel als moet, zo weinig als mogelijk: leg vast waarom deze route nodig en voldoende is."),
    )


@within(selectors.case_get)
@require_POST
def case_phase(request, case):
    form = forms.PhaseForm(request.POST)
    return _case_change(
        request,
        case,
        form,
        lambda data: services.case_move(actor=request.user, case=case, phase=data["phase"]),
        _("De fase is gewijzigd."),
    )


@within(selectors.case_get)
@require_POST
def case_reassess(request, case):
    form = forms.ReassessForm(request.POST)
    return _case_change(
        request,
        case,
        form,
        lambda data: services.case_set_reassessment(actor=request.user, case=case, reassess_on=data["reassess_on"]),
        _("De datum van herbeoordeling is vastgelegd."),
    )


@within(selectors.case_get)
@require_POST
def case_regisseur(request, case):
    form = forms.RegisseurForm(request.POST, regisseurs=_regisseurs(case.controller))
    return _case_change(
        request,
        case,
        form,
        lambda data: services.case_assign_regisseur(actor=request.user, case=case, regisseur=data["regisseur"]),
        _("De regisseur is aangewezen."),
    )


@within(selectors.case_get)
def participant_create(request, case):
    _directing(request, case)
    controller = case.controller
    covenant_parties = case.covenant.parties.all() if case.covenant else Partner.objects.none()
    users = [m.user_id for m in staff_visible(controller).filter(active=True) if m.domains]
    form = forms.ParticipantForm(
        request.POST or None,
        partners=covenant_parties.select_related("organisation"),
        users=get_user_model().objects.filter(pk__in=users).order_by("last_name"),
    )

    def save(data):
        return services.participant_add(actor=request.user, case=case, **data)

    if _save(request, form, save, _("De deelnemer is toegevoegd.")):
        return redirect("casework:case_detail", uuid=case.uuid)
    return _form(
        request, form, title=_("Deelnemer toevoegen"), back=reverse("casework:case_detail", kwargs={"uuid": case.uuid})
    )


# Exchanges


@within(selectors.case_get)
def exchange_create(request, case):
    """Ask to share; the entries offered are those of the user's own domains about the case's persons."""
    role = access.case_role(request, case)
    if not request.acting.can(Cap.REQUEST_EXCHANGE) or not role:
        raise PermissionDenied
    blocked = services.exchange_blocked(case)
    if blocked:  # say so before the form, not after it has been filled in
        messages.error(request, blocked)
        return redirect("casework:case_detail", uuid=case.uuid)
    domains = set(request.acting.domains)
    persons = case.persons.all()
    entries = access.look(
        request,
        cap=Cap.REQUEST_EXCHANGE,
        activity=access.version(case.activity),
        subjects=access.bsns(persons),
        purpose=case.purpose,
        scope=Scope.CONTENT,
        domain=",".join(sorted(domains)),
        case=case,
        fetch=lambda: [e.pk for p in persons for e in selectors.entries_of(p, domains=domains)],
    )
    taking_part = case.participants.filter(left_on__isnull=True).exclude(domain="")
    form = forms.ExchangeForm(
        request.POST or None,
        persons=persons,
        entries=FileEntry.objects.filter(pk__in=entries),
        partners=Partner.objects.filter(pk__in=case.participants.values("partner")).select_related("organisation"),
        recipients=set(taking_part.values_list("domain", flat=True)),
    )

    def save(form_data):
        return services.exchange_request(actor=request.user, case=case, **form.service_arguments())

    exchange = _save(request, form, save, _("De uitwisseling is aangevraagd en beoordeeld."))
    if exchange:
        return redirect("casework:exchange_detail", uuid=exchange.uuid)
    return _form(
        request,
        form,
        title=_("Uitwisseling aanvragen"),
        back=reverse("casework:case_detail", kwargs={"uuid": case.uuid}),
        intro=_(
            "Noem alleen wat nodig is voor het doel. De beoordeling volgt direct; het verstrekkende domein besluit."
        ),
    )


@within(selectors.exchange_get)
def exchange_detail(request, exchange):
    return _exchange_page(request, exchange)


def _exchange_page(request, exchange, *, decision_form=None, withdraw_form=None):
    """The request, its assessment and decision; with the forms to decide or withdraw for the provider (bound and
    with their errors when a posted one did not hold)."""
    case = exchange.case
    provider = access.provides(request, exchange)
    allowed = provider or bool(access.case_role(request, case))
    shown = _case_look(request, case, fetch=lambda: list(exchange.persons.all()), allowed=allowed)
    may_decide = provider and request.acting.can(Cap.DECIDE_EXCHANGE)
    reasons = [r | {"effect_label": EFFECT_LABELS.get(r["effect"], r["effect"])} for r in exchange.assessment_reasons]
    refused = exchange.assessment_outcome == "refused"
    context = {
        "exchange": _labelled(exchange, Domain.names()),
        "case": case,
        "persons": shown,
        "reasons": reasons,
        "may_decide": may_decide and exchange.status == ExchangeStatus.REQUESTED and case.is_open,
        "may_withdraw": may_decide and exchange.status == ExchangeStatus.ALLOWED,
        "may_cancel": exchange.status == ExchangeStatus.REQUESTED
        and exchange.requested_by_id == request.user.pk
        and case.is_open,
        "in_case": bool(access.case_role(request, case)),
        "sees_content": access.sees_shared_content(request, exchange),
        "decision_form": decision_form or forms.DecisionForm(refused=refused),
        "withdraw_form": withdraw_form or forms.WithdrawForm(),
    }
    return render(request, "casework/exchange_detail.html", context)


@within(selectors.exchange_get)
def exchange_content(request, exchange):
    """What the exchange shares, for the recipient within this case and purpose while it stands."""
    entries = access.look(
        request,
        cap=Cap.VIEW_CASES,
        allowed=access.sees_shared_content(request, exchange),
        activity=access.version(exchange.case.activity),
        subjects=access.bsns(exchange.persons.all()),
        purpose=exchange.purpose,
        scope=Scope.CONTENT,
        domain=exchange.provider_domain,
        case=exchange.case,
        fetch=lambda: selectors.shared_entries(exchange),
    )
    held_back = 0
    if not access.receives(request, exchange):  # the providing domain: as in its own file, within its data set
        entries, held_back = access.within_dataset(
            entries, access.dataset_categories(request, exchange.provider_domain)
        )
    context = {
        "exchange": exchange,
        "entries": entries,
        "held_back": held_back,
        "domain_label": Domain.names()[exchange.provider_domain],
    }
    return render(request, "casework/exchange_content.html", context)


def _exchange_change(request, exchange, form, change, success: str, *, form_name: str):
    if not request.acting.can(Cap.DECIDE_EXCHANGE) or not access.provides(request, exchange):
        raise PermissionDenied
    if not form.is_valid():  # the page again, with what was typed and each field's error
        return _exchange_page(request, exchange, **{form_name: form})
    _attempt(request, lambda: change(form.cleaned_data), success)
    return redirect("casework:exchange_detail", uuid=exchange.uuid)


@within(selectors.exchange_get)
@require_POST
def exchange_decide(request, exchange):
    return _exchange_change(
        request,
        exchange,
        forms.DecisionForm(request.POST, refused=exchange.assessment_outcome == "refused"),
        lambda data: services.exchange_decide(actor=request.user, exchange=exchange, **data),
        _("Het besluit is vastgelegd."),
        form_name="decision_form",
    )


@within(selectors.exchange_get)
@require_POST
def exchange_withdraw(request, exchange):
    return _exchange_change(
        request,
        exchange,
        forms.WithdrawForm(request.POST),
        lambda data: services.exchange_withdraw(actor=request.user, exchange=exchange, reason=data["reason"]),
        _("De uitwisseling is ingetrokken; de ontvanger ziet de gegevens niet meer."),
        form_name="withdraw_form",
    )


@within(selectors.exchange_get)
@require_POST
def exchange_cancel(request, exchange):
    """The requester cancels a request that is still open."""
    if exchange.requested_by_id != request.user.pk:
        raise PermissionDenied
    _attempt(
        request,
        lambda: services.exchange_cancel(actor=request.user, exchange=exchange),
        _("Het verzoek is geannuleerd."),
    )
    return redirect("casework:exchange_detail", uuid=exchange.uuid)


ANONYMOUS_PURPOSE = gettext_lazy("Een gedepersonaliseerde casusbeschrijving maken voor anoniem casusoverleg")


@within(selectors.case_get)
def anonymous_summary(request, case):
    """The case without identities, for an anonymous case conference: the situation typed here is not stored."""
    role = access.case_role(request, case)
    form = forms.AnonymousSummaryForm(request.POST or None)
    summary = None
    if request.method == "POST" and form.is_valid():
        deidentify.load_deduce()  # seconds the first time: not while the gate's transaction holds the log
        summary = _case_look(
            request,
            case,
            fetch=lambda: selectors.anonymous_summary(
                case, situation=form.cleaned_data["situatie"], today=timezone.localdate()
            ),
            allowed=bool(role),
            purpose=ANONYMOUS_PURPOSE,
            scope=Scope.CONTENT,
        )
        form = forms.AnonymousSummaryForm()  # the typed text, names and all, is not shown again
    elif not role:
        raise PermissionDenied
    return render(request, "casework/anonymous_summary.html", {"case": case, "form": form, "summary": summary})
