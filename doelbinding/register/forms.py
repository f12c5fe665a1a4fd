from django import forms
from django.utils.translation import gettext_lazy as _

from doelbinding.register.models import ActivityVersion, DataCategory, Provision, ProvisionKind, SubjectCategory
from doelbinding.tenancy.models import Domain

SECTIONS = [
    (_("Wat en waarom"), ["name", "purposes", "public_description", "domain", "owner_role"]),
    (_("Grondslag"), ["lawful_bases", "sector_provisions", "basis_explanation"]),
    (_("Betrokkenen en gegevens"), ["subject_categories", "data_categories", "source"]),
    (
        _("Bijzondere en strafrechtelijke gegevens, BSN"),
        ["special_exceptions", "uavg_provisions", "criminal_basis", "bsn_basis"],
    ),
    (
        _("Ontvangers, verwerkers en doorgifte"),
        ["recipients", "processors", "joint_controllers", "third_country_transfers", "transfer_safeguards"],
    ),
    (_("Bewaren en beveiligen"), ["retention_period", "retention_basis", "retention_start", "security_measures"]),
    (
        _("Toetsing"),
        [
            "further_processing",
            "compatibility_assessment",
            "dpia_status",
            "confidential",
            "confidential_until",
            "review_date",
        ],
    ),
]


def _provisions(kind):
    return Provision.objects.filter(kind=kind).select_related("law")


class ActivityForm(forms.ModelForm):
    """Every field of AVG art. 30(1) and the VNG register model, in sections."""

    domain = forms.ChoiceField(label=_("Domein"), required=False)

    class Meta:
        model = ActivityVersion
        fields = [name for _, names in SECTIONS for name in names]
        widgets = {
            "lawful_bases": forms.CheckboxSelectMultiple,
            "sector_provisions": forms.CheckboxSelectMultiple,
            "special_exceptions": forms.CheckboxSelectMultiple,
            "uavg_provisions": forms.CheckboxSelectMultiple,
            "subject_categories": forms.CheckboxSelectMultiple,
            "data_categories": forms.CheckboxSelectMultiple,
            "purposes": forms.Textarea(attrs={"rows": 3}),
            "public_description": forms.Textarea(attrs={"rows": 3}),
            "confidential_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "review_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["domain"].choices = [("", "—"), *Domain.objects.values_list("code", "name")]
        self.fields["lawful_bases"].queryset = _provisions(ProvisionKind.LAWFUL_BASIS)
        self.fields["sector_provisions"].queryset = _provisions(ProvisionKind.SECTOR)
        self.fields["special_exceptions"].queryset = _provisions(ProvisionKind.SPECIAL_EXCEPTION)
        self.fields["uavg_provisions"].queryset = _provisions(ProvisionKind.UAVG)
        self.fields["bsn_basis"].queryset = Provision.objects.exclude(kind=ProvisionKind.SPECIAL_EXCEPTION)
        self.fields["subject_categories"].queryset = SubjectCategory.objects.all()
        self.fields["data_categories"].queryset = DataCategory.objects.all()

    def sections(self):
        return [(title, [self[name] for name in names]) for title, names in SECTIONS]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("confidential_until") and not cleaned.get("confidential"):
            self.add_error("confidential_until", _("Een einddatum hoort alleen bij een vertrouwelijke verwerking."))
        return cleaned
