import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.utils.translation import gettext as _

LOGIN_AT_SESSION_KEY = "login_at"


class SessionLifetimeMiddleware:
    """Ends a session a fixed time after login, however active it was (the idle time-out is the cookie age)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            login_at = request.session.get(LOGIN_AT_SESSION_KEY, 0)
            if time.time() - login_at > settings.SESSION_ABSOLUTE_SECONDS:
                logout(request)
                messages.info(request, _("Uw sessie is verlopen. Log opnieuw in."))
                return redirect(settings.LOGIN_URL)
        return self.get_response(request)


class RequireSecondFactorMiddleware:
    """Staff reach nothing but the 2FA set-up until the second factor is verified in this session."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or user.is_verified() or getattr(view_func, "second_factor_optional", False):
            return None
        if user.totpdevice_set.filter(confirmed=True).exists():
            logout(request)
            return redirect(settings.LOGIN_URL)
        return redirect("two_factor:setup")
