"""Write functions for the register: one transaction each, with history and a named log event."""

from __future__ import annotations

import structlog
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from doelbinding.core.services import save_with_history
from doelbinding.register.models import Activity, ActivityVersion, Status
from doelbinding.register.selectors import VERSION_RELATIONS

log = structlog.get_logger(__name__)

COPIED_FIELDS = [
    f.name
    for f in ActivityVersion._meta.get_fields()
    if f.concrete
    and not f.many_to_many
    and f.name
    not in {
        "id",
        "activity",
        "version",
        "status",
        "established_at",
        "established_by",
    }
]


def _apply(version: ActivityVersion, fields: dict, *, actor, reason: str) -> ActivityVersion:
    relations = {name: fields.pop(name) for name in list(fields) if name in VERSION_RELATIONS}
    for name, value in fields.items():
        setattr(version, name, value)
    version.full_clean(exclude=["activity", "established_by"])
    save_with_history(version, actor=actor, reason=reason)
    for name, value in relations.items():
        getattr(version, name).set(value)
    return version


@transaction.atomic
def activity_create(*, actor, controller, fields: dict) -> ActivityVersion:
    """A new activity with its first version, as a concept."""
    number = (Activity.objects.filter(controller=controller).aggregate(n=Max("number"))["n"] or 0) + 1
    activity = Activity.objects.create(controller=controller, number=number)
    version = _apply(ActivityVersion(activity=activity, version=1), dict(fields), actor=actor, reason="aangemaakt")
    log.info("activity_created", activity=str(activity.uuid), number=number)
    return version


@transaction.atomic
def activity_edit(*, actor, activity: Activity, fields: dict) -> ActivityVersion:
    """Edit the concept; if there is none, start one from the established version. Established ones never change."""
    concept = activity.versions.filter(status=Status.CONCEPT).first()
    if concept is None:
        base = activity.versions.filter(status=Status.ESTABLISHED).get()
        concept = ActivityVersion(
            activity=activity,
            version=activity.versions.aggregate(n=Max("version"))["n"] + 1,
            **{name: getattr(base, name) for name in COPIED_FIELDS},
        )
        fields = {**{name: list(getattr(base, name).all()) for name in VERSION_RELATIONS}, **fields}
        log.info("activity_version_started", activity=str(activity.uuid), version=concept.version)
    return _apply(concept, dict(fields), actor=actor, reason="gewijzigd")


@transaction.atomic
def activity_establish(*, actor, activity: Activity) -> ActivityVersion:
    """The concept becomes the version in force; the version it replaces lapses."""
    concept = activity.versions.select_for_update().get(status=Status.CONCEPT)
    for previous in activity.versions.filter(status=Status.ESTABLISHED):
        previous.status = Status.LAPSED
        save_with_history(previous, actor=actor, reason="vervangen", update_fields=["status"])
    concept.status = Status.ESTABLISHED
    concept.established_at = timezone.now()
    concept.established_by = actor
    save_with_history(
        concept, actor=actor, reason="vastgesteld", update_fields=["status", "established_at", "established_by"]
    )
    log.info("activity_established", activity=str(activity.uuid), version=concept.version)
    return concept
