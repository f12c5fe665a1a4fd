"""PROTOTYPE (bench only, to be moved into the app): verifying a controller's chains from COPY's text output.

`rules.verify` spends most of its time making each entry's canonical text field by field in Python (`text_of`
for 27 values), and the ORM before it making tuples of Python objects. But the canonical serialisation is almost
what `COPY ... TO STDOUT` already writes: the fields as text, one separator between them. So PostgreSQL writes the
CHAINED fields in CHAINED order, each already in its canonical form (the timestamp with `to_char` in UTC with
microseconds and a Z, the boolean as 1/0, NULL as empty text, the date in ISO), and for each line Python only
swaps the tabs for the unit separator (one `bytes.replace`), hashes, and compares; no field becomes a Python object
but the stripe, the sequence and the id.

A line COPY had to escape (a backslash, tab or newline inside a value) or that holds the unit separator inside a
value takes the exact slow path: its fields are unescaped and passed through `rules.canonical`.

The runs the retention removed (`RemovedRun`) take the place of their entries, as in `rules.verify`: their links
are checked like an entry's, merged into the stream at their position.

The stripes are independent: one process per worker (the hashing holds the GIL), each with its own connection and
its share of the stripes. The findings are `rules.verify`'s, stripe by stripe.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor

from django.db import connection, models

from doelbinding.processinglog import rules
from doelbinding.processinglog.models import ProcessingAction

TABLE = ProcessingAction._meta.db_table
SEPARATOR = rules.SEPARATOR.encode()
GENESIS = rules.GENESIS.encode()


def _field_sql(field: models.Field) -> str:
    column = f'"{field.column}"'
    if isinstance(field, models.DateTimeField):
        return f"""to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')"""
    if isinstance(field, models.DateField):
        return f"to_char({column}, 'YYYY-MM-DD')"
    if isinstance(field, models.BooleanField):
        return f"{column}::int"
    return column


def copy_sql(controller_id: int, stripes: list[int]) -> str:
    fields = {f.attname: f for f in ProcessingAction._meta.concrete_fields}
    chained = ", ".join(_field_sql(fields[name]) for name in rules.CHAINED)
    listed = ", ".join(str(int(s)) for s in stripes)
    return (
        f"COPY (SELECT id, stripe, sequence, previous_hash, entry_hash, {chained} FROM {TABLE} "
        f"WHERE controller_id = {int(controller_id)} AND stripe IN ({listed}) ORDER BY stripe, sequence, id) "
        "TO STDOUT WITH (NULL '')"
    )


_UNESCAPE = {b"b": b"\b", b"f": b"\f", b"n": b"\n", b"r": b"\r", b"t": b"\t", b"v": b"\v", b"\\": b"\\"}


def _unescape(field: bytes) -> bytes:
    out, i = bytearray(), 0
    while i < len(field):
        if field[i : i + 1] == b"\\" and i + 1 < len(field):
            out += _UNESCAPE.get(field[i + 1 : i + 2], field[i + 1 : i + 2])
            i += 2
        else:
            out += field[i : i + 1]
            i += 1
    return bytes(out)


def _slow_canonical(rest: bytes) -> bytes:
    """The exact canonical text of a line that needed escaping or holds the separator inside a value."""
    values = [_unescape(f).decode() for f in rest.split(b"\t")]
    return rules.canonical(values)


def _verify_stripes(
    params: dict, controller_id: int, stripes: list[int], heads: dict, runs: list[tuple]
) -> tuple[int, list[tuple]]:
    """In a worker process: (entries counted, breaks as tuples) for `stripes`, in `rules.verify`'s order. `runs` are
    the removed runs of these stripes as (stripe, first, last, previous_hash, entry_hash), ordered."""
    import psycopg

    found: list[tuple] = []
    counted = 0
    last: dict[int, tuple[int, bytes]] = {}
    sha256 = hashlib.sha256
    pending_runs = list(reversed(runs))

    def link(stripe: int, first: int, previous: bytes, entry_id: int | None, note: str) -> None:
        before_sequence, before_hash = last.get(stripe, (0, GENESIS))
        if first != before_sequence + 1:
            kind = "dubbel volgnummer" if first <= before_sequence else "ontbrekend voorgaand item"
            found.append((stripe, first, entry_id, f"{kind} (verwacht volgnummer {before_sequence + 1}){note}"))
        elif previous != before_hash:
            found.append((stripe, first, entry_id, f"de verwijzing naar het voorgaande item klopt niet{note}"))

    def removed_before(position: tuple[int, int]) -> None:
        while pending_runs and (pending_runs[-1][0], pending_runs[-1][1]) < position:
            stripe, first, final, previous, digest = pending_runs.pop()
            link(
                stripe, first, previous.encode(), None, f" (verwijderd na de bewaartermijn: {first} tot en met {final})"
            )
            last[stripe] = (final, digest.encode())

    with psycopg.connect(**params) as own, own.cursor() as cursor:
        cursor.execute("SET jit = off")
        with cursor.copy(copy_sql(controller_id, stripes)) as copy:
            rest_of_chunk = b""
            for chunk in copy:
                lines = (rest_of_chunk + bytes(chunk)).split(b"\n")
                rest_of_chunk = lines.pop()
                for line in lines:
                    entry_id, stripe, sequence, previous, digest, rest = line.split(b"\t", 5)
                    stripe_n, sequence_n = int(stripe), int(sequence)
                    if pending_runs:
                        removed_before((stripe_n, sequence_n))
                    before_sequence, before_hash = last.get(stripe_n, (0, GENESIS))
                    if sequence_n != before_sequence + 1 or previous != before_hash:  # rare: name the break
                        link(stripe_n, sequence_n, previous, int(entry_id), "")
                    if b"\\" in rest or SEPARATOR in rest:
                        canonical = _slow_canonical(rest)
                    else:
                        canonical = rest.replace(b"\t", SEPARATOR)
                    if sha256(previous + canonical).hexdigest().encode() != digest:
                        found.append((stripe_n, sequence_n, int(entry_id), "de inhoud is gewijzigd (hash klopt niet)"))
                    last[stripe_n] = (sequence_n, digest)
                    counted += 1
    removed_before((1 << 62, 0))
    for stripe in stripes:
        head = heads.get(stripe)
        if head is None:
            continue
        sequence, hash_ = last.get(stripe, (0, GENESIS))
        head_sequence, head_hash = head
        if sequence < head_sequence:
            found.append(
                (stripe, sequence + 1, None, f"het einde ontbreekt (vastgelegd tot volgnummer {head_sequence})")
            )
        elif sequence == head_sequence and hash_.decode() != head_hash:
            found.append((stripe, sequence, None, "het laatste item wijkt af van het vastgelegde einde"))
        elif sequence > head_sequence:
            found.append((stripe, head_sequence + 1, None, "er staan items na het vastgelegde einde"))
    return counted, found


def verify_controller(controller_id: int, *, workers: int | None = None) -> tuple[int, list[rules.Break]]:
    """Like `selectors.verify_controller`: how many entries, and the first break of each broken chain."""
    from doelbinding.processinglog.selectors import chain_heads, removed_runs

    heads = {h.stripe: (h.sequence, h.entry_hash) for h in chain_heads(controller_id)}
    runs = [(r.stripe, r.first, r.last, r.previous_hash, r.entry_hash) for r in removed_runs(controller_id)]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT DISTINCT stripe FROM {TABLE} WHERE controller_id = %s", [controller_id])
        stripes = sorted({row[0] for row in cursor.fetchall()} | set(heads) | {r[0] for r in runs})
    workers = max(1, min(workers or os.cpu_count() or 1, len(stripes)))
    shares = [stripes[n::workers] for n in range(workers)]
    given = connection.settings_dict
    params = {"dbname": given["NAME"], "user": given["USER"], "host": given["HOST"], "port": given["PORT"]}
    if given["PASSWORD"]:
        params["password"] = given["PASSWORD"]
    jobs = [(params, controller_id, share, heads, sorted(r for r in runs if r[0] in share)) for share in shares]
    if workers == 1:
        outcomes = [_verify_stripes(*jobs[0])]
    else:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            outcomes = list(pool.map(_verify_stripes, *zip(*jobs, strict=True)))
    first: dict[int, rules.Break] = {}
    for _counted, found in outcomes:
        for stripe, sequence, entry_id, reason in found:
            first.setdefault(stripe, rules.Break(stripe, sequence, entry_id, reason))
    return sum(n for n, _ in outcomes), sorted(first.values(), key=lambda b: b.stripe)
