"""The hash chains in SQL: appending with as few statements as can be, and checking a controller's chains in bulk.

`rules.canonical` and `rules.entry_hash` define an entry's hash; `canonical_sql` is the same serialisation as an
SQL expression (each field as text the way `rules.text_of` writes it, joined by the unit separator), so that the
database can hash and check entries itself. Tests on PostgreSQL hold the two to the same bytes.

- One entry on PostgreSQL is one call of the function `processinglog_append` (lock a free head, hash, insert, move
  the head), planned once per session. A batch is `lock_head`, then one statement (`append_many`) that gets the
  records as one JSON parameter, hashes them in chain order with the running aggregate `processinglog_chain`,
  inserts them and moves the head: the Python side neither hashes nor builds a statement with a placeholder per
  value. SQLite gets `lock_head` (without row locks: its write transaction excludes other writers), hashing in
  Python (`rules.entry_hash`) and `insert_and_move`, in raw SQL.
- `entries_if_intact` (PostgreSQL) checks every entry's hash (a parallel scan), every link and every tail against
  the stored heads, and says only whether all hold. When something does not, `rules.verify` names the first
  break: finding nothing is the common case and must be fast; naming a break is rare and must be exact.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from functools import cache

from django.db import connection, models

from doelbinding.processinglog import rules
from doelbinding.processinglog.models import ChainHead, ProcessingAction, RemovedRun

LOG = ProcessingAction._meta.db_table
HEADS = ChainHead._meta.db_table
RUNS = RemovedRun._meta.db_table
_FIELDS = {f.attname: f for f in ProcessingAction._meta.concrete_fields}


def _text_sql(field: models.Field, expression: str) -> str:
    """`rules.text_of` in SQL for one field."""
    if isinstance(field, models.DateTimeField):
        return f"""to_char({expression} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')"""
    if isinstance(field, models.DateField):
        return f"coalesce(to_char({expression}, 'YYYY-MM-DD'), '')"
    if isinstance(field, models.BooleanField):
        return f"(CASE WHEN {expression} THEN '1' ELSE '0' END)"
    if isinstance(field, models.CharField | models.TextField):
        return f"replace({expression}, E'\\x1f', ' ')"
    return f"coalesce(({expression})::text, '')" if field.null else f"({expression})::text"


def canonical_sql(expressions: Mapping[str, str]) -> str:
    """The canonical serialisation of an entry whose CHAINED fields are the SQL `expressions` (by field name)."""
    parts = ", ".join(_text_sql(_FIELDS[name], expressions[name]) for name in rules.CHAINED)
    return f"concat_ws(E'\\x1f', {parts})"


def hash_sql(previous: str, expressions: Mapping[str, str]) -> str:
    return f"encode(sha256(convert_to({previous} || {canonical_sql(expressions)}, 'UTF8')), 'hex')"


_LOCK_FREE = (
    f"SELECT id, stripe, sequence, entry_hash FROM {HEADS} "  # noqa: S608
    "WHERE controller_id = %s ORDER BY random() LIMIT 1 FOR UPDATE SKIP LOCKED"
)
_LOCK_ONE = f"SELECT id, stripe, sequence, entry_hash FROM {HEADS} WHERE controller_id = %s AND stripe = %s FOR UPDATE"  # noqa: S608
_MOVE = f"UPDATE {HEADS} SET sequence = %s, entry_hash = %s WHERE id = %s"  # noqa: S608
_WRITTEN = [f for f in ProcessingAction._meta.concrete_fields if not f.primary_key]


def _postgresql() -> bool:
    return connection.vendor == "postgresql"


def lock_head(controller_id: int, stripe: int | None = None) -> tuple[int, int, int, str] | None:
    """Lock a chain head no other writer holds, or wait for `stripe`: (head id, stripe, sequence, hash), or None
    when none is free (or the controller has no such head). On SQLite the write transaction is the lock."""
    sql = _LOCK_FREE if stripe is None else _LOCK_ONE
    if not _postgresql():
        sql = sql.replace(" FOR UPDATE SKIP LOCKED", "").replace(" FOR UPDATE", "")
    with connection.cursor() as cursor:
        cursor.execute(sql, [controller_id] if stripe is None else [controller_id, stripe])
        return cursor.fetchone()


@cache
def _insert_sql(count: int) -> str:
    row = "(" + ", ".join(["%s"] * len(_WRITTEN)) + ")"
    columns = ", ".join(f.column for f in _WRITTEN)
    return f"INSERT INTO {LOG} ({columns}) VALUES {', '.join([row] * count)} RETURNING id"  # noqa: S608


def insert_and_move(head_id: int, entries: Sequence[ProcessingAction]) -> None:
    """Insert `entries` (hashed, the next of the locked head's chain) and move the head to the last (SQLite, which
    has no data-modifying WITH: two statements). Sets each entry's id."""
    last = entries[-1]
    values = [f.get_db_prep_save(f.pre_save(entry, add=True), connection) for entry in entries for f in _WRITTEN]
    with connection.cursor() as cursor:
        cursor.execute(_insert_sql(len(entries)), values)
        ids = cursor.fetchall()
        cursor.execute(_MOVE, [last.sequence, last.entry_hash, head_id])
    for entry, (id_,) in zip(entries, ids, strict=True):
        entry.id = id_


_COLUMNS = {name: f'"{_FIELDS[name].column}"' for name in rules.CHAINED}


def _hash_check_sql() -> str:
    broken = f"{hash_sql('previous_hash', _COLUMNS)} <> entry_hash"
    return f"SELECT count(*), count(*) FILTER (WHERE {broken}) FROM {LOG} WHERE controller_id = %s"  # noqa: S608


_LINKS = f"""
WITH items AS (
    SELECT stripe, sequence AS first, sequence AS last, id, previous_hash, entry_hash
    FROM {LOG} WHERE controller_id = %s
    UNION ALL
    SELECT stripe, first_sequence, last_sequence, NULL, previous_hash, entry_hash
    FROM {RUNS} WHERE controller_id = %s
),
linked AS (
    SELECT stripe, first, last, previous_hash, entry_hash,
           lag(last) OVER w AS before_last, lag(entry_hash) OVER w AS before_hash, lead(first) OVER w AS next_first
    FROM items WINDOW w AS (PARTITION BY stripe ORDER BY first, id)
)
SELECT stripe, first, last, entry_hash, broken
FROM (
    SELECT *, first <> coalesce(before_last, 0) + 1
              OR previous_hash <> coalesce(before_hash, '{rules.GENESIS}') AS broken
    FROM linked
) checked
WHERE next_first IS NULL OR broken
"""  # noqa: S608


def entries_if_intact(controller_id: int, heads: Sequence[rules.Head]) -> int | None:
    """How many entries the controller's chains hold if every hash, every link and every chain's end (against
    `heads`) agree; None if anything does not. Runs inside a transaction (for its SET LOCAL)."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL jit = off")  # compiling the hash expression costs more than it saves
        cursor.execute(_hash_check_sql(), [controller_id])
        counted, broken = cursor.fetchone()
        if broken:
            return None
        cursor.execute(_LINKS, [controller_id, controller_id])
        ends = {}
        for stripe, _first, last, entry_hash, link_broken in cursor.fetchall():
            if link_broken:
                return None
            ends[stripe] = (last, entry_hash)
    expected = {h.stripe: (h.sequence, h.entry_hash) for h in heads if h.sequence}
    return counted if ends == expected else None


# --- one entry in one statement: a function PostgreSQL plans once per session ------------------------------------

APPEND_FUNCTION = "processinglog_append"
# What one entry brings: every chained field but those the chain sets (stripe, sequence), in CHAINED order.
RECORD_FIELDS = tuple(name for name in rules.CHAINED if name not in ("stripe", "sequence"))


def append_function_sql() -> str:
    """CREATE OR REPLACE of the function that appends one entry: lock a free head (or wait for one at random,
    creating the controller's heads when it has none), hash the entry on the head in SQL (`hash_sql`), insert it
    and move the head. Its statements' plans are kept per session: the round trip and the planning are paid once.
    Returns the entry's id, stripe, sequence, previous hash and hash."""
    arguments = ", ".join(f"p_{name} {_FIELDS[name].db_type(connection)}" for name in RECORD_FIELDS)
    fields = {name: f"p_{name}" for name in RECORD_FIELDS} | {"stripe": "h.stripe", "sequence": "h.sequence + 1"}
    columns = ", ".join(_FIELDS[name].column for name in RECORD_FIELDS)
    values = ", ".join(f"p_{name}" for name in RECORD_FIELDS)
    return f"""
CREATE OR REPLACE FUNCTION {APPEND_FUNCTION}({arguments}, p_stripes integer)
RETURNS TABLE (entry_id bigint, entry_stripe integer, entry_sequence bigint, entry_previous text, entry_digest text)
LANGUAGE plpgsql AS $$
DECLARE
    h record;
    digest text;
    written bigint;
    waiting_for integer := floor(random() * p_stripes)::integer;
BEGIN
    SELECT id, stripe, sequence, entry_hash INTO h FROM {HEADS}
    WHERE controller_id = p_controller_id ORDER BY random() LIMIT 1 FOR UPDATE SKIP LOCKED;
    IF NOT FOUND THEN
        INSERT INTO {HEADS} (controller_id, stripe, sequence, entry_hash)
        SELECT p_controller_id, s, 0, '{rules.GENESIS}' FROM generate_series(0, p_stripes - 1) AS s
        ON CONFLICT DO NOTHING;
        SELECT id, stripe, sequence, entry_hash INTO h FROM {HEADS}
        WHERE controller_id = p_controller_id AND stripe = waiting_for FOR UPDATE;
    END IF;
    digest := {hash_sql("h.entry_hash", fields)};
    INSERT INTO {LOG} (stripe, sequence, previous_hash, entry_hash, recorded_at, {columns})
    VALUES (h.stripe, h.sequence + 1, h.entry_hash, digest, now(), {values})
    RETURNING id INTO written;
    UPDATE {HEADS} SET sequence = h.sequence + 1, entry_hash = digest WHERE id = h.id;
    RETURN QUERY SELECT written, h.stripe::integer, (h.sequence + 1)::bigint, h.entry_hash::text, digest;
END
$$"""  # noqa: S608


_APPEND_ONE = f"SELECT * FROM {APPEND_FUNCTION}({', '.join(['%s'] * len(RECORD_FIELDS))}, %s)"  # noqa: S608


def append_one(record: Mapping[str, object], stripes: int) -> tuple[int, int, int, str, str]:
    """Append one entry through the function (PostgreSQL): (id, stripe, sequence, previous hash, hash)."""
    params = [_FIELDS[name].get_db_prep_save(record[name], connection) for name in RECORD_FIELDS]
    with connection.cursor() as cursor:
        cursor.execute(_APPEND_ONE, [*params, stripes])
        return cursor.fetchone()


# --- a batch in one statement: the records as JSON, the chain hashed by a running aggregate ----------------------

CHAIN_AGGREGATE = "processinglog_chain"


def chain_aggregate_sql() -> list[str]:
    """The aggregate whose running value over a batch, in chain order, is each entry's hash: its state is the hash
    of the entry before (the head's hash, given with every row, for the first). As a window function over
    `ORDER BY` it is computed incrementally, one step per row."""
    return [
        f"""
CREATE OR REPLACE FUNCTION {CHAIN_AGGREGATE}_step(state text, previous text, canonical text) RETURNS text
LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    RETURN encode(sha256(convert_to(coalesce(state, previous) || canonical, 'UTF8')), 'hex');
END
$$""",
        f"CREATE OR REPLACE AGGREGATE {CHAIN_AGGREGATE}(text, text) (SFUNC = {CHAIN_AGGREGATE}_step, STYPE = text)",
    ]


@cache
def _append_many_sql() -> str:
    """Append a JSON array of records (each an array of RECORD_FIELDS) after the locked head: parse, hash in chain
    order, insert and move the head, in one statement (no placeholder per value, nothing hashed in Python)."""
    typed = ", ".join(
        f"(e ->> {i})::{_FIELDS[name].db_type(connection)} AS {name}" for i, name in enumerate(RECORD_FIELDS)
    )
    fields = {name: f"r.{name}" for name in RECORD_FIELDS}
    fields |= {"stripe": "%(stripe)s::integer", "sequence": "%(sequence)s::bigint + r.n"}
    columns = ", ".join(_FIELDS[name].column for name in RECORD_FIELDS)
    values = ", ".join(f"c.{name}" for name in RECORD_FIELDS)
    return f"""
WITH r AS (
    SELECT {typed}, n FROM jsonb_array_elements(%(records)s::jsonb) WITH ORDINALITY AS x(e, n)
),
c AS (
    SELECT r.*, {CHAIN_AGGREGATE}(%(previous)s::text, {canonical_sql(fields)}) OVER (ORDER BY r.n) AS digest FROM r
),
inserted AS (
    INSERT INTO {LOG} (stripe, sequence, previous_hash, entry_hash, recorded_at, {columns})
    SELECT %(stripe)s::integer, %(sequence)s::bigint + c.n,
           coalesce(lag(c.digest) OVER (ORDER BY c.n), %(previous)s::text), c.digest, now(), {values}
    FROM c
    RETURNING id, sequence, previous_hash, entry_hash
),
moved AS (
    UPDATE {HEADS} SET (sequence, entry_hash) = (
        SELECT sequence, entry_hash FROM inserted ORDER BY sequence DESC LIMIT 1
    ) WHERE id = %(head)s
)
SELECT id, sequence, previous_hash, entry_hash FROM inserted ORDER BY sequence
"""  # noqa: S608


def _json_value(value: object) -> str:
    if isinstance(value, datetime) and value.tzinfo is None:
        raise ValueError("naive datetime in the processing log")
    if isinstance(value, date):  # and datetime
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} in a processing-log record")


def append_many(head: tuple[int, int, int, str], records: Sequence[object]) -> list[tuple[int, int, str, str]]:
    """Append `records` after the locked `head` (id, stripe, sequence, hash), PostgreSQL: (id, sequence, previous
    hash, hash) of each, in chain order."""
    head_id, stripe, sequence, previous = head
    batch = json.dumps([[getattr(r, name) for name in RECORD_FIELDS] for r in records], default=_json_value)
    params = {"head": head_id, "stripe": stripe, "sequence": sequence, "previous": previous, "records": batch}
    with connection.cursor() as cursor:
        cursor.execute(_append_many_sql(), params)
        return cursor.fetchall()
