"""Who is responsible for what in a municipality's privacy governance (seed 000 ch. 3, seed 001 ch. 3 and bijlage 1):
its roles and how they relate, the RASIC matrix of activities × roles, the people who fill the roles, the workshops
that fill the matrix, and the progress of the governance step plans."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from doelbinding.core.models import HistoricalModel
from doelbinding.governance import rules


class RoleGroup(models.TextChoices):
    GOVERNING = "governing", _("Bestuur en inwoners")
    MUNICIPAL = "municipal", _("Gemeentelijke lijn")
    TEAM = "team", _("Wijkteam")
    OUTSOURCED = "outsourced", _("ICT-uitbesteding")
    PARTNERS = "partners", _("Deelnemende organisaties")
    OWN = "own", _("Eigen rol")


class GovernanceRole(HistoricalModel):
    """A role in the municipality's privacy governance, from the reference roles or the municipality's own."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    controller = models.ForeignKey(
        "tenancy.Organisation", on_delete=models.PROTECT, related_name="governance_roles", verbose_name=_("gemeente")
    )
    code = models.SlugField(_("code"), max_length=60)
    reference_code = models.CharField(
        _("referentierol"), max_length=60, blank=True, help_text=_("Leeg voor een eigen rol van de gemeente.")
    )
    name = models.CharField(_("naam"), max_length=120)
    abbreviation = models.CharField(_("afkorting"), max_length=20, blank=True)
    group = models.CharField(_("plaats in de organisatie"), max_length=20, choices=RoleGroup.choices)
    description = models.TextField(_("omschrijving"), blank=True)
    responsibilities = models.TextField(_("verantwoordelijk voor"), blank=True, help_text=_("Eén per regel."))
    staffed = models.BooleanField(
        _("door personen vervuld"),
        default=True,
        help_text=_("Aan: iemand moet deze rol vervullen, anders staat hij als vacature gemeld."),
    )
    fixed = models.BooleanField(
        _("vooraf ingevuld"), default=False, help_text=_("Inwoners, raad en college: hun kolom is al ingevuld.")
    )
    in_use = models.BooleanField(
        _("past bij de gemeente"), default=True, help_text=_("Uit: de rol staat niet in de matrix en het organogram.")
    )
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("rol")
        verbose_name_plural = _("rollen")
        constraints = [models.UniqueConstraint(fields=["controller", "code"], name="governance_role_code_once")]

    def __str__(self) -> str:
        return self.name

    @property
    def label(self) -> str:
        return self.abbreviation or self.name

    @property
    def responsibility_list(self) -> list[str]:
        return [line.strip() for line in self.responsibilities.splitlines() if line.strip()]

    def as_matrix_role(self) -> rules.MatrixRole:
        return rules.MatrixRole(self.code, self.name, self.abbreviation)


class RelationKind(models.TextChoices):
    INFORMS = "informs", _("informeert")
    ADVISES = "advises", _("adviseert")
    REPORTS_TO = "reports_to", _("rapporteert aan")


class RoleRelation(HistoricalModel):
    controller = models.ForeignKey("tenancy.Organisation", on_delete=models.PROTECT, related_name="+")
    source = models.ForeignKey(
        GovernanceRole, on_delete=models.CASCADE, related_name="relations_out", verbose_name=_("rol")
    )
    target = models.ForeignKey(
        GovernanceRole, on_delete=models.CASCADE, related_name="relations_in", verbose_name=_("naar")
    )
    kind = models.CharField(_("soort"), max_length=20, choices=RelationKind.choices)

    class Meta:
        ordering = ["source__position", "kind", "target__position"]
        verbose_name = _("relatie tussen rollen")
        verbose_name_plural = _("relaties tussen rollen")
        constraints = [
            models.UniqueConstraint(fields=["source", "target", "kind"], name="governance_relation_once"),
            models.CheckConstraint(condition=~Q(source=models.F("target")), name="governance_relation_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.get_kind_display()} {self.target}"


class Activity(HistoricalModel):
    """A row of the RASIC matrix: Tabel 2's generic activities, or one the municipality added."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    controller = models.ForeignKey(
        "tenancy.Organisation", on_delete=models.PROTECT, related_name="governance_activities"
    )
    code = models.CharField(_("code"), max_length=20)
    reference_code = models.CharField(_("referentieactiviteit"), max_length=20, blank=True)
    name = models.CharField(_("activiteit"), max_length=300)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("activiteit")
        verbose_name_plural = _("activiteiten")
        constraints = [models.UniqueConstraint(fields=["controller", "code"], name="governance_activity_code_once")]

    def __str__(self) -> str:
        return self.name

    @property
    def own(self) -> bool:
        return not self.reference_code

    def as_matrix_activity(self) -> rules.MatrixActivity:
        return rules.MatrixActivity(self.code, self.name)


class Cell(HistoricalModel):
    """One filled-in cell of the matrix; an empty cell has no row."""

    controller = models.ForeignKey("tenancy.Organisation", on_delete=models.PROTECT, related_name="+")
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="cells")
    role = models.ForeignKey(GovernanceRole, on_delete=models.CASCADE, related_name="cells")
    value = models.CharField(_("letter"), max_length=2, choices=[(v, rules.display(v)) for v in sorted(rules.ALLOWED)])

    class Meta:
        verbose_name = _("vak van de matrix")
        verbose_name_plural = _("vakken van de matrix")
        constraints = [
            models.UniqueConstraint(fields=["activity", "role"], name="governance_cell_once"),
            models.CheckConstraint(condition=Q(value__in=sorted(rules.ALLOWED)), name="governance_cell_rasic"),
        ]

    def __str__(self) -> str:
        return f"{self.activity.code} × {self.role.code}: {rules.display(self.value)}"


class Assignment(HistoricalModel):
    """A person filling a role: a user of the application, or a named outsider (an alderman, a supplier)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    controller = models.ForeignKey("tenancy.Organisation", on_delete=models.PROTECT, related_name="+")
    role = models.ForeignKey(
        GovernanceRole, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("rol")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="governance_assignments",
        verbose_name=_("medewerker"),
    )
    external_name = models.CharField(
        _("naam (geen gebruiker)"), max_length=200, blank=True, help_text=_("Voor wie geen account heeft.")
    )
    organisation_name = models.CharField(_("organisatie"), max_length=200, blank=True)
    since = models.DateField(_("sinds"), null=True, blank=True)

    class Meta:
        ordering = ["role__position", "external_name", "user__last_name"]
        verbose_name = _("invulling van een rol")
        verbose_name_plural = _("invullingen van rollen")
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=False) | ~Q(external_name=""), name="governance_assignment_names_someone"
            ),
            models.UniqueConstraint(
                fields=["role", "user"], condition=Q(user__isnull=False), name="governance_assignment_user_once"
            ),
        ]

    def __str__(self) -> str:
        return self.person_name

    @property
    def person_name(self) -> str:
        if self.user is not None:
            return self.user.get_full_name() or self.user.get_username()
        return self.external_name


class Approach(models.TextChoices):
    TOGETHER = "together", _("Samen invullen tijdens een workshop")
    PREFILL = "prefill", _("Vooraf laten invullen en daarna samen bespreken")


class WorkshopStep(models.IntegerChoices):
    TEAM = 1, _("Team samenstellen en aanpak bepalen")
    ROLES = 2, _("Rollen kiezen die bij de gemeente passen")
    MATRIX = 3, _("De matrix invullen")
    ORGANISE = 4, _("De organisatie inrichten")


class Workshop(HistoricalModel):
    """The four steps of seed 001 §3.2, run once or again when the organisation changes."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    controller = models.ForeignKey("tenancy.Organisation", on_delete=models.PROTECT, related_name="workshops")
    title = models.CharField(_("titel"), max_length=200)
    held_on = models.DateField(_("datum"), null=True, blank=True)
    approach = models.CharField(_("aanpak"), max_length=20, choices=Approach.choices, default=Approach.TOGETHER)
    step = models.PositiveSmallIntegerField(_("stap"), choices=WorkshopStep.choices, default=WorkshopStep.TEAM)
    finished = models.BooleanField(_("afgerond"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("workshop")
        verbose_name_plural = _("workshops")

    def __str__(self) -> str:
        return self.title


class Expertise(models.TextChoices):
    """Seed 001 §3.2.1: people involved in policy, execution, (information) management, security and law."""

    POLICY = "policy", _("Beleid")
    EXECUTION = "execution", _("Uitvoering")
    MANAGEMENT = "management", _("(Informatie)management")
    SECURITY = "security", _("Informatiebeveiliging")
    LEGAL = "legal", _("Juridisch")


class Participant(models.Model):
    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    expertise = models.CharField(_("inbreng"), max_length=20, choices=Expertise.choices)

    class Meta:
        ordering = ["user__last_name", "user__first_name"]
        constraints = [models.UniqueConstraint(fields=["workshop", "user"], name="governance_participant_once")]

    def __str__(self) -> str:
        return self.user.get_full_name() or self.user.get_username()


class Proposal(models.Model):
    """What one participant filled in beforehand for one cell."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="proposals")
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="+")
    role = models.ForeignKey(GovernanceRole, on_delete=models.CASCADE, related_name="+")
    value = models.CharField(max_length=2)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["participant", "activity", "role"], name="governance_proposal_once"),
            models.CheckConstraint(condition=Q(value__in=sorted(rules.ALLOWED)), name="governance_proposal_rasic"),
        ]

    def __str__(self) -> str:
        return f"{self.participant}: {self.activity.code} × {self.role.code}: {rules.display(self.value)}"


class FollowUp(HistoricalModel):
    """A follow-up action settled in step 4 (or later): who does what, by when."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    controller = models.ForeignKey("tenancy.Organisation", on_delete=models.PROTECT, related_name="+")
    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, null=True, blank=True, related_name="follow_ups")
    description = models.CharField(_("actie"), max_length=300)
    owner = models.CharField(_("wie"), max_length=200)
    due_on = models.DateField(_("uiterlijk"), null=True, blank=True)
    done = models.BooleanField(_("gedaan"), default=False)

    class Meta:
        ordering = ["done", "due_on", "description"]
        verbose_name = _("vervolgactie")
        verbose_name_plural = _("vervolgacties")

    def __str__(self) -> str:
        return self.description


class StepStatus(models.TextChoices):
    OPEN = "open", _("Nog niet begonnen")
    STARTED = "started", _("Bezig")
    DONE = "done", _("Afgerond")


class PlanStep(HistoricalModel):
    """Where the municipality stands on one step of the internal or external step plan (seed 000 §3.1, §4.1)."""

    controller = models.ForeignKey("tenancy.Organisation", on_delete=models.PROTECT, related_name="+")
    step = models.CharField(_("stap"), max_length=40)
    status = models.CharField(_("status"), max_length=20, choices=StepStatus.choices, default=StepStatus.OPEN)
    note = models.TextField(_("toelichting"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("stap van een stappenplan")
        verbose_name_plural = _("stappen van de stappenplannen")
        constraints = [models.UniqueConstraint(fields=["controller", "step"], name="governance_plan_step_once")]
