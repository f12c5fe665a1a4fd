from django.conf import settings
from django.contrib.auth import views as auth_views
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from two_factor import views as two_factor_views


def locked_out(request, response, credentials):
    """What django-axes shows once a user name is locked; the same for known and unknown names."""
    return render(request, "accounts/locked_out.html", {"cooloff_minutes": settings.AXES_COOLOFF_MINUTES}, status=429)


class CodeLabelMixin:
    """The one-time code is labelled as people know it: the code from their app."""

    def get_form(self, step=None, **kwargs):
        form = super().get_form(step=step, **kwargs)
        for name in ("otp_token", "token"):
            if name in form.fields:
                form.fields[name].label = _("Code uit uw app")
                form.fields[name].error_messages["invalid"] = _("Een code bestaat uit zes cijfers.")
        return form


class LoginView(CodeLabelMixin, two_factor_views.LoginView):
    template_name = "accounts/login.html"


class SetupView(CodeLabelMixin, two_factor_views.SetupView):
    template_name = "accounts/setup.html"
    success_url = "two_factor:setup_complete"
    qrcode_url = "two_factor:qr"


class SetupCompleteView(two_factor_views.SetupCompleteView):
    template_name = "accounts/setup_complete.html"


class BackupTokensView(two_factor_views.BackupTokensView):
    template_name = "accounts/backup_tokens.html"
    success_url = "two_factor:backup_tokens"


class ProfileView(two_factor_views.ProfileView):
    template_name = "accounts/profile.html"


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("two_factor:profile")
