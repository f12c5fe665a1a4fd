from django import forms
from django.utils.translation import gettext_lazy as _

from doelbinding.partners.models import Agreement, AgreementClause, ClauseStatus, Partner
from doelbinding.register.models import Activity
from doelbinding.register.selectors import current_versions
from doelbinding.tenancy.models import Domain

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PartnerForm(forms.ModelForm):
    """A partner of this municipality (seed 000 §4.2-4.3); the name only when it is new."""

    name = forms.CharField(label=_("Naam van de organisatie"), max_length=200)
    domains = forms.MultipleChoiceField(label=_("Domeinen"), required=False, widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = Partner
        fields = ["kind", "collaboration", "domains", "contact_name", "contact_email", "dpo_name", "dpo_email"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["domains"].choices = list(Domain.objects.values_list("code", "name"))
        if self.instance.pk:
            del self.fields["name"]
        else:
            self.order_fields(["name"])

    def service_arguments(self) -> dict:
        fields = {name: self.cleaned_data[name] for name in self.Meta.fields}
        return {"fields": fields} if self.instance.pk else {"fields": fields, "name": self.cleaned_data["name"]}


class ActivitiesField(forms.ModelMultipleChoiceField):
    names: dict[int, str] = {}

    def label_from_instance(self, obj: Activity) -> str:
        return f"{obj.reference} {self.names.get(obj.pk, '')}".strip()


class PartiesField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Partner) -> str:
        return obj.organisation.name


class AgreementForm(forms.ModelForm):
    """An agreement with partners (seed 000 §4.3 'inventariseer alle bestaande afspraken')."""

    class Meta:
        model = Agreement
        fields = [
            "title",
            "kind",
            "parties",
            "purposes",
            "activities",
            "signed_on",
            "effective_from",
            "expires_on",
            "status",
            "public",
        ]
        field_classes = {"parties": PartiesField, "activities": ActivitiesField}
        widgets = {
            "parties": forms.CheckboxSelectMultiple,
            "activities": forms.CheckboxSelectMultiple,
            "purposes": forms.Textarea(attrs={"rows": 3}),
            "signed_on": DATE,
            "effective_from": DATE,
            "expires_on": DATE,
        }

    def __init__(self, *args, controller, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parties"].queryset = Partner.objects.filter(controller=controller).select_related("organisation")
        activities = self.fields["activities"]
        activities.queryset = Activity.objects.filter(controller=controller).order_by("number")
        activities.names = {v.activity_id: v.name for v in current_versions(controller)}

    def service_arguments(self) -> dict:
        fields = {name: self.cleaned_data[name] for name in self.Meta.fields if name not in {"parties", "activities"}}
        return {
            "fields": fields,
            "parties": self.cleaned_data["parties"],
            "activities": self.cleaned_data["activities"],
        }


class ChecklistForm(forms.Form):
    """Per clause of the agreement: present, absent or not applicable, and the article where it is found."""

    def __init__(self, *args, clauses: list[AgreementClause], **kwargs):
        super().__init__(*args, **kwargs)
        self.clauses = clauses
        for clause in clauses:
            self.fields[f"status_{clause.clause}"] = forms.ChoiceField(
                label=_("Status"), choices=ClauseStatus.choices, initial=clause.status
            )
            self.fields[f"article_{clause.clause}"] = forms.CharField(
                label=_("Vindplaats (artikel)"), max_length=100, required=False, initial=clause.article
            )

    def rows(self):
        return [(c, self[f"status_{c.clause}"], self[f"article_{c.clause}"]) for c in self.clauses]

    def assessments(self) -> dict[str, tuple[str, str]]:
        data = self.cleaned_data
        return {c.clause: (data[f"status_{c.clause}"], data[f"article_{c.clause}"].strip()) for c in self.clauses}
