"""The processing log (logboek): one append-only, hash-chained row per data subject per processing action.

DESIGN.md §4. On PostgreSQL the table is partitioned by month on `occurred_at` and triggers refuse UPDATE,
DELETE and TRUNCATE (migration 0002); on SQLite the model and its queryset refuse changes (`AppendOnly`).
docs/processinglog-standards.md maps every field to the VNG Verwerkingenlogging API, Logius' Logboek Dataverwerkingen
and NEN 7513.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    READ = "read", _("Ingezien")
    SEARCH = "search", _("Gezocht")
    CREATE = "create", _("Vastgelegd")
    UPDATE = "update", _("Gewijzigd")
    DELETE = "delete", _("Verwijderd")
    EXPORT = "export", _("Geëxporteerd")
    PRINT = "print", _("Afgedrukt")
    SHARE = "share", _("Gedeeld")
    BREAK_GLASS = "break_glass", _("Ingezien met noodtoegang")


class Scope(models.TextChoices):
    """Dat-, wat- and gecumuleerde informatie (seed 002): what of the person was processed."""

    INVOLVEMENT = "involvement", _("Dat-informatie (betrokkenheid)")
    CONTENT = "content", _("Wat-informatie (inhoud)")
    AGGREGATE = "aggregate", _("Gecumuleerde informatie")


class Outcome(models.TextChoices):
    ALLOWED = "allowed", _("Toegestaan")
    DENIED = "denied", _("Geweigerd")


class AppendOnlyError(Exception):
    """The processing log is append-only: entries are never changed or removed through the application."""


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("het logboek wordt niet gewijzigd")

    def delete(self):
        raise AppendOnlyError("het logboek wordt niet gewist; alleen de bewaartermijnregeling ruimt op")

    def bulk_update(self, *args, **kwargs):
        raise AppendOnlyError("het logboek wordt niet gewijzigd")


class ProcessingAction(models.Model):
    """One processing of one data subject's personal data: who, on whose behalf, what, whose, why, when."""

    # No foreign-key constraints: a partitioned table cannot be referenced by them, and the log must outlive
    # whatever it refers to. No index per reference either: every read is scoped to the controller and served by
    # the composite indexes in Meta, and each index more makes every append slower.
    controller = models.ForeignKey(
        "tenancy.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        db_constraint=False,
        db_index=False,
        verbose_name=_("verwerkingsverantwoordelijke"),
    )
    stripe = models.PositiveSmallIntegerField(_("keten"))
    sequence = models.PositiveBigIntegerField(_("volgnummer"))
    previous_hash = models.CharField(_("hash van het voorgaande item"), max_length=64)
    entry_hash = models.CharField(_("hash"), max_length=64)
    occurred_at = models.DateTimeField(_("tijdstip"))
    recorded_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)
    actor_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        db_constraint=False,
        db_index=False,
    )
    actor_name = models.CharField(_("medewerker"), max_length=200, blank=True)
    actor_role = models.CharField(_("rol"), max_length=40, blank=True)
    actor_organisation = models.ForeignKey(
        "tenancy.Organisation", on_delete=models.PROTECT, related_name="+", db_constraint=False, db_index=False
    )
    actor_system = models.ForeignKey(
        "tenancy.ApiClient", on_delete=models.PROTECT, null=True, related_name="+", db_constraint=False, db_index=False
    )
    action = models.CharField(_("handeling"), max_length=20, choices=Action.choices)
    subject_type = models.CharField(_("soort kenmerk betrokkene"), max_length=20, default="bsn")
    subject_id = models.CharField(_("kenmerk betrokkene"), max_length=64)
    scope = models.CharField(_("reikwijdte"), max_length=20, choices=Scope.choices)
    domain = models.CharField(_("domein"), max_length=40, blank=True)
    activity = models.ForeignKey(
        "register.ActivityVersion", on_delete=models.PROTECT, related_name="+", db_constraint=False, db_index=False
    )
    activity_uri = models.CharField(_("verwerkingsactiviteit"), max_length=200)
    purpose = models.CharField(_("doel"), max_length=300)
    case_reference = models.CharField(_("casus"), max_length=64, blank=True)
    outcome = models.CharField(_("uitkomst"), max_length=10, choices=Outcome.choices)
    confidential = models.BooleanField(_("vertrouwelijk"), default=False)
    confidential_until = models.DateField(_("vertrouwelijk tot"), null=True)
    trace_id = models.CharField(_("trace-id"), max_length=32, blank=True)
    span_id = models.CharField(_("span-id"), max_length=16, blank=True)
    declared_processing = models.CharField(_("opgegeven verwerking"), max_length=200, blank=True)
    declared_purpose = models.CharField(_("opgegeven doel"), max_length=300, blank=True)
    client_address = models.CharField(_("adres van het apparaat"), max_length=45, blank=True)
    application = models.CharField(_("applicatie"), max_length=100, default="doelbinding")

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("verwerkingsactie")
        verbose_name_plural = _("verwerkingsacties")
        indexes = [
            models.Index(fields=["controller", "subject_type", "subject_id", "occurred_at"], name="log_by_subject"),
            models.Index(fields=["controller", "actor_user", "occurred_at"], name="log_by_actor"),
            models.Index(fields=["controller", "activity", "occurred_at"], name="log_by_activity"),
            models.Index(fields=["controller", "stripe", "sequence"], name="log_by_chain"),
            models.Index(fields=["trace_id"], name="log_by_trace"),
        ]

    def __str__(self) -> str:
        # Never the data subject: the string shows up wherever Django lists related objects (the admin's
        # "cannot delete, still referred to by" page), outside the gate.
        return f"{self.get_action_display()} #{self.pk} ({self.occurred_at:%d-%m-%Y %H:%M})"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("het logboek wordt niet gewijzigd")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("het logboek wordt niet gewist")


class ChainHead(models.Model):
    """The last entry of one chain (stripe) of one controller; a writer locks it to append, so chains never fork."""

    controller = models.ForeignKey("tenancy.Organisation", on_delete=models.PROTECT, related_name="+")
    stripe = models.PositiveSmallIntegerField()
    sequence = models.PositiveBigIntegerField(default=0)
    entry_hash = models.CharField(max_length=64)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["controller", "stripe"], name="chain_head_once")]

    def __str__(self) -> str:
        return f"{self.controller_id}/{self.stripe}: {self.sequence}"


class Use(models.TextChoices):
    """Uses of the log that are processing in their own right, each under a register activity of the controller."""

    SUPERVISION = "supervision", _("Toezicht: het logboek doorzoeken en opvallende raadplegingen beoordelen")
    ACCESS_REQUEST = "access_request", _("Inzageverzoek: het overzicht van verwerkingen van een inwoner maken")
    CITIZEN_VIEW = "citizen_view", _("Inzage door de inwoner zelf: wie verwerkte mijn gegevens")


class ActivityBinding(models.Model):
    """Under which register activity the controller processes personal data for one use of the log."""

    controller = models.ForeignKey("tenancy.Organisation", on_delete=models.PROTECT, related_name="+")
    use = models.CharField(_("gebruik"), max_length=20, choices=Use.choices)
    activity = models.ForeignKey("register.Activity", on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("koppeling aan het register")
        verbose_name_plural = _("koppelingen aan het register")
        constraints = [models.UniqueConstraint(fields=["controller", "use"], name="activity_binding_once")]

    def __str__(self) -> str:
        return f"{self.get_use_display()}: {self.activity}"


class Review(models.Model):
    """The FG's judgement of an unusual access: closed with a remark, by whom and when."""

    controller = models.ForeignKey("tenancy.Organisation", on_delete=models.PROTECT, related_name="+")
    signal = models.CharField(_("signaal"), max_length=100, help_text=_("Welk opvallend patroon, en bij wie."))
    remark = models.TextField(_("toelichting"))
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reviewed_at = models.DateTimeField(_("beoordeeld op"), auto_now_add=True)

    class Meta:
        verbose_name = _("beoordeling")
        verbose_name_plural = _("beoordelingen")
        constraints = [models.UniqueConstraint(fields=["controller", "signal"], name="review_once")]

    def __str__(self) -> str:
        return self.signal


class RemovedRun(models.Model):
    """Consecutive entries of one chain that the retention removed (retention.py): the link of the first to its
    predecessor and the hash of the last, so verification still checks the chain across the gap; a gap without
    such a run stays a break. Append-only like the log (on PostgreSQL the triggers of migration 0004)."""

    controller = models.ForeignKey("tenancy.Organisation", on_delete=models.PROTECT, related_name="+")
    stripe = models.PositiveSmallIntegerField(_("keten"))
    first_sequence = models.PositiveBigIntegerField(_("eerste volgnummer"))
    last_sequence = models.PositiveBigIntegerField(_("laatste volgnummer"))
    previous_hash = models.CharField(_("hash van het voorgaande item"), max_length=64)
    entry_hash = models.CharField(_("hash van het laatste item"), max_length=64)
    cutoff = models.DateField(_("verwijderd: alles van vóór"))
    removed_at = models.DateTimeField(_("verwijderd op"), auto_now_add=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("na de bewaartermijn verwijderde items")
        verbose_name_plural = _("na de bewaartermijn verwijderde items")
        constraints = [
            models.UniqueConstraint(fields=["controller", "stripe", "first_sequence"], name="removed_run_once")
        ]

    def __str__(self) -> str:
        return f"{self.controller_id}/{self.stripe}: {self.first_sequence}-{self.last_sequence}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("het logboek wordt niet gewijzigd")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("het logboek wordt niet gewist")
