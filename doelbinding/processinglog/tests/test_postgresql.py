"""What only PostgreSQL does: the database itself refuses UPDATE, DELETE and TRUNCATE (of the table and of each
monthly partition), and 16 concurrent writers produce unforked chains. Collected only on PostgreSQL (conftest)."""

import threading

import pytest
from django.db import DatabaseError, connection, connections, transaction

from doelbinding.processinglog import selectors, services
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
