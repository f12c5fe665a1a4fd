"""`python -m bench` (`make bench`): progress on stderr, one `name: 1.23x (goal <= 1.30x)` line per benchmark on
stdout (`name: 83 MB (goal <= 200 MB)` for a peak of memory), exit status 1 when a result exceeds its goal."""

import os
import sys
import tempfile
from pathlib import Path

import django
from django.db import connections


def run(directory: Path) -> int:
    # Imported after django.setup(): these modules load models.
    from django.test import override_settings

    from bench import cases, importing, timing, world

    fg = world.build().users["fg"]
    # The bench URLconf adds the bare view; DEBUG off measures what production runs, not WhiteNoise's
    # autorefresh file lookups or the query log that DEBUG=1 adds to every request.
    with override_settings(ROOT_URLCONF="bench.urls", DEBUG=False):
        benchmarks = cases.benchmarks(world.signed_in_cookie(fg))
        missed = 0
        for benchmark in benchmarks:
            print(f"bench: {benchmark.name}", file=sys.stderr)
            ratio = timing.ratio(benchmark.name, benchmark.baseline, benchmark.candidate)
            print(f"{benchmark.name}: {ratio:.2f}x (goal <= {benchmark.goal:.2f}x)", flush=True)
            missed += ratio > benchmark.goal
    # Last: it adds 100 000 activities to the database the request benchmarks above read.
    for result in importing.results(directory):
        print(result.line, flush=True)
        missed += result.missed
    if missed:
        print(f"bench: {missed} benchmark(s) above their goal", file=sys.stderr)
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
