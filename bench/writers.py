"""Sixteen concurrent writers on PostgreSQL: chained appends (`services.append`) against plain inserts.

Each writer is a thread with its own database connection, kept for the whole benchmark so that connecting is not
part of it. One call of a side is a burst: every writer writes `PER_WRITER` entries, each in a transaction of its
own (one access, one entry, one commit, as the gate does), all sixteen at once; the call returns when the last
writer is done. The two sides write the same rows for the same controller:

- chained: `services.append([record])`: lock a chain head (SKIP LOCKED), hash, insert, move the head;
- plain: `ProcessingAction.objects.bulk_create([...])` of the same entry, with a stripe and sequence of the
  writer's own and placeholder hashes: the insert alone, no head, no lock, no hash. These rows go under another
  controller of the same kind, so that the chained controller's chains can be verified afterwards.

The ratio printed is throughput, chained / plain (higher is better): `timing.ratio` gives time per burst,
candidate / baseline, and the same work per burst makes throughput its inverse.

The chained controller's chains must verify afterwards.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from dataclasses import replace

from django.conf import settings
from django.db import connections, transaction
from django.utils import timezone

from bench import results, timing
from doelbinding.processinglog import selectors, services
from doelbinding.processinglog.models import ProcessingAction
from doelbinding.register.models import ActivityVersion, Status

NAME = "chained_append_16_writers"
WRITERS = 16
PER_WRITER = 20
# Issue 5's goal (DESIGN.md §4: stripes keep chained writing within ~10 % of plain inserts).
GOAL = 0.90
PLACEHOLDER = "0" * 64


class Crew:
    """`WRITERS` threads that each run the job of a burst on their own connection, all starting together."""

    def __init__(self, size: int):
        self.start, self.done = threading.Barrier(size + 1), threading.Barrier(size + 1)
        self.job: Callable[[int], None] | None = None
        self.errors: list[BaseException] = []
        self.threads = [threading.Thread(target=self._loop, args=(n,), daemon=True) for n in range(size)]
        for thread in self.threads:
            thread.start()

    def _loop(self, number: int) -> None:
        try:
            while True:
                self.start.wait()
                job = self.job
                if job is None:
                    return
                try:
                    job(number)
                except BaseException as error:  # noqa: BLE001 - raised again in the main thread
                    self.errors.append(error)
                self.done.wait()
        finally:
            connections.close_all()  # this thread's connection

    def burst(self, job: Callable[[int], None]) -> None:
        self.job = job
        self.start.wait()
        self.done.wait()
        if self.errors:
            raise self.errors[0]

    def close(self) -> None:
        self.job = None
        self.start.wait()
        for thread in self.threads:
            thread.join()


def template(controller) -> services.Record:
    version = (
        ActivityVersion.objects.select_related("activity__controller")
        .filter(activity__controller=controller, status=Status.ESTABLISHED)
        .order_by("pk")
        .first()
    )
    return services.Record(
        controller_id=controller.pk,
        occurred_at=timezone.now(),
        actor_organisation_id=controller.pk,
        action="read",
        subject_id="",
        scope="content",
        domain=version.domain,
        activity_id=version.pk,
        activity_uri=version.uri,
        purpose=version.purposes.splitlines()[0],
        outcome="allowed",
        actor_user_id=1,
        actor_name="Bench Schrijver",
        actor_role="consulent",
        confidential=version.confidential,
        confidential_until=version.confidential_until,
        client_address="10.0.0.1",
    )


def result(controller, plain_controller) -> results.Result:
    base = template(controller)
    stripes = settings.PROCESSINGLOG_STRIPES
    counters = [0] * WRITERS

    def record(writer: int, i: int) -> services.Record:
        return replace(base, occurred_at=timezone.now(), subject_id=f"9{writer:02d}{i % 1_000_000:06d}")

    def chained(writer: int) -> None:
        for i in range(PER_WRITER):
            with transaction.atomic():
                services.append([record(writer, i)])

    def plain(writer: int) -> None:
        for i in range(PER_WRITER):
            counters[writer] += 1
            entry = ProcessingAction(
                **{**record(writer, i).__dict__, "controller_id": plain_controller.pk},
                stripe=writer % stripes,
                sequence=counters[writer],
                previous_hash=PLACEHOLDER,
                entry_hash=PLACEHOLDER,
            )
            with transaction.atomic():
                ProcessingAction.objects.bulk_create([entry])

    with transaction.atomic():
        services.append([record(0, 0)])  # the controller's chain heads exist before the race
    crew = Crew(WRITERS)
    bursts = {"plain": 0, "chained": 0}

    def side(name: str, job: Callable[[int], None]) -> Callable[[], None]:
        def run() -> None:
            crew.burst(job)
            bursts[name] += 1

        return run

    rounds = {"rounds": 7, "slices": 2, "slice_seconds": 1.0, "warmup": 1.0}
    try:
        ratio = timing.ratio(NAME, side("plain", plain), side("chained", chained), **rounds)
    finally:
        crew.close()
    written = sum(bursts.values()) * WRITERS * PER_WRITER
    print(
        f"  {NAME}: {WRITERS} writers x {PER_WRITER} transactions per burst, {stripes} stripes; "
        f"{written:,} entries written",
        file=sys.stderr,
    )
    counted, breaks = selectors.verify_controller(controller.pk)
    if breaks:
        raise SystemExit(f"bench: {NAME} left broken chains: {breaks[:3]}")
    print(f"  {NAME}: the chains hold ({counted:,} entries verified)", file=sys.stderr)
    return results.measured(NAME, 1 / ratio, GOAL, at_least=True)
