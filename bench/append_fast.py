"""PROTOTYPE (bench only, to be moved into the app): `services.append` in two statements instead of four.

`services.append` sends four statements per call: the chain heads of the controller (to create missing ones),
the lock of a head, the INSERT of the entries and the UPDATE of the head. On PostgreSQL every statement is a round
trip and an ORM query built in Python, and the head stays locked from the second statement to the commit, so
every statement inside that window lengthens the time other writers of the stripe wait. This does the same work
with the same result in two:

1. lock a free head (`FOR UPDATE SKIP LOCKED`, at random among the free ones); heads are created only when the
   controller has none yet (a miss), not looked up on every call; when all heads are taken, wait for one at random;
2. one statement that inserts the entries and moves the head (`WITH moved AS (UPDATE ...) INSERT ...`).

Hashing stays in Python (`rules.entry_hash`), exactly as in `services.append`. PostgreSQL only.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from django.conf import settings
from django.db import connection
from django.utils import timezone

from doelbinding.processinglog import rules, services
from doelbinding.processinglog.models import ChainHead, ProcessingAction

_FIELDS = [f for f in ProcessingAction._meta.concrete_fields if not f.primary_key]
_LOCK_FREE = (
    f"SELECT id, stripe, sequence, entry_hash FROM {ChainHead._meta.db_table} "
    "WHERE controller_id = %s ORDER BY random() LIMIT 1 FOR UPDATE SKIP LOCKED"
)
_LOCK_ONE = (
    f"SELECT id, stripe, sequence, entry_hash FROM {ChainHead._meta.db_table} "
    "WHERE controller_id = %s AND stripe = %s FOR UPDATE"
)


def _lock(cursor, controller_id: int) -> tuple:
    cursor.execute(_LOCK_FREE, [controller_id])
    row = cursor.fetchone()
    if row is not None:
        return row
    cursor.execute(_LOCK_ONE, [controller_id, random.randrange(settings.PROCESSINGLOG_STRIPES)])
    row = cursor.fetchone()
    if row is not None:
        return row
    services._heads(controller_id)  # the controller's first entry: create its heads, then lock one
    cursor.execute(_LOCK_FREE, [controller_id])
    return cursor.fetchone()


def append(records: Sequence[services.Record]) -> int:
    """Like `services.append` (inside the caller's transaction, one chain, the same entries); returns the count."""
    if not records:
        return 0
    if not connection.in_atomic_block:
        raise RuntimeError("processing-log entries are written inside the transaction of the access they record")
    controller_id = records[0].controller_id
    if any(r.controller_id != controller_id for r in records):
        raise ValueError("one append is for one controller")
    with connection.cursor() as cursor:
        head_id, stripe, sequence, previous = _lock(cursor, controller_id)
        rows, params = [], []
        for record in records:
            sequence += 1
            values = {**record.__dict__, "stripe": stripe, "sequence": sequence}
            digest = rules.entry_hash(previous, tuple(values[name] for name in rules.CHAINED))
            entry = ProcessingAction(**values, previous_hash=previous, entry_hash=digest)
            entry.recorded_at = timezone.now()  # auto_now_add, which a raw INSERT does not apply
            params += [f.get_db_prep_save(getattr(entry, f.attname), connection) for f in _FIELDS]
            rows.append("(" + ", ".join(["%s"] * len(_FIELDS)) + ")")
            previous = digest
        cursor.execute(
            f"WITH moved AS (UPDATE {ChainHead._meta.db_table} SET sequence = %s, entry_hash = %s WHERE id = %s) "
            f"INSERT INTO {ProcessingAction._meta.db_table} ({', '.join(f.column for f in _FIELDS)}) "
            f"VALUES {', '.join(rows)}",
            [sequence, previous, head_id, *params],
        )
    return len(records)
