"""The benchmarks that need PostgreSQL: sixteen concurrent writers, verification, the citizen's view in a big log.

They run when PostgreSQL answers at 127.0.0.1:5432 as user `postgres` (trust), in a database of their own that the
bench creates (`doelbinding_bench_<pid>`) and drops afterwards, whatever happens. Django cannot switch the
default database of a running process, so they run in a child process, `python -m bench.postgres`, with
`DATABASE_URL` pointing at that database and a `django.setup()` of its own; it migrates (the partitions and the
append-only triggers of migration 0002 included), builds the demo world and reports one JSON line per result on
stdout, which the parent prints as it comes. Progress goes to stderr, as in the parent.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator

from bench import results

HOST, PORT, USER = "127.0.0.1", 5432, "postgres"
NO_POSTGRES = f"no PostgreSQL at {HOST}:{PORT}"
ONLY_ON_POSTGRES = (
    "chained_append_16_writers",
    "citizen_view_10m",
    "dat_lookup_1m",
    "dat_lookup_1m_p99_16_clients",
    "retention_sweep_1m",
)


def _admin():
    """A connection to the server's maintenance database, or None when there is no server to talk to."""
    import psycopg

    try:
        return psycopg.connect(host=HOST, port=PORT, user=USER, dbname="postgres", connect_timeout=3, autocommit=True)
    except psycopg.Error:
        return None


def available() -> bool:
    admin = _admin()
    if admin is None:
        return False
    admin.close()
    return True


def results_on_postgres() -> Iterator[results.Result]:
    """Create the database, run the child, relay its results, drop the database."""
    name = f"doelbinding_bench_{os.getpid()}"
    admin = _admin()
    if admin is None:
        raise SystemExit(f"bench: {NO_POSTGRES}")
    print(f"bench: PostgreSQL: creating the database {name}", file=sys.stderr)
    started = time.perf_counter()
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            env = {**os.environ, "DATABASE_URL": f"postgres://{USER}@{HOST}:{PORT}/{name}"}
            child = subprocess.Popen(
                [sys.executable, "-m", "bench.postgres"], stdout=subprocess.PIPE, text=True, env=env
            )
            assert child.stdout is not None
            for line in child.stdout:
                yield results.Result(**json.loads(line))
            if child.wait() != 0:
                raise SystemExit(f"bench: the PostgreSQL benchmarks stopped (exit status {child.returncode})")
        finally:
            print(
                f"bench: PostgreSQL: dropping the database {name} (after {time.perf_counter() - started:.0f} s)",
                file=sys.stderr,
            )
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def skipped() -> list[results.Result]:
    return [results.skipped(name, NO_POSTGRES) for name in ONLY_ON_POSTGRES]


def _emit(result: results.Result) -> None:
    print(json.dumps({"line": result.line, "missed": result.missed}), flush=True)


def main() -> None:
    """In the child: the database is empty; build the world and run the benchmarks, DEBUG off throughout (no query
    log in any thread)."""
    import django

    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "doelbinding.settings")
    django.setup()
    from django.db import connections
    from django.test import override_settings

    from bench import casework, chains, citizen_view, world, writers
    from doelbinding.tenancy.demo import OOSTDAL, VOORBEELD, WESTVEEN

    try:
        with override_settings(DEBUG=False):
            built = world.build()
            voorbeeld, oostdal, westveen = (built.organisations[s] for s in (VOORBEELD, OOSTDAL, WESTVEEN))
            print("bench: chained_append_16_writers", file=sys.stderr)
            _emit(writers.result(voorbeeld, oostdal))
            print("bench: verify_throughput", file=sys.stderr)
            _emit(chains.result(westveen))
            print("bench: dat_lookup_1m, dat_lookup_1m_p99_16_clients, retention_sweep_1m", file=sys.stderr)
            for result in casework.results_for(built, world.signed_in_cookie):
                _emit(result)
            print("bench: citizen_view_10m", file=sys.stderr)
            _emit(citizen_view.result([voorbeeld, oostdal, westveen]))
    finally:
        connections.close_all()


if __name__ == "__main__":
    main()
