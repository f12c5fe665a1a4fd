"""Read functions for the register, always scoped to one controller."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from doelbinding.partners.models import Agreement
from doelbinding.register.models import Activity, ActivityVersion, DataCategory, Provision, Status
from doelbinding.register.rules import ActivityFacts, Finding, findings
from doelbinding.tenancy.models import Domain

VERSION_RELATIONS = [
    "lawful_bases",
    "sector_provisions",
    "special_exceptions",
    "uavg_provisions",
    "subject_categories",
    "data_categories",
]
PROVISION_RELATIONS = {"lawful_bases", "sector_provisions", "special_exceptions", "uavg_provisions"}


def versions_for(controller) -> QuerySet[ActivityVersion]:
    # Provisions print with their law's abbreviation; fetching the law along saves a query per provision shown.
    provisions = Provision.objects.select_related("law")
    return (
        ActivityVersion.objects.filter(activity__controller=controller)
        .select_related("activity", "activity__controller", "bsn_basis__law", "established_by")
        .prefetch_related(
            *(
                Prefetch(name, queryset=provisions) if name in PROVISION_RELATIONS else name
                for name in VERSION_RELATIONS
            ),
            # The partners app's processing agreements in force, for the check "processor without agreement".
            Prefetch(
                "activity__agreements",
                queryset=Agreement.objects.filter(kind="processing", status="active").only("pk"),
                to_attr="processing_agreements_in_force",
            ),
        )
    )


def current_versions(controller, *, query: str = "") -> list[ActivityVersion]:
    """One row per activity that is not lapsed: the concept if there is one, else the established version."""
    versions = versions_for(controller).exclude(status=Status.LAPSED)
    for word in query.split():
        versions = versions.filter(Q(name__icontains=word) | Q(purposes__icontains=word))
    current: dict[int, ActivityVersion] = {}
    for version in versions.order_by("activity__number", "version"):
        current[version.activity_id] = version  # the highest number wins: a concept follows its established version
    names = Domain.names()
    for version in current.values():
        version.domain_label = names.get(version.domain, version.domain)
    return list(current.values())


def activity_get(controller, uuid: UUID) -> Activity:
    try:
        return Activity.objects.select_related("controller").get(controller=controller, uuid=uuid)
    except Activity.DoesNotExist:
        raise Http404 from None


def version_get(controller, uuid: UUID, number: int) -> ActivityVersion:
    try:
        return versions_for(controller).get(activity__uuid=uuid, version=number)
    except ActivityVersion.DoesNotExist:
        raise Http404 from None


def versions_of(activity: Activity) -> list[ActivityVersion]:
    return list(activity.versions.select_related("established_by").order_by("-version"))


def working_version(versions: list[ActivityVersion]) -> ActivityVersion | None:
    """The version one works on: the concept if there is one, else the established version."""
    by_status = {v.status: v for v in versions}
    return by_status.get(Status.CONCEPT) or by_status.get(Status.ESTABLISHED)


def facts_of(version: ActivityVersion) -> ActivityFacts:
    """The plain snapshot the rules read; uses the prefetched relations."""
    categories: list[DataCategory] = list(version.data_categories.all())
    return ActivityFacts(
        name=version.name,
        purposes=version.purposes,
        lawful_bases=frozenset(p.code for p in version.lawful_bases.all()),
        sector_provisions=frozenset(p.code for p in version.sector_provisions.all()),
        special_categories=frozenset(c.name for c in categories if c.special),
        criminal_categories=frozenset(c.name for c in categories if c.criminal),
        uses_bsn=any(c.identifier for c in categories),
        special_exceptions=frozenset(p.code for p in version.special_exceptions.all()),
        criminal_basis=version.criminal_basis,
        bsn_basis=version.bsn_basis.code if version.bsn_basis_id else None,
        retention_period=version.retention_period,
        review_date=version.review_date,
        further_processing=version.further_processing,
        compatibility_assessment=version.compatibility_assessment,
        processors=version.processors,
        processing_agreement=bool(version.activity.processing_agreements_in_force),
    )


def findings_of(version: ActivityVersion, today: date) -> list[Finding]:
    return findings(facts_of(version), today=today)


def worklist(controller, today: date) -> list[tuple[ActivityVersion, list[Finding]]]:
    """Every current activity with at least one finding, worst first."""
    rows = [(v, findings_of(v, today)) for v in current_versions(controller)]
    rows = [(v, f) for v, f in rows if f]
    return sorted(rows, key=lambda row: (-sum(f.severity == "error" for f in row[1]), row[0].activity.number))


def public_versions(controller, today: date) -> QuerySet[ActivityVersion]:
    """What citizens see: established activities that are not (or no longer) confidential."""
    return (
        versions_for(controller)
        .filter(status=Status.ESTABLISHED)
        .filter(Q(confidential=False) | Q(confidential_until__lt=today))
        .order_by("activity__number")
    )


def public_version_get(controller, number: int, today: date) -> ActivityVersion:
    try:
        return public_versions(controller, today).get(activity__number=number)
    except ActivityVersion.DoesNotExist:
        raise Http404 from None


def municipality_by_slug(slug: str):
    """A municipality for the public pages; anything else is a 404."""
    from doelbinding.tenancy.models import Organisation, OrganisationKind

    try:
        return Organisation.objects.get(slug=slug, kind=OrganisationKind.MUNICIPALITY)
    except Organisation.DoesNotExist:
        raise Http404 from None


def fg_contact(controller) -> str:
    """How to reach the municipality's data protection officer, for the register's art. 30(1)(a) column."""
    from doelbinding.policy import Role
    from doelbinding.tenancy.selectors import staff_visible

    for membership in staff_visible(controller).filter(active=True):
        if Role.FG in membership.roles:
            return f"{membership.user.get_full_name()} ({membership.user.email})"
    return ""
