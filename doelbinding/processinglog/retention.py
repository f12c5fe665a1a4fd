"""Retention of the processing log: the only way entries leave it, and only once the retention period is over.

DESIGN.md §4: the period is a setting (`PROCESSINGLOG_RETENTION_DAYS`, default five years, never below
`MINIMUM_DAYS`) and retention drops whole periods.

The cutoff. The retention period of `retention_days` days on `today` begins on the day `today - retention_days`
(the first day that stays): every entry that occurred on that day or later, in the local time zone, stays. The
cutoff is the first day of the month that contains the day before it, taken at 00:00 UTC; exactly the entries
that occurred before that instant are removed. UTC because the monthly partitions are UTC months (Django's
PostgreSQL connection runs in UTC, in which migration 0002 and `partitions.ensure` created them), so whole
partitions are whole cutoff months. The day before, because local midnight may come before 00:00 UTC (in
Amsterdam it is 22:00 or 23:00 UTC the day before); with it, every removed entry occurred before the retention
period began in any time zone from UTC-12 to UTC+14. The price is at most one month plus a day kept beyond the
period, which the monthly sweep removes the next time.

PostgreSQL drops every partition entirely before the cutoff (`partitions.drop`) and creates those of this month
and the coming twelve (`partitions.ensure`); SQLite deletes exactly the same rows, in batches, each in its own
transaction (the database has no guard; the application's is on the ORM only). Both keep the same rows.

The chains stay verifiable: before entries leave, each run of consecutive entries of a chain that leaves is
recorded (`RemovedRun`: its first and last sequence number, the first's link to its predecessor and the last's
hash), in the same transaction, and `rules.verify` checks the links across the gap. Runs, not a single mark per
chain: an entry's time is taken before its chain is locked, so around a month boundary a chain may hold an entry
of the old month after one of the new (the old one leaves, its neighbours stay).
"""

from __future__ import annotations

import re
import time as clock
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from django.db import DatabaseError, connection, transaction
from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import timezone

from doelbinding.processinglog import partitions
from doelbinding.processinglog.models import ProcessingAction, RemovedRun

MINIMUM_DAYS = 365  # a year at least: a slip in the setting (months for days) cannot empty the log
FUTURE_MONTHS = 12
LOCK_TIMEOUT = "10s"  # how long a partition waits for the writers before it is detached (PostgreSQL)

TABLE = partitions.TABLE
PARTITION = re.compile(rf"{TABLE}_p\d{{6}}")


STOPPED = "Het opschonen is gestopt; wat nog niet verwijderd was, staat er nog."


class RetentionRefused(ValueError):
    """The retention would remove entries within the retention period, or cannot safely remove them: nothing is."""


@dataclass(frozen=True)
class Month:
    """One month of the log that the sweep removed (or, in a dry run, would remove)."""

    first_day: date
    entries: int
    partition: str = ""  # PostgreSQL: the partition that held it


@dataclass
class Result:
    cutoff: date  # entries before 00:00 UTC of this day are gone
    first_kept_day: date  # the first day of the retention period (today - retention_days)
    dry_run: bool
    months: list[Month] = field(default_factory=list)  # oldest first
    removed: int = 0
    runs: list[RemovedRun] = field(default_factory=list)  # what verification bridges (none in a dry run)
    created: list[str] = field(default_factory=list)  # partitions created (or, in a dry run, that would be)
    seconds: float = 0.0


Progress = Callable[[int, Month | None], None]  # entries removed so far; the month just removed (PostgreSQL)


def check_retention(retention_days: int) -> int:
    if isinstance(retention_days, bool) or not isinstance(retention_days, int):
        raise RetentionRefused(f"De bewaartermijn is een aantal dagen, geen {retention_days!r}.")
    if retention_days < MINIMUM_DAYS:
        raise RetentionRefused(
            f"Een bewaartermijn van {retention_days} dagen is te kort: het logboek wordt ten minste "
            f"{MINIMUM_DAYS} dagen bewaard. Er is niets verwijderd."
        )
    return retention_days


def first_kept_day(today: date, retention_days: int) -> date:
    """The first day of the retention period: entries of this day (local time) and later always stay."""
    check_retention(retention_days)
    return today - timedelta(days=retention_days)


def cutoff(today: date, retention_days: int) -> date:
    """The first day of the month that contains the day before the retention period; entries before 00:00 UTC of
    it leave. Always a first of a month, and before `today - retention_days` (see the module's docstring)."""
    return partitions.month_start(first_kept_day(today, retention_days) - timedelta(days=1))


def instant(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def sweep(
    *,
    today: date,
    retention_days: int,
    batch_size: int = 10_000,
    progress: Progress | None = None,
    dry_run: bool = False,
) -> Result:
    """Remove every entry that occurred before `cutoff(today, retention_days)` (see the module's docstring)."""
    local_today = timezone.localdate()
    if today > local_today:
        raise RetentionRefused(
            f"De bewaartermijn telt terug vanaf vandaag ({local_today:%d-%m-%Y}), niet vanaf {today:%d-%m-%Y}. "
            "Er is niets verwijderd."
        )
    if batch_size < 1:
        raise RetentionRefused("Verwijder ten minste één item per keer.")
    started = clock.monotonic()
    result = Result(cutoff(today, retention_days), first_kept_day(today, retention_days), dry_run)
    if connection.vendor == "postgresql":
        _drop_partitions(result, today, progress or _quiet)
    elif connection.vendor == "sqlite":
        _delete_in_batches(result, batch_size, progress or _quiet)
    else:
        raise RetentionRefused(f"Het opschonen van het logboek kent database {connection.vendor} niet.")
    result.seconds = clock.monotonic() - started
    return result


def _quiet(removed: int, month: Month | None) -> None:
    return None


def _drop_partitions(result: Result, today: date, progress: Progress) -> None:
    last = date(today.year + 1, today.month, 1)
    with connection.cursor() as cursor:
        found = partitions.partitions(cursor)
    if result.dry_run:
        existing = {name for name, _month in found}
        result.created = [
            name for name in map(partitions.name_of, partitions.months(today, last)) if name not in existing
        ]
    else:
        with transaction.atomic(), connection.cursor() as cursor:
            result.created = partitions.ensure(cursor, today, last)
    for name, month in found:
        if month >= result.cutoff:
            continue
        if not PARTITION.fullmatch(name):
            raise RetentionRefused(f"Onbekende partitie {name}; er is niets van verwijderd.")
        if result.dry_run:
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT COUNT(*) FROM {name}")  # noqa: S608 - a partition name checked above
                result.months.append(Month(month, cursor.fetchone()[0], name))
            result.removed += result.months[-1].entries
            continue
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT}'")
                cursor.execute(f"LOCK TABLE {name} IN SHARE MODE")  # no writer adds to it while it is read and dropped
                runs = _runs(cursor, name, [], result.cutoff)
                RemovedRun.objects.bulk_create(runs)
                partitions.drop(cursor, name)
        except DatabaseError as error:
            raise RetentionRefused(
                f"Partitie {name} kon niet worden verwijderd ({error}). Er is niets van {month:%m-%Y} verwijderd; "
                "probeer het later opnieuw."
            ) from error
        entries = sum(run.last_sequence - run.first_sequence + 1 for run in runs)
        result.months.append(Month(month, entries, name))
        result.runs += runs
        result.removed += entries
        progress(result.removed, result.months[-1])


def _delete_in_batches(result: Result, batch_size: int, progress: Progress) -> None:
    before = connection.ops.adapt_datetimefield_value(instant(result.cutoff))
    per_month = (
        ProcessingAction.objects.filter(occurred_at__lt=instant(result.cutoff))
        .annotate(month=TruncMonth("occurred_at", tzinfo=UTC))
        .values("month")
        .annotate(entries=Count("id"))
        .order_by("month")
    )
    result.months = [Month(row["month"].date(), row["entries"]) for row in per_month]
    if result.dry_run:
        result.removed = sum(month.entries for month in result.months)
        return
    while True:
        with transaction.atomic(), connection.cursor() as cursor:
            runs = _runs(cursor, BATCH, [before, batch_size], result.cutoff)
            if not runs:
                break
            RemovedRun.objects.bulk_create(runs)
            cursor.execute(DELETE_BATCH, [before, batch_size])
            expected = sum(run.last_sequence - run.first_sequence + 1 for run in runs)
            if cursor.rowcount != expected:
                raise RetentionRefused(
                    f"Er zouden {expected} items verwijderd worden, maar het waren er {cursor.rowcount}; "
                    f"deze partij is teruggedraaid. {STOPPED}"
                )
        result.runs += runs
        result.removed += expected
        progress(result.removed, None)


# SQLite: the next batch of entries before the cutoff, oldest id first (the application's guard is on the ORM only).
BATCH = (
    f"(SELECT id, controller_id, stripe, sequence, previous_hash, entry_hash, occurred_at FROM {TABLE} "  # noqa: S608
    "WHERE occurred_at < %s ORDER BY id LIMIT %s)"
)
DELETE_BATCH = f"DELETE FROM {TABLE} WHERE id IN (SELECT id FROM {TABLE} WHERE occurred_at < %s ORDER BY id LIMIT %s)"  # noqa: S608

# The runs of consecutive sequence numbers per chain in `source` (a table or a parenthesised query, which appears
# three times), with the first one's link, the last one's hash, and how many entries are not yet past the cutoff.
RUNS = """
SELECT runs.controller_id, runs.stripe, runs.first_sequence, runs.last_sequence, runs.entries, runs.too_recent,
       first_entry.previous_hash, last_entry.entry_hash
FROM (
    SELECT controller_id, stripe, MIN(sequence) AS first_sequence, MAX(sequence) AS last_sequence,
           COUNT(*) AS entries, SUM(CASE WHEN occurred_at >= %s THEN 1 ELSE 0 END) AS too_recent
    FROM (
        SELECT controller_id, stripe, sequence, occurred_at,
               sequence - ROW_NUMBER() OVER (PARTITION BY controller_id, stripe ORDER BY sequence) AS island
        FROM {source} leaving
    ) numbered
    GROUP BY controller_id, stripe, island
) runs
JOIN {source} first_entry ON first_entry.controller_id = runs.controller_id AND first_entry.stripe = runs.stripe
    AND first_entry.sequence = runs.first_sequence
JOIN {source} last_entry ON last_entry.controller_id = runs.controller_id AND last_entry.stripe = runs.stripe
    AND last_entry.sequence = runs.last_sequence
ORDER BY runs.controller_id, runs.stripe, runs.first_sequence
"""


def _runs(cursor, source: str, params: list, cutoff_day: date) -> list[RemovedRun]:
    """The runs of the entries in `source`, checked: none too recent, no sequence number twice."""
    border = connection.ops.adapt_datetimefield_value(instant(cutoff_day))
    cursor.execute(RUNS.format(source=source), [border, *params, *params, *params])
    runs, previous = [], None
    for controller_id, stripe, first, last, entries, too_recent, previous_hash, entry_hash in cursor.fetchall():
        if too_recent:
            raise RetentionRefused(
                f"Keten {stripe} van organisatie {controller_id} bevat items van na {cutoff_day:%d-%m-%Y} in een deel "
                f"dat zou worden verwijderd. {STOPPED}"
            )
        overlaps = previous is not None and previous[:2] == (controller_id, stripe) and first <= previous[2]
        if overlaps or entries != last - first + 1:
            raise RetentionRefused(
                f"Keten {stripe} van organisatie {controller_id} heeft volgnummers die dubbel voorkomen rond "
                f"{first}; controleer het logboek met verify_log. {STOPPED}"
            )
        runs.append(
            RemovedRun(
                controller_id=controller_id,
                stripe=stripe,
                first_sequence=first,
                last_sequence=last,
                previous_hash=previous_hash,
                entry_hash=entry_hash,
                cutoff=cutoff_day,
            )
        )
        previous = (controller_id, stripe, last)
    return runs
