"""Read functions. Every query for a controller's records goes through here and is scoped to that controller."""

from __future__ import annotations

import secrets
from uuid import UUID

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.text import capfirst
from django.utils.translation import gettext

from doelbinding.policy import Role
from doelbinding.tenancy.acting import NOBODY, Acting
from doelbinding.tenancy.models import ApiClient, Domain, Membership, Organisation, OrganisationKind
from doelbinding.tenancy.rules import API_KEY_PREFIX, api_key_hash


def controllers_for(user) -> QuerySet[Organisation]:
    """The municipalities a user may act for: their own, or those their executing organisation serves."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    memberships = Membership.objects.filter(user=user, active=True)
    return Organisation.objects.filter(
        Q(kind=OrganisationKind.MUNICIPALITY)
        & (Q(memberships__in=memberships) | Q(served_by__memberships__in=memberships))
    ).distinct()


def memberships_acting_for(user, controller: Organisation) -> QuerySet[Membership]:
    """The user's active memberships that count when acting for `controller`."""
    return Membership.objects.filter(user=user, active=True).filter(
        Q(organisation=controller) | Q(organisation__kind=OrganisationKind.EXECUTING, organisation__serves=controller)
    )


def organisations_visible(controller: Organisation) -> QuerySet[Organisation]:
    """The controller itself, the executing organisations that serve it, and its partners."""
    return Organisation.objects.filter(
        Q(pk=controller.pk) | Q(controller=controller) | Q(kind=OrganisationKind.EXECUTING, serves=controller)
    ).distinct()


def organisation_get(controller: Organisation, uuid: UUID) -> Organisation:
    return _get_or_404(organisations_visible(controller), uuid)


def staff_visible(controller: Organisation) -> QuerySet[Membership]:
    """Memberships of people who may act for the controller; another controller's staff stay invisible."""
    return (
        Membership.objects.filter(
            Q(organisation=controller)
            | Q(organisation__kind=OrganisationKind.EXECUTING, organisation__serves=controller)
        )
        .select_related("user", "organisation")
        .order_by("user__last_name", "user__first_name", "organisation__name")
        .distinct()
    )


def staff_search(controller: Organisation, query: str) -> list[Membership]:
    """Staff whose name, user name or function contains every word of `query`, with their domains' names."""
    staff = staff_visible(controller)
    for word in query.split():
        staff = staff.filter(
            Q(user__first_name__icontains=word)
            | Q(user__last_name__icontains=word)
            | Q(user__username__icontains=word)
            | Q(user__function_title__icontains=word)
        )
    names = Domain.names()  # one query for the whole table
    rows = list(staff)
    for membership in rows:
        membership.domain_names = [names.get(code, code) for code in membership.domains]
    return rows


def membership_get(controller: Organisation, uuid: UUID) -> Membership:
    return _get_or_404(staff_visible(controller), uuid)


def _get_or_404(queryset: QuerySet, uuid: UUID):
    """Another controller's record answers exactly like a missing one."""
    try:
        return queryset.get(uuid=uuid)
    except queryset.model.DoesNotExist:
        raise Http404 from None


CONTROLLER_SESSION_KEY = "acting_controller"


def acting_for_request(request) -> Acting:
    """The controller this request acts for (the only one, or the one chosen in the session) and the
    roles and domains the user holds for it."""
    user = request.user
    if not user.is_authenticated:
        return NOBODY
    choices = tuple(controllers_for(user).order_by("name"))
    chosen = request.session.get(CONTROLLER_SESSION_KEY)
    controller = next((c for c in choices if str(c.uuid) == chosen), None)
    if controller is None and len(choices) == 1:
        controller = choices[0]
    if controller is None:
        return Acting(controller=None, choices=choices)
    memberships = list(memberships_acting_for(user, controller))
    return Acting(
        controller=controller,
        roles=frozenset(role for m in memberships for role in m.roles),
        domains=frozenset(code for m in memberships for code in m.domains),
        choices=choices,
        organisation_id=memberships[0].organisation_id if memberships else None,
    )


def api_client_for_key(key: str) -> ApiClient | None:
    """The active client whose key this is, or None. Compares hashes in constant time."""
    if not key.startswith(API_KEY_PREFIX) or "." not in key:
        return None
    prefix = key[len(API_KEY_PREFIX) :].split(".", 1)[0]
    client = (
        ApiClient.objects.select_related("controller", "organisation").filter(key_prefix=prefix, active=True).first()
    )
    if client is None or not secrets.compare_digest(client.key_hash, api_key_hash(key)):
        return None
    return client


def membership_changes(membership: Membership) -> list[dict]:
    """The membership's history, newest first: who changed what, when, why, from what to what."""
    records = list(membership.history.select_related("history_user").order_by("-history_date", "-history_id"))
    domain_names = Domain.names()
    changes = []
    for newer, older in zip(records, [*records[1:], None], strict=True):
        what = []
        if older is not None:
            delta = newer.diff_against(older, included_fields=["roles", "active", "domains"])
            for change in delta.changes:
                label = capfirst(str(Membership._meta.get_field(change.field).verbose_name))
                old = _describe(change.field, change.old, domain_names)
                new = _describe(change.field, change.new, domain_names)
                what.append(f"{label}: {old} → {new}")
        changes.append(
            {
                "when": newer.history_date,
                "who": newer.history_user,
                "reason": newer.history_change_reason,
                "what": what,
            }
        )
    return changes


def _describe(field: str, value, domain_names: dict[str, str]) -> str:
    if field == "roles":
        return ", ".join(str(Role(code).label) for code in value if code in Role.values) or "—"
    if field == "domains":
        return ", ".join(domain_names.get(code, code) for code in value) or "—"
    if field == "active":
        return gettext("ja") if value else gettext("nee")
    return str(value)
