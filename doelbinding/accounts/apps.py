from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "doelbinding.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from doelbinding.accounts import signals  # noqa: F401
