"""What only PostgreSQL does: the database itself refuses UPDATE, DELETE and TRUNCATE (of the table and of each
monthly partition), and 16 concurrent writers produce unforked chains. Collected only on PostgreSQL (conftest)."""

import threading
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import DatabaseError, connection, connections, transaction

from doelbinding.processinglog import chain_sql, rules, selectors, services
from doelbinding.processinglog.models import ProcessingAction
from doelbinding.processinglog.tests.factories import record
from doelbinding.processinglog.tests.test_log import _fresh, _write


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE processinglog_processingaction SET purpose = 'x'",
        "DELETE FROM processinglog_processingaction",
        "TRUNCATE processinglog_processingaction",
    ],
)
def test_postgresql_refuses_update_delete_and_truncate(world, statement):
    _write(_fresh(world), 2)
    with pytest.raises(DatabaseError, match="alleen aan te vullen"), transaction.atomic(), connection.cursor() as c:
        c.execute(statement)


def test_postgresql_refuses_truncating_a_partition(world):
    entry = _write(_fresh(world), 1)[0]
    partition = f"processinglog_processingaction_p{entry.occurred_at:%Y%m}"
    with pytest.raises(DatabaseError, match="alleen aan te vullen"), transaction.atomic(), connection.cursor() as c:
        c.execute(f"TRUNCATE {partition}")


@pytest.mark.django_db(transaction=True)
def test_sixteen_concurrent_writers_produce_unforked_chains(world):
    controller = _fresh(world)
    template = record(controller)
    barrier, failures = threading.Barrier(16), []

    def writer(n: int) -> None:
        try:
            barrier.wait()
            for i in range(25):
                with transaction.atomic():
                    services.append([template.__class__(**{**template.__dict__, "subject_id": f"{n:02d}{i:07d}"})])
        except Exception as error:  # noqa: BLE001 - reported below
            failures.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    counted, breaks = selectors.verify_controller(controller.pk)
    assert counted == 400 and breaks == []
    sequences = ProcessingAction.objects.filter(controller=controller).values_list("stripe", "sequence")
    assert len(set(sequences)) == 400  # no position taken twice: no fork


def _stored(controller) -> list[ProcessingAction]:
    return list(ProcessingAction.objects.filter(controller=controller).order_by("stripe", "sequence"))


def test_the_database_hashes_exactly_as_the_rules_do(world, settings):
    """The SQL serialisation (`chain_sql.canonical_sql`) and `rules.canonical` give the same bytes, for every kind
    of field: separators and non-ASCII in text, empty optional ids, booleans, dates, microseconds in another zone."""
    settings.PROCESSINGLOG_STRIPES = 1
    controller = _fresh(world)
    moment = datetime(2026, 3, 29, 2, 30, 0, 7, tzinfo=ZoneInfo("Europe/Amsterdam"))
    tricky = [
        record(controller, purpose="Doel\x1fmet scheiding", actor_user_id=None, occurred_at=moment),
        record(
            controller, purpose="Zorg voor één gezin — 中文", confidential=True, confidential_until=date(2030, 1, 2)
        ),
        record(controller, subject="", declared_processing="\\ tab\tnewline\n", actor_system_id=None),
    ]
    with transaction.atomic():
        returned = services.append(tricky)  # a batch: hashed by the batch statement's aggregate
        for one in tricky:
            returned += services.append([one])  # one entry: hashed by the database's append function
    stored = _stored(controller)
    assert len(stored) == 6 and len({e.stripe for e in stored}) == 1
    assert sorted(e.entry_hash for e in returned) == sorted(e.entry_hash for e in stored)
    previous = rules.GENESIS
    for entry in stored:
        assert entry.previous_hash == previous
        assert entry.entry_hash == rules.entry_hash(previous, tuple(getattr(entry, n) for n in rules.CHAINED))
        previous = entry.entry_hash


TAMPERING = {
    "edit": "UPDATE processinglog_processingaction SET purpose = 'anders' WHERE id = {third}",
    "delete": "DELETE FROM processinglog_processingaction WHERE id = {third}",
    "truncated tail": "DELETE FROM processinglog_processingaction WHERE id = {last}",
    "reorder": "UPDATE processinglog_processingaction SET sequence = 7 - sequence WHERE id IN ({second}, {fifth})",
    "relinked": "UPDATE processinglog_processingaction SET previous_hash = entry_hash WHERE id = {fifth}",
    "insert": "INSERT INTO processinglog_processingaction ({columns}) SELECT {columns} "
    "FROM processinglog_processingaction WHERE id = {third}",
}


@pytest.mark.parametrize("tampering", TAMPERING)
def test_the_database_check_finds_every_kind_of_tampering(world, settings, tampering):
    """The fast check never passes a broken chain (else the exact walk that names the break would not run)."""
    settings.PROCESSINGLOG_STRIPES = 1
    controller = _fresh(world)
    entries = _write(controller, 5)
    heads = selectors.chain_heads(controller.pk)
    with transaction.atomic():
        assert chain_sql.entries_if_intact(controller.pk, heads) == 5
    ids = dict(zip(["first", "second", "third", "fourth", "fifth"], [e.pk for e in entries], strict=True))
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")
        columns = ", ".join(f.column for f in ProcessingAction._meta.concrete_fields if not f.primary_key)
        cursor.execute(TAMPERING[tampering].format(**ids, last=entries[-1].pk, columns=columns))
    with transaction.atomic():
        assert chain_sql.entries_if_intact(controller.pk, heads) is None
    _counted, breaks = selectors.verify_controller(controller.pk)
    assert breaks, "the exact walk names the break the fast check found"
