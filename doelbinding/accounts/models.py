from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A staff member. Every account logs in with a password and a second factor (TOTP)."""

    function_title = models.CharField(
        _("functie"),
        max_length=120,
        blank=True,
        help_text=_("Functienaam zoals een inwoner die ziet in het overzicht van wie zijn gegevens inzag."),
    )

    class Meta:
        verbose_name = _("medewerker")
        verbose_name_plural = _("medewerkers")

    def __str__(self) -> str:
        return self.get_full_name() or self.username
