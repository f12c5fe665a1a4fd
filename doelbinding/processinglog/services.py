"""Writing to the processing log: entries appended to one of the controller's chains, in the caller's transaction.

A writer locks the head of a chain (`SELECT ... FOR UPDATE`), preferring one no other writer holds
(`SKIP LOCKED`), so concurrent writers spread over the stripes instead of queueing on one lock, and no chain can
fork: the head moves only under its lock. On PostgreSQL one entry is one statement and a batch two (`chain_sql`:
lock a head; hash, insert and move the head in the database), so the head is locked for as short a time as can be.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings
from django.db import connection, transaction

from doelbinding.processinglog import chain_sql, rules
from doelbinding.processinglog.models import ChainHead, ProcessingAction


@dataclass(frozen=True)
class Record:
    """One entry to write, before it has a place in a chain."""

    controller_id: int
    occurred_at: datetime
    actor_organisation_id: int
    action: str
    subject_id: str
    scope: str
    activity_id: int
    activity_uri: str
    purpose: str
    outcome: str
    actor_user_id: int | None = None
    actor_name: str = ""
    actor_role: str = ""
    actor_system_id: int | None = None
    subject_type: str = "bsn"
    domain: str = ""
    case_reference: str = ""
    confidential: bool = False
    confidential_until: date | None = None
    trace_id: str = ""
    span_id: str = ""
    declared_processing: str = ""
    declared_purpose: str = ""
    client_address: str = ""
    application: str = field(default="doelbinding")


def _heads(controller_id: int) -> None:
    """Create the controller's missing chain heads; a concurrent creator of the same heads is no problem."""
    stripes = range(settings.PROCESSINGLOG_STRIPES)
    missing = set(stripes) - set(ChainHead.objects.filter(controller_id=controller_id).values_list("stripe", flat=True))
    if missing:
        ChainHead.objects.bulk_create(
            [ChainHead(controller_id=controller_id, stripe=s, entry_hash=rules.GENESIS) for s in sorted(missing)],
            ignore_conflicts=True,
        )


def _any_stripe() -> int:
    return random.randrange(settings.PROCESSINGLOG_STRIPES)  # noqa: S311 - spreading writers, not a secret


def _chained(head: tuple[int, int, str], records: Sequence[Record]) -> list[ProcessingAction]:
    """`records` as the next entries after `head` (stripe, sequence, hash), each hashed on its predecessor."""
    stripe, sequence, previous = head
    entries = []
    for record in records:
        sequence += 1
        values = {**record.__dict__, "stripe": stripe, "sequence": sequence}
        digest = rules.entry_hash(previous, tuple(values[name] for name in rules.CHAINED))
        entries.append(ProcessingAction(**values, previous_hash=previous, entry_hash=digest))
        previous = digest
    return entries


def _lock_a_head(controller_id: int) -> tuple[int, int, int, str]:
    head = chain_sql.lock_head(controller_id) or chain_sql.lock_head(controller_id, _any_stripe())
    if head is None:  # the controller's first entry, or more stripes configured than it has heads
        _heads(controller_id)
        head = chain_sql.lock_head(controller_id, _any_stripe())
    assert head is not None  # the heads exist now
    return head


def append(records: Sequence[Record], *, returning: bool = True) -> list[ProcessingAction]:
    """Write `records` (all of one controller) as the next entries of one chain; must run inside a transaction.

    The entries become visible, with the data they describe, only when the caller's transaction commits. Returns
    them as model instances, or nothing when `returning` is off: the retention sweep writes tens of thousands and
    needs none of them, and on PostgreSQL a batch then builds none.
    """
    if not records:
        return []
    if not connection.in_atomic_block:
        raise RuntimeError("processing-log entries are written inside the transaction of the access they record")
    controller_id = records[0].controller_id
    if any(r.controller_id != controller_id for r in records):
        raise ValueError("one append is for one controller")
    if len(records) == 1 and connection.vendor == "postgresql":
        values = records[0].__dict__
        id_, stripe, sequence, previous, digest = chain_sql.append_one(values, settings.PROCESSINGLOG_STRIPES)
        entry = ProcessingAction(**values, stripe=stripe, sequence=sequence, previous_hash=previous, entry_hash=digest)
        entry.id = id_
        return [entry] if returning else []
    head = _lock_a_head(controller_id)
    if connection.vendor == "postgresql":
        _head_id, stripe, _sequence, _hash = head
        rows = chain_sql.append_many(head, records)
        if not returning:
            return []
        return [
            ProcessingAction(
                **record.__dict__, id=id_, stripe=stripe, sequence=sequence, previous_hash=previous, entry_hash=digest
            )
            for record, (id_, sequence, previous, digest) in zip(records, rows, strict=True)
        ]
    head_id, *position = head
    entries = _chained(tuple(position), records)
    chain_sql.insert_and_move(head_id, entries)
    return entries if returning else []


def append_now(records: Sequence[Record]) -> list[ProcessingAction]:
    """`append` in a transaction of its own, committed on return (for denied attempts, which must stay recorded)."""
    with transaction.atomic(durable=True):
        return append(records)


def review_close(*, actor, controller, signal: str, remark: str):
    """Close a signal of unusual access with the FG's remark; closing it again changes nothing."""
    from doelbinding.processinglog.models import Review

    review, _created = Review.objects.get_or_create(
        controller=controller, signal=signal, defaults={"remark": remark.strip(), "reviewed_by": actor}
    )
    return review
