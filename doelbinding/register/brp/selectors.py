"""Read functions for the BRP usage register, scoped to one controller."""

from __future__ import annotations

from uuid import UUID

from django.db.models import QuerySet
from django.http import Http404

from doelbinding.register.history import changes_of
from doelbinding.register.models import BrpUsage


def brp_usages_for(controller) -> QuerySet[BrpUsage]:
    return (
        BrpUsage.objects.filter(controller=controller)
        .select_related("legal_basis__law", "activity")
        .prefetch_related("data_categories")
    )


def brp_usage_get(controller, uuid: UUID) -> BrpUsage:
    try:
        return brp_usages_for(controller).get(uuid=uuid)
    except BrpUsage.DoesNotExist:
        raise Http404 from None


def brp_usage_changes(usage: BrpUsage) -> list[dict]:
    return changes_of(
        usage,
        categories="data_categories",
        fields=[
            "task",
            "task_description",
            "brp_elements",
            "provision_methods",
            "legal_basis",
            "activity",
            "third_party_conditions",
            "report_back_duty",
        ],
    )
