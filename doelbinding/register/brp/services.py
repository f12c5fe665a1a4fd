"""Write functions for the BRP usage register (seed 002 §3 item 2): one transaction each, with history."""

from __future__ import annotations

from collections.abc import Iterable

import structlog
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from doelbinding.register.history import save_with_categories
from doelbinding.register.models import BrpUsage, DataCategory, ProvisionMethod

log = structlog.get_logger(__name__)

FIELDS = [
    "task",
    "task_description",
    "brp_elements",
    "provision_methods",
    "legal_basis",
    "activity",
    "third_party_conditions",
    "report_back_duty",
]


def _apply(usage: BrpUsage, fields: dict, data_categories: list[DataCategory], *, actor, reason: str) -> BrpUsage:
    for name in FIELDS:
        setattr(usage, name, fields[name])
    usage.provision_methods = [m for m in ProvisionMethod.values if m in set(usage.provision_methods)]
    problems: dict[str, list[str]] = {}
    if not usage.provision_methods:
        problems["provision_methods"] = [_("Kies minstens één wijze van verstrekking.")]
    if not data_categories:
        problems["data_categories"] = [_("Kies minstens één categorie gegevens.")]
    if usage.activity is not None and usage.activity.controller_id != usage.controller_id:
        problems["activity"] = [_("Kies een verwerkingsactiviteit van deze gemeente.")]
    if problems:
        raise ValidationError(problems)
    usage.full_clean()
    save_with_categories(usage, actor=actor, reason=reason, relations={"data_categories": data_categories})
    return usage


@transaction.atomic
def brp_usage_create(*, actor, controller, fields: dict, data_categories: Iterable[DataCategory]) -> BrpUsage:
    usage = _apply(BrpUsage(controller=controller), fields, list(data_categories), actor=actor, reason="aangemaakt")
    log.info("brp_usage_created", brp_usage=str(usage.uuid))
    return usage


@transaction.atomic
def brp_usage_edit(*, actor, usage: BrpUsage, fields: dict, data_categories: Iterable[DataCategory]) -> BrpUsage:
    _apply(usage, fields, list(data_categories), actor=actor, reason="gewijzigd")
    log.info("brp_usage_edited", brp_usage=str(usage.uuid))
    return usage
