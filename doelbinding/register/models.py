"""The register of processing activities (AVG art. 30) with its legal reference library.

An `Activity` is the stable identity of one processing activity of one controller; its content lives in numbered
`ActivityVersion`s. A version is a concept until it is established; an established version never changes again
(editing it makes a new concept version) and keeps a citable URI that the processing log stores.

Below them: the BRP usage register (`BrpUsage`, seed 002 §3) and the data sets per task package (`TaskDataset`,
seed 002 §2.1) with their extension requests and steps.
"""

import uuid
from datetime import date
from typing import cast

from django.db import models
from django.db.models import Q
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from doelbinding.core.models import HistoricalModel
from doelbinding.policy import Role
from doelbinding.tenancy.models import Domain


class Law(models.Model):
    """A law or regulation the register cites (AVG, UAVG, Wmo 2015, Jeugdwet, ...). Reference data."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("naam"), max_length=200)
    abbreviation = models.CharField(_("afkorting"), max_length=40)
    note = models.TextField(_("toelichting"), blank=True)

    class Meta:
        ordering = ["abbreviation"]
        verbose_name = _("wet")
        verbose_name_plural = _("wetten")

    def __str__(self) -> str:
        return self.abbreviation


class ProvisionKind(models.TextChoices):
    LAWFUL_BASIS = "lawful_basis", _("Grondslag (AVG art. 6 lid 1)")
    SPECIAL_EXCEPTION = "special_exception", _("Uitzondering bijzondere persoonsgegevens (AVG art. 9 lid 2)")
    UAVG = "uavg", _("Artikel van de UAVG")
    SECTOR = "sector", _("Artikel van een materiewet")


class Provision(models.Model):
    """One article (or sub-paragraph) of a law, described in the project's own words. Reference data."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    law = models.ForeignKey(Law, on_delete=models.PROTECT, related_name="provisions", verbose_name=_("wet"))
    kind = models.CharField(_("soort"), max_length=20, choices=ProvisionKind.choices)
    article = models.CharField(_("artikel"), max_length=40, help_text=_("Bijvoorbeeld ‘6 lid 1 sub e’ of ‘2.3.2’."))
    title = models.CharField(_("omschrijving"), max_length=200)
    explanation = models.TextField(_("toelichting"), blank=True)

    class Meta:
        ordering = ["law__abbreviation", "code"]
        verbose_name = _("wetsartikel")
        verbose_name_plural = _("wetsartikelen")

    def __str__(self) -> str:
        return f"{self.law.abbreviation} art. {self.article} — {self.title}"


class DataCategory(models.Model):
    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("naam"), max_length=200)
    special = models.BooleanField(_("bijzonder persoonsgegeven (art. 9)"), default=False)
    criminal = models.BooleanField(_("strafrechtelijk gegeven (art. 10)"), default=False)
    identifier = models.BooleanField(_("wettelijk identificatienummer (BSN)"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("categorie persoonsgegevens")
        verbose_name_plural = _("categorieën persoonsgegevens")

    def __str__(self) -> str:
        return self.name


class SubjectCategory(models.Model):
    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("naam"), max_length=200)

    class Meta:
        ordering = ["name"]
        verbose_name = _("categorie betrokkenen")
        verbose_name_plural = _("categorieën betrokkenen")

    def __str__(self) -> str:
        return self.name


class Activity(models.Model):
    """The stable identity of a processing activity; its content is in its versions."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    controller = models.ForeignKey(
        "tenancy.Organisation", on_delete=models.PROTECT, related_name="activities", verbose_name=_("gemeente")
    )
    number = models.PositiveIntegerField(_("nummer"), help_text=_("Volgnummer binnen de gemeente."))
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("verwerkingsactiviteit")
        verbose_name_plural = _("verwerkingsactiviteiten")
        constraints = [models.UniqueConstraint(fields=["controller", "number"], name="activity_number_per_controller")]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return activity_reference(self.number)


def activity_reference(number: int) -> str:
    return f"VA-{number:04d}"


def version_uri(controller_slug: str, number: int, version: int) -> str:
    """The citable id of version `version` of the controller's activity `number`."""
    return f"urn:doelbinding:{controller_slug}:verwerking:{activity_reference(number)}:v{version}"


class Status(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    ESTABLISHED = "established", _("Vastgesteld")
    LAPSED = "lapsed", _("Vervallen")


class DpiaStatus(models.TextChoices):
    UNKNOWN = "unknown", _("Nog niet beoordeeld")
    NOT_NEEDED = "not_needed", _("Niet nodig")
    NEEDED = "needed", _("Nodig, nog niet uitgevoerd")
    DONE = "done", _("Uitgevoerd")


DISPLAY_FIELDS = [
    "purposes",
    "public_description",
    "domain",
    "owner_role",
    "lawful_bases",
    "sector_provisions",
    "basis_explanation",
    "subject_categories",
    "data_categories",
    "source",
    "special_exceptions",
    "uavg_provisions",
    "criminal_basis",
    "bsn_basis",
    "recipients",
    "processors",
    "joint_controllers",
    "third_country_transfers",
    "transfer_safeguards",
    "retention_period",
    "retention_basis",
    "retention_start",
    "security_measures",
    "further_processing",
    "compatibility_assessment",
    "dpia_status",
    "confidential",
    "confidential_until",
    "review_date",
]


INTERNAL_FIELDS = {
    "public_description",
    "owner_role",
    "further_processing",
    "compatibility_assessment",
    "dpia_status",
    "confidential",
    "confidential_until",
    "review_date",
}


class ActivityVersion(HistoricalModel):
    """One version of a processing activity, with every field of AVG art. 30(1) and of the VNG register model."""

    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="versions")
    version = models.PositiveIntegerField(_("versie"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.CONCEPT)
    established_at = models.DateTimeField(_("vastgesteld op"), null=True, blank=True)
    established_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vastgesteld door"),
    )

    name = models.CharField(_("naam"), max_length=200)
    purposes = models.TextField(_("doeleinden"), help_text=_("AVG art. 30 lid 1 sub b. Eén doel per regel."))
    public_description = models.TextField(
        _("uitleg voor inwoners"), blank=True, help_text=_("In gewone taal; verschijnt in het openbare register.")
    )
    domain = models.CharField(_("domein"), max_length=40, blank=True, help_text=_("Code van het domein."))
    owner_role = models.CharField(_("eigenaar (rol)"), max_length=40, choices=Role.choices, blank=True)

    lawful_bases = models.ManyToManyField(
        Provision,
        related_name="+",
        blank=True,
        limit_choices_to={"kind": ProvisionKind.LAWFUL_BASIS},
        verbose_name=_("grondslagen (art. 6 lid 1)"),
    )
    sector_provisions = models.ManyToManyField(
        Provision,
        related_name="+",
        blank=True,
        limit_choices_to={"kind": ProvisionKind.SECTOR},
        verbose_name=_("artikelen uit materiewetten"),
    )
    basis_explanation = models.TextField(_("toelichting op de grondslag"), blank=True)

    subject_categories = models.ManyToManyField(
        SubjectCategory, related_name="+", blank=True, verbose_name=_("categorieën betrokkenen")
    )
    data_categories = models.ManyToManyField(
        DataCategory, related_name="+", blank=True, verbose_name=_("categorieën persoonsgegevens")
    )
    special_exceptions = models.ManyToManyField(
        Provision,
        related_name="+",
        blank=True,
        limit_choices_to={"kind": ProvisionKind.SPECIAL_EXCEPTION},
        verbose_name=_("uitzonderingen art. 9 lid 2"),
    )
    uavg_provisions = models.ManyToManyField(
        Provision,
        related_name="+",
        blank=True,
        limit_choices_to={"kind": ProvisionKind.UAVG},
        verbose_name=_("artikelen UAVG"),
    )
    criminal_basis = models.TextField(_("grondslag strafrechtelijke gegevens (art. 10)"), blank=True)
    bsn_basis = models.ForeignKey(
        Provision,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("wettelijke grondslag BSN"),
        help_text=_("UAVG art. 46: alleen als een wet het voorschrijft."),
    )

    recipients = models.TextField(_("ontvangers"), blank=True, help_text=_("AVG art. 30 lid 1 sub d."))
    third_country_transfers = models.TextField(
        _("doorgifte buiten de EER"), blank=True, help_text=_("AVG art. 30 lid 1 sub e. Leeg: geen doorgifte.")
    )
    transfer_safeguards = models.TextField(_("waarborgen bij doorgifte"), blank=True)
    retention_period = models.CharField(
        _("bewaartermijn"), max_length=200, blank=True, help_text=_("AVG art. 30 lid 1 sub f.")
    )
    retention_basis = models.CharField(
        _("grondslag bewaartermijn"), max_length=200, blank=True, help_text=_("Bijvoorbeeld de selectielijst.")
    )
    retention_start = models.CharField(_("bewaartermijn gaat in bij"), max_length=200, blank=True)
    security_measures = models.TextField(
        _("beveiligingsmaatregelen"), blank=True, help_text=_("AVG art. 30 lid 1 sub g; verwijs naar de BIO.")
    )
    processors = models.TextField(_("verwerkers"), blank=True)
    joint_controllers = models.TextField(_("gezamenlijke verwerkingsverantwoordelijken"), blank=True)
    source = models.TextField(_("bron van de gegevens"), blank=True)

    further_processing = models.BooleanField(
        _("verdere verwerking voor een nieuw doel"),
        default=False,
        help_text=_("Gegevens die voor een ander doel zijn verzameld (AVG art. 6 lid 4)."),
    )
    compatibility_assessment = models.TextField(
        _("verenigbaarheidstoets"),
        blank=True,
        help_text=_(
            "Verband tussen de doelen, context, aard van de gegevens, gevolgen voor betrokkenen en waarborgen."
        ),
    )
    dpia_status = models.CharField(_("DPIA"), max_length=20, choices=DpiaStatus.choices, default=DpiaStatus.UNKNOWN)
    confidential = models.BooleanField(
        _("vertrouwelijk"), default=False, help_text=_("Verborgen voor inwoners in het openbare register en logboek.")
    )
    confidential_until = models.DateField(_("vertrouwelijk tot"), null=True, blank=True)
    review_date = models.DateField(_("herbeoordelen op"), null=True, blank=True)

    class Meta:
        ordering = ["activity__number", "-version"]
        verbose_name = _("versie van een verwerkingsactiviteit")
        verbose_name_plural = _("versies van verwerkingsactiviteiten")
        constraints = [
            models.UniqueConstraint(fields=["activity", "version"], name="activity_version_unique"),
            models.UniqueConstraint(fields=["activity"], condition=Q(status="concept"), name="activity_one_concept"),
            models.UniqueConstraint(
                fields=["activity"], condition=Q(status="established"), name="activity_one_established"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.activity.reference} v{self.version} {self.name}"

    @property
    def uri(self) -> str:
        """The citable id of this version; the processing log stores it. Stable once established."""
        return version_uri(self.activity.controller.slug, self.activity.number, self.version)

    def display_values(self, domain_names: dict[str, str] | None = None) -> dict[str, str]:
        """Every register field as readable text, keyed by field name (uses prefetched relations)."""
        names = Domain.names() if domain_names is None else domain_names
        values = {"name": self.name}
        for name in DISPLAY_FIELDS:
            field = cast(models.Field, self._meta.get_field(name))
            value = getattr(self, name)
            if field.many_to_many:
                value = "\n".join(str(item) for item in value.all())
            elif name == "domain":
                value = names.get(value, value)
            elif field.choices:
                value = getattr(self, f"get_{name}_display")()
            elif isinstance(value, bool):
                value = gettext("ja") if value else gettext("nee")
            elif isinstance(value, date):
                value = value.strftime("%d-%m-%Y")
            values[name] = "" if value is None else str(value)
        return values

    def display_fields(self) -> list[tuple[str, str]]:
        values = self.display_values()
        return [(field_label(name), values[name]) for name in DISPLAY_FIELDS]

    def public_fields(self) -> list[tuple[str, str]]:
        """What the public register shows: the content, without internal working notes."""
        values = self.display_values()
        return [(field_label(name), values[name]) for name in DISPLAY_FIELDS if name not in INTERNAL_FIELDS]

    def purpose_list(self) -> list[str]:
        return [line.strip() for line in self.purposes.splitlines() if line.strip()]


def field_label(name: str) -> str:
    return capfirst(str(cast(models.Field, ActivityVersion._meta.get_field(name)).verbose_name))


class ProvisionMethod(models.TextChoices):
    """How the BRP provides data to a task (seed 002 §3 item 2 sub c)."""

    CONSULT_PERSON = "consult_person", _("Raadplegen op persoonsniveau")
    CONSULT_ADDRESS = "consult_address", _("Raadplegen op adresniveau")
    MUTATIONS = "mutations", _("Mutatieberichten (spontane verstrekking)")
    SELECTIONS = "selections", _("Selecties")
    COUPLINGS = "couplings", _("Koppelingen (batch)")


class BrpUsage(HistoricalModel):
    """One task of the municipality that uses data from the BRP: the usage register of seed 002 §3 item 2."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    controller = models.ForeignKey(
        "tenancy.Organisation", on_delete=models.PROTECT, related_name="brp_usages", verbose_name=_("gemeente")
    )
    task = models.CharField(_("taak"), max_length=200)
    task_description = models.TextField(
        _("inhoud van de taak"), help_text=_("Wat de taak inhoudt en waarvoor de BRP-gegevens nodig zijn.")
    )
    data_categories = models.ManyToManyField(
        DataCategory, related_name="+", verbose_name=_("verstrekte gegevens (categorieën)")
    )
    brp_elements = models.TextField(
        _("specifieke BRP-gegevens"),
        blank=True,
        help_text=_("Gegevens die de categorieën niet dekken, bijvoorbeeld datum van overlijden of curatele."),
    )
    provision_methods = models.JSONField(
        _("wijze van verstrekking"), default=list, help_text=_("Codes uit ProvisionMethod; één of meer.")
    )
    legal_basis = models.ForeignKey(
        Provision, on_delete=models.PROTECT, related_name="+", verbose_name=_("grondslag van de verstrekking")
    )
    activity = models.ForeignKey(
        Activity,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="brp_usages",
        verbose_name=_("verwerkingsactiviteit"),
        help_text=_("De verwerking in het register waarvoor de gegevens worden gebruikt."),
    )
    third_party_conditions = models.TextField(
        _("aanvullende voorwaarden bij inschakeling van een derde"),
        blank=True,
        help_text=_("Als een verwerker het werk doet: welke voorwaarden gelden voor de BRP-gegevens."),
    )
    report_back_duty = models.TextField(
        _("terugmelding"),
        help_text=_("Aard en omvang van de plicht om gerede twijfel over de juistheid van BRP-gegevens te melden."),
    )

    _history_m2m_fields = ["data_categories"]

    class Meta:
        ordering = ["task"]
        verbose_name = _("BRP-gebruik")
        verbose_name_plural = _("BRP-gebruik")
        constraints = [models.UniqueConstraint(fields=["controller", "task"], name="brp_usage_task_per_controller")]

    def __str__(self) -> str:
        return self.task

    def provision_method_labels(self) -> list[str]:
        return [str(ProvisionMethod(code).label) for code in self.provision_methods if code in ProvisionMethod.values]


class DatasetStatus(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    ESTABLISHED = "established", _("Vastgesteld")


class TaskDataset(HistoricalModel):
    """The data a role, or a named task within a domain, may use (seed 002 §2.1 items 3 and 4).

    The head of department sets its content and motivates it under purpose limitation, proportionality and
    subsidiarity. Once established, categories are only added through an `ExtensionRequest`.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    controller = models.ForeignKey(
        "tenancy.Organisation", on_delete=models.PROTECT, related_name="task_datasets", verbose_name=_("gemeente")
    )
    role = models.CharField(_("rol"), max_length=40, choices=Role.choices, blank=True)
    domain = models.CharField(
        _("domein"), max_length=40, blank=True, help_text=_("Code van het domein; leeg betekent elk domein.")
    )
    task = models.CharField(
        _("benoemde taak"),
        max_length=200,
        blank=True,
        help_text=_("Een taak binnen het domein, als de set niet voor een hele rol geldt."),
    )
    purpose = models.TextField(_("doel"), help_text=_("Waarvoor het takenpakket deze gegevens gebruikt."))
    categories = models.ManyToManyField(DataCategory, related_name="+", verbose_name=_("categorieën persoonsgegevens"))
    purpose_limitation = models.TextField(
        _("doelbinding"),
        help_text=_("De gegevens worden alleen gebruikt voor dit vooraf bepaalde, gerechtvaardigde doel."),
    )
    proportionality = models.TextField(
        _("proportionaliteit"), help_text=_("Waarom niet meer gegevens worden gebruikt dan nodig is.")
    )
    subsidiarity = models.TextField(
        _("subsidiariteit"),
        help_text=_("Waarom het doel niet zonder deze persoonsgegevens of op een minder ingrijpende manier kan."),
    )
    status = models.CharField(_("status"), max_length=20, choices=DatasetStatus.choices, default=DatasetStatus.CONCEPT)
    established_at = models.DateTimeField(_("vastgesteld op"), null=True, blank=True)
    established_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vastgesteld door"),
    )

    _history_m2m_fields = ["categories"]

    class Meta:
        ordering = ["role", "domain", "task"]
        verbose_name = _("gegevensset bij een takenpakket")
        verbose_name_plural = _("gegevenssets bij takenpakketten")
        constraints = [
            models.CheckConstraint(name="task_dataset_role_or_task", condition=~Q(role="", task="")),
            models.UniqueConstraint(
                fields=["controller", "role", "domain", "task"], name="task_dataset_unique_package"
            ),
        ]

    def __str__(self) -> str:
        return self.title(Domain.names())

    def title(self, domain_names: dict[str, str]) -> str:
        """‘Consulent · Wmo’, ‘Vroegsignalering · Schulden’ or ‘Regisseur · alle domeinen’."""
        who = ": ".join(part for part in (self.get_role_display() if self.role else "", self.task) if part)
        where = domain_names.get(self.domain, self.domain) if self.domain else gettext("alle domeinen")
        return f"{who} · {where}"


class ExtensionState(models.TextChoices):
    """Where an extension request stands; the values are those of `datasets.rules.State`."""

    FILED = "filed", _("Ingediend")
    AWAITING_ADVICE = "awaiting_advice", _("Wacht op advies van de privacyfunctionaris")
    AWAITING_DECISION = "awaiting_decision", _("Wacht op besluit van de directie")
    REFERRED = "referred", _("Voorgelegd aan het college")
    APPROVED = "approved", _("Goedgekeurd")
    REJECTED = "rejected", _("Afgewezen")


class ExtensionRequest(models.Model):
    """A motivated request to add categories to an established data set (seed 002 §3 items 3-6).

    Its steps are its history; `state` is derived from them by `datasets.rules` and kept for listing.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    controller = models.ForeignKey(
        "tenancy.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("gemeente")
    )
    dataset = models.ForeignKey(
        TaskDataset, on_delete=models.PROTECT, related_name="extension_requests", verbose_name=_("gegevensset")
    )
    categories = models.ManyToManyField(DataCategory, related_name="+", verbose_name=_("gevraagde categorieën"))
    state = models.CharField(_("stand"), max_length=20, choices=ExtensionState.choices)
    created_at = models.DateTimeField(_("ingediend op"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("uitbreidingsverzoek")
        verbose_name_plural = _("uitbreidingsverzoeken")

    def __str__(self) -> str:
        return gettext("Uitbreidingsverzoek %(date)s") % {"date": self.created_at.strftime("%d-%m-%Y")}


class StepKind(models.TextChoices):
    """The steps of the procedure; the values are those of `datasets.rules.Kind`."""

    REQUEST = "request", _("Verzoek ingediend")
    ADVICE_QUESTION = "advice_question", _("Adviesvraag bepaald")
    ADVICE = "advice", _("Advies privacyfunctionaris")
    DECISION = "decision", _("Besluit directie")
    REFERRAL = "referral", _("Voorgelegd aan het college")
    COLLEGE_DECISION = "college_decision", _("Besluit college")


class StepOutcome(models.TextChoices):
    """The values are those of `datasets.rules.Outcome`."""

    ADVICE_NEEDED = "advice_needed", _("Advies nodig")
    NO_ADVICE_NEEDED = "no_advice_needed", _("Geen advies nodig")
    POSITIVE = "positive", _("Positief")
    NEGATIVE = "negative", _("Negatief")
    APPROVED = "approved", _("Goedgekeurd")
    REJECTED = "rejected", _("Afgewezen")


class ExtensionStep(models.Model):
    """One step of an extension request: who did what, when, with which outcome and why. Append-only."""

    request = models.ForeignKey(
        ExtensionRequest, on_delete=models.PROTECT, related_name="steps", verbose_name=_("verzoek")
    )
    kind = models.CharField(_("stap"), max_length=20, choices=StepKind.choices)
    actor = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+", verbose_name=_("door"))
    at = models.DateTimeField(_("op"))
    outcome = models.CharField(_("uitkomst"), max_length=20, choices=StepOutcome.choices, blank=True)
    text = models.TextField(_("motivering"))

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("stap van een uitbreidingsverzoek")
        verbose_name_plural = _("stappen van uitbreidingsverzoeken")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.at:%d-%m-%Y})"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise ValueError("An extension step is never changed; record a new step instead.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("An extension step is never deleted.")
