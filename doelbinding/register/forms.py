from django import forms
from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from openpyxl.utils import get_column_letter

from doelbinding.register import exports, spreadsheet
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


class ImportUploadForm(forms.Form):
    bestand = forms.FileField(
        label=_("Excel-bestand (.xlsx)"),
        widget=forms.FileInput(attrs={"accept": f".xlsx,{exports.XLSX_CONTENT_TYPE}"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bestand"].help_text = _(
            "Het eerste werkblad, met kolomnamen in de eerste rij en één verwerking per rij; hoogstens %(mb)s MB en "
            "%(rows)s rijen."
        ) % {
            "mb": _megabytes(settings.REGISTER_IMPORT_MAX_BYTES),
            "rows": number_format(settings.REGISTER_IMPORT_MAX_ROWS, force_grouping=True),
        }

    def clean_bestand(self):
        upload = self.cleaned_data["bestand"]
        limit = settings.REGISTER_IMPORT_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _("Het bestand is groter dan %(mb)s MB. Splits het register, of lees het in met het beheercommando.")
                % {"mb": _megabytes(limit)}
            )
        return upload


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:g}"


class ColumnMappingForm(forms.Form):
    """For each column of the file, the register column it holds (or none); proposed from the headers."""

    def __init__(self, preview: spreadsheet.Preview, *args, mapping: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.preview = preview
        choices = [("", _("— niet inlezen —"))] + [
            (c.key, f"{c.header} ({_('verplicht')})" if c.key in spreadsheet.REQUIRED else c.header)
            for c in spreadsheet.IMPORT_COLUMNS
        ]
        for index, header in enumerate(preview.headers):
            self.fields[f"kolom_{index}"] = forms.ChoiceField(
                label=header or _("Kolom %(letter)s") % {"letter": get_column_letter(index + 1)},
                choices=choices,
                required=False,
                initial=mapping[index] if index < len(mapping) else "",
            )

    def columns(self):
        """Per column of the file: its select and the values in the first rows."""
        return [
            (self[f"kolom_{index}"], [row[index] for row in self.preview.sample if index < len(row)])
            for index in range(len(self.preview.headers))
        ]

    def mapping(self) -> list[str]:
        return [self.cleaned_data.get(f"kolom_{index}", "") for index in range(len(self.preview.headers))]

    def clean(self):
        cleaned = super().clean()
        if problems := spreadsheet.mapping_problems(self.mapping()):
            raise forms.ValidationError(problems)
        return cleaned
