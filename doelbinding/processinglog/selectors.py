"""Reading the processing log: the chains for verification, and (through the gate) entries for people."""

from __future__ import annotations

from collections.abc import Iterator

from doelbinding.processinglog import rules
from doelbinding.processinglog.models import ChainHead, ProcessingAction

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


def logged_controllers() -> list[int]:
    return sorted(set(ChainHead.objects.values_list("controller_id", flat=True)))


def verify_controller(controller_id: int, *, progress=None, every: int = 1_000_000) -> tuple[int, list[rules.Break]]:
    """How many entries the controller's chains hold, and the first break of each broken chain."""
    counted = 0

    def counting(entries: Iterator[rules.Entry]) -> Iterator[rules.Entry]:
        nonlocal counted
        for entry in entries:
            counted += 1
            if progress is not None and counted % every == 0:
                progress(counted)
            yield entry

    first: dict[int, rules.Break] = {}
    for found in rules.verify(counting(chain_entries(controller_id)), chain_heads(controller_id)):
        first.setdefault(found.stripe, found)
    return counted, sorted(first.values(), key=lambda b: b.stripe)
