"""Pages of the data sets per task package and their extension requests (seed 002 §2.1 and §3 items 3-6)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from doelbinding.core.authz import requires
from doelbinding.core.forms import add_refusal
from doelbinding.policy import Cap
from doelbinding.register.datasets import selectors, services
from doelbinding.register.datasets.forms import DatasetForm, ExtensionRequestForm, StepForm
from doelbinding.register.datasets.rules import CAPABILITY, Kind
from doelbinding.register.models import DatasetStatus

# The route that records each kind of step, in the order the request page shows their forms.
STEP_ROUTES = {
    Kind.ADVICE_QUESTION: "register:extension_advice_question",
    Kind.ADVICE: "register:extension_advice",
    Kind.DECISION: "register:extension_decision",
    Kind.REFERRAL: "register:extension_referral",
    Kind.COLLEGE_DECISION: "register:extension_college_decision",
}


@requires(Cap.VIEW_DATASETS)
def dataset_list(request):
    controller = request.acting.controller
    return render(
        request,
        "register/dataset_list.html",
        {
            "datasets": selectors.datasets_for(controller),
            "open_requests": selectors.extension_requests_for(controller, open_only=True),
            "may_edit": request.acting.can(Cap.EDIT_DATASETS),
        },
    )


@requires(Cap.VIEW_DATASETS, lookup=selectors.dataset_get)
def dataset_detail(request, dataset):
    acting = request.acting
    established = dataset.status == DatasetStatus.ESTABLISHED
    return render(
        request,
        "register/dataset_detail.html",
        {
            "dataset": dataset,
            "changes": selectors.dataset_changes(dataset),
            "requests": selectors.extension_requests_for(acting.controller, dataset=dataset),
            "may_edit": acting.can(Cap.EDIT_DATASETS),
            "may_establish": acting.can(Cap.EDIT_DATASETS) and not established,
            "may_request": acting.can(Cap.REQUEST_DATASET_EXTENSION) and established,
        },
    )


@requires(Cap.EDIT_DATASETS)
def dataset_create(request):
    form = DatasetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            dataset = services.dataset_create(
                actor=request.user, controller=request.acting.controller, **form.service_arguments()
            )
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, _("De gegevensset is als concept opgeslagen."))
            return redirect("register:dataset_detail", uuid=dataset.uuid)
    return render(request, "register/dataset_form.html", {"form": form, "dataset": None})


@requires(Cap.EDIT_DATASETS, lookup=selectors.dataset_get)
def dataset_edit(request, dataset):
    form = DatasetForm(request.POST or None, instance=dataset)
    if request.method == "POST" and form.is_valid():
        try:
            services.dataset_edit(actor=request.user, dataset=dataset, **form.service_arguments())
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, _("De wijziging is opgeslagen."))
            return redirect("register:dataset_detail", uuid=dataset.uuid)
    return render(request, "register/dataset_form.html", {"form": form, "dataset": dataset})


@requires(Cap.EDIT_DATASETS, lookup=selectors.dataset_get)
@require_POST
def dataset_establish(request, dataset):
    try:
        services.dataset_establish(actor=request.user, dataset=dataset)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("De gegevensset is vastgesteld en geldt nu."))
    return redirect("register:dataset_detail", uuid=dataset.uuid)


@requires(Cap.REQUEST_DATASET_EXTENSION, lookup=selectors.dataset_get)
def extension_create(request, dataset):
    form = ExtensionRequestForm(request.POST or None, dataset=dataset)
    if request.method == "POST" and form.is_valid():
        try:
            extension = services.extension_request_file(
                actor=request.user,
                dataset=dataset,
                categories=form.cleaned_data["categories"],
                motivation=form.cleaned_data["motivation"],
            )
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, _("Het verzoek is ingediend."))
            return redirect("register:extension_detail", uuid=extension.uuid)
    return render(request, "register/extension_form.html", {"form": form, "dataset": dataset})


@requires(Cap.VIEW_DATASETS, lookup=selectors.extension_request_get)
def extension_detail(request, extension):
    return _request_page(request, extension)


def _request_page(request, extension, bound: StepForm | None = None):
    """The request with every step; below it, the form of each step this user may take now."""
    possible = selectors.possible_steps(extension)
    step_forms = [
        (bound if bound is not None and bound.kind == kind else StepForm(kind), route)
        for kind, route in STEP_ROUTES.items()
        if kind in possible and request.acting.can(CAPABILITY[kind])
    ]
    if bound is not None and bound.kind not in possible:  # the procedure refused the step: say why at the top
        messages.error(request, " ".join(error for errors in bound.errors.values() for error in errors))
    return render(
        request,
        "register/extension_detail.html",
        {"extension": extension, "steps": selectors.extension_steps(extension), "step_forms": step_forms},
    )


def _record_step(request, extension, kind: Kind):
    """Records the step, or shows the page again with the form's errors or the procedure's refusal."""
    form = StepForm(kind, request.POST)
    if form.is_valid():
        try:
            services.extension_step_record(
                actor=request.user,
                request=extension,
                kind=kind,
                outcome=form.cleaned_data.get("outcome", ""),
                text=form.cleaned_data["text"],
            )
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, _("De stap is vastgelegd."))
            return redirect("register:extension_detail", uuid=extension.uuid)
    return _request_page(request, extension, bound=form)


def _step_view(kind: Kind):
    """One POST route per step, each behind the capability of that step (so the authorization matrix names it)."""

    @requires(CAPABILITY[kind], lookup=selectors.extension_request_get)
    @require_POST
    def view(request, extension):
        return _record_step(request, extension, kind)

    view.__name__ = view.__qualname__ = f"extension_{kind}"
    return view


extension_advice_question = _step_view(Kind.ADVICE_QUESTION)
extension_advice = _step_view(Kind.ADVICE)
extension_decision = _step_view(Kind.DECISION)
extension_referral = _step_view(Kind.REFERRAL)
extension_college_decision = _step_view(Kind.COLLEGE_DECISION)
