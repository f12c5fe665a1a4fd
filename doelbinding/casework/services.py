"""Write functions of case work: one transaction each, with history and the actor; bad input is refused with a
Dutch ValidationError and nothing is written. Who may call them is decided before, in casework/access.py."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import structlog
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from doelbinding.casework import exchange_rules, guidance, rules, selectors
from doelbinding.casework.exchange_facts import Assessment, Outcome
from doelbinding.casework.models import (
    Case,
    CaseParticipant,
    Exchange,
    ExchangeStatus,
    FileEntry,
    Household,
    Involvement,
    Person,
    Phase,
    ReassessmentReminder,
    TriageDecision,
)
from doelbinding.core.services import save_with_history
from doelbinding.partners.models import PartnerKind
from doelbinding.register.models import DataCategory
from doelbinding.tenancy.models import Domain, Membership
from doelbinding.tenancy.selectors import organisations_visible

log = structlog.get_logger(__name__)


def _refuse(problems: dict[str, str] | str) -> None:
    if problems:
        raise ValidationError(problems)


def _known_domain(code: str, field: str = "domain") -> None:
    if code not in Domain.names():
        _refuse({field: _("Onbekend domein.")})


def _own_activity(controller, activity, field: str = "activity") -> None:
    if activity.controller_id != controller.pk or selectors.established_version(activity) is None:
        _refuse({field: _("Kies een vastgestelde verwerkingsactiviteit van deze gemeente.")})


@transaction.atomic
def household_create(*, actor, controller, name: str, synthetic: bool = False) -> Household:
    if not name.strip():
        _refuse({"name": _("Geef het huishouden een aanduiding.")})
    household = Household(controller=controller, name=name.strip(), synthetic=synthetic)
    save_with_history(household, actor=actor, reason="aangemaakt")
    log.info("household_created", household=str(household.uuid))
    return household


@transaction.atomic
def person_create(
    *,
    actor,
    controller,
    bsn: str,
    given_names: str,
    family_name: str,
    birth_date: date,
    household: Household | None = None,
    synthetic: bool = False,
) -> Person:
    """A betrokkene with the minimum that identifies them. The BSN never goes into a log message."""
    problems = {}
    if problem := rules.bsn_problem(bsn):
        problems["bsn"] = problem
    elif Person.objects.filter(controller=controller, bsn=bsn).exists():
        problems["bsn"] = _("Er is al een betrokkene met dit BSN.")
    if problem := rules.birth_date_problem(birth_date, today=timezone.localdate()):
        problems["birth_date"] = problem
    if not given_names.strip() or not family_name.strip():
        problems["family_name"] = _("Vul de voornamen en de achternaam in.")
    if household is not None and household.controller_id != controller.pk:
        problems["household"] = _("Kies een huishouden van deze gemeente.")
    _refuse(problems)
    person = Person(
        controller=controller,
        bsn=bsn,
        given_names=given_names.strip(),
        family_name=family_name.strip(),
        birth_date=birth_date,
        household=household,
        synthetic=synthetic,
    )
    save_with_history(person, actor=actor, reason="aangemaakt")
    log.info("person_created", person=str(person.uuid))
    return person


def _retention_end(activity, ended_on: date | None) -> date | None:
    version = selectors.established_version(activity)
    return rules.destruction_due(ended_on, version.retention_period if version else "")


@transaction.atomic
def involvement_record(
    *,
    actor,
    person: Person,
    domain: str,
    organisation,
    activity,
    since: date,
    until: date | None = None,
    team: str = "",
    contact=None,
    contact_name: str = "",
) -> Involvement:
    """That the person is known in a domain, since when, and whom to contact; no content."""
    controller = person.controller
    _known_domain(domain)
    _own_activity(controller, activity)
    _refuse(rules.period_problems(since, until, today=timezone.localdate(), born=person.birth_date))
    if not organisations_visible(controller).filter(pk=organisation.pk).exists():
        _refuse({"organisation": _("Kies de gemeente, haar uitvoeringsorganisatie of een van haar partners.")})
    same = Involvement.objects.filter(person=person, domain=domain, organisation=organisation, team=team.strip())
    if same.filter(since__lte=until or date.max).filter(Q(until__isnull=True) | Q(until__gte=since)).exists():
        _refuse(
            _(
                "Deze betrokkenheid is al vastgelegd: dezelfde organisatie en hetzelfde team in een periode die "
                "hiermee overlapt."
            )
        )
    involvement = Involvement(
        controller=controller,
        person=person,
        domain=domain,
        organisation=organisation,
        team=team.strip(),
        contact=contact,
        contact_name=contact_name.strip(),
        since=since,
        until=until,
        activity=activity,
        destruction_due=_retention_end(activity, until),
        created_by=actor,
    )
    save_with_history(involvement, actor=actor, reason="vastgelegd")
    log.info("involvement_recorded", involvement=str(involvement.uuid), domain=domain)
    return involvement


@transaction.atomic
def involvement_end(*, actor, involvement: Involvement, until: date) -> Involvement:
    _refuse(rules.period_problems(involvement.since, until, today=timezone.localdate()))
    if until > timezone.localdate():
        _refuse({"until": _("De einddatum ligt in de toekomst; beëindig de betrokkenheid als die voorbij is.")})
    involvement.until = until
    involvement.destruction_due = _retention_end(involvement.activity, until)
    save_with_history(involvement, actor=actor, reason="beëindigd", update_fields=["until", "destruction_due"])
    log.info("involvement_ended", involvement=str(involvement.uuid))
    return involvement


@transaction.atomic
def file_entry_write(
    *,
    actor,
    involvement: Involvement,
    kind: str,
    title: str,
    content: str,
    categories: Iterable[DataCategory],
    basis_note: str = "",
) -> FileEntry:
    """One entry in the domain's file. The prompts of rules.entry_prompts are shown before; they do not block."""
    categories = list(categories)
    problems = {}
    if not involvement.running:
        problems["involvement"] = _("Deze betrokkenheid is beëindigd; het dossier staat niet meer open.")
    if not title.strip() or not content.strip():
        problems["content"] = _("Vul het onderwerp en de inhoud in.")
    if not categories:
        problems["categories"] = _("Geef aan welke soorten persoonsgegevens de aantekening bevat.")
    if any(c.special or c.criminal for c in categories) and not basis_note.strip():
        problems["basis_note"] = _(
            "Bijzondere of strafrechtelijke persoonsgegevens mogen alleen met een grondslag (AVG art. 9 of 10 met "
            "de materiewet): vul die in, of laat deze gegevens weg."
        )
    _refuse(problems)
    entry = FileEntry(
        controller=involvement.controller,
        involvement=involvement,
        kind=kind,
        title=title.strip(),
        content=content.strip(),
        basis_note=basis_note.strip(),
        author=actor,
        written_at=timezone.now(),
    )
    entry.full_clean(exclude=["data_categories"])
    save_with_history(entry, actor=actor, reason="geschreven")
    entry.data_categories.set(categories)
    log.info("file_entry_written", entry=str(entry.uuid), domain=involvement.domain, kind=kind)
    return entry


def _one_family_problem(case: Case | None, persons: list[Person], household: Household | None, regisseur) -> str:
    """One family, one plan, one regisseur: another open case of these persons or this household is refused
    when it has another regisseur (or none yet, when opening: then the referral belongs in that case)."""
    others = Case.objects.filter(controller=(case or persons[0]).controller, phase__in=selectors.OPEN)
    if case is not None:
        others = others.exclude(pk=case.pk)
    together = Q(persons__in=persons)
    if household is not None:
        together |= Q(household=household) | Q(persons__household=household)
    for other in others.filter(together).distinct():
        if other.regisseur_id is None:
            return _(
                "Voor dit huishouden of deze betrokkene loopt al casus %(reference)s, nog zonder regisseur: "
                "één gezin, één plan, één regisseur. Voeg de aanmelding daar toe."
            ) % {"reference": other.reference}
        if regisseur is None or other.regisseur_id != regisseur.pk:
            return _(
                "Voor dit huishouden of deze betrokkene loopt al casus %(reference)s met een andere regisseur: "
                "één gezin, één plan, één regisseur. Voeg de aanmelding daar toe."
            ) % {"reference": other.reference}
    return ""


def _next_reference(controller, today: date) -> str:
    prefix = f"C-{today.year}-"
    count = Case.objects.filter(controller=controller, reference__startswith=prefix).count()
    return f"{prefix}{count + 1:04d}"


@transaction.atomic
def case_open(
    *,
    actor,
    controller,
    persons: Iterable[Person],
    purpose: str,
    activity,
    household: Household | None = None,
    referring_partner=None,
    referring_domain: str = "",
    covenant=None,
    opened_on: date | None = None,
    regisseur=None,
) -> Case:
    """A referral (aanmelding): the referrer is the leading party. A regisseur who records it directs the case
    from then on (`regisseur`); otherwise triage appoints one."""
    persons = list(persons)
    today = timezone.localdate()
    opened_on = opened_on or today
    problems = {}
    if not persons:
        problems["persons"] = _("Kies minstens één betrokkene.")
    elif any(p.controller_id != controller.pk for p in persons):
        problems["persons"] = _("Kies betrokkenen van deze gemeente.")
    if bool(referring_partner) == bool(referring_domain):
        problems["referring_domain"] = _("Geef de aanmelder: een domein van de gemeente of een partner.")
    if referring_partner is not None and referring_partner.controller_id != controller.pk:
        problems["referring_domain"] = _("Kies een partner van deze gemeente.")
    elif referring_partner is not None and referring_partner.kind == PartnerKind.PROCESSOR:
        problems["referring_domain"] = _("Een ICT-leverancier (verwerker) meldt geen casus aan; kies een partner.")
    if referring_domain and referring_domain not in Domain.names():
        problems["referring_domain"] = _("Onbekend domein.")
    if not purpose.strip():
        problems["purpose"] = _("Beschrijf het doel van de casus.")
    if opened_on > today:
        problems["opened_on"] = _("De datum van aanmelding ligt in de toekomst.")
    if covenant is not None and not selectors.covenant_in_force(controller, covenant):
        problems["covenant"] = _("Kies een convenant van deze gemeente dat van kracht is.")
    if regisseur is not None and not selectors.is_regisseur_for(controller, regisseur):
        problems["regisseur"] = _("Kies een medewerker met de rol regisseur bij deze gemeente.")
    _refuse(problems)
    _own_activity(controller, activity)
    _refuse(_one_family_problem(None, persons, household, regisseur))
    case = Case(
        controller=controller,
        reference=_next_reference(controller, today),
        household=household,
        referring_partner=referring_partner,
        referring_domain=referring_domain,
        purpose=purpose.strip(),
        activity=activity,
        covenant=covenant,
        opened_on=opened_on,
        regisseur=regisseur,
        created_by=actor,
    )
    save_with_history(case, actor=actor, reason="aangemeld")
    case.persons.set(persons)
    log.info("case_opened", case=case.reference)
    return case


@transaction.atomic
def case_assign_regisseur(*, actor, case: Case, regisseur) -> Case:
    if not case.is_open:
        _refuse(_("De casus is afgesloten."))
    if not selectors.is_regisseur_for(case.controller, regisseur):
        _refuse({"regisseur": _("Kies een medewerker met de rol regisseur bij deze gemeente.")})
    _refuse(_one_family_problem(case, list(case.persons.all()), case.household, regisseur))
    case.regisseur = regisseur
    save_with_history(case, actor=actor, reason="regisseur aangewezen", update_fields=["regisseur"])
    log.info("case_regisseur_assigned", case=case.reference)
    return case


@transaction.atomic
def case_move(*, actor, case: Case, phase: str) -> Case:
    """To the next phase; closing fixes the end of the case's retention."""
    problem = rules.phase_problem(
        case.phase,
        phase,
        has_triage_decision=case.triage_decisions.exists(),
        has_regisseur=case.regisseur_id is not None,
    )
    _refuse(problem or "")
    case.phase = phase
    fields = ["phase"]
    if phase == Phase.CLOSED:
        case.closed_on = timezone.localdate()
        case.destruction_due = _retention_end(case.activity, case.closed_on)
        fields += ["closed_on", "destruction_due"]
    save_with_history(case, actor=actor, reason=f"fase {phase}", update_fields=fields)
    log.info("case_moved", case=case.reference, phase=phase)
    return case


@transaction.atomic
def case_set_reassessment(*, actor, case: Case, reassess_on: date) -> Case:
    if not case.is_open:
        _refuse(_("De casus is afgesloten."))
    if reassess_on <= timezone.localdate():
        _refuse({"reassess_on": _("Kies een datum in de toekomst voor de herbeoordeling.")})
    case.reassess_on = reassess_on
    save_with_history(case, actor=actor, reason="herbeoordeling gepland", update_fields=["reassess_on"])
    return case


@transaction.atomic
def participant_add(
    *, actor, case: Case, domain: str = "", partner=None, user=None, contact_name: str = ""
) -> CaseParticipant:
    """A domain, or a party to the case's covenant, joins the case; partners only under a covenant in force."""
    if not case.is_open:
        _refuse(_("De casus is afgesloten."))
    if bool(domain) == bool(partner):
        _refuse({"domain": _("Kies een domein of een partner.")})
    if domain:
        _known_domain(domain)
        if user is not None and domain not in selectors.domains_of(case.controller, user):
            _refuse({"user": _("Deze medewerker werkt niet in dit domein.")})
    if partner is not None:
        covenant = case.covenant
        if covenant is None or not selectors.covenant_in_force(case.controller, covenant):
            _refuse({"partner": _("Partners nemen alleen deel onder een convenant dat van kracht is.")})
        if not covenant.parties.filter(pk=partner.pk).exists():
            _refuse({"partner": _("Deze partner is geen partij bij het convenant van de casus.")})
        if (
            user is not None
            and not Membership.objects.filter(user=user, organisation=partner.organisation_id, active=True).exists()
        ):
            _refuse({"user": _("Deze medewerker werkt niet bij deze partner.")})
    if case.participants.filter(domain=domain, partner=partner, user=user, left_on__isnull=True).exists():
        _refuse(_("Deze deelnemer neemt al deel aan de casus."))
    participant = CaseParticipant(
        case=case,
        domain=domain,
        partner=partner,
        user=user,
        contact_name=contact_name.strip(),
        joined_on=timezone.localdate(),
    )
    save_with_history(participant, actor=actor, reason="deelnemer toegevoegd")
    log.info("case_participant_added", case=case.reference, domain=domain, partner=bool(partner))
    return participant


@transaction.atomic
def participant_leave(*, actor, participant: CaseParticipant) -> CaseParticipant:
    """The participant no longer takes part from today: what was shared with them for the case is closed to them
    from now on (`access.receives` counts active participants only)."""
    if not participant.case.is_open:
        _refuse(_("De casus is afgesloten."))
    if participant.left_on is not None:
        _refuse(_("Deze deelnemer neemt al niet meer deel."))
    participant.left_on = timezone.localdate()
    save_with_history(participant, actor=actor, reason="deelname beëindigd", update_fields=["left_on"])
    log.info("case_participant_left", case=participant.case.reference)
    return participant


@transaction.atomic
def triage_record(
    *,
    actor,
    case: Case,
    moment: str,
    criteria: Iterable[str],
    multi_problem: bool,
    collaboration_needed: bool,
    within_collaboration_purpose: bool,
    purpose: str,
    necessity: str,
    proportionality: str,
    subsidiarity: str,
    route: str,
) -> TriageDecision:
    """A triage decision: why this route, for which purpose, and why it is necessary, proportionate and the least
    intrusive way. Recorded once, never changed."""
    criteria = list(dict.fromkeys(criteria))
    if not case.is_open:
        _refuse(_("De casus is afgesloten."))
    problems = {}
    for field, text in [
        ("purpose", purpose),
        ("necessity", necessity),
        ("proportionality", proportionality),
        ("subsidiarity", subsidiarity),
    ]:
        if not text.strip():
            problems[field] = _("Vul dit in: het triagebesluit legt de afweging vast.")
    if problem := rules.criteria_problem(criteria, multi_problem, guidance.criteria()):
        problems["criteria"] = problem
    _refuse(problems)
    decision = TriageDecision(
        case=case,
        moment=moment,
        criteria=criteria,
        multi_problem=multi_problem,
        collaboration_needed=collaboration_needed,
        within_collaboration_purpose=within_collaboration_purpose,
        purpose=purpose.strip(),
        necessity=necessity.strip(),
        proportionality=proportionality.strip(),
        subsidiarity=subsidiarity.strip(),
        route=route,
        decided_by=actor,
        decided_at=timezone.now(),
    )
    decision.full_clean()
    decision.save()
    if case.phase == Phase.REFERRAL:
        case.phase = Phase.TRIAGE
        save_with_history(case, actor=actor, reason="triage", update_fields=["phase"])
    log.info("triage_recorded", case=case.reference, moment=moment, route=route)
    return decision


FACT_FIELDS = [
    "interest",
    "statute",
    "statute_reference",
    "secrecy",
    "sector_law_covers_sensitive_data",
    "bsn_prescribed_by_law",
    "suwi_provision",
    "collected_for",
    "purposes_related",
    "expected_by_person",
    "adverse_consequences",
    "safeguards",
    "consent_free",
    "consent_explicit",
    "consent_for_collaboration",
    "stance",
    "emergency",
    "alternatives",
]


def _store_assessment(exchange: Exchange, assessment: Assessment) -> None:
    exchange.assessment_outcome = assessment.outcome
    exchange.assessment_reasons = [
        {"effect": r.effect.value, "text": r.text, "citation": r.citation, "emergency": r.emergency or ""}
        for r in assessment.reasons
    ]
    exchange.vital_interest = assessment.vital_interest
    exchange.conflict_of_duties = assessment.conflict_of_duties


def exchange_blocked(case: Case) -> str:
    """Why nothing can be asked to share in this case (yet), or "" when it can."""
    if not case.is_open:
        return _("De casus is afgesloten: er wordt niets meer uitgewisseld.")
    if not case.triage_decisions.exists():
        return _("Er is nog geen triagebesluit voor deze casus: zonder triage geen uitwisseling.")
    return ""


@transaction.atomic
def exchange_request(
    *,
    actor,
    case: Case,
    provider_domain: str,
    persons: Iterable[Person],
    purpose: str,
    entries: Iterable[FileEntry] = (),
    categories: Iterable[DataCategory] = (),
    recipient_domain: str = "",
    recipient_partner=None,
    facts: dict | None = None,
) -> Exchange:
    """Ask to share named entries or categories of a domain for this case; the engine assesses it at once.

    Refused without a triage decision, for a closed case, or for content outside the case: nothing is written."""
    persons, entries, categories = list(persons), list(entries), list(categories)
    _refuse(exchange_blocked(case))
    triage = case.triage_decisions.order_by("-decided_at", "-id").first()
    _known_domain(provider_domain, "provider_domain")
    problems = {}
    if bool(recipient_domain) == bool(recipient_partner):
        problems["recipient_domain"] = _("Kies één ontvanger: een domein of een partner.")
    elif recipient_domain == provider_domain:
        problems["recipient_domain"] = _("Binnen het eigen domein is geen uitwisseling nodig.")
    elif recipient_domain and recipient_domain not in Domain.names():
        problems["recipient_domain"] = _("Onbekend domein.")
    elif recipient_partner is not None and not case.participants.filter(partner=recipient_partner).exists():
        problems["recipient_domain"] = _("De ontvangende partner neemt niet deel aan deze casus.")
    in_case = set(case.persons.values_list("pk", flat=True))
    if not persons or any(p.pk not in in_case for p in persons):
        problems["persons"] = _("Kies betrokkenen van deze casus.")
    if not entries and not categories:
        problems["entries"] = _("Noem de aantekeningen of de soorten gegevens die gedeeld moeten worden.")
    chosen = {p.pk for p in persons}
    if any(e.involvement.domain != provider_domain or e.involvement.person_id not in chosen for e in entries):
        problems["entries"] = _("Kies aantekeningen van het verstrekkende domein over de gekozen betrokkenen.")
    if not purpose.strip():
        problems["purpose"] = _("Beschrijf het doel van de uitwisseling.")
    _refuse(problems)
    exchange = Exchange(
        controller=case.controller,
        case=case,
        triage=triage,
        provider_domain=provider_domain,
        recipient_domain=recipient_domain,
        recipient_partner=recipient_partner,
        purpose=purpose.strip(),
        requested_by=actor,
        requested_at=timezone.now(),
        **{name: value for name, value in (facts or {}).items() if name in FACT_FIELDS},
    )
    shared_categories = set(categories) | {c for e in entries for c in e.data_categories.all()}
    _store_assessment(exchange, exchange_rules.assess(selectors.exchange_facts(exchange, shared_categories)))
    exchange.full_clean(exclude=["persons", "entries", "categories"])
    save_with_history(exchange, actor=actor, reason="aangevraagd")
    exchange.persons.set(persons)
    exchange.entries.set(entries)
    exchange.categories.set(categories)
    log.info("exchange_requested", exchange=str(exchange.uuid), outcome=exchange.assessment_outcome)
    return exchange


@transaction.atomic
def exchange_decide(
    *, actor, exchange: Exchange, allow: bool, reasons: str, informed: str, informed_how: str
) -> Exchange:
    """The provider's decision, with its reasons and whether and how the person was informed (or why not).
    An exchange the assessment refuses cannot be allowed."""
    if exchange.status != ExchangeStatus.REQUESTED:
        _refuse(_("Over deze uitwisseling is al besloten."))
    if not exchange.case.is_open:
        _refuse(_("De casus is afgesloten: er wordt niets meer uitgewisseld."))
    problems = {}
    if allow and exchange.assessment_outcome == Outcome.REFUSED:
        problems["allow"] = _("De beoordeling staat deze uitwisseling niet toe; zij kan niet worden toegestaan.")
    if not reasons.strip():
        problems["reasons"] = _("Motiveer het besluit.")
    if not informed or not informed_how.strip():
        problems["informed_how"] = _("Leg vast of en hoe betrokkene is geïnformeerd, of waarom niet.")
    _refuse(problems)
    exchange.status = ExchangeStatus.ALLOWED if allow else ExchangeStatus.REFUSED
    exchange.decided_by, exchange.decided_at = actor, timezone.now()
    exchange.decision_reasons = reasons.strip()
    exchange.informed, exchange.informed_how = informed, informed_how.strip()
    save_with_history(exchange, actor=actor, reason="besloten")
    log.info("exchange_decided", exchange=str(exchange.uuid), status=exchange.status)
    return exchange


@transaction.atomic
def exchange_withdraw(*, actor, exchange: Exchange, reason: str) -> Exchange:
    """The provider keeps control (rule of thumb 4): withdrawing ends the recipient's access at once."""
    if exchange.status != ExchangeStatus.ALLOWED:
        _refuse(_("Alleen een toegestane uitwisseling kan worden ingetrokken."))
    if not reason.strip():
        _refuse({"withdrawal_reason": _("Geef de reden van het intrekken.")})
    exchange.status = ExchangeStatus.WITHDRAWN
    exchange.withdrawn_by, exchange.withdrawn_at, exchange.withdrawal_reason = actor, timezone.now(), reason.strip()
    save_with_history(exchange, actor=actor, reason="ingetrokken")
    log.info("exchange_withdrawn", exchange=str(exchange.uuid))
    return exchange


@transaction.atomic
def exchange_cancel(*, actor, exchange: Exchange) -> Exchange:
    """The requester takes back a request nobody has decided on yet; nothing was shared, so nothing is withdrawn."""
    if exchange.status != ExchangeStatus.REQUESTED:
        _refuse(_("Alleen een verzoek waarover nog niet is besloten, kan worden geannuleerd."))
    if exchange.requested_by_id != actor.pk:
        _refuse(_("Alleen wie het verzoek deed, kan het annuleren."))
    exchange.status = ExchangeStatus.CANCELLED
    save_with_history(exchange, actor=actor, reason="geannuleerd", update_fields=["status"])
    log.info("exchange_cancelled", exchange=str(exchange.uuid))
    return exchange


@transaction.atomic
def reassessment_reminders_send(*, cases: list[Case]) -> list[Case]:
    """Mail each case's regisseur once per reassessment date (seed 003, phase 4: is working together still
    needed?). Only the case number and the date travel by mail, never a person. Returns the cases reminded of."""
    sent = set(ReassessmentReminder.objects.filter(case__in=cases).values_list("case_id", "reassess_on"))
    new = [c for c in cases if (c.pk, c.reassess_on) not in sent and c.regisseur and c.regisseur.email]
    ReassessmentReminder.objects.bulk_create([ReassessmentReminder(case=c, reassess_on=c.reassess_on) for c in new])
    for case in new:
        subject = _("Herbeoordeling casus %(reference)s") % {"reference": case.reference}
        body = _(
            "Casus %(reference)s moet uiterlijk %(date)s opnieuw worden beoordeeld: is samenwerking nog nodig, of "
            "kan de casus worden afgeschaald of afgesloten? Open de casus in Doelbinding."
        ) % {"reference": case.reference, "date": case.reassess_on.strftime("%d-%m-%Y")}
        recipient = case.regisseur.email
        transaction.on_commit(lambda s=subject, b=body, r=recipient: send_mail(s, b, None, [r]))
    log.info("case_reassessment_reminders_sent", cases=len(new))
    return new
