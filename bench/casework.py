"""Case work at scale, on PostgreSQL (in the child of bench.postgres): a million synthetic persons with their
involvements, written straight into the tables, then

- `dat_lookup_1m`: the dat look-up (a person's involvements, read through the gate: the policy, one log entry and
  the read in one durable transaction) against a plain primary-key read of the person, both as views behind the
  full `MIDDLEWARE` (ratio, as `logged_read`);
- `dat_lookup_1m_p99_16_clients`: the 99th percentile latency of the dat look-up with sixteen clients (forked
  processes, each its own connection) requesting back to back;
- `retention_sweep_1m`: `casework.retention.sweep` of the involvements past their destruction date against one
  raw `DELETE` of the same rows.

Next to the two goals this machine cannot meet, progress lines show their floors: the plain read with the same
sixteen clients, and the DELETE writing one bare log row per record (`_floor`); docs/benchmarks.md explains both.

The candidate takes the path of case work's own view 'bekend in andere domeinen?' (`views.known_elsewhere`):
`access.look` with `Cap.LOOK_UP_INVOLVEMENTS` under the register activity bound to involvement look-ups
(`access.bound`), fetching `selectors.involvements_of(person)`, as the `regisseur` persona; it answers JSON instead
of the page, so that what the ratio shows is the look-up and not the template.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import random
import statistics
import sys
import time
from datetime import date

from django.conf import settings
from django.db import connection, connections, transaction
from django.http import JsonResponse
from django.test import RequestFactory, override_settings
from django.urls import path
from django.utils import timezone

from bench import cases, logdata, results, timing
from bench import urls as bench_urls
from doelbinding.casework import access, retention, selectors
from doelbinding.casework.models import Person, RegisterBinding, Use
from doelbinding.core.authz import requires
from doelbinding.policy import Cap
from doelbinding.processinglog.models import Action, ProcessingAction
from doelbinding.register.models import Activity, Status

LOOKUP, P99, SWEEP = "dat_lookup_1m", "dat_lookup_1m_p99_16_clients", "retention_sweep_1m"
PERSONS = 1_000_000
DUE_EVERY = 20  # one person in twenty has an ended involvement whose retention is over: 50 000 to sweep
CLIENTS, CLIENT_SECONDS = 16, 8.0
# Issue 6's goals.
LOOKUP_GOAL, P99_GOAL_MS, SWEEP_GOAL = 1.5, 20.0, 1.5
DOMAINS = ("wmo", "jeugd", "werk-inkomen", "schulden", "leerplicht", "zorg-veiligheid")
PURPOSE = "Nagaan of betrokkene in andere domeinen bekend is"
SWEEP_BATCH = 10_000
SWEEP_ROUNDS = 1  # one sweep of 50 000 takes about a minute here: more rounds would break the bench's time budget


@requires(Cap.VIEW_PERSONS)
def person_plain(request, pk: int):
    """The plain read: one person by primary key, scoped to the controller, as JSON."""
    row = Person.objects.filter(controller=request.acting.controller, pk=pk).values("bsn", "family_name").get()
    return JsonResponse(row)


def involvements_logged(request, pk: int):
    """The dat look-up as `views.known_elsewhere` does it: the person, then their involvements through the gate."""
    controller = request.acting.controller
    person = Person.objects.filter(controller=controller, pk=pk).only("pk", "bsn", "controller_id").get()

    def fetch() -> list[dict]:
        return list(selectors.involvements_of(person).values("domain", "team", "since", "until", "contact_name"))

    found = access.look(
        request,
        cap=Cap.LOOK_UP_INVOLVEMENTS,
        activity=access.bound(controller, Use.INVOLVEMENT_LOOKUP),
        subjects=[person.bsn],
        purpose=PURPOSE,
        action=Action.SEARCH,
        fetch=fetch,
    )
    return JsonResponse({"bsn": person.bsn, "involvements": found})


urlpatterns = [
    path("bench/casework/person/<int:pk>/", person_plain),
    path("bench/casework/involvements/<int:pk>/", involvements_logged),
    *bench_urls.urlpatterns,
]


# --- the data --------------------------------------------------------------------------------------------------------

PERSON_SQL = """
    INSERT INTO casework_person (uuid, controller_id, bsn, given_names, family_name, birth_date, household_id,
                                 synthetic, hold_reason, created_at)
    SELECT gen_random_uuid(), %(controller)s, b.bsn, (%(first)s::text[])[1 + b.n %% 12],
           (%(last)s::text[])[1 + (b.n / 12) %% 10], DATE '1940-01-01' + (b.n %% 25000)::int, NULL, TRUE, '', now()
    FROM bench_bsn b
"""
# Every person one or two running involvements; one in DUE_EVERY one more that ended long ago and is due.
INVOLVEMENT_SQL = """
    INSERT INTO casework_involvement (uuid, controller_id, person_id, domain, organisation_id, team, contact_id,
                                      contact_name, since, until, activity_id, destruction_due, hold_reason,
                                      created_by_id, created_at)
    SELECT gen_random_uuid(), p.controller_id, p.id, (%(domains)s::text[])[1 + (p.id + k) %% 6], p.controller_id,
           'Wijkteam', NULL, 'Contactpersoon', DATE '2020-01-01' + (p.id %% 1500)::int, NULL, %(activity)s, NULL, '',
           NULL, now()
    FROM casework_person p CROSS JOIN LATERAL generate_series(0, p.id %% 2) k
    WHERE p.controller_id = %(controller)s
"""
DUE_SQL = """
    INSERT INTO casework_involvement (uuid, controller_id, person_id, domain, organisation_id, team, contact_id,
                                      contact_name, since, until, activity_id, destruction_due, hold_reason,
                                      created_by_id, created_at)
    SELECT gen_random_uuid(), p.controller_id, p.id, 'schulden', p.controller_id, 'Team Schulden', NULL,
           'Contactpersoon', DATE '2008-01-01', DATE '2012-01-01', %(activity)s, DATE '2019-01-01', '', NULL, now()
    FROM casework_person p
    WHERE p.controller_id = %(controller)s AND p.id %% {every} = 0
"""
RAW_DELETE = "DELETE FROM casework_involvement WHERE controller_id = %s AND destruction_due <= %s"


def _bare_entries_sql() -> str:
    """The same DELETE, writing one bare processing-log row per deleted record in the same statement: constants, the
    person's id for the subject (not even their BSN is read), no hash computed, no chain followed, no head moved.
    Less than any sweep that logs every destroyed record must do; `_floor` runs it in a rolled-back transaction."""
    values = {
        "stripe": "-1",
        "sequence": "row_number() OVER ()",
        "subject_id": "person_id::text",
        "occurred_at": "now()",
        "recorded_at": "now()",
        "activity_id": "%(version)s",
        "controller_id": "%(controller)s",
        "actor_organisation_id": "%(controller)s",
    }
    fields = [f for f in ProcessingAction._meta.concrete_fields if not f.primary_key]
    for f in fields:
        if f.attname not in values:
            values[f.attname] = "NULL" if f.null else "FALSE" if f.get_internal_type() == "BooleanField" else "''"
    for name in ("previous_hash", "entry_hash"):
        values[name] = "repeat('0', 64)"
    return f"""
WITH gone AS (
    DELETE FROM casework_involvement WHERE controller_id = %(controller)s AND destruction_due <= %(today)s
    RETURNING person_id
)
INSERT INTO {ProcessingAction._meta.db_table} ({", ".join(f.column for f in fields)})
SELECT {", ".join(values[f.attname] for f in fields)} FROM gone
"""


@contextlib.contextmanager
def _unconstrained(tables: list[str]):
    """Load without the tables' unique and foreign-key constraints and secondary indexes (checking a million rows
    one by one costs several times the load), then add them again as they were defined, two sessions side by side."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = ANY(%s::regclass[]) AND contype IN ('u', 'f') ORDER BY contype DESC",
            [tables],
        )
        constraints = cursor.fetchall()
        for table, name, _definition in constraints:
            cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
        cursor.execute(
            "SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid "
            "WHERE x.indrelid = ANY(%s::regclass[]) AND NOT x.indisprimary AND NOT x.indisunique",
            [tables],
        )
        indexes = cursor.fetchall()
        for name, _definition in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
    yield
    started = time.perf_counter()
    statements = [definition for _name, definition in indexes]
    statements += [f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {d}' for table, name, d in reversed(constraints)]
    logdata._in_sessions(["SET maintenance_work_mem = '256MB'"], statements)
    print(
        f"  {LOOKUP}: {len(indexes)} indexes and {len(constraints)} constraints again in "
        f"{time.perf_counter() - started:.0f} s",
        file=sys.stderr,
    )


def _write(controller, activity: Activity) -> int:
    with _unconstrained(["casework_person", "casework_involvement"]):
        _load(controller, activity)
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE casework_person")
        cursor.execute("ANALYZE casework_involvement")
        cursor.execute("SELECT count(*) FROM casework_involvement WHERE controller_id = %s", [controller.pk])
        (involvements,) = cursor.fetchone()
    print(
        f"  {LOOKUP}: {involvements:,} involvements; analysed in {time.perf_counter() - started:.0f} s",
        file=sys.stderr,
    )
    return involvements


def _load(controller, activity: Activity) -> None:
    started = time.perf_counter()
    bsns = logdata.eleven_test_bsns(PERSONS, random.Random(61))
    params = {
        "controller": controller.pk,
        "first": list(logdata.FIRST_NAMES),
        "last": list(logdata.LAST_NAMES),
        "domains": list(DOMAINS),
        "activity": activity.pk,
    }
    with connection.cursor() as django_cursor:
        cursor = django_cursor.cursor
        cursor.execute("CREATE UNLOGGED TABLE bench_bsn (n integer, bsn varchar(9))")
        rows = "".join(f"{n}\t{bsn}\n" for n, bsn in enumerate(bsns))
        logdata._copy(cursor, "bench_bsn", ["n", "bsn"], iter([rows]))
        cursor.execute(PERSON_SQL, params)
        cursor.execute("DROP TABLE bench_bsn")
        print(f"  {LOOKUP}: {PERSONS:,} persons in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        cursor.execute(INVOLVEMENT_SQL, params)
        cursor.execute(DUE_SQL.format(every=DUE_EVERY), params)
    print(f"  {LOOKUP}: and their involvements in {time.perf_counter() - started:.0f} s", file=sys.stderr)


def _due(controller, activity: Activity) -> int:
    """The due involvements again (after a sweep or a delete took them), so that both sides get the same rows."""
    with connection.cursor() as cursor:
        cursor.execute(DUE_SQL.format(every=DUE_EVERY), {"activity": activity.pk, "controller": controller.pk})
        cursor.execute("ANALYZE casework_involvement")
        return cursor.rowcount


# --- the look-up -----------------------------------------------------------------------------------------------------


def _getter(application, cookie: str, paths: list[str]):
    environs = [RequestFactory(headers={"cookie": cookie}).get(p).environ for p in paths]
    picks = iter(range(10**12))

    def start_response(status, headers):
        pass

    def get() -> int:
        environ = environs[next(picks) % len(environs)]
        response = application(dict(environ), start_response)
        b"".join(response)
        response.close()
        if response.status_code != 200:
            raise SystemExit(f"bench: {environ['PATH_INFO']} answered HTTP {response.status_code}")
        return response.status_code

    get()
    return get


def _client(application, cookie: str, paths: list[str], seed: int, until: float, queue) -> None:
    """One of the sixteen: requests back to back until `until`, then the latencies (seconds) to the parent."""
    random.Random(seed).shuffle(paths)
    get = _getter(application, cookie, paths)
    latencies = []
    try:
        while time.time() < until:
            started = time.perf_counter()
            get()
            latencies.append(time.perf_counter() - started)
    finally:
        connections.close_all()
        queue.put(latencies)


def _p99(application, cookie: str, paths: list[str]) -> tuple[float, float, int]:
    """(p99, median, requests) over CLIENTS forked processes requesting for CLIENT_SECONDS."""
    connections.close_all()  # each child opens its own connection
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    until = time.time() + 3.0 + CLIENT_SECONDS
    children = [
        context.Process(target=_client, args=(application, cookie, list(paths), n, until, queue))
        for n in range(CLIENTS)
    ]
    for child in children:
        child.start()
    latencies = [latency for _ in children for latency in queue.get()]
    for child in children:
        child.join()
    latencies.sort()
    p99 = latencies[int(len(latencies) * 0.99)]
    return p99, statistics.median(latencies), len(latencies)


# --- all three -------------------------------------------------------------------------------------------------------


def _print_clients(what: str, p99: float, median: float, count: int) -> None:
    print(
        f"  {P99}: {what}: {count} requests ({count / CLIENT_SECONDS:.0f}/s), median {median * 1e3:.1f} ms, "
        f"p99 {p99 * 1e3:.1f} ms",
        file=sys.stderr,
    )


def results_for(built, cookie_for) -> list[results.Result]:
    from doelbinding.tenancy.demo import VOORBEELD

    controller = built.organisations[VOORBEELD]
    regisseur = built.users["regisseur"]
    activity = Activity.objects.get(
        controller=controller, versions__name="Sociale wijkteams registratie", versions__status=Status.ESTABLISHED
    )
    RegisterBinding.objects.get_or_create(controller=controller, use=Use.INVOLVEMENT_LOOKUP, activity=activity)
    print(f"  {LOOKUP}: writing {PERSONS:,} persons with their involvements", file=sys.stderr)
    _write(controller, activity)
    found = []
    with override_settings(ROOT_URLCONF="bench.casework"):
        cookie = cookie_for(regisseur)
        application = cases.app(settings.MIDDLEWARE)
        ids = list(Person.objects.filter(controller=controller).values_list("pk", flat=True)[:: PERSONS // 2000])
        pick = random.Random(7)
        sample = [pick.choice(ids) for _ in range(2000)]
        plain = _getter(application, cookie, [f"/bench/casework/person/{pk}/" for pk in sample])
        logged = _getter(application, cookie, [f"/bench/casework/involvements/{pk}/" for pk in sample])
        ratio = timing.ratio(LOOKUP, plain, logged, rounds=7)
        found.append(results.measured(LOOKUP, ratio, LOOKUP_GOAL))
        print(f"  {P99}: {CLIENTS} clients for {CLIENT_SECONDS:.0f} s", file=sys.stderr)
        p99, median, count = _p99(application, cookie, [f"/bench/casework/involvements/{pk}/" for pk in sample])
        _print_clients("the look-up", p99, median, count)
        # The floor on this machine: the plain read behind the same shell, with the same sixteen clients.
        _print_clients("the plain read", *_p99(application, cookie, [f"/bench/casework/person/{pk}/" for pk in sample]))
        found.append(results.measured(P99, p99 * 1e3, P99_GOAL_MS, unit="ms", digits=1))
    found.append(_sweep(controller, activity))
    return found


def _sweep(controller, activity: Activity) -> results.Result:
    """Raw DELETE of the due rows, the same rows again, the sweep of them (SWEEP_ROUNDS times)."""
    today: date = timezone.localdate()
    raw, swept = [], []
    for number in range(SWEEP_ROUNDS):
        if number:
            _due(controller, activity)
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(RAW_DELETE, [controller.pk, today])
            deleted = cursor.rowcount
        raw.append(time.perf_counter() - started)
        _due(controller, activity)
        started = time.perf_counter()
        result = retention.sweep(gemeente=controller.slug, batch_size=SWEEP_BATCH, today=today)
        swept.append(time.perf_counter() - started)
        gone = result.total("involvements")
        if gone != deleted:
            raise SystemExit(f"bench: {SWEEP}: the sweep destroyed {gone} involvements, the DELETE {deleted}")
        print(
            f"  {SWEEP} round {number + 1}/{SWEEP_ROUNDS}: {deleted:,} due involvements, DELETE {raw[-1]:.1f} s, sweep "
            f"{swept[-1]:.1f} s ({result.controllers[0].log_entries:,} log entries) = {swept[-1] / raw[-1]:.2f}x",
            file=sys.stderr,
        )
    _due(controller, activity)  # the swept rows again, for the floor
    print(
        f"  {SWEEP}: the floor: the DELETE writing one bare log row per record (no hash, no chain) takes "
        f"{_floor(controller, activity, today):.2f}x the DELETE alone",
        file=sys.stderr,
    )
    return results.measured(SWEEP, statistics.median(swept) / statistics.median(raw), SWEEP_GOAL)


def _floor(controller, activity: Activity, today: date, rounds: int = 3) -> float:
    """What a sweep that logs every destroyed record costs at the least: `_bare_entries_sql` against the raw
    DELETE, in alternating transactions that are rolled back (so neither pays a commit and the log keeps no row).
    The median of `rounds` ratios."""
    version = activity.versions.get(status=Status.ESTABLISHED)
    bare = {"controller": controller.pk, "today": today, "version": version.pk}
    ratios = []
    for _round in range(rounds):
        taken = []
        for sql, params in ((RAW_DELETE, [controller.pk, today]), (_bare_entries_sql(), bare)):
            with transaction.atomic():
                started = time.perf_counter()
                with connection.cursor() as cursor:
                    cursor.execute(sql, params)
                taken.append(time.perf_counter() - started)
                transaction.set_rollback(True)
        ratios.append(taken[1] / taken[0])
    return statistics.median(ratios)
