"""`python -m bench` (`make bench`): progress on stderr, one line per benchmark on stdout (`name: 1.23x (goal <=
1.30x)`, `name: 83 MB (goal <= 200 MB)`, `name: 0.95x (goal >= 0.90x)` for a floor, `name: skipped (...)` for one
that cannot run here), exit status 1 when a result misses its goal."""

import os
import sys
import tempfile
from pathlib import Path

import django
from django.db import connections


def run(directory: Path) -> int:
    # Imported after django.setup(): these modules load models.
    from django.test import override_settings

    from bench import cases, chains, importing, postgres, results, timing, world
    from doelbinding.tenancy.demo import WESTVEEN

    built = world.build()
    fg = built.users["fg"]
    missed = 0

    def report(result: results.Result) -> None:
        nonlocal missed
        print(result.line, flush=True)
        missed += result.missed

    # The bench URLconf adds the bench's views; DEBUG off measures what production runs, not WhiteNoise's
    # autorefresh file lookups or the query log that DEBUG=1 adds to every request.
    with override_settings(ROOT_URLCONF="bench.urls", DEBUG=False):
        benchmarks = cases.benchmarks(world.signed_in_cookie(fg))
        for benchmark in benchmarks:
            print(f"bench: {benchmark.name}", file=sys.stderr)
            ratio = timing.ratio(benchmark.name, benchmark.baseline, benchmark.candidate)
            report(results.measured(benchmark.name, ratio, benchmark.goal))
    # After the request benchmarks: it adds 100 000 activities to the database they read.
    for result in importing.results(directory):
        report(result)
    # Last, and in a database of their own: the processing log at scale, on PostgreSQL.
    if postgres.available():
        for result in postgres.results_on_postgres():
            report(result)
    else:
        print(f"bench: {postgres.NO_POSTGRES}: skipping what needs it; verifying on SQLite", file=sys.stderr)
        for result in postgres.skipped():
            report(result)
        with override_settings(DEBUG=False):
            report(chains.result(built.organisations[WESTVEEN]))
    if missed:
        print(f"bench: {missed} benchmark(s) missed their goal", file=sys.stderr)
    return 1 if missed else 0


# A memory-backed directory where there is one: disk sync latency differs per machine and, under load, stalls the
# side that writes (the shell saves the session on every request) far more than the side that does not.
MEMORY = "/dev/shm" if os.path.isdir("/dev/shm") else None


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="doelbinding-bench-", dir=MEMORY) as directory:
        # Never the developer's database: the bench builds its own world in a file that disappears afterwards.
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(directory) / 'bench.sqlite3'}"
        os.environ.setdefault("LOG_LEVEL", "WARNING")
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "doelbinding.settings")
        django.setup()
        try:
            return run(Path(directory))
        finally:
            connections.close_all()


if __name__ == "__main__":
    sys.exit(main())
