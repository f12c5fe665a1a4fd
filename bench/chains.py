"""Verifying the chains: `selectors.verify_controller` over half a million entries in real hash chains.

The entries are written straight into the table (`logdata.write_chains`), then verified as `manage.py verify_log`
does; the result is entries per second, against a floor. On PostgreSQL the database checks the chains itself
(`chain_sql.entries_if_intact`: one scan hashing every entry, one ordered pass over the links), so the rate
depends little on how many entries there are; half a million keeps the bench short.
"""

from __future__ import annotations

import sys
import time

from django.db import connection

from bench import logdata, results
from doelbinding.processinglog import selectors

NAME = "verify_throughput"
ENTRIES = 500_000
# Issue 5's goal: a million entries per second.
GOAL = 1_000_000


def result(controller) -> results.Result:
    print(f"  {NAME}: writing {ENTRIES:,} chained entries for {controller.name}", file=sys.stderr)
    started = time.perf_counter()
    logdata.write_chains(controller, ENTRIES)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # What autovacuum would have done to a log this old: hint bits set, statistics known.
            cursor.execute(f"VACUUM ANALYZE {logdata.TABLE}")
    print(f"  {NAME}: written in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    rate = _timed("selectors.verify_controller", lambda: selectors.verify_controller(controller.pk))
    return results.measured(NAME, rate / 1e6, GOAL / 1e6, unit="M entries/s", at_least=True, digits=3)


def _timed(label: str, verify) -> float:
    started = time.perf_counter()
    counted, breaks = verify()
    seconds = time.perf_counter() - started
    if breaks or counted != ENTRIES:
        raise SystemExit(f"bench: {NAME}: {label} found {counted} entries and breaks {breaks[:3]}")
    rate = counted / seconds
    print(f"  {NAME}: {label}: {counted:,} entries in {seconds:.1f} s = {rate:,.0f} entries/s", file=sys.stderr)
    return rate
