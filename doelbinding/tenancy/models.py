"""Organisations, who works where in which roles and domains, and the credentials of partner systems."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from doelbinding.core.models import HistoricalModel
from doelbinding.policy import ApiScope, Role


class Domain(models.Model):
    """A field of the social domain (Wmo, Jeugd, ...). Reference data, loaded from reference/domains.json."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("naam"), max_length=100)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("domein")
        verbose_name_plural = _("domeinen")

    def __str__(self) -> str:
        return self.name

    @classmethod
    def names(cls) -> dict[str, str]:
        """Code → name of every domain; a handful of rows, read once per call site."""
        return dict(cls.objects.values_list("code", "name"))


class OrganisationKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("Gemeente")
    EXECUTING = "executing", _("Uitvoeringsorganisatie")
    PARTNER = "partner", _("Partnerorganisatie")


class Organisation(HistoricalModel):
    """A municipality (a controller), an executing organisation that works for several, or a partner."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("soort"), max_length=20, choices=OrganisationKind.choices)
    name = models.CharField(_("naam"), max_length=200)
    slug = models.SlugField(_("korte naam"), max_length=80, unique=True)
    theme = models.SlugField(
        _("thema"),
        max_length=80,
        blank=True,
        help_text=_("Naam van het design-tokenbestand in core/themes; leeg betekent het standaardthema."),
    )
    serves = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="served_by",
        limit_choices_to={"kind": OrganisationKind.MUNICIPALITY},
        verbose_name=_("werkt voor"),
        help_text=_("Alleen voor een uitvoeringsorganisatie: de gemeenten waarvoor zij werkt."),
    )
    controller = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="partners",
        limit_choices_to={"kind": OrganisationKind.MUNICIPALITY},
        verbose_name=_("gemeente"),
        help_text=_("Alleen voor een partner: de gemeente die met deze partner samenwerkt."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        constraints = [
            models.CheckConstraint(
                name="organisation_partner_has_controller",
                condition=Q(kind=OrganisationKind.PARTNER, controller__isnull=False)
                | (~Q(kind=OrganisationKind.PARTNER) & Q(controller__isnull=True)),
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_controller(self) -> bool:
        return self.kind == OrganisationKind.MUNICIPALITY


class Membership(HistoricalModel):
    """A user works for an organisation in one or more roles and, for professionals, in domains."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("medewerker")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("organisatie")
    )
    roles = models.JSONField(_("rollen"), default=list, help_text=_("Codes uit de rollentabel (policy.Role)."))
    domains = models.JSONField(_("domeinen"), default=list, blank=True, help_text=_("Codes van domeinen."))
    active = models.BooleanField(_("actief"), default=True)

    class Meta:
        ordering = ["organisation__name", "user__last_name"]
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        constraints = [models.UniqueConstraint(fields=["user", "organisation"], name="membership_user_organisation")]

    def __str__(self) -> str:
        return f"{self.user} — {self.organisation}"

    def role_labels(self) -> list[str]:
        return [str(Role(code).label) for code in self.roles if code in Role.values]

    def domain_labels(self) -> list[str]:
        names = Domain.names()
        return [names.get(code, code) for code in self.domains]


class ApiClient(HistoricalModel):
    """Credentials of a partner system, issued by one municipality, with the scopes it may use."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("naam"), max_length=200)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="api_clients", verbose_name=_("organisatie")
    )
    controller = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="issued_api_clients",
        limit_choices_to={"kind": OrganisationKind.MUNICIPALITY},
        verbose_name=_("gemeente"),
    )
    key_prefix = models.CharField(_("sleutelprefix"), max_length=12, unique=True, editable=False)
    key_hash = models.CharField(_("sleutelhash"), max_length=64, editable=False)
    scopes = models.JSONField(_("scopes"), default=list, blank=True, help_text=_("Codes uit policy.ApiScope."))
    active = models.BooleanField(_("actief"), default=True)
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("API-koppeling")
        verbose_name_plural = _("API-koppelingen")

    def __str__(self) -> str:
        return self.name

    def scope_labels(self) -> list[str]:
        return [str(ApiScope(code).label) for code in self.scopes if code in ApiScope.values]
