"""Case work (issue 6): persons and households, involvements (dat-informatie), file entries (wat-informatie),
cases with their phases, participants and triage decisions, and exchanges of content with their assessment.

Every record carries its controller (DESIGN §3.1). Reads of personal data go through the gate (casework/access.py);
writes go through casework/services.py. Retention: `destruction_due` on involvements and cases says when the
retention sweep may destroy them; a non-empty `hold_reason` keeps a record past that date (a request, a complaint,
an incident or a legal hold).
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from doelbinding.casework import exchange_facts as facts
from doelbinding.core.models import HistoricalModel

HOLD_HELP = _("Waarom dit niet vernietigd mag worden, ook als de bewaartermijn voorbij is; leeg: geen blokkade.")


class Household(HistoricalModel):
    """The people who live together and are helped as one: one family, one plan, one regisseur."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    controller = models.ForeignKey(
        "tenancy.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("gemeente")
    )
    name = models.CharField(
        _("aanduiding"), max_length=200, help_text=_("Hoe het team het huishouden noemt, bijvoorbeeld ‘Gezin Jansen’.")
    )
    synthetic = models.BooleanField(_("fictief (demo)"), default=False)
    hold_reason = models.CharField(_("blokkade vernietiging"), max_length=300, blank=True, help_text=HOLD_HELP)
    created_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("huishouden")
        verbose_name_plural = _("huishoudens")

    def __str__(self) -> str:
        return self.name


class Person(HistoricalModel):
    """A betrokkene: the minimum to identify the person (BSN, name, birth date), nothing about the help."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    controller = models.ForeignKey(
        "tenancy.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("gemeente")
    )
    bsn = models.CharField(_("BSN"), max_length=9, help_text=_("Negen cijfers die de elfproef halen."))
    given_names = models.CharField(_("voornamen"), max_length=200)
    family_name = models.CharField(_("achternaam"), max_length=200)
    birth_date = models.DateField(_("geboortedatum"))
    household = models.ForeignKey(
        Household,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("huishouden"),
    )
    synthetic = models.BooleanField(_("fictief (demo)"), default=False)
    hold_reason = models.CharField(_("blokkade vernietiging"), max_length=300, blank=True, help_text=HOLD_HELP)
    created_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    class Meta:
        ordering = ["family_name", "given_names"]
        verbose_name = _("betrokkene")
        verbose_name_plural = _("betrokkenen")
        constraints = [models.UniqueConstraint(fields=["controller", "bsn"], name="person_bsn_per_controller")]

    def __str__(self) -> str:
        # Never the BSN: this string appears wherever Django lists related objects.
        return f"{self.given_names} {self.family_name}"


class Involvement(HistoricalModel):
    """Dat-informatie: that the person is known in a domain, since when, and whom to contact. Never the content."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    controller = models.ForeignKey(
        "tenancy.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("gemeente")
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="involvements")
    domain = models.CharField(_("domein"), max_length=40, help_text=_("Code van het domein."))
    organisation = models.ForeignKey(
        "tenancy.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisatie"),
        help_text=_("De gemeente, de uitvoeringsorganisatie of de partner die de hulp biedt."),
    )
    team = models.CharField(_("team"), max_length=200, blank=True)
    contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("contactpersoon"),
    )
    contact_name = models.CharField(
        _("contactpersoon (buiten de applicatie)"), max_length=200, blank=True, help_text=_("Bij een partner.")
    )
    since = models.DateField(_("betrokken sinds"))
    until = models.DateField(_("betrokken tot"), null=True, blank=True)
    activity = models.ForeignKey(
        "register.Activity",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("verwerkingsactiviteit"),
        help_text=_("De verwerking in het register waaronder het domein deze gegevens verwerkt."),
    )
    destruction_due = models.DateField(
        _("te vernietigen op"), null=True, blank=True, help_text=_("Einde van de bewaartermijn; leeg zolang lopend.")
    )
    hold_reason = models.CharField(_("blokkade vernietiging"), max_length=300, blank=True, help_text=HOLD_HELP)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    class Meta:
        ordering = ["-since"]
        verbose_name = _("betrokkenheid")
        verbose_name_plural = _("betrokkenheden")
        constraints = [
            models.CheckConstraint(
                name="involvement_until_after_since", condition=Q(until__isnull=True) | Q(until__gte=models.F("since"))
            )
        ]
        indexes = [models.Index(fields=["controller", "domain", "until"], name="involvement_by_domain")]

    def __str__(self) -> str:
        return f"{self.domain} sinds {self.since:%d-%m-%Y}"

    @property
    def running(self) -> bool:
        """Not ended before today: the domain's file is still open for writing."""
        return self.until is None or self.until >= timezone.localdate()


class EntryKind(models.TextChoices):
    NOTE = "note", _("Notitie")
    ASSESSMENT = "assessment", _("Onderzoek of beoordeling")
    PLAN = "plan", _("Plan")
    DECISION = "decision", _("Besluit")


class FileEntry(HistoricalModel):
    """Wat-informatie: one entry of a domain's file about a person, with the categories of data it holds."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    controller = models.ForeignKey(
        "tenancy.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("gemeente")
    )
    involvement = models.ForeignKey(
        Involvement,
        on_delete=models.PROTECT,
        related_name="entries",
        verbose_name=_("betrokkenheid"),
        help_text=_("Het dossier van het domein waarin deze aantekening staat."),
    )
    kind = models.CharField(_("soort"), max_length=20, choices=EntryKind.choices)
    title = models.CharField(_("onderwerp"), max_length=200)
    content = models.TextField(_("inhoud"))
    data_categories = models.ManyToManyField(
        "register.DataCategory", related_name="+", verbose_name=_("categorieën persoonsgegevens")
    )
    basis_note = models.CharField(
        _("grondslag bijzondere of strafrechtelijke gegevens"),
        max_length=300,
        blank=True,
        help_text=_("Alleen als de aantekening bijzondere of strafrechtelijke gegevens bevat: waarop dat rust."),
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    written_at = models.DateTimeField(_("geschreven op"))

    _history_m2m_fields = ["data_categories"]

    class Meta:
        ordering = ["-written_at", "-id"]
        verbose_name = _("dossieraantekening")
        verbose_name_plural = _("dossieraantekeningen")

    def __str__(self) -> str:
        return self.title


class Phase(models.TextChoices):
    """The four phases of working on a case (seed 003, part 3), with closing as the end."""

    REFERRAL = "referral", _("Aanmelding")
    TRIAGE = "triage", _("Triage")
    CONFERENCE = "conference", _("Casusoverleg")
    MONITORING = "monitoring", _("Monitoring")
    DEESCALATION = "deescalation", _("Afschaling")
    CLOSED = "closed", _("Afgesloten")


OPEN_PHASES = [p for p in Phase.values if p != Phase.CLOSED]


class Case(HistoricalModel):
    """A multi-problem situation that professionals handle together under one regisseur."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    controller = models.ForeignKey(
        "tenancy.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("gemeente")
    )
    reference = models.CharField(
        _("kenmerk"), max_length=32, help_text=_("Het casusnummer, zoals het logboek het vastlegt.")
    )
    household = models.ForeignKey(
        Household, on_delete=models.PROTECT, null=True, blank=True, related_name="cases", verbose_name=_("huishouden")
    )
    persons = models.ManyToManyField(Person, related_name="cases", verbose_name=_("betrokkenen"))
    referring_partner = models.ForeignKey(
        "partners.Partner",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("aanmelder (partner)"),
        help_text=_("De aanmelder is de leidende partij tot de triage een regisseur aanwijst."),
    )
    referring_domain = models.CharField(
        _("aanmelder (domein)"), max_length=40, blank=True, help_text=_("Als een domein van de gemeente aanmeldt.")
    )
    phase = models.CharField(_("fase"), max_length=20, choices=Phase.choices, default=Phase.REFERRAL)
    regisseur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("regisseur"),
    )
    covenant = models.ForeignKey(
        "partners.Agreement",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("convenant"),
        help_text=_("Het convenant waaronder partners aan deze casus deelnemen."),
    )
    purpose = models.TextField(
        _("doel van de casus"), help_text=_("Concreet; het valt binnen het doel van het samenwerkingsverband.")
    )
    activity = models.ForeignKey(
        "register.Activity",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("verwerkingsactiviteit"),
        help_text=_("De verwerking in het register waaronder de casus wordt behandeld."),
    )
    opened_on = models.DateField(_("aangemeld op"))
    reassess_on = models.DateField(
        _("herbeoordelen op"), null=True, blank=True, help_text=_("Wanneer wordt bekeken of samenwerking nog nodig is.")
    )
    closed_on = models.DateField(_("afgesloten op"), null=True, blank=True)
    destruction_due = models.DateField(_("te vernietigen op"), null=True, blank=True)
    hold_reason = models.CharField(_("blokkade vernietiging"), max_length=300, blank=True, help_text=HOLD_HELP)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")

    class Meta:
        ordering = ["-opened_on", "-id"]
        verbose_name = _("casus")
        verbose_name_plural = _("casussen")
        constraints = [
            models.UniqueConstraint(fields=["controller", "reference"], name="case_reference_per_controller"),
            models.CheckConstraint(
                name="case_has_a_referrer", condition=Q(referring_partner__isnull=False) | ~Q(referring_domain="")
            ),
            models.CheckConstraint(
                name="case_closed_has_date", condition=~Q(phase="closed") | Q(closed_on__isnull=False)
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_open(self) -> bool:
        return self.phase != Phase.CLOSED


class CaseParticipant(HistoricalModel):
    """Who takes part in the case: a domain of the municipality or a partner under the covenant, and its contact."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="participants")
    domain = models.CharField(_("domein"), max_length=40, blank=True)
    partner = models.ForeignKey(
        "partners.Partner", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("partner")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("professional"),
    )
    contact_name = models.CharField(_("contactpersoon (buiten de applicatie)"), max_length=200, blank=True)
    joined_on = models.DateField(_("neemt deel sinds"))
    left_on = models.DateField(_("nam deel tot"), null=True, blank=True)

    class Meta:
        ordering = ["joined_on", "id"]
        verbose_name = _("deelnemer aan een casus")
        verbose_name_plural = _("deelnemers aan casussen")
        constraints = [
            models.CheckConstraint(
                name="participant_domain_or_partner",
                condition=(Q(partner__isnull=False) & Q(domain="")) | (Q(partner__isnull=True) & ~Q(domain="")),
            )
        ]

    def __str__(self) -> str:
        return str(self.partner) if self.partner_id else self.domain


class TriageMoment(models.TextChoices):
    """The three triage moments (seed 002, Bijlage 3 under e)."""

    CLARIFICATION = "clarification", _("Vraagverheldering")
    MULTI_PROBLEM = "multi_problem", _("Meervoudige of complexe vraag")
    ESCALATION = "escalation", _("Escalatie")


class Route(models.TextChoices):
    SINGLE_DOMAIN = "single_domain", _("Binnen één domein afhandelen")
    CASE_DIRECTION = "case_direction", _("Samenwerken onder regie van een regisseur")
    ESCALATE = "escalate", _("Opschalen naar een ander overleg (Zorg- en Veiligheidshuis, interventieteam)")
    NO_CASE = "no_case", _("Geen casus: niet verder samen oppakken")


class TriageDecision(models.Model):
    """A recorded triage decision: route, purpose, necessity, proportionality, subsidiarity. Never changed."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="triage_decisions")
    moment = models.CharField(_("triagemoment"), max_length=20, choices=TriageMoment.choices)
    criteria = models.JSONField(
        _("criteria meervoudige problematiek"), default=list, blank=True, help_text=_("Codes uit de referentielijst.")
    )
    multi_problem = models.BooleanField(_("meervoudige problematiek"))
    collaboration_needed = models.BooleanField(_("samenwerking nodig"))
    within_collaboration_purpose = models.BooleanField(_("binnen het doel van het samenwerkingsverband"))
    purpose = models.TextField(_("doel van de informatiedeling"))
    necessity = models.TextField(_("noodzaak"))
    proportionality = models.TextField(_("proportionaliteit"))
    subsidiarity = models.TextField(_("subsidiariteit"))
    route = models.CharField(_("route"), max_length=20, choices=Route.choices)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(_("besloten op"))

    class Meta:
        ordering = ["-decided_at", "-id"]
        verbose_name = _("triagebesluit")
        verbose_name_plural = _("triagebesluiten")

    def __str__(self) -> str:
        return f"{self.get_moment_display()} ({self.decided_at:%d-%m-%Y})"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise ValueError("A triage decision is never changed; record a new one instead.")
        super().save(*args, **kwargs)


class ExchangeStatus(models.TextChoices):
    REQUESTED = "requested", _("Aangevraagd")
    ALLOWED = "allowed", _("Toegestaan")
    REFUSED = "refused", _("Geweigerd")
    WITHDRAWN = "withdrawn", _("Ingetrokken")
    CANCELLED = "cancelled", _("Geannuleerd door de aanvrager")


class Informed(models.TextChoices):
    """Whether and how the person was told of the exchange (AVG art. 13-14), or why not."""

    INFORMED = "informed", _("Geïnformeerd")
    WILL_INFORM = "will_inform", _("Wordt nog geïnformeerd")
    NOT_INFORMED = "not_informed", _("Niet geïnformeerd, met reden")


def _choices(enum) -> list[tuple[str, str]]:
    return [(member.value, member.value) for member in enum]


class Exchange(HistoricalModel):
    """A request to share named file entries or categories of a domain with another domain or a partner, for one
    case and purpose; the assessment of `exchange_rules.assess`, the decision and its reasons, and a withdrawal."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    controller = models.ForeignKey(
        "tenancy.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("gemeente")
    )
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="exchanges", verbose_name=_("casus"))
    triage = models.ForeignKey(
        TriageDecision, on_delete=models.PROTECT, related_name="exchanges", verbose_name=_("triagebesluit")
    )
    persons = models.ManyToManyField(Person, related_name="+", verbose_name=_("betrokkenen"))
    provider_domain = models.CharField(_("verstrekkend domein"), max_length=40)
    recipient_domain = models.CharField(_("ontvangend domein"), max_length=40, blank=True)
    recipient_partner = models.ForeignKey(
        "partners.Partner",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ontvangende partner"),
    )
    purpose = models.TextField(_("doel van de uitwisseling"))
    entries = models.ManyToManyField(FileEntry, blank=True, related_name="exchanges", verbose_name=_("aantekeningen"))
    categories = models.ManyToManyField(
        "register.DataCategory", blank=True, related_name="+", verbose_name=_("categorieën persoonsgegevens")
    )
    # The facts of exchange_facts.ExchangeFacts that the person requesting establishes.
    interest = models.CharField(_("belang"), max_length=1, choices=_choices(facts.Interest), blank=True)
    statute = models.CharField(
        _("wettelijke bepaling"), max_length=10, choices=_choices(facts.Statute), default=facts.Statute.NONE
    )
    statute_reference = models.CharField(_("artikel"), max_length=200, blank=True)
    secrecy = models.CharField(
        _("beroepsgeheim"), max_length=20, choices=_choices(facts.Secrecy), default=facts.Secrecy.NONE
    )
    sector_law_covers_sensitive_data = models.BooleanField(default=False)
    bsn_prescribed_by_law = models.BooleanField(default=False)
    suwi_provision = models.BooleanField(default=False)
    collected_for = models.CharField(
        _("verzameld voor"), max_length=300, blank=True, help_text=_("Leeg: hetzelfde doel als waarvoor verzameld.")
    )
    purposes_related = models.BooleanField(default=False)
    expected_by_person = models.BooleanField(default=False)
    adverse_consequences = models.BooleanField(default=False)
    safeguards = models.BooleanField(default=False)
    consent_free = models.BooleanField(null=True, blank=True, help_text=_("Leeg: geen toestemming gevraagd."))
    consent_explicit = models.BooleanField(default=False)
    consent_for_collaboration = models.BooleanField(default=False)
    stance = models.CharField(
        _("houding betrokkene"), max_length=20, choices=_choices(facts.Stance), default=facts.Stance.NOT_INFORMED
    )
    emergency = models.CharField(_("noodsituatie"), max_length=20, choices=_choices(facts.Emergency), blank=True)
    alternatives = models.JSONField(_("minder ingrijpende alternatieven"), default=list, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(_("aangevraagd op"))
    # What the engine said, stored as it was: outcome, reasons (effect, text, citation, emergency) and the counts.
    assessment_outcome = models.CharField(_("beoordeling"), max_length=30, choices=_choices(facts.Outcome))
    assessment_reasons = models.JSONField(_("redenen van de beoordeling"), default=list)
    vital_interest = models.BooleanField(_("op grond van vitaal belang"), default=False)
    conflict_of_duties = models.BooleanField(_("op grond van conflict van plichten"), default=False)
    status = models.CharField(
        _("status"), max_length=20, choices=ExchangeStatus.choices, default=ExchangeStatus.REQUESTED
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("besloten op"), null=True, blank=True)
    decision_reasons = models.TextField(_("motivering van het besluit"), blank=True)
    informed = models.CharField(_("betrokkene geïnformeerd"), max_length=20, choices=Informed.choices, blank=True)
    informed_how = models.CharField(
        _("hoe geïnformeerd, of waarom niet"), max_length=300, blank=True, help_text=_("Verplicht bij het besluit.")
    )
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    withdrawn_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    withdrawal_reason = models.CharField(_("reden van intrekken"), max_length=300, blank=True)

    _history_m2m_fields = ["entries", "categories", "persons"]

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("gegevensuitwisseling")
        verbose_name_plural = _("gegevensuitwisselingen")
        constraints = [
            models.CheckConstraint(
                name="exchange_one_recipient",
                condition=(Q(recipient_partner__isnull=False) & Q(recipient_domain=""))
                | (Q(recipient_partner__isnull=True) & ~Q(recipient_domain="")),
            ),
        ]
        indexes = [models.Index(fields=["controller", "status", "vital_interest"], name="exchange_by_status")]

    def __str__(self) -> str:
        return f"{self.case.reference}: {self.provider_domain}"


class ReassessmentReminder(models.Model):
    """That the reminder for this case's reassessment date went out; the command sends each only once."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="reassessment_reminders")
    reassess_on = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "reassess_on"], name="reassessment_reminder_once")]

    def __str__(self) -> str:
        return f"{self.case} ({self.reassess_on:%d-%m-%Y})"


class Use(models.TextChoices):
    """The uses of case work that are not one domain's or one case's own processing."""

    IDENTIFICATION = "identification", _("Betrokkenen vastleggen en opzoeken")
    INVOLVEMENT_LOOKUP = "involvement_lookup", _("Betrokkenheid in andere domeinen raadplegen")
    AGGREGATES = "aggregates", _("Gecumuleerde informatie voor management en verantwoording")


class RegisterBinding(models.Model):
    """Under which register activity the controller processes personal data for one use of case work."""

    controller = models.ForeignKey("tenancy.Organisation", on_delete=models.PROTECT, related_name="+")
    use = models.CharField(_("gebruik"), max_length=30, choices=Use.choices)
    activity = models.ForeignKey("register.Activity", on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("koppeling van casuswerk aan het register")
        verbose_name_plural = _("koppelingen van casuswerk aan het register")
        constraints = [models.UniqueConstraint(fields=["controller", "use"], name="casework_binding_once")]

    def __str__(self) -> str:
        return f"{self.get_use_display()}: {self.activity}"
