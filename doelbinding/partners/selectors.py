"""Read functions for partners and agreements, always scoped to one controller, and the gap worklist."""

from __future__ import annotations

from uuid import UUID

from django.conf import settings
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from doelbinding.partners import rules
from doelbinding.partners.models import Agreement, Partner
from doelbinding.register.selectors import current_versions
from doelbinding.tenancy.models import Domain


def partners_for(controller, *, query: str = "") -> QuerySet[Partner]:
    partners = Partner.objects.filter(controller=controller).select_related("organisation")
    for word in query.split():
        partners = partners.filter(Q(organisation__name__icontains=word) | Q(contact_name__icontains=word))
    return partners


def partner_get(controller, uuid: UUID) -> Partner:
    try:
        partner = partners_for(controller).get(uuid=uuid)
    except Partner.DoesNotExist:
        raise Http404 from None
    names = Domain.names()
    partner.domain_labels = [names.get(code, code) for code in partner.domains]
    return partner


def agreements_for(controller, *, query: str = "") -> QuerySet[Agreement]:
    agreements = (
        Agreement.objects.filter(controller=controller)
        .prefetch_related("parties__organisation", "activities", "clauses")
        .order_by("title")
    )
    for word in query.split():
        agreements = agreements.filter(Q(title__icontains=word) | Q(purposes__icontains=word))
    return agreements


def agreement_get(controller, uuid: UUID) -> Agreement:
    try:
        return agreements_for(controller).get(uuid=uuid)
    except Agreement.DoesNotExist:
        raise Http404 from None


def changes(record) -> list[dict]:
    """Who changed the record when and why, newest first."""
    return [
        {"when": row.history_date, "who": row.history_user, "reason": row.history_change_reason, "what": []}
        for row in record.history.select_related("history_user").order_by("-history_date", "-history_id")
    ]


def agreement_facts(agreement: Agreement) -> rules.AgreementFacts:
    return rules.AgreementFacts(
        key=str(agreement.uuid),
        title=agreement.title,
        kind=agreement.kind,
        status=agreement.status,
        parties=frozenset(str(p.uuid) for p in agreement.parties.all()),
        activities=frozenset(str(a.uuid) for a in agreement.activities.all()),
        expires_on=agreement.expires_on,
        clauses=tuple(rules.ClauseFacts(c.text, c.status, c.mandatory) for c in agreement.clauses.all()),
    )


def worklist(controller) -> list[rules.Finding]:
    """The agreements to make or amend (seed 000 step 4.4) for this controller."""
    partners = [rules.PartnerFacts(str(p.uuid), p.organisation.name, p.kind) for p in partners_for(controller)]
    activities = [
        rules.ActivityFacts(str(v.activity.uuid), f"{v.activity.reference} {v.name}", v.processors)
        for v in current_versions(controller)
    ]
    return rules.worklist(
        partners,
        [agreement_facts(a) for a in agreements_for(controller)],
        activities,
        today=timezone.localdate(),
        window_days=settings.PARTNERS_EXPIRY_WINDOW_DAYS,
    )
