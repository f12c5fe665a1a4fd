"""Read functions of case work, always scoped to one controller; another controller's record is a 404.

These return records; who may see which of them, and the log entry for it, is casework/access.py's business."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Count, F, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from doelbinding.casework import exchange_facts as facts
from doelbinding.casework.models import (
    OPEN_PHASES,
    Case,
    Exchange,
    ExchangeStatus,
    FileEntry,
    Household,
    Involvement,
    Person,
    RegisterBinding,
)
from doelbinding.partners.models import Agreement, AgreementKind, AgreementStatus, PartnerKind
from doelbinding.policy import Role
from doelbinding.register.models import Activity, ActivityVersion, Status, version_uri
from doelbinding.tenancy.selectors import memberships_acting_for

OPEN = OPEN_PHASES
HEALTH_CATEGORIES = frozenset({"gezondheid", "psychische-gezondheid", "verslaving"})
PARTNER_PARTIES = {
    PartnerKind.CARE_PROVIDER: facts.Domain.CARE_PROVIDER,
    PartnerKind.VEILIG_THUIS: facts.Domain.VEILIG_THUIS,
    PartnerKind.POLICE: facts.Domain.POLICE,
}


def _get(queryset: QuerySet, uuid: UUID):
    try:
        return queryset.get(uuid=uuid)
    except (queryset.model.DoesNotExist, ValueError, ValidationError):
        raise Http404 from None


def established_version(activity) -> ActivityVersion | None:
    """With the activity's controller, which the version's uri names: a log entry under it needs no query more."""
    return (
        ActivityVersion.objects.filter(activity=activity, status=Status.ESTABLISHED)
        .select_related("activity__controller")
        .first()
    )


@dataclass(frozen=True)
class BoundActivity:
    """The established register version a use of case work is bound to: what a log entry records of it."""

    pk: int
    uri: str
    confidential: bool
    confidential_until: date | None


_BOUND_SQL = f"""
    SELECT v.id, a.number, v.version, v.confidential, v.confidential_until
    FROM {RegisterBinding._meta.db_table} b
    JOIN {Activity._meta.db_table} a ON a.id = b.activity_id AND a.controller_id = b.controller_id
    JOIN {ActivityVersion._meta.db_table} v ON v.activity_id = a.id AND v.status = %s
    WHERE b.controller_id = %s AND b.use = %s
    ORDER BY v.id LIMIT 1
"""  # noqa: S608


def bound_version(controller, use: str) -> BoundActivity | None:
    """The register activity (of `controller`) a use of case work is bound to, as its established version; None
    when unbound. Every look-up of a person asks this, so it is one written-out query for just what the log entry
    needs (building and planning the ORM's join of four tables cost more than the rest of the look-up)."""
    with connection.cursor() as cursor:
        cursor.execute(_BOUND_SQL, [Status.ESTABLISHED.value, controller.pk, use])
        row = cursor.fetchone()
    if row is None:
        return None
    pk, number, version, confidential, confidential_until = row
    return BoundActivity(pk, version_uri(controller.slug, number, version), confidential, confidential_until)


def covenants_in_force(controller) -> QuerySet[Agreement]:
    return (
        Agreement.objects.filter(controller=controller, kind=AgreementKind.COVENANT, status=AgreementStatus.ACTIVE)
        .filter(Q(expires_on__isnull=True) | Q(expires_on__gte=timezone.localdate()))
        .order_by("title")
    )


def covenant_in_force(controller, agreement: Agreement) -> bool:
    return covenants_in_force(controller).filter(pk=agreement.pk).exists()


def domains_of(controller, user) -> set[str]:
    return {code for m in memberships_acting_for(user, controller) for code in m.domains}


def is_regisseur_for(controller, user) -> bool:
    return any(Role.REGISSEUR in m.roles for m in memberships_acting_for(user, controller))


def persons_for(controller) -> QuerySet[Person]:
    return Person.objects.filter(controller=controller).select_related("household")


def person_get(controller, uuid: UUID) -> Person:
    return _get(persons_for(controller), uuid)


def household_get(controller, uuid) -> Household:
    return _get(Household.objects.filter(controller=controller), uuid)


def person_by_bsn(controller, bsn: str) -> Person | None:
    return persons_for(controller).filter(bsn=bsn).first()


def involvements_of(person: Person, *, domains: set[str] | None = None) -> QuerySet[Involvement]:
    """The person's involvements, of the given domains only when named."""
    involvements = Involvement.objects.filter(controller=person.controller_id, person=person).select_related(
        "organisation", "contact", "activity"
    )
    return involvements if domains is None else involvements.filter(domain__in=domains)


def exchanges_to_decide(controller, domains: set[str]) -> QuerySet[Exchange]:
    """Requests to share content of these domains, in open cases, that nobody has decided yet (oldest first)."""
    return (
        Exchange.objects.filter(
            controller=controller, status=ExchangeStatus.REQUESTED, provider_domain__in=domains, case__phase__in=OPEN
        )
        .select_related("case", "recipient_partner__organisation")
        .order_by("requested_at", "id")
    )


def domain_involvement(person: Person, domain: str) -> Involvement | None:
    """The involvement a domain's file belongs to: an open-ended one, else the one that ends (or ended) last; so a
    running involvement comes before any that has ended."""
    return involvements_of(person, domains={domain}).order_by(F("until").desc(nulls_first=True), "since", "pk").first()


def involvement_get(controller, uuid: UUID) -> Involvement:
    return _get(Involvement.objects.filter(controller=controller).select_related("person", "activity"), uuid)


def entries_of(person: Person, *, domains: set[str]) -> QuerySet[FileEntry]:
    return (
        FileEntry.objects.filter(controller=person.controller_id, involvement__person=person)
        .filter(involvement__domain__in=domains)
        .select_related("involvement", "author")
        .prefetch_related("data_categories")
    )


def cases_for(controller) -> QuerySet[Case]:
    return Case.objects.filter(controller=controller).select_related("regisseur", "household", "referring_partner")


def case_get(controller, uuid: UUID) -> Case:
    return _get(cases_for(controller).select_related("covenant", "activity"), uuid)


def cases_of_person(person: Person) -> QuerySet[Case]:
    return cases_for(person.controller_id).filter(persons=person)


def cases_involving(controller, user) -> QuerySet[Case]:
    """The open cases the user directs or takes part in: their caseload."""
    return (
        cases_for(controller)
        .filter(phase__in=OPEN)
        .filter(Q(regisseur=user) | Q(participants__user=user, participants__left_on__isnull=True))
        .distinct()
    )


def exchange_get(controller, uuid: UUID) -> Exchange:
    return _get(Exchange.objects.filter(controller=controller).select_related("case", "triage"), uuid)


def allowed_exchanges(case: Case) -> QuerySet[Exchange]:
    """What the case may see now: allowed, not withdrawn. Withdrawing removes an exchange from here at once."""
    return case.exchanges.filter(status=ExchangeStatus.ALLOWED).prefetch_related("entries", "categories", "persons")


def shared_entries(exchange: Exchange) -> list[FileEntry]:
    """The content an allowed exchange makes visible: the named entries, and the provider's entries about its
    persons, written before the decision, that hold nothing but the named categories."""
    named = {e.pk for e in exchange.entries.all()}
    categories = {c.pk for c in exchange.categories.all()}
    candidates = (
        FileEntry.objects.filter(
            controller=exchange.controller_id,
            involvement__domain=exchange.provider_domain,
            involvement__person__in=exchange.persons.all(),
        )
        .select_related("involvement__person", "author")
        .prefetch_related("data_categories")
    )
    if categories and exchange.decided_at:
        candidates = candidates.filter(Q(pk__in=named) | Q(written_at__lte=exchange.decided_at))
    else:
        candidates = candidates.filter(pk__in=named)
    return [
        e for e in candidates if e.pk in named or (categories and {c.pk for c in e.data_categories.all()} <= categories)
    ]


def _category_kinds(categories) -> frozenset[facts.DataCategory]:
    kinds = set()
    for category in categories:
        if category.code in HEALTH_CATEGORIES:
            kinds.add(facts.DataCategory.HEALTH)
        elif category.special:
            kinds.add(facts.DataCategory.SPECIAL)
        elif category.criminal:
            kinds.add(facts.DataCategory.CRIMINAL)
        elif category.identifier:
            kinds.add(facts.DataCategory.BSN)
        else:
            kinds.add(facts.DataCategory.ORDINARY)
    return frozenset(kinds or {facts.DataCategory.ORDINARY})


def recipient_party(exchange: Exchange) -> facts.Domain:
    """The recipient as the engine knows parties. A partner whose task it has no law for (a housing corporation,
    the ZVH itself) is assessed as a party without a statutory task of its own."""
    if exchange.recipient_domain:
        return facts.Domain(exchange.recipient_domain)
    partner = exchange.recipient_partner
    if partner.kind == PartnerKind.CARE_PROVIDER and "jeugd" in partner.domains:
        return facts.Domain.YOUTH_CARE_PROVIDER
    return PARTNER_PARTIES.get(partner.kind, facts.Domain.SAFETY_HOUSE)


def exchange_facts(exchange: Exchange, categories) -> facts.ExchangeFacts:
    """The engine's view of one requested exchange, its case's triage decision and the shared categories."""
    e, triage = exchange, exchange.triage
    return facts.ExchangeFacts(
        provider=facts.Domain(e.provider_domain),
        recipient=recipient_party(e),
        purpose=e.purpose,
        interest=facts.Interest(e.interest) if e.interest else None,
        triage=facts.Triage(triage.multi_problem, triage.collaboration_needed, triage.within_collaboration_purpose),
        statute=facts.Statute(e.statute),
        statute_reference=e.statute_reference,
        categories=_category_kinds(categories),
        sector_law_covers_sensitive_data=e.sector_law_covers_sensitive_data,
        bsn_prescribed_by_law=e.bsn_prescribed_by_law,
        secrecy=facts.Secrecy(e.secrecy),
        suwi_data=e.provider_domain == facts.Domain.WORK_INCOME,
        suwi_provision=e.suwi_provision,
        further_processing=facts.Compatibility(
            e.collected_for, e.purposes_related, e.expected_by_person, e.adverse_consequences, e.safeguards
        )
        if e.collected_for
        else None,
        consent=facts.Consent(e.consent_free, e.consent_explicit, e.consent_for_collaboration)
        if e.consent_free is not None
        else None,
        stance=facts.Stance(e.stance),
        emergency=facts.Emergency(e.emergency) if e.emergency else None,
        alternatives=frozenset(facts.Alternative(a) for a in e.alternatives),
    )


def emergency_exchanges(controller, *, since: date, until: date) -> dict[str, int]:
    """For the council report: exchanges that went ahead on a vital interest or a conflict of duties (seed 001)."""
    went_ahead = Exchange.objects.filter(
        controller=controller,
        status__in=[ExchangeStatus.ALLOWED, ExchangeStatus.WITHDRAWN],
        decided_at__date__gte=since,
        decided_at__date__lte=until,
    )
    return went_ahead.aggregate(
        vital_interest=Count("pk", filter=Q(vital_interest=True)),
        conflict_of_duties=Count("pk", filter=Q(conflict_of_duties=True)),
    )


def _counts(queryset: QuerySet, field: str, counted: str = "pk", distinct: bool = False) -> dict[str, int]:
    return dict(
        queryset.order_by().values_list(field).annotate(n=Count(counted, distinct=distinct)).values_list(field, "n")
    )


def aggregates(controller, *, today: date) -> dict:
    """Gecumuleerde informatie: de-personalised counts for management, no person in them."""
    open_involvements = Involvement.objects.filter(controller=controller, since__lte=today).filter(
        Q(until__isnull=True) | Q(until__gte=today)
    )
    return {
        "involvements_by_domain": _counts(open_involvements, "domain", "person", distinct=True),
        "cases_by_phase": _counts(Case.objects.filter(controller=controller), "phase"),
        "exchanges_by_status": _counts(Exchange.objects.filter(controller=controller), "status"),
        "emergencies": emergency_exchanges(controller, since=date(today.year, 1, 1), until=today),
    }


def cases_to_reassess(controller, *, today: date, window_days: int) -> list[Case]:
    """Open cases whose reassessment date has passed or falls within the window: the reminders' subject."""
    return list(
        cases_for(controller)
        .filter(phase__in=OPEN, reassess_on__isnull=False, reassess_on__lte=today + timedelta(days=window_days))
        .order_by("reassess_on", "reference")
    )


def anonymous_summary(case: Case, *, situation: str, today: date):
    """The case for an anonymous case conference (issue 6 item 8): its purpose, the reasoning of its triage
    decisions and the situation the regisseur describes, without the identifiers of its persons."""
    from doelbinding.casework import deidentify

    # A household keeps its address in its designation ("Gezin Jansen, Stationsweg 180, Voorbeeld"): each person
    # carries that of their own household, or the case's when theirs names none.
    case_address = deidentify.household_address(case.household.name if case.household else "")

    def address(person) -> dict[str, str]:
        own = deidentify.household_address(person.household.name if person.household else "")
        return own if any(own.values()) else case_address

    known = [
        deidentify.KnownPerson(
            given_names=p.given_names,
            surname=p.family_name,
            bsn=p.bsn,
            birth_date=p.birth_date,
            **address(p),
            role=str(_("kind")) if (today - p.birth_date).days < 18 * 365.25 else str(_("volwassene")),
        )
        for p in case.persons.select_related("household").order_by("birth_date")
    ]
    texts = [deidentify.CaseText(str(_("Doel van de casus")), case.purpose)]
    for decision in case.triage_decisions.all():
        label = f"{decision.get_moment_display()}, {decision.get_route_display()}"
        reasoning = [decision.purpose, decision.necessity, decision.proportionality, decision.subsidiarity]
        texts.append(deidentify.CaseText(label, "\n".join(part for part in reasoning if part)))
    if situation.strip():
        texts.append(deidentify.CaseText(str(_("Situatie")), situation))
    return deidentify.deidentify(known, texts, on=today)
