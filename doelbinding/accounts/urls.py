"""Login, second factor, password. The two_factor namespace keeps the library's URL names."""

from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import TemplateView
from two_factor.views import QRGeneratorView

from doelbinding.accounts import views
from doelbinding.core.authz import before_second_factor, controller_optional, public

two_factor_patterns = (
    [
        path("inloggen/", public(views.LoginView.as_view()), name="login"),
        path("account/", controller_optional(views.ProfileView.as_view()), name="profile"),
        path("account/tweede-factor/instellen/", before_second_factor(views.SetupView.as_view()), name="setup"),
        path("account/tweede-factor/qr/", before_second_factor(QRGeneratorView.as_view()), name="qr"),
        path(
            "account/tweede-factor/gereed/",
            controller_optional(views.SetupCompleteView.as_view()),
            name="setup_complete",
        ),
        path(
            "account/tweede-factor/herstelcodes/",
            controller_optional(views.BackupTokensView.as_view()),
            name="backup_tokens",
        ),
    ],
    "two_factor",
)

account_patterns = (
    [
        path("uitloggen/", before_second_factor(auth_views.LogoutView.as_view()), name="logout"),
        path("wachtwoord/vergeten/", public(views.PasswordResetView.as_view()), name="password_reset"),
        path(
            "wachtwoord/vergeten/verstuurd/",
            public(TemplateView.as_view(template_name="accounts/password_reset_done.html")),
            name="password_reset_done",
        ),
        path(
            "wachtwoord/herstellen/<uidb64>/<token>/",
            public(views.PasswordResetConfirmView.as_view()),
            name="password_reset_confirm",
        ),
        path(
            "wachtwoord/hersteld/",
            public(TemplateView.as_view(template_name="accounts/password_reset_complete.html")),
            name="password_reset_complete",
        ),
        path("account/wachtwoord/", controller_optional(views.PasswordChangeView.as_view()), name="password_change"),
    ],
    "accounts",
)

urlpatterns = [
    path("", include(two_factor_patterns)),
    path("", include(account_patterns)),
]
