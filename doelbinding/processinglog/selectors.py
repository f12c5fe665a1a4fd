"""Reading the processing log: the chains for verification, and (through the gate) entries for people."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.formats import date_format

from doelbinding.processinglog import chain_sql, rules
from doelbinding.processinglog.models import (
    Action,
    ActivityBinding,
    ChainHead,
    Outcome,
    ProcessingAction,
    RemovedRun,
    Review,
)
from doelbinding.register.models import ActivityVersion
from doelbinding.tenancy.models import Organisation

ENTRY_FIELDS = ("id", "stripe", "sequence", "previous_hash", "entry_hash", *rules.CHAINED)


def chain_entries(controller_id: int, *, chunk_size: int = 20_000) -> Iterator[rules.Entry]:
    """Every entry of the controller's chains, ordered by stripe and sequence, streamed from the database."""
    rows = (
        ProcessingAction.objects.filter(controller_id=controller_id)
        .order_by("stripe", "sequence", "id")
        .values_list(*ENTRY_FIELDS)
        .iterator(chunk_size=chunk_size)
    )
    for row in rows:
        yield rules.Entry(
            id=row[0], stripe=row[1], sequence=row[2], previous_hash=row[3], entry_hash=row[4], values=row[5:]
        )


def chain_heads(controller_id: int) -> list[rules.Head]:
    return [
        rules.Head(stripe, sequence, entry_hash)
        for stripe, sequence, entry_hash in ChainHead.objects.filter(controller_id=controller_id)
        .order_by("stripe")
        .values_list("stripe", "sequence", "entry_hash")
    ]


def removed_runs(controller_id: int) -> list[rules.Removed]:
    """What the retention removed of the controller's chains, so verification bridges those gaps."""
    return [
        rules.Removed(*row)
        for row in RemovedRun.objects.filter(controller_id=controller_id)
        .order_by("stripe", "first_sequence")
        .values_list("stripe", "first_sequence", "last_sequence", "previous_hash", "entry_hash")
    ]


def logged_controllers() -> list[int]:
    return sorted(set(ChainHead.objects.values_list("controller_id", flat=True)))


def verify_controller(controller_id: int, *, progress=None, every: int = 1_000_000) -> tuple[int, list[rules.Break]]:
    """How many entries the controller's chains hold, and the first break of each broken chain.

    On PostgreSQL the database checks the chains first (`chain_sql.entries_if_intact`); only when they do not
    hold does `rules.verify` walk them entry by entry to name the breaks, as it always does on SQLite.
    """
    heads, runs = chain_heads(controller_id), removed_runs(controller_id)
    if connection.vendor == "postgresql":
        with transaction.atomic():
            intact = chain_sql.entries_if_intact(controller_id, heads)
        if intact is not None:
            return intact, []
    counted = 0

    def counting(entries: Iterator[rules.Entry]) -> Iterator[rules.Entry]:
        nonlocal counted
        for entry in entries:
            counted += 1
            if progress is not None and counted % every == 0:
                progress(counted)
            yield entry

    first: dict[int, rules.Break] = {}
    for found in rules.verify(counting(chain_entries(controller_id)), heads, runs):
        first.setdefault(found.stripe, found)
    return counted, sorted(first.values(), key=lambda b: b.stripe)


def day_start(day: date) -> datetime:
    """Midnight at the start of `day` in the local time zone: ranges on the timestamp itself use its index and,
    on PostgreSQL, touch only the monthly partitions concerned."""
    return timezone.make_aware(datetime.combine(day, time.min))


def _hidden_from_citizens(today: date) -> Q:
    """Confidential processing stays out of the citizen's view until its confidentiality ends (seed 002 §2.2.11)."""
    return Q(confidential=True) & (Q(confidential_until__isnull=True) | Q(confidential_until__gte=today))


@dataclass(frozen=True)
class CitizenEntry:
    """One processing as the person sees it (and the access-request overview): when, which function of which
    organisation, what, which data (the categories of the register activity), for which purpose."""

    pk: int
    occurred_at: datetime
    actor_role: str
    organisation: str
    action: str
    categories: tuple[str, ...]
    purpose: str
    activity: str


_CITIZEN_SQL = f"""
    SELECT id, occurred_at, actor_role, actor_organisation_id, action, activity_id
    FROM {ProcessingAction._meta.db_table}
    WHERE controller_id = %s AND subject_type = 'bsn' AND subject_id = %s AND outcome = '{Outcome.ALLOWED.value}'
      AND occurred_at >= %s AND occurred_at < %s
      AND NOT (confidential AND (confidential_until IS NULL OR confidential_until >= %s))
    ORDER BY occurred_at DESC
"""  # noqa: S608 - no input in the text: the table name and a constant


def citizen_overview(controller, subject_id: str, *, since: date, until: date, today: date) -> list[CitizenEntry]:
    """What the person may see of the processing of their data by this controller in a period, newest first.
    Denied attempts processed nothing and are left out. The purpose shown is the register activity's (AVG art. 15
    lid 1 sub a), never the text a worker typed for the log: that may hold what the person must not read (the
    reason for emergency access to a child's file, say); the FG's search shows it.

    This is the query a large log answers most often, so it is written out: the ORM's compilation cost more than
    PostgreSQL's answer from the `log_by_subject` index. It reads the log without joins (planning a join over the
    monthly partitions costs more too); the few organisations and activity versions named are looked up after."""
    ops = connection.ops
    period = [ops.adapt_datetimefield_value(day_start(d)) for d in (since, until + timedelta(days=1))]
    with connection.cursor() as cursor:
        cursor.execute(_CITIZEN_SQL, [controller.pk, subject_id, *period, ops.adapt_datefield_value(today)])
        rows = cursor.fetchall()
    organisations = dict(Organisation.objects.filter(pk__in={r[3] for r in rows}).values_list("pk", "name"))
    activities = _activities_with_categories({r[5] for r in rows})
    return [
        CitizenEntry(
            pk=pk,
            occurred_at=moment if timezone.is_aware(moment) else timezone.make_aware(moment, UTC),  # SQLite: UTC
            actor_role=role,
            organisation=organisations.get(organisation_id, ""),
            action=Action(action).label,
            categories=activities[activity_id][2] if activity_id in activities else (),
            purpose=activities[activity_id][1] if activity_id in activities else "",
            activity=activities[activity_id][0] if activity_id in activities else "",
        )
        for pk, moment, role, organisation_id, action, activity_id in rows
    ]


def _activities_with_categories(version_ids: set[int]) -> dict[int, tuple[str, str, tuple[str, ...]]]:
    """Name, purposes and data-category names of each activity version, in one query for all of them."""
    if not version_ids:
        return {}
    found: dict[int, tuple[str, str, list[str]]] = {}
    rows = (
        ActivityVersion.objects.filter(pk__in=version_ids)
        .order_by("pk", "data_categories__name")
        .values_list("pk", "name", "purposes", "data_categories__name")
    )
    for pk, name, purposes, category in rows:
        purpose = "; ".join(line.strip().rstrip(".") for line in purposes.splitlines() if line.strip())
        found.setdefault(pk, (name, purpose, []))[2].extend([category] if category else [])
    return {pk: (name, purpose, tuple(categories)) for pk, (name, purpose, categories) in found.items()}


@dataclass(frozen=True)
class Search:
    """The FG's search in the log: by person, user, register activity and period (any combination)."""

    subject_id: str = ""
    actor_user_id: int | None = None
    activity_id: int | None = None  # an Activity (all its versions), not one version
    since: date | None = None
    until: date | None = None


def search(controller, query: Search, *, limit: int = 200) -> list[ProcessingAction]:
    entries = ProcessingAction.objects.filter(controller=controller)
    if query.subject_id:
        entries = entries.filter(subject_id=query.subject_id)
    if query.actor_user_id:
        entries = entries.filter(actor_user_id=query.actor_user_id)
    if query.activity_id:
        entries = entries.filter(activity__activity_id=query.activity_id)
    if query.since:
        entries = entries.filter(occurred_at__gte=day_start(query.since))
    if query.until:
        entries = entries.filter(occurred_at__lt=day_start(query.until + timedelta(days=1)))
    return list(entries.select_related("actor_organisation", "activity").order_by("-occurred_at")[:limit])


SIGNAL_WINDOW_DAYS = 30


def unusual_access(controller, *, today: date) -> list[rules.Signal]:
    """The signals of the last 30 days that nobody has reviewed yet, newest first."""
    since = day_start(today - timedelta(days=SIGNAL_WINDOW_DAYS))
    entries = ProcessingAction.objects.filter(controller=controller, occurred_at__gte=since, actor_user__isnull=False)
    per_day = entries.annotate(day=TruncDate("occurred_at")).values("actor_user_id", "day")

    def counts(rows) -> dict:
        return {(r["actor_user_id"], r["day"]): r["n"] for r in rows.annotate(n=Count("id"))}

    names = dict(entries.values_list("actor_user_id", "actor_name").distinct())
    break_glass = per_day.filter(action=Action.BREAK_GLASS)
    found = rules.signals(
        counts(per_day),
        names,
        counts(break_glass.filter(outcome=Outcome.ALLOWED)),
        counts(per_day.filter(outcome=Outcome.DENIED).exclude(action=Action.BREAK_GLASS)),
        break_glass_refused=counts(break_glass.filter(outcome=Outcome.DENIED)),
    )
    found += _outside_caseload(controller, entries, names, since)
    reviewed = set(Review.objects.filter(controller=controller).values_list("signal", flat=True))
    return sorted((s for s in found if s.key not in reviewed), key=lambda s: (s.day, s.kind), reverse=True)


def _outside_caseload(controller, entries: QuerySet, names: dict, since: datetime) -> list[rules.Signal]:
    """Case-work access (entries of a domain, allowed, not emergency access: that has a signal of its own) to
    people on nobody's list of this user: compared with the caseloads case work keeps."""
    from doelbinding.casework.caseloads import caseloads

    rows = (
        entries.filter(outcome=Outcome.ALLOWED, subject_type="bsn")
        .exclude(domain="")
        .exclude(action=Action.BREAK_GLASS)
        .annotate(day=TruncDate("occurred_at"))
        .values_list("actor_user_id", "day", "subject_id")
        .distinct()
    )
    accessed: dict[tuple[int | None, date], set[str]] = {}
    for user, day, subject in rows:
        accessed.setdefault((user, day), set()).add(subject)
    if not accessed:
        return []
    users = {user for user, _day in accessed}
    subjects = set().union(*accessed.values())
    known, held = caseloads(controller, users, subjects, since=since.date())
    return rules.outside_caseload(accessed, held, known, names)


def reviews(controller) -> list[Review]:
    """The latest reviews, each with `label`: which signal it closed, in words (kind, employee, day)."""
    found = list(
        Review.objects.filter(controller=controller).select_related("reviewed_by").order_by("-reviewed_at")[:50]
    )
    parts = {r.pk: rules.signal_parts(r.signal) for r in found}
    users = {p[1] for p in parts.values() if p and p[1] is not None}
    names = {u.pk: u.get_full_name() or u.username for u in get_user_model().objects.filter(pk__in=users)}
    for review in found:
        signal = parts[review.pk]
        review.label = (
            f"{rules.SIGNAL_KINDS[signal[0]]}, {names.get(signal[1], '—')}, {date_format(signal[2], 'j F Y')}"
            if signal
            else review.signal
        )
    return found


def bound_version(controller, use: str):
    """The version in force of the register activity the controller has bound to this use of the log, or None."""
    from doelbinding.register.models import Status

    binding = ActivityBinding.objects.filter(controller=controller, use=use).select_related("activity").first()
    if binding is None:
        return None
    return binding.activity.versions.filter(status=Status.ESTABLISHED).first()


def staff_choices(controller) -> list[tuple[int, str]]:
    from doelbinding.tenancy.selectors import staff_visible

    users = {m.user_id: m.user.get_full_name() or m.user.username for m in staff_visible(controller)}
    return sorted(users.items(), key=lambda item: item[1])


def activity_choices(controller) -> list[tuple[int, str]]:
    from doelbinding.register.selectors import current_versions

    return [(v.activity_id, f"{v.activity.reference} {v.name}") for v in current_versions(controller)]


def visible_entries(controller, organisation, *, today: date) -> QuerySet[ProcessingAction]:
    """The controller's entries a partner system may read: all but those of another organisation under an
    activity that is still confidential (hidden from the person, so from other partners too)."""
    return (
        ProcessingAction.objects.filter(controller=controller)
        .exclude(_hidden_from_citizens(today) & ~Q(actor_organisation=organisation))
        .select_related("actor_organisation")
        .order_by("-occurred_at", "-id")
    )
