from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from stdnum.nl import bsn

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class BsnField(forms.CharField):
    def __init__(self, **kwargs):
        super().__init__(max_length=9, min_length=9, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        if value and not bsn.is_valid(value):
            raise forms.ValidationError(_("Dit is geen geldig burgerservicenummer (de elfproef klopt niet)."))
        return value


# The dates a period may name: the log holds nothing older, and a far-off end ("9999-12-31") only overflows.
EARLIEST, LATEST = date(1900, 1, 1), date(2100, 12, 31)


class PeriodForm(forms.Form):
    since = forms.DateField(label=_("Vanaf"), required=False, widget=DATE)
    until = forms.DateField(label=_("Tot en met"), required=False, widget=DATE)

    def clean(self):
        data = super().clean()
        for name in ("since", "until"):
            if data.get(name) and not EARLIEST <= data[name] <= LATEST:
                self.add_error(name, _("Kies een datum tussen 1900 en 2100."))
        if data.get("since") and data["since"] > timezone.localdate():
            self.add_error("since", _("De begindatum ligt in de toekomst: daar zijn nog geen verwerkingen."))
        if data.get("since") and data.get("until") and data["until"] < data["since"]:
            raise forms.ValidationError(_("De einddatum ligt vóór de begindatum."))
        return data


class SearchForm(PeriodForm):
    """The FG's search: by person, employee, register activity and period, in any combination."""

    subject_id = BsnField(label=_("Burgerservicenummer"), required=False)
    actor = forms.ChoiceField(label=_("Medewerker"), required=False)
    activity = forms.ChoiceField(label=_("Verwerkingsactiviteit"), required=False)

    def __init__(self, *args, staff: list[tuple[int, str]], activities: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["actor"].choices = [("", _("Iedereen")), *staff]
        self.fields["activity"].choices = [("", _("Alle")), *activities]
        self.order_fields(["subject_id", "actor", "activity", "since", "until"])


class OverviewForm(PeriodForm):
    """An access request: whose overview, over which period."""

    subject_id = BsnField(label=_("Burgerservicenummer"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(["subject_id", "since", "until"])


class ReviewForm(forms.Form):
    signal = forms.CharField(widget=forms.HiddenInput, max_length=100)
    remark = forms.CharField(label=_("Toelichting"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)


class CitizenDemoLoginForm(forms.Form):
    subject_id = BsnField(label=_("Burgerservicenummer (alleen in de demo)"))
