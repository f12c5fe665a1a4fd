"""Write functions for partners and agreements: one transaction each, with history and the actor."""

from __future__ import annotations

from collections.abc import Iterable

import structlog
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from doelbinding.core.services import save_with_history
from doelbinding.partners.checklists import checklist
from doelbinding.partners.models import Agreement, AgreementClause, Partner
from doelbinding.register.models import Activity
from doelbinding.tenancy import services as tenancy_services
from doelbinding.tenancy.models import Domain, Organisation, OrganisationKind

log = structlog.get_logger(__name__)

PARTNER_FIELDS = ["kind", "collaboration", "domains", "contact_name", "contact_email", "dpo_name", "dpo_email"]
AGREEMENT_FIELDS = ["title", "kind", "purposes", "signed_on", "effective_from", "expires_on", "status", "public"]


def _organisation(*, actor, controller, name: str) -> Organisation:
    """The partner organisation of this controller with that name; created when there is none yet."""
    existing = Organisation.objects.filter(controller=controller, kind=OrganisationKind.PARTNER, name=name).first()
    if existing is not None:
        return existing
    base = slugify(f"{controller.slug}-{name}")[:70]
    slug, n = base, 1
    while Organisation.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return tenancy_services.organisation_create(
        actor=actor, kind=OrganisationKind.PARTNER, name=name, slug=slug, controller=controller
    )


def _apply_partner(partner: Partner, fields: dict, *, actor, reason: str) -> Partner:
    for name in PARTNER_FIELDS:
        setattr(partner, name, fields[name])
    unknown = sorted(set(partner.domains) - set(Domain.names()))
    if unknown:
        raise ValidationError({"domains": [_("Onbekend domein: %(codes)s.") % {"codes": ", ".join(unknown)}]})
    partner.full_clean()
    save_with_history(partner, actor=actor, reason=reason)
    return partner


@transaction.atomic
def partner_create(*, actor, controller, name: str, fields: dict) -> Partner:
    organisation = _organisation(actor=actor, controller=controller, name=name)
    if Partner.objects.filter(organisation=organisation).exists():
        raise ValidationError({"name": [_("Deze organisatie staat al in de lijst van partners.")]})
    partner = _apply_partner(
        Partner(controller=controller, organisation=organisation), fields, actor=actor, reason="aangemaakt"
    )
    log.info("partner_created", partner=str(partner.uuid))
    return partner


@transaction.atomic
def partner_edit(*, actor, partner: Partner, fields: dict) -> Partner:
    _apply_partner(partner, fields, actor=actor, reason="gewijzigd")
    log.info("partner_edited", partner=str(partner.uuid))
    return partner


def _sync_checklist(agreement: Agreement, *, actor) -> None:
    """Give the agreement the clauses its kind and its parties' ways of working need; keep earlier assessments."""
    codes = checklist(agreement.kind, (p.collaboration for p in agreement.parties.all()))
    agreement.clauses.exclude(clause__in=codes).delete()
    existing = {c.clause: c for c in agreement.clauses.all()}
    for position, code in enumerate(codes):
        clause = existing.get(code) or AgreementClause(agreement=agreement, clause=code)
        if clause.pk is None or clause.position != position:
            clause.position = position
            save_with_history(clause, actor=actor, reason="controlelijst")


def _apply_agreement(
    agreement: Agreement, fields: dict, parties: list[Partner], activities: list[Activity], *, actor, reason: str
) -> Agreement:
    for name in AGREEMENT_FIELDS:
        setattr(agreement, name, fields[name])
    problems: dict[str, list[str]] = {}
    if not parties:
        problems["parties"] = [_("Kies minstens één partij.")]
    if any(p.controller_id != agreement.controller_id for p in parties):
        problems["parties"] = [_("Kies partners van deze gemeente.")]
    if any(a.controller_id != agreement.controller_id for a in activities):
        problems["activities"] = [_("Kies verwerkingsactiviteiten van deze gemeente.")]
    if problems:
        raise ValidationError(problems)
    agreement.full_clean()
    save_with_history(agreement, actor=actor, reason=reason)
    agreement.parties.set(parties)
    agreement.activities.set(activities)
    _sync_checklist(agreement, actor=actor)
    return agreement


@transaction.atomic
def agreement_create(
    *, actor, controller, fields: dict, parties: Iterable[Partner], activities: Iterable[Activity] = ()
) -> Agreement:
    agreement = _apply_agreement(
        Agreement(controller=controller), fields, list(parties), list(activities), actor=actor, reason="aangemaakt"
    )
    log.info("agreement_created", agreement=str(agreement.uuid))
    return agreement


@transaction.atomic
def agreement_edit(
    *, actor, agreement: Agreement, fields: dict, parties: Iterable[Partner], activities: Iterable[Activity] = ()
) -> Agreement:
    _apply_agreement(agreement, fields, list(parties), list(activities), actor=actor, reason="gewijzigd")
    log.info("agreement_edited", agreement=str(agreement.uuid))
    return agreement


@transaction.atomic
def checklist_assess(*, actor, agreement: Agreement, assessments: dict[str, tuple[str, str]]) -> Agreement:
    """Record per clause code its status and the article where it is found."""
    for clause in agreement.clauses.all():
        if clause.clause not in assessments:
            continue
        status, article = assessments[clause.clause]
        if (clause.status, clause.article) != (status, article):
            clause.status, clause.article = status, article
            clause.full_clean()
            save_with_history(clause, actor=actor, reason="beoordeeld")
    log.info("agreement_checklist_assessed", agreement=str(agreement.uuid), clauses=len(assessments))
    return agreement
