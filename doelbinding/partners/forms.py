from django import forms
from django.conf import settings
from django.db.models import Q
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from doelbinding.governance.models import GovernanceRole
from doelbinding.partners.models import (
    Agreement,
    AgreementClause,
    ClauseStatus,
    InformationLevel,
    InformationShare,
    Obligation,
    ObligationKind,
    Partner,
)
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


class PartyField(forms.ModelChoiceField):
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
            "accountable_role",
            "contact_role",
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
        current = [self.instance.accountable_role_id, self.instance.contact_role_id]  # kept even when set aside
        roles = GovernanceRole.objects.filter(controller=controller).filter(Q(in_use=True) | Q(pk__in=current))
        self.fields["accountable_role"].queryset = roles
        self.fields["contact_role"].queryset = roles

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


class DocumentForm(forms.Form):
    file = forms.FileField(label=_("Document"), allow_empty_file=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("Een PDF- of Word-bestand (.pdf of .docx) van ten hoogste %(limit)s.") % {
            "limit": filesizeformat(settings.PARTNERS_DOCUMENT_MAX_BYTES)
        }


APPROVAL = [("", _("Niet van toepassing")), ("true", _("Ja, toestemming gegeven")), ("false", _("Nee, geweigerd"))]


class ObligationForm(forms.ModelForm):
    """A report received, an audit done, a sub-processor approved or refused, a breach notified by the processor."""

    approved = forms.TypedChoiceField(
        label=_("Toestemming gegeven"),
        choices=APPROVAL,
        required=False,
        coerce=lambda value: value == "true",
        empty_value=None,
        help_text=_("Alleen bij toestemming voor een subverwerker."),
    )

    class Meta:
        model = Obligation
        fields = ["partner", "kind", "occurred_on", "subprocessor", "approved", "incident_reference", "notes"]
        field_classes = {"partner": PartyField}
        widgets = {"occurred_on": DATE, "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, agreement: Agreement, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = agreement.parties.select_related("organisation")
        self.fields["partner"].empty_label = None
        self.fields["kind"].initial = ObligationKind.YEARLY_REPORT

    def service_arguments(self) -> dict:
        fields = {name: self.cleaned_data[name] for name in self.Meta.fields if name != "partner"}
        return {"partner": self.cleaned_data["partner"], "fields": fields}


class InformationShareForm(forms.ModelForm):
    """Under a covenant: which partner may see which information of a domain, and for which purpose."""

    domain = forms.ChoiceField(label=_("Domein"))

    class Meta:
        model = InformationShare
        fields = ["partner", "domain", "level", "purpose"]
        field_classes = {"partner": PartyField}
        widgets = {"level": forms.RadioSelect}

    def __init__(self, *args, controller, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = Partner.objects.filter(controller=controller).select_related("organisation")
        self.fields["partner"].help_text = _("Een partner die geen partij is bij het convenant, is een schilpartner.")
        self.fields["domain"].choices = list(Domain.objects.values_list("code", "name"))
        self.fields["level"].choices = InformationLevel.choices

    def service_arguments(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}
