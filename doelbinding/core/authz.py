"""View decorators. Every staff view is login-only by default (LoginRequiredMiddleware) and needs the
second factor (RequireSecondFactorMiddleware); these decorators state the exceptions and the capability."""

from functools import wraps

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import Http404

from doelbinding.policy import Cap


def requires(cap: Cap, *, lookup=None):
    """The view needs `cap` for the controller the request acts for; otherwise 403.

    With `lookup(controller, uuid)`, the `uuid` URL argument is first resolved within the controller and the
    view receives the object instead: another controller's object is a 404 for everyone, before any 403.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if lookup is not None:
                if request.acting.controller is None:
                    raise Http404
                args = (lookup(request.acting.controller, kwargs.pop("uuid")), *args)
            if not request.acting.can(cap):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.required_capability = cap
        return wrapped

    return decorator


def public(view):
    """Reachable without logging in (citizens, the login page itself, health checks)."""
    view = login_not_required(view)
    view.second_factor_optional = True
    view.controller_optional = True
    return view


def before_second_factor(view):
    """Reachable after the password but before the second factor is set up (2FA set-up, logout)."""
    view.second_factor_optional = True
    view.controller_optional = True
    return view


def controller_optional(view):
    """Reachable before choosing which municipality to act for (the choice itself, the account page)."""
    view.controller_optional = True
    return view
