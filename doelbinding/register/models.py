"""The register of processing activities (AVG art. 30) with its legal reference library.

An `Activity` is the stable identity of one processing activity of one controller; its content lives in numbered
`ActivityVersion`s. A version is a concept until it is established; an established version never changes again
(editing it makes a new concept version) and keeps a citable URI that the processing log stores.
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
        return f"VA-{self.number:04d}"


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
        return f"urn:doelbinding:{self.activity.controller.slug}:verwerking:{self.activity.reference}:v{self.version}"

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
