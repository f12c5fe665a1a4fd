"""Write functions for data sets per task package and their extension requests (seed 002 §2.1 and §3).

Each runs in one transaction, writes history (the data set's rows, the request's append-only steps) and logs a
named event. The procedure's transitions are decided by `datasets.rules`; this module only stores the outcome.
"""

from __future__ import annotations

from collections.abc import Iterable

import structlog
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from doelbinding.policy import Cap, allows
from doelbinding.register.datasets import rules
from doelbinding.register.history import save_with_categories
from doelbinding.register.models import (
    DataCategory,
    DatasetStatus,
    ExtensionRequest,
    ExtensionStep,
    TaskDataset,
)
from doelbinding.tenancy.selectors import memberships_acting_for

log = structlog.get_logger(__name__)

DATASET_FIELDS = ["role", "domain", "task", "purpose", "purpose_limitation", "proportionality", "subsidiarity"]


def _require(actor, controller, cap: Cap) -> None:
    """The services check the capability too, so that no caller (view, import, demo) can skip a step's owner."""
    roles = {role for membership in memberships_acting_for(actor, controller) for role in membership.roles}
    if not allows(roles, cap):
        raise PermissionDenied(cap)


@transaction.atomic
def dataset_create(*, actor, controller, fields: dict, categories: Iterable[DataCategory]) -> TaskDataset:
    """A new data set, as a concept."""
    _require(actor, controller, Cap.EDIT_DATASETS)
    dataset = TaskDataset(controller=controller, **{name: fields.get(name, "") for name in DATASET_FIELDS})
    dataset.full_clean(exclude=["established_by"])
    save_with_categories(dataset, actor=actor, reason="aangemaakt", relations={"categories": categories})
    log.info("dataset_created", dataset=str(dataset.uuid))
    return dataset


@transaction.atomic
def dataset_edit(*, actor, dataset: TaskDataset, fields: dict, categories: Iterable[DataCategory]) -> TaskDataset:
    """Change the content; an established set may be narrowed here but only grows through an extension request."""
    _require(actor, dataset.controller, Cap.EDIT_DATASETS)
    categories = list(categories)
    refusal = rules.direct_addition_refusal(
        established=dataset.status == DatasetStatus.ESTABLISHED,
        current={c.code for c in dataset.categories.all()},
        proposed={c.code for c in categories},
    )
    if refusal is not None:
        raise ValidationError({"categories": str(refusal)})
    for name in DATASET_FIELDS:
        setattr(dataset, name, fields.get(name, ""))
    dataset.full_clean(exclude=["established_by"])
    save_with_categories(dataset, actor=actor, reason="gewijzigd", relations={"categories": categories})
    log.info("dataset_edited", dataset=str(dataset.uuid))
    return dataset


@transaction.atomic
def dataset_establish(*, actor, dataset: TaskDataset) -> TaskDataset:
    """The head of department establishes the concept (seed 002 §2.1 item 4)."""
    _require(actor, dataset.controller, Cap.EDIT_DATASETS)
    if dataset.status != DatasetStatus.CONCEPT:
        raise ValidationError(_("Deze gegevensset is al vastgesteld."))
    _mark_established(dataset, actor=actor, reason="vastgesteld")
    log.info("dataset_established", dataset=str(dataset.uuid))
    return dataset


def _mark_established(dataset: TaskDataset, *, actor, reason: str, categories: Iterable[DataCategory] = ()) -> None:
    dataset.status = DatasetStatus.ESTABLISHED
    dataset.established_at = timezone.now()
    dataset.established_by = actor
    relations = {"categories": [*dataset.categories.all(), *categories]}
    save_with_categories(dataset, actor=actor, reason=reason, relations=relations)


@transaction.atomic
def extension_request_file(
    *, actor, dataset: TaskDataset, categories: Iterable[DataCategory], motivation: str
) -> ExtensionRequest:
    """The head of department's motivated request to add categories to an established set (seed 002 §3 item 4)."""
    categories = list(categories)
    problems = []
    if dataset.status != DatasetStatus.ESTABLISHED:
        problems.append(_("Een concept wijzigt het afdelingshoofd zelf; uitbreiden geldt voor een vastgestelde set."))
    if not categories:
        problems.append(_("Kies minstens één categorie die erbij moet komen."))
    if {c.pk for c in categories} & set(dataset.categories.values_list("pk", flat=True)):
        problems.append(_("Een gevraagde categorie hoort al bij de gegevensset."))
    if problems:
        raise ValidationError(problems)
    step = rules.Step(rules.Kind.REQUEST, text=motivation)
    state = _advance(actor, dataset.controller, None, step)
    request = ExtensionRequest.objects.create(controller=dataset.controller, dataset=dataset, state=state)
    request.categories.set(categories)
    _store(actor, request, step)
    log.info("dataset_extension_requested", request=str(request.uuid), dataset=str(dataset.uuid))
    return request


@transaction.atomic
def extension_step_record(
    *, actor, request: ExtensionRequest, kind: str, outcome: str = "", text: str
) -> ExtensionStep:
    """Advice question, advice, decision, referral or college decision; on approval the set grows."""
    request = ExtensionRequest.objects.select_for_update().get(pk=request.pk)
    step = rules.Step(rules.Kind(kind), outcome, text)
    request.state = _advance(actor, request.controller, rules.State(request.state), step)
    request.save(update_fields=["state"])
    recorded = _store(actor, request, step)
    if request.state == rules.State.APPROVED:
        dataset = TaskDataset.objects.select_for_update().get(pk=request.dataset_id)
        _mark_established(
            dataset, actor=actor, reason="uitbreiding goedgekeurd", categories=list(request.categories.all())
        )
    log.info("dataset_extension_step", request=str(request.uuid), kind=kind, outcome=outcome, state=request.state)
    return recorded


def _advance(actor, controller, state: rules.State | None, step: rules.Step) -> rules.State:
    """The next state, if the actor may take this step and the procedure allows it now."""
    _require(actor, controller, rules.CAPABILITY[step.kind])
    result = rules.advance(state, step)
    if isinstance(result, rules.Refusal):
        raise ValidationError(str(result))
    return result


def _store(actor, request: ExtensionRequest, step: rules.Step) -> ExtensionStep:
    return ExtensionStep.objects.create(
        request=request, kind=step.kind, actor=actor, at=timezone.now(), outcome=step.outcome, text=step.text.strip()
    )
