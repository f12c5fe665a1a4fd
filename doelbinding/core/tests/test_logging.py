"""The log says each thing once, and keeps tracebacks for server errors only."""

import logging
import sys

import pytest

from doelbinding.logging import QuietClientErrors


def _record(name: str, status: int | None):
    try:
        raise PermissionError("geweigerd")
    except PermissionError:
        exc_info = sys.exc_info()
    record = logging.LogRecord(name, logging.WARNING, __file__, 1, "Forbidden: %s", ("/pad/",), exc_info)
    if status is not None:
        record.status_code = status
    return record


@pytest.mark.parametrize(
    ("name", "status", "keeps_traceback"),
    [
        ("django.request", 403, False),
        ("django.request", 404, False),
        ("django.request", 405, False),
        ("django.request", 500, True),
        ("django.request", None, True),  # no status: never silenced
        ("doelbinding.casework.services", 403, True),  # only Django's request log
    ],
)
def test_client_errors_lose_their_traceback_and_server_errors_keep_it(name, status, keeps_traceback):
    record = _record(name, status)
    assert QuietClientErrors().filter(record) is True  # the line itself always stays
    assert (record.exc_info is not None) is keeps_traceback


def test_djangos_messages_go_through_the_root_handler_only():
    """Django adds a console handler of its own to its logger (with DEBUG on) and propagates to the root as well,
    which printed every message twice."""
    django_logger = logging.getLogger("django")
    assert django_logger.handlers == [] and django_logger.propagate
    assert any(
        any(isinstance(f, QuietClientErrors) for f in handler.filters) for handler in logging.getLogger().handlers
    )
