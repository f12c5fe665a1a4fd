from django import forms
from django.utils.translation import gettext_lazy as _

from doelbinding.policy import Role
from doelbinding.tenancy.models import Domain
from doelbinding.tenancy.rules import membership_problems


class ChooseControllerForm(forms.Form):
    controller = forms.ChoiceField(label=_("Namens welke gemeente werkt u?"), widget=forms.RadioSelect)

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["controller"].choices = [(str(c.uuid), c.name) for c in choices]
        self.fields["controller"].error_messages["invalid_choice"] = _("Kies een gemeente uit de lijst.")
        self.fields["controller"].error_messages["required"] = _("Kies een gemeente.")


class MembershipForm(forms.Form):
    roles = forms.MultipleChoiceField(
        label=_("Rollen"), choices=Role.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    domains = forms.ModelMultipleChoiceField(
        label=_("Domeinen"), queryset=Domain.objects.all(), widget=forms.CheckboxSelectMultiple, required=False
    )
    active = forms.BooleanField(label=_("Actief"), required=False)
    reason = forms.CharField(
        label=_("Reden van de wijziging"),
        max_length=200,
        help_text=_("Komt in de wijzigingsgeschiedenis, bijvoorbeeld ‘overstap naar team Jeugd’."),
        error_messages={"required": _("Geef de reden van de wijziging.")},
    )

    def clean(self):
        cleaned = super().clean()
        problems = membership_problems(cleaned.get("roles", []), [d.code for d in cleaned.get("domains", [])])
        for field, messages in problems.items():
            for message in messages:
                self.add_error(field, message)
        return cleaned
