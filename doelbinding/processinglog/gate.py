"""The one gate to personal data (DESIGN.md §3.2): ask the policy, write the log entry, then hand out the data.

Every read, search, export, print or share of a data subject's personal data goes through `through_gate`. The
entries (one per data subject) and the fetch run in one durable transaction: the data leave the gate only after
the entries are committed. A denied attempt is recorded too, in a transaction of its own, before the refusal.
When the log cannot be written the gate raises `LogUnavailable`, which the middleware answers with a 503.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import NoReturn, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, models, transaction
from django.utils import timezone

from doelbinding.policy import POLICY, Cap
from doelbinding.processinglog import services
from doelbinding.processinglog.models import Outcome

T = TypeVar("T")


class LogUnavailable(Exception):
    """The processing log could not be written, so no personal data may be returned."""


@dataclass(frozen=True)
class Access:
    """What is about to happen to whose data, why, and under which register activity (an ActivityVersion)."""

    action: str
    scope: str
    purpose: str
    activity: object
    subjects: Sequence[str]
    subject_type: str = "bsn"
    domain: str = ""
    case_reference: str = ""


def _actor(request, cap: Cap) -> dict:
    controller = request.acting.controller
    granting = sorted(set(request.acting.roles) & POLICY[cap]) or sorted(request.acting.roles)
    return {
        "controller_id": controller.pk,
        "actor_user_id": request.user.pk,
        "actor_name": request.user.get_full_name() or request.user.get_username(),
        "actor_role": granting[0] if granting else "",
        "actor_organisation_id": request.acting.organisation_id or controller.pk,
        "client_address": request.META.get("REMOTE_ADDR", "")[:45],
        **trace_of(request),
    }


def trace_of(request) -> dict:
    """The W3C trace context of the call (traceparent: version-traceid-spanid-flags), when it carries one."""
    parts = request.headers.get("traceparent", "").split("-")
    if len(parts) == 4 and len(parts[1]) == 32 and len(parts[2]) == 16:
        return {"trace_id": parts[1].lower(), "span_id": parts[2].lower()}
    return {}


def records_of(actor: dict, access: Access, outcome: str) -> list[services.Record]:
    version = access.activity
    now = timezone.now()
    return [
        services.Record(
            **actor,
            occurred_at=now,
            action=access.action,
            subject_type=access.subject_type,
            subject_id=subject,
            scope=access.scope,
            domain=access.domain,
            activity_id=version.pk,
            activity_uri=version.uri,
            purpose=access.purpose,
            case_reference=access.case_reference,
            outcome=outcome,
            confidential=version.confidential,
            confidential_until=version.confidential_until,
        )
        for subject in dict.fromkeys(access.subjects)
    ]


def through_gate(
    request,
    access: Access,
    fetch: Callable[[], T],
    *,
    cap: Cap,
    subjects_of: Callable[[T], Sequence[str]] | None = None,
) -> T:
    """`fetch()`'s result if the policy allows `cap` and the log entries are committed; otherwise 403 or 503.

    A search learns whose data it returns only from its result: then `subjects_of(result)` names them, and their
    entries are written after the fetch, still in the same transaction, before anything is returned.
    """
    if request.acting.controller is None:
        raise PermissionDenied
    if not request.acting.can(cap):
        refuse(request, access, cap=cap)
    actor = _actor(request, cap)
    try:
        with transaction.atomic(durable=True):
            if subjects_of is None:
                services.append(records_of(actor, access, Outcome.ALLOWED))
            result = fetch()
            if isinstance(result, models.QuerySet):
                result = list(result)  # evaluated here, inside the transaction that logs it
            if subjects_of is not None:
                found = replace(access, subjects=list(subjects_of(result)))
                services.append(records_of(actor, found, Outcome.ALLOWED))
    except DatabaseError as error:
        raise LogUnavailable from error
    return result


def refuse(request, access: Access, *, cap: Cap) -> NoReturn:
    """Record the denied attempt in a transaction of its own, then answer 403. `through_gate` does this when the
    policy table refuses; a view calls it when the record's own rules refuse (another domain, another case)."""
    denied = replace(access, subjects=access.subjects or [""], subject_type=access.subject_type)
    try:
        services.append_now(records_of(_actor(request, cap), denied, Outcome.DENIED))
    except DatabaseError as error:
        raise LogUnavailable from error
    raise PermissionDenied


def for_the_data_subject(request, controller, access: Access, fetch: Callable[[], T]) -> T:
    """The person's own data, shown to the person: recorded like any access, with the person as the actor."""
    actor = {
        "controller_id": controller.pk,
        "actor_name": "De betrokkene zelf",
        "actor_role": "betrokkene",
        "actor_organisation_id": controller.pk,
        "client_address": request.META.get("REMOTE_ADDR", "")[:45],
        **trace_of(request),
    }
    try:
        with transaction.atomic(durable=True):
            services.append(records_of(actor, access, Outcome.ALLOWED))
            result = fetch()
    except DatabaseError as error:
        raise LogUnavailable from error
    return result
