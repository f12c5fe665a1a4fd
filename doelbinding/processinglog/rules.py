"""The hash chains of the processing log: canonical serialisation, hashing and verification. Pure functions.

Each controller has several chains (stripes); an entry carries its stripe, its sequence number within that
stripe and the hash of its predecessor. An entry's hash is SHA-256 over the predecessor's hash and the entry's
canonical serialisation: its chained fields as text, separated by the ASCII unit separator, in `CHAINED` order.
Verification needs no state: every entry can be checked on its own (its hash) and against its predecessor (the
link), so it streams over any number of entries; the stored chain heads reveal a truncated tail.
"""

from __future__ import annotations

import hashlib
import heapq
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

GENESIS = "0" * 64
SEPARATOR = "\x1f"

# The fields an entry's hash covers, in this order. Changing the list breaks every existing chain: don't.
CHAINED = (
    "controller_id",
    "stripe",
    "sequence",
    "occurred_at",
    "actor_user_id",
    "actor_name",
    "actor_role",
    "actor_organisation_id",
    "actor_system_id",
    "action",
    "subject_type",
    "subject_id",
    "scope",
    "domain",
    "activity_id",
    "activity_uri",
    "purpose",
    "case_reference",
    "outcome",
    "confidential",
    "confidential_until",
    "trace_id",
    "span_id",
    "declared_processing",
    "declared_purpose",
    "client_address",
    "application",
)


def text_of(value: object) -> str:
    """One field as canonical text: None is empty, timestamps in UTC with microseconds, booleans as 1/0."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValueError("naive datetime in the processing log")
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value).replace(SEPARATOR, " ")


def canonical(values: Sequence[object]) -> bytes:
    """The serialisation of the CHAINED values of one entry, in CHAINED order."""
    return SEPARATOR.join(text_of(v) for v in values).encode()


def entry_hash(previous_hash: str, values: Sequence[object]) -> str:
    return hashlib.sha256(previous_hash.encode() + canonical(values)).hexdigest()


@dataclass(frozen=True)
class Entry:
    """What verification reads of one stored entry: its id, chain position, links and chained values."""

    id: int
    stripe: int
    sequence: int
    previous_hash: str
    entry_hash: str
    values: tuple


@dataclass(frozen=True)
class Head:
    stripe: int
    sequence: int
    entry_hash: str


@dataclass(frozen=True)
class Break:
    """The first place where a chain does not hold, with the entry (or position) it names and why."""

    stripe: int
    sequence: int
    entry_id: int | None
    reason: str


@dataclass(frozen=True)
class Removed:
    """Consecutive entries `first` to `last` of one chain that the retention removed: the link of the first to its
    predecessor and the hash of the last, to which the next entry (or the chain head) links."""

    stripe: int
    first: int
    last: int
    previous_hash: str
    entry_hash: str


def _position(item: Entry | Removed) -> tuple[int, int]:
    return (item.stripe, item.first if isinstance(item, Removed) else item.sequence)


def _in_chain_order(entries: Iterable[Entry], removed: Iterable[Removed]) -> Iterator[Entry | Removed]:
    streams: list[Iterable[Entry | Removed]] = [entries, sorted(removed, key=_position)]
    return heapq.merge(*streams, key=_position)


def verify(entries: Iterable[Entry], heads: Iterable[Head], removed: Iterable[Removed] = ()) -> Iterator[Break]:
    """Every break in the chains of one controller; `entries` ordered by stripe, then sequence.

    Detects an edited entry (its hash no longer matches), a deleted or reordered one (a gap, or a link that does
    not match its predecessor), an inserted one (a duplicate position or a link that does not match), and a
    truncated tail or a whole missing stripe (the chain ends before its recorded head). Runs the retention removed
    (`removed`) take the place of their entries: their links are checked like an entry's, their contents are gone;
    a gap that no run accounts for stays a break.
    """
    expected = {h.stripe: h for h in heads}
    last: dict[int, tuple[int, str]] = {}
    for item in _in_chain_order(entries, removed):
        stripe, first = _position(item)
        if isinstance(item, Removed):
            final, entry_id = item.last, None
            note = f" (verwijderd na de bewaartermijn: {first} tot en met {final})"
        else:
            final, entry_id, note = item.sequence, item.id, ""
        sequence, previous = last.get(stripe, (0, GENESIS))
        if first != sequence + 1:
            kind = "dubbel volgnummer" if first <= sequence else "ontbrekend voorgaand item"
            yield Break(stripe, first, entry_id, f"{kind} (verwacht volgnummer {sequence + 1}){note}")
        elif item.previous_hash != previous:
            yield Break(stripe, first, entry_id, f"de verwijzing naar het voorgaande item klopt niet{note}")
        if isinstance(item, Entry) and entry_hash(item.previous_hash, item.values) != item.entry_hash:
            yield Break(stripe, first, entry_id, "de inhoud is gewijzigd (hash klopt niet)")
        last[stripe] = (final, item.entry_hash)
    for stripe, head in sorted(expected.items()):
        sequence, hash_ = last.get(stripe, (0, GENESIS))
        if sequence < head.sequence:
            yield Break(stripe, sequence + 1, None, f"het einde ontbreekt (vastgelegd tot volgnummer {head.sequence})")
        elif sequence == head.sequence and hash_ != head.entry_hash:
            yield Break(stripe, sequence, None, "het laatste item wijkt af van het vastgelegde einde")
        elif sequence > head.sequence:
            yield Break(stripe, head.sequence + 1, None, "er staan items na het vastgelegde einde")


# --- unusual access (the FG's worklist) -----------------------------------------------------------------------

SPIKE_FACTOR = 3  # a day with more than three times the user's usual daily count ...
SPIKE_MINIMUM = 50  # ... and more than this many entries is a spike


@dataclass(frozen=True)
class Signal:
    key: str  # stable, so that a review closes it for good
    kind: str  # "break_glass", "break_glass_refused", "denied", "volume" or "caseload"
    user_id: int | None
    user_name: str
    day: date
    count: int
    reason: str


SIGNAL_KINDS = {
    "break_glass": "Noodtoegang gebruikt",
    "break_glass_refused": "Noodtoegang geweigerd",
    "denied": "Toegang geweigerd",
    "volume": "Veel meer raadplegingen dan gewoonlijk",
    "caseload": "Gegevens ingezien van betrokkenen buiten de eigen caseload",
}
_WHAT_TO_DO = {
    "break_glass": "beoordeel of de situatie dat rechtvaardigde.",
    "break_glass_refused": "de medewerker vroeg noodtoegang aan en kreeg die niet; ga na waarom.",
    "denied": "de medewerker probeerde gegevens te zien buiten de eigen autorisatie.",
}


def signal_parts(key: str) -> tuple[str, int | None, date] | None:
    """(kind, user id, day) of a signal's key (`kind:user:day`), or None for a key no signal has."""
    kind, _sep, rest = key.partition(":")
    user, _sep, day = rest.partition(":")
    if kind not in SIGNAL_KINDS:
        return None
    try:
        return kind, None if user == "None" else int(user), date.fromisoformat(day)
    except ValueError:
        return None


def _median(values: list[int]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return float(ordered[middle]) if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def signals(
    daily: dict[tuple[int | None, date], int],
    names: dict[int | None, str],
    break_glass: dict[tuple[int | None, date], int],
    denied: dict[tuple[int | None, date], int],
    *,
    break_glass_refused: dict[tuple[int | None, date], int],
) -> list[Signal]:
    """Unusual access per user and day: emergency access, refused emergency access, other refused attempts, and
    volume far above the usual.

    `daily` counts every entry per (user, day) over the window; the usual volume is the user's median over the
    days they worked. `break_glass` counts emergency access that was granted (allowed entries only: a refused
    attempt showed nothing and must never read as "used"), `break_glass_refused` the refused requests for it and
    `denied` the other refusals. Counts of 0 are never passed in.
    """
    found = []
    for kind, counts in (
        ("break_glass", break_glass),
        ("break_glass_refused", break_glass_refused),
        ("denied", denied),
    ):
        for (user, day), count in sorted(counts.items(), key=lambda item: (item[0][1], str(item[0][0]))):
            reason = f"{SIGNAL_KINDS[kind]}: {_WHAT_TO_DO[kind]}"
            found.append(Signal(f"{kind}:{user}:{day}", kind, user, names.get(user, ""), day, count, reason))
    per_user: dict[int | None, list[int]] = {}
    for (user, _day), count in daily.items():
        per_user.setdefault(user, []).append(count)
    for (user, day), count in sorted(daily.items(), key=lambda item: (item[0][1], str(item[0][0]))):
        usual = _median(per_user[user])
        if count > SPIKE_MINIMUM and count > SPIKE_FACTOR * usual:
            found.append(
                Signal(
                    f"volume:{user}:{day}",
                    "volume",
                    user,
                    names.get(user, ""),
                    day,
                    count,
                    f"Veel meer raadplegingen dan gewoonlijk ({count} tegen gemiddeld {usual:g} per dag).",
                )
            )
    return found


def outside_caseload(
    accessed: dict[tuple[int | None, date], set[str]],
    caseloads: dict[int | None, set[str]],
    known: set[str],
    names: dict[int | None, str],
) -> list[Signal]:
    """Days on which a user viewed case-work data of people who are not on their caseload.

    `accessed` holds, per (user, day), whose data the user processed in case work; `caseloads` whom each user
    works for (contact of an involvement, regisseur of or participant in a case); `known` the people case work
    holds at all: for anyone else there is no caseload to compare with, so no signal.
    """
    found = []
    for (user, day), subjects in sorted(accessed.items(), key=lambda item: (item[0][1], str(item[0][0]))):
        outside = (subjects & known) - caseloads.get(user, set())
        if outside:
            found.append(
                Signal(
                    f"caseload:{user}:{day}",
                    "caseload",
                    user,
                    names.get(user, ""),
                    day,
                    len(outside),
                    "Gegevens ingezien van betrokkenen buiten de eigen caseload: ga na of daar een taak voor was.",
                )
            )
    return found
