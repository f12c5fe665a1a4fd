"""The citizen's view in a big log: `selectors.citizen_overview` against the raw indexed query.

Ten million entries (`logdata.write_bulk`: three municipalities, twelve months, about a million BSNs, dummy
hashes) are written straight into the partitioned table on PostgreSQL. Then each call asks for one citizen's last
twelve months at their home municipality, a different citizen every call (drawn at random, the same way on both
sides):

- baseline: one SELECT of the table's columns with the selector's filters (controller, BSN, allowed, the period,
  no confidential processing still under its confidentiality), newest first; PostgreSQL answers it from the
  `log_by_subject` index of each monthly partition;
- candidate: `selectors.citizen_overview`, which adds the acting organisation and the register activity (joins),
  the activity's data categories (a second query) and the model instances.
"""

from __future__ import annotations

import random
import sys
import time
from datetime import timedelta

from django.db import connection
from django.utils import timezone

from bench import logdata, results, timing
from doelbinding.processinglog import selectors

NAME = "citizen_view_10m"
ROWS = 10_000_000
BSNS = 1_000_000
# Issue 5's goal: the citizen's view costs at most twice the bare indexed query.
GOAL = 2.0

RAW = f"""
    SELECT * FROM {logdata.TABLE}
    WHERE controller_id = %s AND subject_type = 'bsn' AND subject_id = %s AND outcome = 'allowed'
      AND occurred_at >= %s AND occurred_at < %s
      AND NOT (confidential AND (confidential_until IS NULL OR confidential_until >= %s))
    ORDER BY occurred_at DESC
"""


def result(controllers) -> results.Result:
    print(f"  {NAME}: writing {ROWS:,} log rows (dummy hashes)", file=sys.stderr)
    started = time.perf_counter()
    bulk = logdata.write_bulk(controllers, ROWS, BSNS)
    print(f"  {NAME}: written in {time.perf_counter() - started:.0f} s; analysing", file=sys.stderr)
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {logdata.TABLE}")
        cursor.execute(f"SELECT count(*), count(DISTINCT subject_id) FROM {logdata.TABLE}")
        rows, subjects = cursor.fetchone()
    print(
        f"  {NAME}: the log holds {rows:,} rows of {subjects:,} data subjects "
        f"(ANALYZE and counting {time.perf_counter() - started:.0f} s)",
        file=sys.stderr,
    )
    today = timezone.localdate()
    since, until = today - timedelta(days=365), today
    low, high = selectors.day_start(since), selectors.day_start(until + timedelta(days=1))
    by_id = {c.pk: c for c in controllers}
    askers = [(by_id[pk], bsn) for pk, bsns in bulk.citizens.items() for bsn in bsns]

    def raw_for(controller, bsn) -> list[tuple]:
        with connection.cursor() as cursor:
            cursor.execute(RAW, [controller.pk, bsn, low, high, today])
            return cursor.fetchall()

    def overview_for(controller, bsn) -> list:
        return selectors.citizen_overview(controller, bsn, since=since, until=until, today=today)

    _check(askers, raw_for, overview_for)
    _explain(askers[0], low, high, today)
    raw_pick, overview_pick = random.Random(1).choice, random.Random(2).choice
    ratio = timing.ratio(
        NAME, lambda: raw_for(*raw_pick(askers)), lambda: overview_for(*overview_pick(askers)), rounds=9
    )
    return results.measured(NAME, ratio, GOAL)


def _check(askers, raw_for, overview_for) -> None:
    """Both sides return the same entries; and say how many a citizen typically has."""
    counts = []
    for controller, bsn in random.Random(3).sample(askers, 200):
        raw = [row[0] for row in raw_for(controller, bsn)]
        overview = [entry.pk for entry in overview_for(controller, bsn)]
        if raw != overview:
            raise SystemExit(f"bench: {NAME}: the raw query and the selector disagree for {bsn}")
        counts.append(len(raw))
    counts.sort()
    print(
        f"  {NAME}: entries per citizen asking: median {counts[len(counts) // 2]}, "
        f"90th percentile {counts[len(counts) * 9 // 10]}, most {counts[-1]}",
        file=sys.stderr,
    )


def _explain(asker, low, high, today) -> None:
    controller, bsn = asker
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + RAW, [controller.pk, bsn, low, high, today])
        plan = [row[0] for row in cursor.fetchall()]
    index_scans = sum("Index Scan" in line for line in plan)
    other_scans = sum("Seq Scan" in line or "Bitmap Heap Scan" in line for line in plan)
    print(
        f"  {NAME}: the raw query reads {index_scans} monthly partitions by their log_by_subject index"
        + (f" and scans {other_scans} (empty) partition(s)" if other_scans else ""),
        file=sys.stderr,
    )
    if not index_scans:
        raise SystemExit(f"bench: {NAME}: the raw query does not use an index:\n" + "\n".join(plan))
