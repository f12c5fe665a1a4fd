"""Retention of the log: exactly the entries before the cutoff leave (on PostgreSQL as whole monthly partitions, on
SQLite the same rows in batches), everything within the retention period stays, the chains still verify across
what left, the floor and the dry run hold. Every test runs on both databases with the same outcome.

Gemeente Voorbeeld's chains already hold the demo world's year of history, which stays (it is within every
retention period): the entries a test writes with old times join those chains, so what leaves is never simply
the start of a chain. Tests that need a chain of their own use Gemeente Oostdal, whose log the demo leaves empty."""

from datetime import date, datetime, time, timedelta
from datetime import timezone as fixed
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from hypothesis import given
from hypothesis import settings as examples
from hypothesis import strategies as st

from doelbinding.processinglog import partitions, retention, rules, selectors, services
from doelbinding.processinglog.models import AppendOnlyError, ProcessingAction, RemovedRun
from doelbinding.processinglog.tests.factories import record
from doelbinding.processinglog.tests.test_rules import chain
from doelbinding.tenancy import demo

MICROSECOND = timedelta(microseconds=1)
MARK = "retentietest"  # the application of the entries the tests write, to tell them from the demo's


def _voorbeeld(world):
    return world.organisations[demo.VOORBEELD]


def _fresh(world):
    return world.organisations[demo.OOSTDAL]


def _cover(first: date) -> None:
    """PostgreSQL: the partitions for entries back to `first` (migration 0002 creates them for the retention
    period only); SQLite has none."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            partitions.ensure(cursor, first, timezone.localdate())


def _write(controller, moments) -> None:
    for n, moment in enumerate(moments):
        with transaction.atomic():
            services.append([record(controller, subject=f"{100000000 + n}", occurred_at=moment, application=MARK)])


def _kept(controller) -> list[datetime]:
    """When the entries the test wrote that are still in the log occurred."""
    entries = ProcessingAction.objects.filter(controller=controller, application=MARK)
    return sorted(entries.values_list("occurred_at", flat=True))


def _positions(controller) -> set[tuple[int, int]]:
    entries = ProcessingAction.objects.filter(controller=controller, application=MARK)
    return set(entries.values_list("stripe", "sequence"))


def _bridged(controller) -> set[tuple[int, int]]:
    """The chain positions the recorded runs stand in for."""
    return {
        (run.stripe, n)
        for run in RemovedRun.objects.filter(controller=controller)
        for n in range(run.first_sequence, run.last_sequence + 1)
    }


def _chains_hold(controller) -> bool:
    return selectors.verify_controller(controller.pk)[1] == []


def _partition_names() -> set[str]:
    with connection.cursor() as cursor:
        return {name for name, _month in partitions.partitions(cursor)}


def _local_midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


# --- the cutoff (pure) ----------------------------------------------------------------------------------------


@given(today=st.dates(date(1990, 1, 1), date(2200, 12, 31)), days=st.integers(retention.MINIMUM_DAYS, 40 * 365))
def test_the_cutoff_is_the_latest_month_start_before_the_retention_period_in_any_time_zone(today, days):
    first_kept = retention.first_kept_day(today, days)
    found = retention.cutoff(today, days)
    assert first_kept == today - timedelta(days=days)
    assert found.day == 1
    assert found < first_kept and partitions.next_month(found) > first_kept - timedelta(days=1)
    for offset in (-12, 0, 1, 2, 14):  # the first kept day begins later than the cutoff everywhere on earth
        begins = datetime.combine(first_kept, time.min, tzinfo=fixed(timedelta(hours=offset)))
        assert retention.instant(found) <= begins


@pytest.mark.parametrize("days", [-1, 0, 30, retention.MINIMUM_DAYS - 1])
def test_a_retention_below_the_floor_is_refused_everywhere(world, settings, days):
    controller = _voorbeeld(world)
    _cover(timezone.localdate() - timedelta(days=3 * 365))
    _write(controller, [timezone.now() - timedelta(days=3 * 365), timezone.now()])
    with pytest.raises(retention.RetentionRefused, match="te kort"):
        retention.cutoff(timezone.localdate(), days)
    with pytest.raises(retention.RetentionRefused, match="te kort"):
        retention.sweep(today=timezone.localdate(), retention_days=days)
    with pytest.raises(CommandError, match=f"{days} dagen is te kort"):
        call_command("processinglog_retention", "--dagen", str(days), stdout=StringIO())
    settings.PROCESSINGLOG_RETENTION_DAYS = days
    with pytest.raises(CommandError, match="ten minste 365 dagen"):
        call_command("processinglog_retention", stdout=StringIO())
    assert len(_kept(controller)) == 2 and not RemovedRun.objects.exists()


def test_the_period_counts_back_from_today_never_from_a_later_day(world):
    with pytest.raises(retention.RetentionRefused, match="vanaf vandaag"):
        retention.sweep(today=timezone.localdate() + timedelta(days=1), retention_days=retention.MINIMUM_DAYS)
    with pytest.raises(retention.RetentionRefused, match="dagen"):
        retention.cutoff(timezone.localdate(), "365")


# --- what leaves and what stays -------------------------------------------------------------------------------


def test_exactly_the_entries_before_the_cutoff_leave(world):
    controller, today, days = _voorbeeld(world), timezone.localdate(), 2 * 365
    border = retention.instant(retention.cutoff(today, days))
    first_kept = _local_midnight(retention.first_kept_day(today, days))
    _cover(border.date() - timedelta(days=100))
    old = [border - timedelta(days=95), border - timedelta(days=40), border - MICROSECOND]
    young = [border, first_kept - MICROSECOND, first_kept, timezone.now() - timedelta(days=3), timezone.now()]
    _write(controller, [young[0], old[1], young[3], old[0], young[1], old[2], young[2], young[4]])

    result = retention.sweep(today=today, retention_days=days, batch_size=2)

    assert _kept(controller) == sorted(young)
    assert result.removed == 3 and len([m for m in result.months if m.entries]) == 3  # three months, whole
    assert all(month.first_day < result.cutoff for month in result.months)
    assert _chains_hold(controller)
    again = retention.sweep(today=today, retention_days=days)
    assert again.removed == 0 and _kept(controller) == sorted(young) and _chains_hold(controller)


def test_any_log_keeps_everything_within_the_retention_period_and_still_verifies(world):
    """Entries land on random chains out of time order, between the demo's: what leaves is full of holes."""
    controller, now, today = _voorbeeld(world), timezone.now(), timezone.localdate()
    _cover(today - timedelta(days=6 * 365))

    @examples(max_examples=12, deadline=None, database=None)
    @given(
        days=st.integers(retention.MINIMUM_DAYS, 4 * 365),
        ago=st.lists(st.integers(0, 5 * 365 * 24 * 60), min_size=1, max_size=10),
        batch=st.integers(1, 4),
    )
    def check(days, ago, batch):
        moments = [now - timedelta(minutes=minutes) for minutes in ago]
        with transaction.atomic():
            _write(controller, moments)
            result = retention.sweep(today=today, retention_days=days, batch_size=batch)
            border = retention.instant(result.cutoff)
            first_kept = _local_midnight(result.first_kept_day)
            kept = _kept(controller)
            assert kept == sorted(m for m in moments if m >= border)
            assert {m for m in moments if m >= first_kept} <= set(kept)
            assert result.removed == len(moments) - len(kept)
            assert _chains_hold(controller)
            transaction.set_rollback(True)

    check()


def test_later_sweeps_and_new_entries_keep_the_chains_whole(world):
    controller, today = _voorbeeld(world), timezone.localdate()
    _cover(today - timedelta(days=4 * 365))
    _write(controller, [timezone.now() - timedelta(days=d) for d in (3 * 365, 1050, 500, 400, 10)])
    written = _positions(controller)
    retention.sweep(today=today, retention_days=1000)
    assert len(_kept(controller)) == 3 and _chains_hold(controller)
    _write(controller, [timezone.now()])
    retention.sweep(today=today, retention_days=retention.MINIMUM_DAYS)
    assert len(_kept(controller)) == 2
    assert _bridged(controller) == written - _positions(controller)  # exactly what left, nothing of the demo's
    assert _chains_hold(controller)
    out = StringIO()
    call_command("verify_log", stdout=out)
    assert "alle ketens in orde" in out.getvalue()


def test_a_chain_that_left_entirely_still_ends_at_its_head(world, settings):
    settings.PROCESSINGLOG_STRIPES = 1
    controller, today = _fresh(world), timezone.localdate()
    _cover(today - timedelta(days=3 * 365))
    _write(controller, [timezone.now() - timedelta(days=d) for d in (3 * 365, 2 * 365)])
    retention.sweep(today=today, retention_days=retention.MINIMUM_DAYS)
    assert _kept(controller) == [] and _chains_hold(controller)


def test_deleting_a_kept_entry_after_retention_is_still_found(world, settings):
    settings.PROCESSINGLOG_STRIPES = 1
    controller, today = _fresh(world), timezone.localdate()
    _cover(today - timedelta(days=3 * 365))
    _write(controller, [timezone.now() - timedelta(days=d) for d in (3 * 365, 2 * 365, 30, 20, 10)])
    retention.sweep(today=today, retention_days=retention.MINIMUM_DAYS)
    target = ProcessingAction.objects.filter(controller=controller).order_by("sequence")[1]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute("DELETE FROM processinglog_processingaction WHERE id = %s", [target.pk])
    assert [b.reason.split(" (")[0] for b in selectors.verify_controller(controller.pk)[1]] == [
        "ontbrekend voorgaand item"
    ]


def test_a_chain_with_a_sequence_number_twice_is_not_swept(world, settings):
    """Retention removes evidence; it refuses to when the part it would remove is already inconsistent."""
    settings.PROCESSINGLOG_STRIPES = 1
    controller, today = _fresh(world), timezone.localdate()
    _cover(today - timedelta(days=3 * 365))
    _write(controller, [timezone.now() - timedelta(days=d) for d in (3 * 365, 3 * 365 - 1, 10)])
    columns = ", ".join(
        f.column for f in ProcessingAction._meta.concrete_fields if f.column != "id"
    )  # a copy: the same position twice
    first = ProcessingAction.objects.filter(controller=controller).order_by("sequence").first()
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO processinglog_processingaction ({columns}) "  # noqa: S608 - the model's own columns
            f"SELECT {columns} FROM processinglog_processingaction WHERE id = %s",
            [first.pk],
        )
    with pytest.raises(retention.RetentionRefused, match="dubbel"):
        retention.sweep(today=today, retention_days=retention.MINIMUM_DAYS, batch_size=10)
    assert len(_kept(controller)) == 4 and not RemovedRun.objects.exists()


def test_the_removed_runs_are_append_only(world):
    run = RemovedRun.objects.create(
        controller=_voorbeeld(world),
        stripe=0,
        first_sequence=1,
        last_sequence=2,
        previous_hash=rules.GENESIS,
        entry_hash="a" * 64,
        cutoff=date(2020, 1, 1),
    )
    with pytest.raises(AppendOnlyError):
        run.delete()
    with pytest.raises(AppendOnlyError):
        RemovedRun.objects.filter(pk=run.pk).update(stripe=1)
    with pytest.raises(AppendOnlyError):
        RemovedRun.objects.all().delete()
    if connection.vendor == "postgresql":  # and the database itself, like the log
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the new row's foreign key checked: no pending events
        for statement in ("DELETE FROM processinglog_removedrun", "TRUNCATE processinglog_removedrun"):
            refused = pytest.raises(DatabaseError, match="alleen aan te vullen")
            with refused, transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(statement)
    assert RemovedRun.objects.filter(pk=run.pk).exists()


# --- how: whole partitions on PostgreSQL, batches on SQLite ---------------------------------------------------


def test_whole_months_go_and_the_coming_months_are_ready(world):
    controller, today, days = _voorbeeld(world), timezone.localdate(), 3 * 365
    cutoff = retention.cutoff(today, days)
    old_months = partitions.months(cutoff - timedelta(days=200), cutoff - timedelta(days=1))
    _cover(old_months[0])
    _write(controller, [retention.instant(month) + timedelta(days=3) for month in old_months])
    _write(controller, [retention.instant(cutoff), timezone.now()])
    coming = [partitions.name_of(m) for m in partitions.months(today, date(today.year + 1, today.month, 1))]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            partitions.drop(cursor, coming[-1])  # the migration made them; the sweep makes the missing one

    result = retention.sweep(today=today, retention_days=days)

    assert [m.first_day for m in result.months if m.entries] == old_months
    assert not ProcessingAction.objects.filter(occurred_at__lt=retention.instant(cutoff)).exists()
    assert len(_kept(controller)) == 2
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            found = partitions.partitions(cursor)
        names = {name for name, _month in found}
        assert all(month >= cutoff for _name, month in found)
        assert partitions.name_of(cutoff) in names and set(coming) <= names
        assert result.created == [coming[-1]]
        assert {m.partition for m in result.months} == {partitions.name_of(m.first_day) for m in result.months}
    else:
        assert result.created == [] and all(m.partition == "" for m in result.months)


def test_a_dry_run_removes_nothing_and_reports_what_would_go(world):
    controller, today = _voorbeeld(world), timezone.localdate()
    _cover(today - timedelta(days=3 * 365))
    _write(controller, [timezone.now() - timedelta(days=d) for d in (3 * 365, 2 * 365, 2 * 365 - 1, 10)])
    before, names = _kept(controller), _partition_names() if connection.vendor == "postgresql" else set()
    out = StringIO()
    call_command("processinglog_retention", "--droog", "--dagen", "400", stdout=out)
    assert _kept(controller) == before and not RemovedRun.objects.exists()
    if connection.vendor == "postgresql":
        assert _partition_names() == names
    assert "Proefdraaien: 3 items" in out.getvalue() and "er is niets verwijderd" in out.getvalue()


def test_the_command_reports_progress_and_a_summary_and_verify_log_agrees(world):
    controller, today = _voorbeeld(world), timezone.localdate()
    _cover(today - timedelta(days=3 * 365))
    _write(controller, [timezone.now() - timedelta(days=d) for d in (3 * 365, 3 * 365 - 1, 2 * 365, 2 * 365 - 1, 3)])
    out = StringIO()
    call_command("processinglog_retention", "--dagen", "400", "--partij", "2", stdout=out)
    text = out.getvalue()
    assert "Bewaartermijn 400 dagen" in text
    assert text.count(" items verwijderd") >= 3  # progress lines (per batch or per partition) and the summary
    assert "4 items verwijderd uit" in text and "overbrugging" in text
    assert len(_kept(controller)) == 1
    call_command("verify_log", stdout=StringIO())
    again = StringIO()
    call_command("processinglog_retention", "--dagen", "400", stdout=again)
    assert "Niets te verwijderen" in again.getvalue()


# --- verification across what left (rules.verify, pure) --------------------------------------------------------


def _runs_of(entries: list[rules.Entry], gone: set[int]) -> list[rules.Removed]:
    """What the retention records for removing the entries at the positions `gone` (0-based) of one chain."""
    runs: list[rules.Removed] = []
    for at in sorted(gone):
        entry = entries[at]
        if runs and runs[-1].last == entry.sequence - 1:
            runs[-1] = rules.Removed(
                entry.stripe, runs[-1].first, entry.sequence, runs[-1].previous_hash, entry.entry_hash
            )
        else:
            runs.append(
                rules.Removed(entry.stripe, entry.sequence, entry.sequence, entry.previous_hash, entry.entry_hash)
            )
    return runs


@given(length=st.integers(1, 40), data=st.data())
def test_any_removal_recorded_as_runs_verifies_and_any_other_gap_does_not(length, data):
    entries, head = chain(length)
    gone = data.draw(st.sets(st.integers(0, length - 1)))
    runs = _runs_of(entries, gone)
    left = [e for at, e in enumerate(entries) if at not in gone]
    assert list(rules.verify(left, [head], runs)) == []
    if runs:
        forged = runs[data.draw(st.integers(0, len(runs) - 1))]
        runs.remove(forged)
        assert list(rules.verify(left, [head], runs))  # a gap no run accounts for is a break


def test_a_run_must_link_to_its_predecessor_and_may_not_overlap_an_entry():
    entries, head = chain(10)
    runs = _runs_of(entries, {3, 4})
    left = [e for at, e in enumerate(entries) if at not in {3, 4}]
    wrong = rules.Removed(0, 4, 5, "f" * 64, runs[0].entry_hash)
    assert [b.reason.split(" (")[0] for b in rules.verify(left, [head], [wrong])] == [
        "de verwijzing naar het voorgaande item klopt niet"
    ]
    assert next(b.reason.split(" (")[0] for b in rules.verify(entries, [head], runs)) == "dubbel volgnummer"
