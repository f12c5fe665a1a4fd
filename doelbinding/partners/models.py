"""Partners of a municipality, the agreements that bind them and each agreement's clause checklist (seed 000 ch. 4)."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from doelbinding.core.models import HistoricalModel
from doelbinding.partners.checklists import CLAUSES


class PartnerKind(models.TextChoices):
    CORE = "core", _("Kernpartner die medewerkers detacheert")
    CHAIN = "chain", _("Ketenpartner")
    PROCESSOR = "processor", _("ICT-leverancier (verwerker)")
    CARE_PROVIDER = "care_provider", _("Zorgaanbieder")
    POLICE = "police", _("Politie")
    PROSECUTOR = "prosecutor", _("Openbaar Ministerie")
    HOUSING = "housing", _("Woningcorporatie")
    VEILIG_THUIS = "veilig_thuis", _("Veilig Thuis")
    ZVH = "zvh", _("Zorg- en Veiligheidshuis")
    OTHER_CASE = "other_case", _("Andere partner op casusniveau")


class Collaboration(models.TextChoices):
    """The three ways of working together of seed 000 §4.3."""

    OUTSOURCED = "outsourced", _("Taken uitbesteed of gemandateerd")
    PURCHASED_CARE = "purchased_care", _("Hulp en dienstverlening ingekocht")
    CASE_LEVEL = "case_level", _("Samenwerking op casusniveau")


class Partner(HistoricalModel):
    """An organisation a municipality works with in the social domain, as that municipality describes it."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    controller = models.ForeignKey(
        "tenancy.Organisation", on_delete=models.PROTECT, related_name="partner_records", verbose_name=_("gemeente")
    )
    organisation = models.OneToOneField(
        "tenancy.Organisation", on_delete=models.PROTECT, related_name="partner_record", verbose_name=_("organisatie")
    )
    kind = models.CharField(_("soort partner"), max_length=20, choices=PartnerKind.choices)
    collaboration = models.CharField(_("wijze van samenwerken"), max_length=20, choices=Collaboration.choices)
    domains = models.JSONField(_("domeinen"), default=list, blank=True, help_text=_("Codes van domeinen."))
    contact_name = models.CharField(_("contactpersoon"), max_length=200, blank=True)
    contact_email = models.EmailField(_("e-mail contactpersoon"), blank=True)
    dpo_name = models.CharField(_("eigen FG"), max_length=200, blank=True)
    dpo_email = models.EmailField(_("e-mail eigen FG"), blank=True)

    class Meta:
        ordering = ["organisation__name"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    def __str__(self) -> str:
        return self.organisation.name


class AgreementKind(models.TextChoices):
    PROCESSING = "processing", _("Verwerkersovereenkomst (AVG art. 28)")
    COVENANT = "covenant", _("Convenant")
    JOINT = "joint", _("Regeling gezamenlijke verwerkingsverantwoordelijken (AVG art. 26)")
    PROTOCOL = "protocol", _("Privacyprotocol")
    PURCHASE = "purchase", _("Inkoopcontract of subsidievoorwaarden")
    CONFIDENTIALITY = "confidentiality", _("Geheimhoudingsovereenkomst")


class AgreementStatus(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    ACTIVE = "active", _("Van kracht")
    ENDED = "ended", _("Beëindigd")


class Agreement(HistoricalModel):
    """A written arrangement with one or more partners about the careful handling of personal data."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    controller = models.ForeignKey(
        "tenancy.Organisation", on_delete=models.PROTECT, related_name="agreements", verbose_name=_("gemeente")
    )
    title = models.CharField(_("titel"), max_length=200)
    kind = models.CharField(_("soort afspraak"), max_length=20, choices=AgreementKind.choices)
    parties = models.ManyToManyField(Partner, related_name="agreements", verbose_name=_("partijen"))
    purposes = models.TextField(_("doelen"))
    activities = models.ManyToManyField(
        "register.Activity", blank=True, related_name="agreements", verbose_name=_("verwerkingsactiviteiten")
    )
    signed_on = models.DateField(_("ondertekend op"), null=True, blank=True)
    effective_from = models.DateField(_("van kracht vanaf"), null=True, blank=True)
    expires_on = models.DateField(_("loopt af op"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=AgreementStatus.choices, default=AgreementStatus.CONCEPT
    )
    public = models.BooleanField(_("openbaar"), default=True)
    # Seed 001 §3.2.4: the RASIC result feeds the covenants and contracts with partners.
    accountable_role = models.ForeignKey(
        "governance.GovernanceRole",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agreements_accountable",
        verbose_name=_("eindverantwoordelijke rol"),
        help_text=_("De rol die bij de gemeente eindverantwoordelijk is voor deze afspraak (A)."),
    )
    contact_role = models.ForeignKey(
        "governance.GovernanceRole",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agreements_contact",
        verbose_name=_("rol van het aanspreekpunt"),
        help_text=_("De rol bij de gemeente waar de partner terecht kan met vragen en meldingen."),
    )

    class Meta:
        ordering = ["title"]
        verbose_name = _("afspraak")
        verbose_name_plural = _("afspraken")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        problems = {}
        if self.signed_on and self.effective_from and self.effective_from < self.signed_on:
            problems["effective_from"] = _("De ingangsdatum ligt vóór de datum van ondertekening.")
        if self.effective_from and self.expires_on and self.expires_on <= self.effective_from:
            problems["expires_on"] = _("De einddatum moet na de ingangsdatum liggen.")
        for name in ("accountable_role", "contact_role"):
            role = getattr(self, name)
            if role is not None and role.controller_id != self.controller_id:
                problems[name] = _("Kies een rol van deze gemeente.")
        if problems:
            raise ValidationError(problems)


class ClauseStatus(models.TextChoices):
    OPEN = "open", _("Nog niet beoordeeld")
    PRESENT = "present", _("Aanwezig")
    ABSENT = "absent", _("Ontbreekt")
    NOT_APPLICABLE = "not_applicable", _("Niet van toepassing")


class AgreementClause(HistoricalModel):
    """One item of an agreement's checklist: is it in the agreement, and where."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="clauses")
    clause = models.CharField(_("onderdeel"), max_length=60)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    status = models.CharField(_("status"), max_length=20, choices=ClauseStatus.choices, default=ClauseStatus.OPEN)
    article = models.CharField(_("vindplaats"), max_length=100, blank=True)

    class Meta:
        ordering = ["position"]
        verbose_name = _("onderdeel van de afspraak")
        verbose_name_plural = _("onderdelen van de afspraak")
        constraints = [models.UniqueConstraint(fields=["agreement", "clause"], name="agreement_clause_once")]

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        return CLAUSES[self.clause].text

    @property
    def source(self) -> str:
        return CLAUSES[self.clause].source

    @property
    def mandatory(self) -> bool:
        return CLAUSES[self.clause].mandatory


def _document_path(document: "AgreementDocument", filename: str) -> str:
    """MEDIA_ROOT is never served: the application streams documents. Stored names reveal nothing of the upload."""
    return f"agreements/{document.agreement.controller.uuid}/{document.uuid}.{document.document_type}"


class DocumentType(models.TextChoices):
    PDF = "pdf", _("PDF-bestand")
    DOCX = "docx", _("Word-bestand")


class AgreementDocument(models.Model):
    """The text of an agreement as a file. Uploads add a document; the newest is the current text."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="documents")
    file = models.FileField(_("bestand"), upload_to=_document_path, max_length=200)
    name = models.CharField(_("bestandsnaam"), max_length=200, help_text=_("De naam van het bestand bij uploaden."))
    document_type = models.CharField(_("soort bestand"), max_length=10, choices=DocumentType.choices)
    size = models.PositiveBigIntegerField(_("grootte (bytes)"))
    sha256 = models.CharField(_("controlegetal (SHA-256)"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("door")
    )
    uploaded_at = models.DateTimeField(_("toegevoegd op"), auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        verbose_name = _("document van een afspraak")
        verbose_name_plural = _("documenten van afspraken")

    def __str__(self) -> str:
        return self.name


class ObligationKind(models.TextChoices):
    """What a processor owes the municipality over time (seed 002 Bijlage 2, AVG art. 28(3)(f) and (h), 33(2))."""

    YEARLY_REPORT = "yearly_report", _("Jaarlijks verslag over de beveiligingsmaatregelen")
    AUDIT = "audit", _("Audit of inspectie")
    SUBPROCESSOR = "subprocessor", _("Toestemming voor een subverwerker")
    BREACH_NOTICE = "breach_notice", _("Melding van een beveiligingsincident door de verwerker")


class Obligation(HistoricalModel):
    """One fulfilment of an obligation under an agreement: a report received, an audit done, an approval, a notice."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="obligations")
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="obligations", verbose_name=_("partij"))
    kind = models.CharField(_("soort"), max_length=20, choices=ObligationKind.choices)
    occurred_on = models.DateField(
        _("datum"), help_text=_("Wanneer het verslag of de melding binnenkwam, de audit plaatsvond of u besliste.")
    )
    subprocessor = models.CharField(
        _("subverwerker"), max_length=200, blank=True, help_text=_("Alleen bij toestemming voor een subverwerker.")
    )
    approved = models.BooleanField(
        _("toestemming gegeven"), null=True, blank=True, help_text=_("Alleen bij toestemming voor een subverwerker.")
    )
    incident_reference = models.CharField(
        _("kenmerk incident"),
        max_length=100,
        blank=True,
        help_text=_("Bij een melding: het kenmerk waaronder de gemeente het incident behandelt."),
    )
    notes = models.TextField(_("toelichting"), blank=True, help_text=_("Bevindingen, afspraken of vervolgstappen."))

    class Meta:
        ordering = ["-occurred_on", "-id"]
        verbose_name = _("verplichting uit een afspraak")
        verbose_name_plural = _("verplichtingen uit afspraken")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.occurred_on:%d-%m-%Y})"

    def clean(self) -> None:
        problems = {}
        if self.occurred_on and self.occurred_on > timezone.localdate():
            problems["occurred_on"] = _("De datum ligt in de toekomst; leg vast wat al is gebeurd.")
        if self.kind == ObligationKind.SUBPROCESSOR:
            if not self.subprocessor.strip():
                problems["subprocessor"] = _("Noem de subverwerker.")
            if self.approved is None:
                problems["approved"] = _("Geef aan of de gemeente toestemming gaf.")
        elif self.subprocessor or self.approved is not None:
            problems["subprocessor"] = _("Een subverwerker en toestemming horen alleen bij een verzoek om toestemming.")
        if problems:
            raise ValidationError(problems)


class InformationLevel(models.TextChoices):
    """The information model of seed 002 §4: that someone is known, or what is known."""

    INVOLVEMENT = "involvement", _("Dat-informatie (betrokkenheid)")
    CONTENT = "content", _("Wat-informatie (inhoud)")


class InformationShare(HistoricalModel):
    """Under a covenant: which partner may see which level of information of which domain, for which purpose.

    Case work reads these rows; a partner that is not a party to the covenant is a 'schil' partner (seed 003).
    """

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="information_shares")
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="information_shares")
    domain = models.CharField(_("domein"), max_length=40, help_text=_("Code van het domein waaruit informatie komt."))
    level = models.CharField(_("niveau"), max_length=20, choices=InformationLevel.choices)
    purpose = models.CharField(_("doel"), max_length=300)

    class Meta:
        ordering = ["partner__organisation__name", "domain"]
        verbose_name = _("informatiedeling onder een convenant")
        verbose_name_plural = _("informatiedelingen onder convenanten")
        constraints = [
            models.UniqueConstraint(fields=["agreement", "partner", "domain"], name="information_share_once")
        ]

    def __str__(self) -> str:
        return f"{self.partner} — {self.domain} ({self.get_level_display()})"


class ExpiryReminder(models.Model):
    """That the reminder for this agreement's expiry date went out; the reminder command sends each only once."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="expiry_reminders")
    expires_on = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agreement", "expires_on"], name="expiry_reminder_once")]

    def __str__(self) -> str:
        return f"{self.agreement} ({self.expires_on:%d-%m-%Y})"
