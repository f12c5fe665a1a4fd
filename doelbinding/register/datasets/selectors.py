"""Read functions for data sets per task package and their extension requests, scoped to one controller."""

from __future__ import annotations

from uuid import UUID

from django.db.models import Q, QuerySet
from django.http import Http404

from doelbinding.register.datasets import rules
from doelbinding.register.history import changes_of
from doelbinding.register.models import DatasetStatus, ExtensionRequest, ExtensionStep, TaskDataset
from doelbinding.tenancy.models import Domain

OPEN_STATES = [state for state in rules.State if state not in rules.FINAL]


def datasets_for(controller) -> list[TaskDataset]:
    """Every data set of the controller, with its title; categories prefetched."""
    datasets = list(
        TaskDataset.objects.filter(controller=controller)
        .select_related("established_by")
        .prefetch_related("categories")
    )
    names = Domain.names()
    for dataset in datasets:
        dataset.label = dataset.title(names)
    return sorted(datasets, key=lambda d: d.label)


def dataset_get(controller, uuid: UUID) -> TaskDataset:
    try:
        dataset = TaskDataset.objects.select_related("controller", "established_by").get(
            controller=controller, uuid=uuid
        )
    except TaskDataset.DoesNotExist:
        raise Http404 from None
    dataset.label = dataset.title(Domain.names())
    return dataset


def dataset_categories(controller, role: str, domain: str) -> set[str]:
    """The codes of the data categories that `role` may use in `domain`: the union of the controller's established
    data sets for that role in that domain or in every domain (blank). Case work reads this."""
    datasets = TaskDataset.objects.filter(controller=controller, role=role, status=DatasetStatus.ESTABLISHED).filter(
        Q(domain=domain) | Q(domain="")
    )
    links = TaskDataset.categories.through.objects.filter(taskdataset__in=datasets)
    return set(links.values_list("datacategory__code", flat=True))


def dataset_changes(dataset: TaskDataset) -> list[dict]:
    return changes_of(
        dataset,
        categories="categories",
        fields=["status", "role", "domain", "task", "purpose", "purpose_limitation", "proportionality", "subsidiarity"],
    )


def extension_requests_for(controller, *, dataset: TaskDataset | None = None, open_only: bool = False):
    requests: QuerySet[ExtensionRequest] = ExtensionRequest.objects.filter(controller=controller).select_related(
        "dataset"
    )
    if dataset is not None:
        requests = requests.filter(dataset=dataset)
    if open_only:
        requests = requests.filter(state__in=OPEN_STATES)
    names = Domain.names()
    result = list(requests.prefetch_related("categories"))
    for request in result:
        request.dataset.label = request.dataset.title(names)
    return result


def extension_request_get(controller, uuid: UUID) -> ExtensionRequest:
    try:
        request = ExtensionRequest.objects.select_related("dataset", "controller").get(controller=controller, uuid=uuid)
    except ExtensionRequest.DoesNotExist:
        raise Http404 from None
    request.dataset.label = request.dataset.title(Domain.names())
    return request


def extension_steps(request: ExtensionRequest) -> list[ExtensionStep]:
    return list(request.steps.select_related("actor"))


def possible_steps(request: ExtensionRequest) -> frozenset[rules.Kind]:
    return rules.possible_steps(rules.State(request.state))
