from django import forms
from django.utils.translation import gettext_lazy as _

from doelbinding.policy import Role
from doelbinding.tenancy.models import Domain, Membership
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
    domains = forms.MultipleChoiceField(label=_("Domeinen"), widget=forms.CheckboxSelectMultiple, required=False)
    active = forms.BooleanField(label=_("Actief"), required=False)
    reason = forms.CharField(
        label=_("Reden van de wijziging"),
        max_length=200,
        help_text=_("Komt in de wijzigingsgeschiedenis, bijvoorbeeld ‘overstap naar team Jeugd’."),
        error_messages={"required": _("Geef de reden van de wijziging.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["domains"].choices = list(Domain.objects.values_list("code", "name"))

    def clean(self):
        cleaned = super().clean()
        problems = membership_problems(cleaned.get("roles", []), cleaned.get("domains", []))
        for field, messages in problems.items():
            for message in messages:
                self.add_error(field, message)
        return cleaned


class MembershipAdminForm(forms.ModelForm):
    """Roles and domains as check boxes instead of raw JSON, validated by the same rule."""

    roles = forms.MultipleChoiceField(label=_("Rollen"), choices=Role.choices, widget=forms.CheckboxSelectMultiple)
    domains = forms.MultipleChoiceField(label=_("Domeinen"), widget=forms.CheckboxSelectMultiple, required=False)

    class Meta:
        model = Membership
        fields = ["user", "organisation", "roles", "domains", "active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["domains"].choices = list(Domain.objects.values_list("code", "name"))

    def clean(self):
        cleaned = super().clean()
        for field, messages in membership_problems(cleaned.get("roles", []), cleaned.get("domains", [])).items():
            for message in messages:
                self.add_error(field, message)
        return cleaned
