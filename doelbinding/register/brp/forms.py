from django import forms
from django.utils.translation import gettext_lazy as _

from doelbinding.register.models import Activity, BrpUsage, DataCategory, Provision, ProvisionMethod
from doelbinding.register.selectors import current_versions

SECTIONS = [
    (_("De taak"), ["task", "task_description", "activity"]),
    (_("Verstrekte gegevens"), ["data_categories", "brp_elements"]),
    (_("Wijze en grondslag van verstrekking"), ["provision_methods", "legal_basis"]),
    (_("Voorwaarden en terugmelding"), ["third_party_conditions", "report_back_duty"]),
]


class ActivityChoiceField(forms.ModelChoiceField):
    """A processing activity of this municipality, shown with its number and current name."""

    names: dict[int, str] = {}

    def label_from_instance(self, obj: Activity) -> str:
        return f"{obj.reference} {self.names.get(obj.pk, '')}".strip()


class BrpUsageForm(forms.ModelForm):
    """One task in the BRP usage register (seed 002 §3 item 2 sub a-e)."""

    provision_methods = forms.MultipleChoiceField(
        label=_("Wijze van verstrekking"), choices=ProvisionMethod.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = BrpUsage
        fields = [name for _, names in SECTIONS for name in names]
        field_classes = {"activity": ActivityChoiceField}
        widgets = {
            "data_categories": forms.CheckboxSelectMultiple,
            "task_description": forms.Textarea(attrs={"rows": 3}),
            "brp_elements": forms.Textarea(attrs={"rows": 2}),
            "third_party_conditions": forms.Textarea(attrs={"rows": 3}),
            "report_back_duty": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, controller, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["data_categories"].queryset = DataCategory.objects.all()
        self.fields["legal_basis"].queryset = Provision.objects.filter(law__code="wet-brp").select_related("law")
        activity = self.fields["activity"]
        activity.queryset = Activity.objects.filter(controller=controller)
        activity.names = {v.activity_id: v.name for v in current_versions(controller)}

    def sections(self):
        return [(title, [self[name] for name in names]) for title, names in SECTIONS]

    def service_arguments(self) -> dict:
        """What the service takes as its keyword arguments."""
        fields = {name: self.cleaned_data[name] for name in self.Meta.fields if name != "data_categories"}
        return {"fields": fields, "data_categories": self.cleaned_data["data_categories"]}
