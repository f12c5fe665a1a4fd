"""Partners of a municipality, the agreements that bind them and each agreement's clause checklist (seed 000 ch. 4)."""

import uuid

from django.core.exceptions import ValidationError
from django.db import models
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
