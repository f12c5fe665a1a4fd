"""The burgerservicenummer (BSN): one pure check, shared by every app that takes one in. No Django."""

from stdnum.nl import bsn


def is_bsn(value: str) -> bool:
    """A burgerservicenummer exactly as stored: nine digits that pass the elfproef, no spaces or dots."""
    return bsn.is_valid(value) and bsn.compact(value) == value
