"""Reading the processing log: the chains for verification, and (through the gate) entries for people."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import connection, transaction
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone

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


def citizen_overview(controller, subject_id: str, *, since: date, until: date, today: date) -> list[ProcessingAction]:
    """What the person may see of the processing of their data by this controller in a period: who (function and
    organisation), which data, for which purpose, when. Denied attempts processed nothing and are left out."""
    return list(
        ProcessingAction.objects.filter(
            controller=controller,
            subject_type="bsn",
            subject_id=subject_id,
            outcome=Outcome.ALLOWED,
            occurred_at__gte=day_start(since),
            occurred_at__lt=day_start(until + timedelta(days=1)),
        )
        .exclude(_hidden_from_citizens(today))
        .select_related("actor_organisation", "activity")
        .prefetch_related("activity__data_categories")
        .order_by("-occurred_at")
    )


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
    found = rules.signals(
        counts(per_day),
        names,
        counts(per_day.filter(action=Action.BREAK_GLASS)),
        counts(per_day.filter(outcome=Outcome.DENIED)),
    )
    reviewed = set(Review.objects.filter(controller=controller).values_list("signal", flat=True))
    return sorted((s for s in found if s.key not in reviewed), key=lambda s: (s.day, s.kind), reverse=True)


def reviews(controller) -> list[Review]:
    return list(
        Review.objects.filter(controller=controller).select_related("reviewed_by").order_by("-reviewed_at")[:50]
    )


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
