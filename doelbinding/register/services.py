"""Write functions for the register: one transaction each, with history and a named log event."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

import structlog
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from doelbinding.core.services import save_with_history
from doelbinding.register.models import Activity, ActivityVersion, Status
from doelbinding.register.selectors import VERSION_RELATIONS
from doelbinding.tenancy.models import Organisation

if TYPE_CHECKING:
    from doelbinding.register.spreadsheet import ImportRow

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
    Organisation.objects.select_for_update().filter(pk=controller.pk).get()  # numbers are handed out one at a time
    number = (Activity.objects.filter(controller=controller).aggregate(n=Max("number"))["n"] or 0) + 1
    activity = Activity.objects.create(controller=controller, number=number)
    version = _apply(ActivityVersion(activity=activity, version=1), dict(fields), actor=actor, reason="aangemaakt")
    log.info("activity_created", activity=str(activity.uuid), number=number)
    return version


@transaction.atomic
def activity_edit(*, actor, activity: Activity, fields: dict, reason: str = "gewijzigd") -> ActivityVersion:
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
    return _apply(concept, dict(fields), actor=actor, reason=reason)


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


IMPORT_BATCH = 1000


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


@transaction.atomic
def register_import(*, actor, controller, rows: Iterable[ImportRow]) -> ImportResult:
    """Write the rows of a checked spreadsheet in one transaction; a failure anywhere writes nothing.

    A row whose kenmerk names an activity of this controller edits it (a concept, as `activity_edit`; unchanged
    rows are skipped); every other row becomes a new activity with its first version. New activities are written
    in batches, with the same validation and history as `activity_create` but a few statements per thousand rows
    instead of some fifteen queries per row. `rows` may raise (spreadsheet.ImportRefused) to roll everything back.
    """
    Organisation.objects.select_for_update().filter(pk=controller.pk).get()  # one import per controller at a time
    existing = dict(Activity.objects.filter(controller=controller).values_list("number", "pk"))
    next_number = max(existing, default=0) + 1
    result = ImportResult()
    batch: list[ImportRow] = []
    for row in rows:
        if row.reference not in existing:
            batch.append(row)
            if len(batch) == IMPORT_BATCH:
                next_number = _create_batch(actor, controller, batch, next_number)
                result.created += len(batch)
                batch = []
            continue
        activity = Activity.objects.get(pk=existing[row.reference])
        changes = _changes(activity, row.fields)
        if changes:
            activity_edit(actor=actor, activity=activity, fields=changes, reason="gewijzigd bij inlezen")
            result.updated += 1
        else:
            result.unchanged += 1
    if batch:
        _create_batch(actor, controller, batch, next_number)
        result.created += len(batch)
    log.info("register_imported", controller=str(controller.uuid), **asdict(result))
    return result


def _create_batch(actor, controller, rows: list[ImportRow], number: int) -> int:
    """New activities, their first versions with history, and the versions' relations; returns the next number."""
    activities = Activity.objects.bulk_create(
        [Activity(controller=controller, number=number + i) for i in range(len(rows))]
    )
    versions = []
    for activity, row in zip(activities, rows, strict=True):
        version = ActivityVersion(
            activity=activity,
            version=1,
            **{name: value for name, value in row.fields.items() if name not in VERSION_RELATIONS},
        )
        # As activity_create's full_clean, minus the per-row queries: bsn_basis comes from the lookup, and a new
        # activity cannot collide with a constraint.
        version.full_clean(
            exclude=["activity", "established_by", "bsn_basis"], validate_unique=False, validate_constraints=False
        )
        versions.append(version)
    bulk_create_with_history(versions, ActivityVersion, default_user=actor, default_change_reason="ingelezen")
    for name in VERSION_RELATIONS:
        relation = ActivityVersion._meta.get_field(name)
        through = relation.remote_field.through
        source, target = f"{relation.m2m_field_name()}_id", f"{relation.m2m_reverse_field_name()}_id"
        through.objects.bulk_create(
            through(**{source: version.pk, target: item.pk})
            for version, row in zip(versions, rows, strict=True)
            for item in row.fields.get(name, ())
        )
    return number + len(rows)


def _changes(activity: Activity, fields: dict) -> dict:
    """The fields whose value differs from the activity's current version (the concept, else the established one)."""
    current = (
        activity.versions.exclude(status=Status.LAPSED).prefetch_related(*VERSION_RELATIONS).order_by("-version")[0]
    )
    changes = {}
    for name, value in fields.items():
        if name in VERSION_RELATIONS:
            differs = {item.pk for item in value} != {item.pk for item in getattr(current, name).all()}
        else:
            differs = getattr(current, name) != value
        if differs:
            changes[name] = value
    return changes
