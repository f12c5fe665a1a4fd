"""Processing-log rows in bulk, written straight into the table.

Two generators, both of realistic-looking entries of the demo world's controllers (their staff, the partner and
executing organisations that act for them, their register's activities with purposes, domains and
confidentiality, a case number on half the entries, a trace id, a client address), in time order over the last
twelve months on working days between 08:00 and 18:00:

- `write_chains`: entries in **real** hash chains over the controller's `PROCESSINGLOG_STRIPES` stripes, with
  their chain heads, for the verification benchmark. Python builds each entry's canonical text directly from the
  generated values (`rules.canonical` would take longer than the bench allows; the first thousand entries are
  checked against `rules.entry_hash`, and the verification itself must then find no break) and COPYs them in
  (executemany on SQLite).
- `write_bulk`: millions of entries for the citizen-view benchmark, about one million distinct BSNs, **dummy**
  hashes and chain positions (that benchmark only reads). Python makes the lookup tables (BSNs passing the eleven
  test, four thousand combinations of actor, action, scope and register activity per controller, the days with
  their share of the volume) and COPYs them into scratch tables; PostgreSQL then generates the rows itself
  (`INSERT ... SELECT` over `generate_series`), one month per statement, two sessions side by side. Generating the
  rows in Python and COPYing them was measured at ~27 µs a row on the 2-core development VM, PostgreSQL's own
  generation at ~16 µs in each of two sessions.

On PostgreSQL both load with the log's secondary indexes dropped and build them again afterwards, with the
definitions the migrations gave them (`secondary_indexes_dropped`): the table has ten of them, and keeping them
up to date row by row made a load some seven times slower than building them once (12 700 rows/s against 84 000
on the development VM). The indexes a reader then uses are freshly built, so tightly packed.
"""

from __future__ import annotations

import contextlib
import hashlib
import random
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from doelbinding.processinglog import rules
from doelbinding.processinglog.models import ChainHead, ProcessingAction
from doelbinding.register.models import ActivityVersion, Status
from doelbinding.tenancy.models import Organisation

TABLE = ProcessingAction._meta.db_table
FIRST_NAMES = ("Anna", "Bram", "Carla", "Daan", "Esra", "Floor", "Gijs", "Hanna", "Ilse", "Jeroen", "Karim", "Lotte")
LAST_NAMES = ("de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "El Amrani", "Mulder", "de Boer", "Bos")
ROLES = ("consulent", "sociaal_werker", "regisseur", "kcc", "teamleider", "administratief_medewerker")
# What staff mostly do with a person's data: look it up; sometimes search, record, change, export, print, share.
ACTIONS = (("read", 70), ("search", 12), ("update", 8), ("create", 5), ("export", 2), ("print", 2), ("share", 1))
SCOPES = (("content", 60), ("involvement", 35), ("aggregate", 5))
APPLICATIONS = (("doelbinding", 60), ("zaaksysteem", 30), ("klantcontactsysteem", 10))
DENIED_PER_MILLE = 10
COMBINATIONS = 4096  # per controller, in write_bulk
SESSIONS = 2  # PostgreSQL sessions generating rows side by side in write_bulk (the development VM has 2 cores)


def _weighted(rng: random.Random, pairs) -> str:
    return rng.choices([value for value, _ in pairs], weights=[weight for _, weight in pairs])[0]


def _address(rng: random.Random) -> str:
    return f"10.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(1, 255)}"


def eleven_test_bsns(count: int, rng: random.Random) -> list[str]:
    """`count` distinct fictitious BSNs that pass the eleven test (9·d1 + 8·d2 + … + 2·d8 − d9 ≡ 0 mod 11)."""
    found: list[str] = []
    for prefix in rng.sample(range(10_000_000, 100_000_000), count * 12 // 10):
        digits = f"{prefix:08d}"
        check = sum((9 - i) * int(d) for i, d in enumerate(digits)) % 11
        if check < 10:
            found.append(f"{digits}{check}")
            if len(found) == count:
                return found
    raise AssertionError("not enough BSNs")


@dataclass(frozen=True)
class Activity:
    id: int
    uri: str
    purpose: str
    domain: str
    confidential: bool
    confidential_until: date | None


@dataclass(frozen=True)
class Actor:
    user_id: int
    name: str
    role: str
    organisation_id: int


def activities_of(controller: Organisation) -> list[Activity]:
    versions = ActivityVersion.objects.filter(activity__controller=controller, status=Status.ESTABLISHED)
    found = [
        Activity(v.pk, v.uri, v.purposes.splitlines()[0][:300], v.domain, v.confidential, v.confidential_until)
        for v in versions.select_related("activity__controller").order_by("pk")
    ]
    if not found:
        raise SystemExit(f"bench: {controller.slug} has no established register activity to log under")
    return found


def actors_of(controller: Organisation, rng: random.Random, count: int = 150) -> list[Actor]:
    """The controller's own staff, and some of the organisations that process for it (partners, an executing
    organisation serving it). User ids are fictitious: the log keeps no constraint on them."""
    acting_for = [controller.pk, *controller.partners.values_list("pk", flat=True)]
    acting_for += controller.served_by.values_list("pk", flat=True)
    actors = []
    for number in range(count):
        organisation = controller.pk if rng.random() < 0.7 else rng.choice(acting_for)
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        actors.append(Actor(100_000 + controller.pk * 1_000 + number, name, rng.choice(ROLES), organisation))
    return actors


def working_days(count: int, first: date, last: date) -> list[tuple[datetime, int]]:
    """The days from `first` to `last` with the moment they open (08:00 local, in UTC) and their share of `count`
    entries: a weekend day gets a tenth of a weekday's."""
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    weights = [0.1 if day.weekday() >= 5 else 1.0 for day in days]
    per_weight = count / sum(weights)
    found, produced, weighed = [], 0, 0.0
    for index, (day, weight) in enumerate(zip(days, weights, strict=True)):
        weighed += weight
        target = count if index == len(days) - 1 else round(per_weight * weighed)
        opening = timezone.make_aware(datetime.combine(day, datetime.min.time()) + timedelta(hours=8))
        found.append((opening.astimezone(UTC), target - produced))
        produced = target
    return found


WORKING_SECONDS = 10 * 3600


def working_moments(count: int, first: date, last: date, rng: random.Random) -> Iterator[datetime]:
    """`count` moments in time order over the working hours of `working_days`."""
    for opening, n in working_days(count, first, last):
        step = WORKING_SECONDS / max(n, 1)
        for i in range(n):
            yield opening + timedelta(seconds=(i + rng.random()) * step)


def _columns() -> list[str]:
    return [f.column for f in ProcessingAction._meta.concrete_fields if not f.primary_key]


def _defaults(given: set[str]) -> dict[str, object]:
    """Columns this generator does not know of (a field added later) get the field's default."""
    return {
        f.column: f.get_default()
        for f in ProcessingAction._meta.concrete_fields
        if not f.primary_key and f.column not in given
    }


class Progress:
    def __init__(self, label: str, total: int, every: int):
        self.label, self.total, self.every, self.started, self.done = label, total, every, time.perf_counter(), 0
        self.lock = threading.Lock()

    def add(self, n: int) -> None:
        with self.lock:
            before, self.done = self.done, self.done + n
            if self.done // self.every == before // self.every and self.done != self.total:
                return
            spent = time.perf_counter() - self.started
            rate = self.done / spent if spent else 0.0
            left = (self.total - self.done) / rate if rate else 0.0
            print(
                f"  {self.label}: {self.done:,} of {self.total:,} rows "
                f"({rate:,.0f}/s, {spent:.0f} s, ~{left:.0f} s to go)",
                file=sys.stderr,
                flush=True,
            )


def _copy_text(value: object) -> str:
    """One value in COPY's text format (the generated values contain no tab, newline or backslash)."""
    if value is None:
        return r"\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    return str(value)


def _copy(cursor, table: str, columns: list[str], lines: Iterator[str]) -> None:
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for block in lines:
            copy.write(block)


@contextlib.contextmanager
def secondary_indexes_dropped(label: str):
    """On PostgreSQL: drop the log's indexes except its primary key, and build them again, as they were defined,
    when the block is done (two sessions side by side). On SQLite: nothing."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid "
            "WHERE x.indrelid = %s::regclass AND NOT x.indisprimary ORDER BY i.relname",
            [TABLE],
        )
        definitions = cursor.fetchall()
        for name, _definition in definitions:
            cursor.execute(f'DROP INDEX "{name}"')
    yield
    started = time.perf_counter()
    print(f"  {label}: building the {len(definitions)} secondary indexes again", file=sys.stderr, flush=True)
    # "ON ONLY" would define the index on the parent alone; without it PostgreSQL builds it on every partition.
    statements = [definition.replace(" ON ONLY ", " ON ") for _name, definition in definitions]
    _in_sessions(["SET maintenance_work_mem = '256MB'"], statements)
    print(f"  {label}: indexes built in {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)


def _raw_connection():
    import psycopg

    given = connection.settings_dict
    params = {"dbname": given["NAME"], "user": given["USER"], "host": given["HOST"], "port": given["PORT"]}
    if given["PASSWORD"]:
        params["password"] = given["PASSWORD"]
    return psycopg.connect(**params, autocommit=True)


def _in_sessions(setup: list[str], statements: list, after=None) -> None:
    """Run `statements` (SQL, or (SQL, params)) on `SESSIONS` connections side by side, each taking the next one;
    `after(statement)` is called when one is done."""
    pending, lock, errors = list(reversed(statements)), threading.Lock(), []

    def session() -> None:
        try:
            with _raw_connection() as own, own.cursor() as cursor:
                for sql in setup:
                    cursor.execute(sql)
                while True:
                    with lock:
                        if not pending:
                            return
                        statement = pending.pop()
                    sql, params = statement if isinstance(statement, tuple) else (statement, None)
                    cursor.execute(sql, params)
                    if after is not None:
                        after(statement)
        except BaseException as error:  # noqa: BLE001 - raised again below
            errors.append(error)
            with lock:
                pending.clear()

    threads = [threading.Thread(target=session) for _ in range(SESSIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]


# --- real chains, for verification ------------------------------------------------------------------------------

# The columns write_chains fills, in CHAINED order first (their text is also the canonical text), then the rest.
_CHAIN_EXTRA = ("previous_hash", "entry_hash", "recorded_at")
_NULLABLE = {"actor_user_id", "actor_system_id", "confidential_until"}


def write_chains(controller: Organisation, count: int, *, seed: int = 5) -> int:
    """`count` entries of `controller` in real hash chains over its stripes, with their heads; returns the count."""
    rng = random.Random(seed)
    stripes = settings.PROCESSINGLOG_STRIPES
    activities, actors = activities_of(controller), actors_of(controller, rng)
    bsns = eleven_test_bsns(max(1, count // 10), rng)
    today = timezone.localdate()
    heads = dict.fromkeys(range(stripes), (0, rules.GENESIS))
    fields = {f.attname: f.column for f in ProcessingAction._meta.concrete_fields}
    columns = [fields[name] for name in rules.CHAINED] + list(_CHAIN_EXTRA)
    extra = _defaults(set(columns))
    columns += list(extra)
    extra_texts = [_copy_text(v) for v in extra.values()]
    nullable = [i for i, name in enumerate(rules.CHAINED) if name in _NULLABLE]
    sep, controller_text = rules.SEPARATOR, str(controller.pk)
    checked: list[tuple[str, tuple, str]] = []
    progress = Progress("chained entries", count, every=max(1, count // 4))

    def texts() -> Iterator[list[str]]:
        for n, moment in enumerate(working_moments(count, today - timedelta(days=364), today, rng)):
            stripe = n % stripes
            sequence, previous = heads[stripe]
            sequence += 1
            actor, activity = actors[rng.randrange(len(actors))], activities[rng.randrange(len(activities))]
            stamp = moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
            until = activity.confidential_until
            # CHAINED order: rules.py.
            parts = [
                controller_text,
                str(stripe),
                str(sequence),
                stamp,
                str(actor.user_id),
                actor.name,
                actor.role,
                str(actor.organisation_id),
                "",
                _weighted(rng, ACTIONS),
                "bsn",
                bsns[rng.randrange(len(bsns))],
                _weighted(rng, SCOPES),
                activity.domain,
                str(activity.id),
                activity.uri,
                activity.purpose,
                f"Z-{moment.year}-{rng.randrange(100_000):06d}" if rng.random() < 0.5 else "",
                "denied" if rng.randrange(1000) < DENIED_PER_MILLE else "allowed",
                "1" if activity.confidential else "0",
                until.isoformat() if until else "",
                f"{rng.getrandbits(128):032x}",
                f"{rng.getrandbits(64):016x}",
                "",
                "",
                _address(rng),
                _weighted(rng, APPLICATIONS),
            ]
            digest = hashlib.sha256((previous + sep.join(parts)).encode()).hexdigest()
            if n < 1_000:  # the serialisation above must be the canonical one
                values = list(parts)
                values[:4] = [controller.pk, stripe, sequence, moment]
                values[4], values[7], values[8], values[14] = actor.user_id, actor.organisation_id, None, activity.id
                values[19], values[20] = activity.confidential, until
                checked.append((previous, tuple(values), digest))
            heads[stripe] = (sequence, digest)
            for i in nullable:
                if parts[i] == "":
                    parts[i] = r"\N"
            yield [*parts, previous, digest, stamp, *extra_texts]

    if connection.vendor == "postgresql":

        def lines(size: int = 10_000) -> Iterator[str]:
            block = []
            for row in texts():
                block.append("\t".join(row) + "\n")
                if len(block) == size:
                    progress.add(size)
                    yield "".join(block)
                    block = []
            if block:
                progress.add(len(block))
                yield "".join(block)

        with secondary_indexes_dropped("chained entries"), connection.cursor() as cursor:
            _copy(cursor.cursor, TABLE, columns, lines())
    else:
        sql = f"INSERT INTO {TABLE} ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))})"
        rows = ([None if t == r"\N" else t for t in row] for row in texts())
        with connection.cursor() as cursor:
            while chunk := [row for _, row in zip(range(10_000), rows, strict=False)]:
                with transaction.atomic():
                    cursor.executemany(sql, chunk)
                progress.add(len(chunk))
    for previous, chained, digest in checked:
        if rules.entry_hash(previous, chained) != digest:
            raise SystemExit("bench: the generator's serialisation differs from rules.canonical")
    ChainHead.objects.filter(controller=controller).delete()
    ChainHead.objects.bulk_create(
        [ChainHead(controller=controller, stripe=s, sequence=q, entry_hash=h) for s, (q, h) in heads.items()]
    )
    return count


# --- many rows with dummy hashes, for reading -------------------------------------------------------------------


@dataclass(frozen=True)
class Bulk:
    """What was written: per controller, the BSNs whose home it is (they are the citizens who ask)."""

    rows: int
    citizens: dict[int, list[str]]


# The columns taken from a combination (bench_combination), in this order.
_COMBINED = (
    "actor_user_id", "actor_name", "actor_role", "actor_organisation_id", "action", "scope", "domain", "activity_id",
    "activity_uri", "purpose", "case_reference", "outcome", "confidential", "confidential_until", "client_address",
    "application",
)  # fmt: skip
_GENERATED = (
    "occurred_at", "recorded_at", "subject_id", "controller_id", "stripe", "sequence", "previous_hash", "entry_hash",
    "trace_id", "span_id", "subject_type", "actor_system_id", "declared_processing", "declared_purpose",
)  # fmt: skip
_ROWS_SQL = """
    INSERT INTO {table} ({columns})
    SELECT r.moment, r.moment + interval '3 milliseconds', b.bsn, c.controller_id,
           mod(r.g, {stripes}), r.g / {stripes} + 1,
           lpad(to_hex(r.g), 64, '0'), lpad(to_hex(r.g + 1), 64, '0'), lpad(to_hex(r.g), 32, '0'),
           lpad(to_hex(mod(r.g, 65536)), 16, '0'), 'bsn', NULL, '', '', {combined}{extra}
    FROM (
        SELECT g, moment, citizen,
               CASE WHEN random() < 0.9 THEN mod(citizen, {controllers})
                    ELSE floor(random() * {controllers})::int END AS which,
               floor(random() * {combinations})::int AS k
        FROM (
            SELECT g, d.opening + ((g - d.first) + random()) * d.step * interval '1 second' AS moment,
                   CASE WHEN random() < 0.5 THEN floor(random() * {active})::int
                        ELSE floor(random() * {citizens})::int END AS citizen
            FROM bench_day d CROSS JOIN LATERAL generate_series(d.first, d.first + d.n - 1) g
            WHERE d.month = %(month)s
            OFFSET 0
        ) s
        OFFSET 0
    ) r
    JOIN bench_bsn b ON b.n = r.citizen
    JOIN bench_combination c ON c.which = r.which AND c.k = r.k
"""


def write_bulk(controllers: list[Organisation], count: int, bsn_count: int, *, seed: int = 10) -> Bulk:
    """`count` entries over the last twelve months for `controllers`, about `bsn_count` distinct BSNs. A citizen
    has a home municipality that writes nine in ten of their entries; a tenth of the citizens (those with a
    running case) get half of all entries. Hashes and chain positions are dummies. PostgreSQL only."""
    if connection.vendor != "postgresql":
        raise SystemExit("bench: write_bulk generates the rows in PostgreSQL")
    rng = random.Random(seed)
    bsns = eleven_test_bsns(bsn_count, rng)
    today = timezone.localdate()
    days = working_days(count, today - timedelta(days=364), today)
    extra = _defaults(set(_COMBINED) | set(_GENERATED))
    with connection.cursor() as django_cursor:
        cursor = django_cursor.cursor
        cursor.execute("CREATE UNLOGGED TABLE bench_bsn (n integer, bsn varchar(9))")
        cursor.execute(
            "CREATE UNLOGGED TABLE bench_day (month integer, first bigint, n integer, opening timestamptz, step float8)"
        )
        cursor.execute(
            "CREATE UNLOGGED TABLE bench_combination (which integer, k integer, controller_id bigint, "
            "actor_user_id bigint, actor_name text, actor_role text, actor_organisation_id bigint, action text, "
            "scope text, domain text, activity_id bigint, activity_uri text, purpose text, case_reference text, "
            "outcome text, confidential boolean, confidential_until date, client_address text, application text)"
        )
        _copy(cursor, "bench_bsn", ["n", "bsn"], iter(["".join(f"{n}\t{bsn}\n" for n, bsn in enumerate(bsns))]))
        first, rows = 0, []
        for opening, n in days:
            month = (opening.year - days[0][0].year) * 12 + opening.month - days[0][0].month
            rows.append(f"{month}\t{first}\t{n}\t{opening.isoformat()}\t{WORKING_SECONDS / max(n, 1)}\n")
            first += n
        _copy(cursor, "bench_day", ["month", "first", "n", "opening", "step"], iter(["".join(rows)]))
        rows = []
        for which, controller in enumerate(controllers):
            activities, actors = activities_of(controller), actors_of(controller, rng)
            for k in range(COMBINATIONS):
                actor, activity = rng.choice(actors), rng.choice(activities)
                values = [
                    which, k, controller.pk, actor.user_id, actor.name, actor.role, actor.organisation_id,
                    _weighted(rng, ACTIONS), _weighted(rng, SCOPES), activity.domain, activity.id, activity.uri,
                    activity.purpose, f"Z-{today.year}-{rng.randrange(100_000):06d}" if rng.random() < 0.5 else "",
                    "denied" if rng.randrange(1000) < DENIED_PER_MILLE else "allowed", activity.confidential,
                    activity.confidential_until,
                    _address(rng), _weighted(rng, APPLICATIONS),
                ]  # fmt: skip
                rows.append("\t".join(_copy_text(v) for v in values) + "\n")
        combination_columns = ["which", "k", "controller_id", *_COMBINED]
        _copy(cursor, "bench_combination", combination_columns, iter(["".join(rows)]))
        cursor.execute("ANALYZE bench_bsn")
        cursor.execute("ANALYZE bench_day")
        cursor.execute("ANALYZE bench_combination")
        cursor.execute("SELECT month, sum(n) FROM bench_day GROUP BY month ORDER BY month")
        months = cursor.fetchall()
    sql = _ROWS_SQL.format(
        table=TABLE,
        columns=", ".join([*_GENERATED, *_COMBINED, *extra]),
        stripes=settings.PROCESSINGLOG_STRIPES,
        controllers=len(controllers),
        combinations=COMBINATIONS,
        active=len(bsns) // 10,
        citizens=len(bsns),
        combined=", ".join(f"c.{name}" for name in _COMBINED),
        extra="".join(f", %(extra_{n})s" for n in range(len(extra))),
    )
    extras = {f"extra_{n}": value for n, value in enumerate(extra.values())}
    sizes = dict(months)
    progress = Progress("log rows", count, every=1)
    with secondary_indexes_dropped("log rows"):
        _in_sessions(
            # The hash joins hold a million BSNs: in memory, not in batches on disk.
            [f"SELECT setseed({seed / 100})", "SET work_mem = '256MB'"],
            [(sql, {**extras, "month": month}) for month, _n in months],
            after=lambda statement: progress.add(sizes[statement[1]["month"]]),
        )
    with connection.cursor() as cursor:
        for scratch in ("bench_bsn", "bench_day", "bench_combination"):
            cursor.execute(f"DROP TABLE {scratch}")
    citizens: dict[int, list[str]] = {c.pk: [] for c in controllers}
    for index, bsn in enumerate(bsns):
        citizens[controllers[index % len(controllers)].pk].append(bsn)
    return Bulk(count, citizens)
