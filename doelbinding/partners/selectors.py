"""Read functions for partners and agreements, always scoped to one controller, and the gap worklist."""

from __future__ import annotations

from uuid import UUID

from django.conf import settings
from django.db.models import Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from doelbinding.partners import maps, rules
from doelbinding.partners.models import (
    Agreement,
    AgreementStatus,
    Collaboration,
    InformationShare,
    ObligationKind,
    Partner,
)
from doelbinding.register.history import changes_of
from doelbinding.register.selectors import current_versions
from doelbinding.tenancy.models import Domain


def partners_for(controller, *, query: str = "") -> QuerySet[Partner]:
    partners = Partner.objects.filter(controller=controller).select_related("organisation")
    for word in query.split():
        partners = partners.filter(Q(organisation__name__icontains=word) | Q(contact_name__icontains=word))
    return partners


def _with_domain_labels(partners, names: dict[str, str]):
    for partner in partners:
        partner.domain_labels = [names.get(code, code) for code in partner.domains]
    return partners


def partner_get(controller, uuid: UUID) -> Partner:
    try:
        partner = partners_for(controller).get(uuid=uuid)
    except Partner.DoesNotExist:
        raise Http404 from None
    return _with_domain_labels([partner], Domain.names())[0]


def partners_with_domains(controller) -> list[Partner]:
    return _with_domain_labels(list(partners_for(controller)), Domain.names())


def agreements_for(controller, *, query: str = "") -> QuerySet[Agreement]:
    agreements = (
        Agreement.objects.filter(controller=controller)
        .prefetch_related(
            "parties__organisation",
            "activities",
            "clauses",
            "obligations__partner__organisation",
            "documents__uploaded_by",
        )
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


def changes(record, fields: list[str]) -> list[dict]:
    """Who changed the record when and why, and which of `fields` changed, newest first."""
    return changes_of(record, fields=fields)


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
        effective_from=agreement.effective_from,
        yearly_reports=tuple(
            (str(o.partner.uuid), o.occurred_on)
            for o in agreement.obligations.all()
            if o.kind == ObligationKind.YEARLY_REPORT
        ),
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
        report_period_days=settings.PARTNERS_YEARLY_REPORT_DAYS,
    )


def expiring_agreements(controller, *, today, window_days: int) -> list[Agreement]:
    """Agreements in force that expired or expire within the window: what the reminders are about."""
    agreements = {str(a.uuid): a for a in agreements_for(controller)}
    findings = rules.expiring([agreement_facts(a) for a in agreements.values()], today=today, window_days=window_days)
    return sorted((agreements[f.key] for f in findings), key=lambda a: (a.expires_on, a.title))


def information_picture(agreement: Agreement) -> dict:
    """Per partner and domain which information the covenant lets them see, and for which purpose.

    A partner with a share that is not a party to the covenant is a 'schil' partner (seed 003, part 3).
    """
    shares = list(agreement.information_shares.select_related("partner__organisation"))
    names = Domain.names()
    domains = sorted({s.domain for s in shares}, key=lambda code: list(names).index(code) if code in names else 99)
    parties = {p.pk for p in agreement.parties.all()}
    rows: dict[int, dict] = {}
    for share in shares:
        share.domain_label = names.get(share.domain, share.domain)
        row = rows.setdefault(
            share.partner_id, {"partner": share.partner, "party": share.partner_id in parties, "cells": {}}
        )
        row["cells"][share.domain] = share
    return {
        "domains": [(code, names.get(code, code)) for code in domains],
        "rows": [
            {**row, "cells": [row["cells"].get(code) for code in domains]}
            for row in sorted(rows.values(), key=lambda r: (not r["party"], r["partner"].organisation.name))
        ],
    }


def information_shares_in_force(controller, partner: Partner) -> dict[str, list]:
    """For case work: per domain code, the shares of active covenants that let this partner see information."""
    shares: dict[str, list] = {}
    for share in InformationShare.objects.filter(
        agreement__controller=controller,
        agreement__status=AgreementStatus.ACTIVE,
        agreement__kind__in=rules.SHARING_KINDS,
        partner=partner,
    ).select_related("agreement"):
        shares.setdefault(share.domain, []).append(share)
    return shares


def public_agreements(controller, *, today) -> QuerySet[Agreement]:
    """What citizens see: agreements in force, not expired, that the municipality made public (seed 000 §4.4)."""
    return (
        Agreement.objects.filter(controller=controller, public=True, status=AgreementStatus.ACTIVE)
        .filter(Q(expires_on__isnull=True) | Q(expires_on__gte=today))
        .prefetch_related("parties__organisation", "documents")
        .order_by("kind", "title")
    )


def public_document_get(controller, uuid: UUID, *, today):
    """The current text of a public agreement; anything else is a 404."""
    agreement = public_agreements(controller, today=today).filter(uuid=uuid).first()
    document = agreement and agreement.documents.first()
    if document is None:
        raise Http404
    return document


def stakeholder_map(controller, *, links: bool = True) -> str:
    """The SVG picture of seed 000 §4.2-4.3: every partner by way of working together and domain.

    With links, each box leads to the partner's page; a downloaded file goes without, as its links would be dead.
    """
    partners = [
        maps.MapPartner(
            name=p.organisation.name,
            kind_label=str(p.get_kind_display()),
            collaboration=p.collaboration,
            domains=tuple(p.domains),
            url=reverse("partners:partner_detail", kwargs={"uuid": p.uuid}),
        )
        for p in partners_for(controller)
    ]
    labels = {value: str(label) for value, label in Collaboration.choices}
    return maps.stakeholder_map(controller.name, partners, domain_names=Domain.names(), collaboration_labels=labels)
