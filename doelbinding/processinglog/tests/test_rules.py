"""The hash chains: every kind of tampering is found and named, an untouched chain never raises an alarm."""

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from doelbinding.processinglog.rules import CHAINED, GENESIS, Entry, Head, canonical, entry_hash, text_of, verify

START = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def values(n: int, stripe: int = 0) -> tuple:
    fields = dict.fromkeys(CHAINED, "")
    fields.update(
        controller_id=1, stripe=stripe, sequence=n, occurred_at=START + timedelta(seconds=n), subject_id=f"{n:09d}"
    )
    fields.update(confidential=n % 7 == 0, confidential_until=date(2027, 1, 1) if n % 7 == 0 else None)
    return tuple(fields[name] for name in CHAINED)


def chain(length: int, stripe: int = 0) -> tuple[list[Entry], Head]:
    entries, previous = [], GENESIS
    for n in range(1, length + 1):
        digest = entry_hash(previous, values(n, stripe))
        entries.append(Entry(n, stripe, n, previous, digest, values(n, stripe)))
        previous = digest
    return entries, Head(stripe, length, previous)


def breaks(entries, heads):
    return [(b.sequence, b.entry_id, b.reason.split(" (")[0]) for b in verify(entries, heads)]


def test_an_untouched_chain_verifies():
    entries, head = chain(50)
    assert breaks(entries, [head]) == []


def _edit(entries):
    entries[9] = replace(entries[9], values=(*entries[9].values[:10], "999999999", *entries[9].values[11:]))


def _edit_and_rehash(entries):
    edited = (*entries[9].values[:10], "999999999", *entries[9].values[11:])
    entries[9] = replace(entries[9], values=edited, entry_hash=entry_hash(entries[9].previous_hash, edited))


def _delete(entries):
    del entries[9]


def _insert(entries):
    forged = values(10)
    entries.insert(10, Entry(999, 0, 11, entries[9].entry_hash, entry_hash(entries[9].entry_hash, forged), forged))


def _reorder(entries):
    entries[9], entries[10] = entries[10], entries[9]


def _truncate(entries):
    del entries[45:]


@pytest.mark.parametrize(
    ("tamper", "first"),
    [
        (_edit, (10, 10, "de inhoud is gewijzigd")),
        (_edit_and_rehash, (11, 11, "de verwijzing naar het voorgaande item klopt niet")),
        (_delete, (11, 11, "ontbrekend voorgaand item")),
        (_insert, (11, 11, "dubbel volgnummer")),  # the forgery links up; the genuine entry then clashes
        (_reorder, (11, 11, "ontbrekend voorgaand item")),
        (_truncate, (46, None, "het einde ontbreekt")),
    ],
    ids=["edited", "edited-and-rehashed", "deleted", "inserted", "reordered", "truncated"],
)
def test_each_kind_of_tampering_is_found_and_the_first_broken_entry_named(tamper, first):
    entries, head = chain(50)
    tamper(entries)
    assert breaks(entries, [head])[0] == first


def test_a_rewritten_chain_is_caught_by_its_recorded_head():
    entries, head = chain(20)
    rewritten, _ = chain(20)
    forged = values(20)
    rewritten[-1] = replace(rewritten[-1], values=(*forged[:10], "1", *forged[11:]))
    rewritten[-1] = replace(rewritten[-1], entry_hash=entry_hash(rewritten[-1].previous_hash, rewritten[-1].values))
    assert breaks(rewritten, [head]) == [(20, None, "het laatste item wijkt af van het vastgelegde einde")]
    assert breaks(entries, [head]) == []


def test_stripes_are_verified_independently_and_a_missing_stripe_is_found():
    first, head_0 = chain(10, stripe=0)
    second, head_1 = chain(5, stripe=1)
    assert breaks(first + second, [head_0, head_1]) == []
    assert breaks(first, [head_0, head_1]) == [(1, None, "het einde ontbreekt")]


def test_the_serialisation_is_unambiguous():
    assert text_of(None) == "" and text_of(True) == "1" and text_of(False) == "0"
    assert text_of(datetime(2026, 1, 1, 12, tzinfo=UTC)) == "2026-01-01T12:00:00.000000Z"
    assert text_of("a\x1fb") == "a b"  # the separator cannot be smuggled into a value
    with pytest.raises(ValueError):
        text_of(datetime(2026, 1, 1, 12))
    assert canonical(("a", "b")) != canonical(("a b",))


def test_no_false_alarm_on_an_untouched_chain_of_a_million_entries():
    entries, previous = [], GENESIS
    base = values(1)
    for n in range(1, 1_000_001):
        row = (*base[:2], n, *base[3:])
        digest = entry_hash(previous, row)
        entries.append(Entry(n, 0, n, previous, digest, row))
        previous = digest
    assert list(verify(iter(entries), [Head(0, 1_000_000, previous)])) == []


@given(
    length=st.integers(2, 40),
    position=st.data(),
    tamper=st.sampled_from(["edit", "delete", "swap", "truncate"]),
)
def test_any_single_tampering_is_detected(length, position, tamper):
    entries, head = chain(length)
    at = position.draw(st.integers(0, length - 2))
    if tamper == "edit":
        entries[at] = replace(entries[at], values=(*entries[at].values[:-1], "anders"))
    elif tamper == "delete":
        del entries[at]
    elif tamper == "swap":
        entries[at], entries[at + 1] = entries[at + 1], entries[at]
    else:
        del entries[at + 1 :]
    assert list(verify(entries, [head]))
