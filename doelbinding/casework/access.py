"""Access by purpose (DESIGN §3.3): who sees which of a person's dat- and wat-informatie, decided per record, and
every look through the gate (processinglog/gate.py), allowed or refused.

policy.py says who may try at all (the capability). The record rules here then decide per domain, case and
exchange; a refusal is logged like a refusal of the policy (`gate.refuse`). A record of another municipality is a
404 before anything else, and is not logged in this municipality's log. docs/casework.md has the full table.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from django.db.models import Q

from doelbinding.casework import selectors
from doelbinding.casework.models import Case, Exchange, ExchangeStatus, Person
from doelbinding.partners.models import InformationLevel
from doelbinding.partners.selectors import information_shares_in_force
from doelbinding.policy import Cap
from doelbinding.processinglog.gate import Access, LogUnavailable, refuse, through_gate
from doelbinding.processinglog.models import Action, Scope
from doelbinding.register.models import DatasetStatus, TaskDataset

T = TypeVar("T")
PURPOSE_MIN_LENGTH = 10


def version(activity):
    """The established version of a register activity; without one no personal data is shown (fail closed)."""
    found = selectors.established_version(activity)
    if found is None:
        raise LogUnavailable(f"register activity {activity} has no established version")
    return found


def bound(controller, use: str):
    found = selectors.bound_version(controller, use)
    if found is None:
        raise LogUnavailable(f"no register activity bound to case-work use {use}")
    return found


def look(
    request,
    *,
    cap: Cap,
    activity,
    subjects: Sequence[str],
    purpose: str,
    fetch: Callable[[], T],
    allowed: bool = True,
    action: str = Action.READ,
    scope: str = Scope.INVOLVEMENT,
    domain: str = "",
    case: Case | None = None,
) -> T:
    """One look at personal data: refused and logged when the policy or the record rule (`allowed`) says no;
    otherwise logged and fetched in one transaction."""
    access = Access(
        action=action,
        scope=scope,
        purpose=str(purpose)[:300],
        activity=activity,
        subjects=list(subjects),
        domain=domain,
        case_reference=case.reference if case else "",
    )
    if not allowed:
        refuse(request, access, cap=cap)
    return through_gate(request, access, fetch, cap=cap)


def bsns(persons) -> list[str]:
    return [p.bsn for p in persons]


# Record rules: plain decisions on what the request acts as and what the record is.


def own_domain(request, domain: str) -> bool:
    return domain in request.acting.domains


def case_role(request, case: Case) -> str:
    """'regisseur', 'participant' (an active participant in person) or '' for anyone else."""
    user = request.user
    if case.regisseur_id == user.pk:
        return "regisseur"
    if case.participants.filter(user=user, left_on__isnull=True).exists():
        return "participant"
    return ""


def provides(request, exchange: Exchange) -> bool:
    """A professional of the providing domain: the provider keeps control (rule of thumb 4)."""
    return own_domain(request, exchange.provider_domain)


def receives(request, exchange: Exchange) -> bool:
    """The recipient within the case: its regisseur, or a participant in person for the receiving domain or
    partner. A partner receives content only while its covenant lets it see the providing domain's content."""
    case, user = exchange.case, request.user
    if case.regisseur_id == user.pk:
        return True
    participation = case.participants.filter(user=user, left_on__isnull=True)
    if exchange.recipient_domain:
        return (
            exchange.recipient_domain in request.acting.domains
            and participation.filter(domain=exchange.recipient_domain).exists()
        )
    if not participation.filter(partner=exchange.recipient_partner).exists():
        return False
    shares = information_shares_in_force(case.controller, exchange.recipient_partner)
    return any(s.level == InformationLevel.CONTENT for s in shares.get(exchange.provider_domain, []))


def sees_shared_content(request, exchange: Exchange) -> bool:
    """Shared content is visible to the recipient while the exchange stands and its case is open: a withdrawal, or
    closing the case, ends it at once. The providing domain sees its own entries (within its task data set)."""
    if provides(request, exchange):
        return True
    return exchange.status == ExchangeStatus.ALLOWED and exchange.case.is_open and receives(request, exchange)


def dataset_categories(request, domain: str) -> set[int] | None:
    """The categories the user's task data sets allow in this domain (seed 002 §2.1); None: no data set at all."""
    datasets = TaskDataset.objects.filter(
        controller=request.acting.controller,
        status=DatasetStatus.ESTABLISHED,
        role__in=request.acting.roles,
        task="",
    ).filter(Q(domain=domain) | Q(domain=""))
    ids = set(datasets.values_list("categories", flat=True))
    return ids - {None} if datasets.exists() else None


def within_dataset(entries, allowed: set[int] | None) -> tuple[list, int]:
    """The entries whose categories all fall within the data set, and how many were held back."""
    if allowed is None:
        return [], len(entries)
    shown = [e for e in entries if {c.pk for c in e.data_categories.all()} <= allowed]
    return shown, len(entries) - len(shown)


def case_involvement_domains(request, case: Case, role: str) -> set[str] | None:
    """Which domains' involvements the case page shows: all for the regisseur and the municipality's own
    participants (the triage decision is their stated purpose); for a partner's participant only the domains its
    covenant shares. None: all."""
    if role == "regisseur" or request.acting.domains:
        return None
    partners = [p.partner for p in case.participants.filter(user=request.user, partner__isnull=False)]
    return {code for partner in partners for code in information_shares_in_force(case.controller, partner)}


def person_cases(request, person: Person) -> list[Case]:
    """The person's cases that the user directs or takes part in."""
    return [c for c in selectors.cases_of_person(person) if case_role(request, c)]
