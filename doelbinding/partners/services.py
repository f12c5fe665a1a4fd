"""Write functions for partners and agreements: one transaction each, with history and the actor."""

from __future__ import annotations

from collections.abc import Iterable

import structlog
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from doelbinding.core.services import save_with_history
from doelbinding.partners import documents, rules
from doelbinding.partners.checklists import checklist
from doelbinding.partners.models import (
    Agreement,
    AgreementClause,
    AgreementDocument,
    ExpiryReminder,
    InformationShare,
    Obligation,
    Partner,
)
from doelbinding.policy import POLICY, Cap
from doelbinding.register.models import Activity
from doelbinding.tenancy import services as tenancy_services
from doelbinding.tenancy.models import Domain, Organisation, OrganisationKind

log = structlog.get_logger(__name__)

PARTNER_FIELDS = ["kind", "collaboration", "domains", "contact_name", "contact_email", "dpo_name", "dpo_email"]
AGREEMENT_FIELDS = [
    "title",
    "kind",
    "purposes",
    "signed_on",
    "effective_from",
    "expires_on",
    "status",
    "public",
    "accountable_role",
    "contact_role",
]


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
        if name in fields:  # the roles are optional: an agreement may be recorded before the RASIC is settled
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


def document_add(*, actor, agreement: Agreement, upload) -> AgreementDocument:
    """Store the agreement's text; a file that is too large or not a PDF/DOCX is refused and nothing is stored."""
    checked = documents.check(upload, max_bytes=settings.PARTNERS_DOCUMENT_MAX_BYTES)
    document = AgreementDocument(
        agreement=agreement,
        name=checked.name,
        document_type=checked.document_type,
        size=checked.size,
        sha256=checked.sha256,
        uploaded_by=actor,
    )
    try:
        with transaction.atomic():
            document.file.save(f"upload.{checked.document_type}", upload, save=False)
            document.save()
    except BaseException:
        if document.file.name:
            document.file.storage.delete(document.file.name)
        raise
    log.info("agreement_document_added", agreement=str(agreement.uuid), document=str(document.uuid))
    return document


OBLIGATION_FIELDS = ["kind", "occurred_on", "subprocessor", "approved", "incident_reference", "notes"]


@transaction.atomic
def obligation_record(*, actor, agreement: Agreement, partner: Partner, fields: dict) -> Obligation:
    """Record that a party fulfilled an obligation under the agreement (a report, an audit, an approval, a notice)."""
    if not agreement.parties.filter(pk=partner.pk).exists():
        raise ValidationError({"partner": [_("Kies een partij van deze afspraak.")]})
    if fields["kind"] in rules.PROCESSOR_OBLIGATIONS and agreement.kind != rules.PROCESSING:
        raise ValidationError({"kind": [_("Een jaarverslag of subverwerker hoort bij een verwerkersovereenkomst.")]})
    obligation = Obligation(agreement=agreement, partner=partner, **{name: fields[name] for name in OBLIGATION_FIELDS})
    obligation.full_clean()
    save_with_history(obligation, actor=actor, reason="vastgelegd")
    log.info("agreement_obligation_recorded", agreement=str(agreement.uuid), kind=obligation.kind)
    return obligation


@transaction.atomic
def information_share_set(
    *, actor, agreement: Agreement, partner: Partner, domain: str, level: str, purpose: str
) -> InformationShare:
    """Which information of a domain a partner may see under this covenant, and why; replaces an earlier choice."""
    if agreement.kind not in rules.SHARING_KINDS:
        raise ValidationError(_("Alleen een convenant, privacyprotocol of regeling art. 26 regelt informatiedeling."))
    if partner.controller_id != agreement.controller_id:
        raise ValidationError({"partner": [_("Kies een partner van deze gemeente.")]})
    if domain not in Domain.names():
        raise ValidationError({"domain": [_("Onbekend domein.")]})
    share = InformationShare.objects.filter(agreement=agreement, partner=partner, domain=domain).first()
    share = share or InformationShare(agreement=agreement, partner=partner, domain=domain)
    share.level, share.purpose = level, purpose.strip()
    share.full_clean()
    save_with_history(share, actor=actor, reason="informatiedeling vastgelegd")
    log.info("information_share_set", agreement=str(agreement.uuid), domain=domain, level=level)
    return share


@transaction.atomic
def information_share_remove(*, actor, share: InformationShare) -> None:
    share._history_user = actor  # type: ignore[attr-defined]
    share._change_reason = "informatiedeling ingetrokken"  # type: ignore[attr-defined]
    share.delete()
    log.info("information_share_removed", agreement=str(share.agreement.uuid), domain=share.domain)


def _reminder_recipients(controller) -> list[str]:
    from doelbinding.tenancy.selectors import staff_visible

    roles = POLICY[Cap.EDIT_PARTNERS]
    return sorted(
        {m.user.email for m in staff_visible(controller).filter(active=True) if set(m.roles) & roles and m.user.email}
    )


@transaction.atomic
def expiry_reminders_send(*, controller, agreements: list[Agreement]) -> list[Agreement]:
    """Mail the privacy staff once per agreement and expiry date; returns the agreements newly reminded of."""
    sent = set(ExpiryReminder.objects.filter(agreement__in=agreements).values_list("agreement_id", "expires_on"))
    new = [a for a in agreements if (a.pk, a.expires_on) not in sent]
    recipients = _reminder_recipients(controller)
    if not new or not recipients:
        return []
    ExpiryReminder.objects.bulk_create([ExpiryReminder(agreement=a, expires_on=a.expires_on) for a in new])
    lines = "\n".join(f"- {a.title}: loopt af op {a.expires_on:%d-%m-%Y}" for a in new)
    body = _(
        "De volgende afspraken van %(gemeente)s lopen binnenkort af of zijn verlopen:\n\n%(lines)s\n\n"
        "Verleng of vernieuw ze op tijd; de werklijst afspraken in Doelbinding toont wat er verder nog moet gebeuren."
    ) % {"gemeente": controller.name, "lines": lines}
    subject = _("Afspraken die aflopen — %(gemeente)s") % {"gemeente": controller.name}
    transaction.on_commit(lambda: send_mail(subject, body, None, recipients))
    log.info("agreement_expiry_reminders_sent", controller=str(controller.uuid), agreements=len(new))
    return new
