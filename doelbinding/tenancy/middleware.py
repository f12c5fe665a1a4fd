from django.shortcuts import redirect
from django.utils.functional import SimpleLazyObject

from doelbinding.tenancy.selectors import acting_for_request


class ControllerMiddleware:
    """Sets `request.acting`; staff who may act for several municipalities must choose one first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.acting = SimpleLazyObject(lambda: acting_for_request(request))
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if getattr(view_func, "controller_optional", False) or not request.user.is_authenticated:
            return None
        if request.acting.controller is None and request.acting.may_switch:
            return redirect("tenancy:choose_controller")
        return None
