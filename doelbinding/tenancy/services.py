"""Write functions for organisations, memberships and API clients: one transaction, history, events."""

from __future__ import annotations

import secrets
from collections.abc import Iterable

import structlog
from django.core.exceptions import ValidationError
from django.db import transaction

from doelbinding.core.services import save_with_history
from doelbinding.tenancy.models import ApiClient, Domain, Membership, Organisation
from doelbinding.tenancy.rules import API_KEY_PREFIX, api_key_hash, membership_problems
from doelbinding.tenancy.selectors import CONTROLLER_SESSION_KEY, controllers_for

log = structlog.get_logger(__name__)


def controller_choose(*, request, controller_uuid: str) -> bool:
    """Act for another municipality; only one the user may act for. Returns whether it was accepted."""
    allowed = {str(u) for u in controllers_for(request.user).values_list("uuid", flat=True)}
    if controller_uuid not in allowed:
        log.warning("controller_choice_refused", user_id=request.user.pk)
        return False
    request.session[CONTROLLER_SESSION_KEY] = controller_uuid
    log.info("controller_chosen", user_id=request.user.pk, controller=controller_uuid)
    return True


@transaction.atomic
def organisation_create(
    *,
    actor,
    kind: str,
    name: str,
    slug: str,
    controller: Organisation | None = None,
    serves: Iterable[Organisation] = (),
    theme: str = "",
) -> Organisation:
    organisation = Organisation(kind=kind, name=name, slug=slug, controller=controller, theme=theme)
    organisation.full_clean()
    save_with_history(organisation, actor=actor, reason="aangemaakt")
    organisation.serves.set(serves)
    log.info("organisation_created", organisation=str(organisation.uuid), kind=kind)
    return organisation


def _check_membership(roles: Iterable[str], domains: Iterable[str]) -> tuple[list[str], list[str]]:
    roles, domains = sorted({str(r) for r in roles}), sorted(set(domains))
    problems = membership_problems(roles, domains, known_domains=Domain.names())
    if problems:
        raise ValidationError(problems)
    return roles, domains


@transaction.atomic
def membership_create(
    *, actor, user, organisation: Organisation, roles: Iterable[str], domains: Iterable[str] = ()
) -> Membership:
    roles, domains = _check_membership(roles, domains)
    membership = Membership(user=user, organisation=organisation, roles=roles, domains=domains)
    save_with_history(membership, actor=actor, reason="aangemaakt")
    log.info("membership_created", membership=str(membership.uuid), roles=membership.roles)
    return membership


@transaction.atomic
def membership_update(
    *, actor, membership: Membership, roles: Iterable[str], domains: Iterable[str], active: bool, reason: str = ""
) -> Membership:
    membership.roles, membership.domains = _check_membership(roles, domains)
    membership.active = active
    save_with_history(
        membership, actor=actor, reason=reason or "gewijzigd", update_fields=["roles", "domains", "active"]
    )
    log.info("membership_updated", membership=str(membership.uuid), roles=membership.roles, active=active)
    return membership


@transaction.atomic
def api_client_create(
    *, actor, name: str, organisation: Organisation, controller: Organisation, scopes: list[str]
) -> tuple[ApiClient, str]:
    """Issue credentials; the key is returned once and only its hash is stored."""
    prefix = secrets.token_hex(4)
    key = f"{API_KEY_PREFIX}{prefix}.{secrets.token_urlsafe(32)}"
    client = ApiClient(
        name=name,
        organisation=organisation,
        controller=controller,
        key_prefix=prefix,
        key_hash=api_key_hash(key),
        scopes=sorted({str(s) for s in scopes}),
    )
    client.full_clean()
    save_with_history(client, actor=actor, reason="aangemaakt")
    log.info("api_client_created", api_client=str(client.uuid), scopes=client.scopes)
    return client, key
