from django import forms
from django.utils.translation import gettext_lazy as _

from doelbinding.policy import STAFF, Role
from doelbinding.register.datasets import rules
from doelbinding.register.models import DataCategory, DatasetStatus, StepOutcome, TaskDataset
from doelbinding.tenancy.models import Domain

SECTIONS = [
    (_("Takenpakket"), ["role", "domain", "task", "purpose"]),
    (_("Gegevens"), ["categories"]),
    (_("Motivering"), ["purpose_limitation", "proportionality", "subsidiarity"]),
]
TEXTAREA = forms.Textarea(attrs={"rows": 3})


class DatasetForm(forms.ModelForm):
    """The data set of a task package and its motivation (seed 002 §2.1 item 4 a-c)."""

    role = forms.ChoiceField(label=_("Rol"), required=False)
    domain = forms.ChoiceField(label=_("Domein"), required=False, help_text=_("Leeg betekent: in elk domein."))

    class Meta:
        model = TaskDataset
        fields = [name for _, names in SECTIONS for name in names]
        widgets = {
            "categories": forms.CheckboxSelectMultiple,
            "purpose": TEXTAREA,
            "purpose_limitation": TEXTAREA,
            "proportionality": TEXTAREA,
            "subsidiarity": TEXTAREA,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [("", "—"), *((role.value, role.label) for role in Role if role in STAFF)]
        self.fields["domain"].choices = [("", _("Alle domeinen")), *Domain.objects.values_list("code", "name")]
        self.fields["categories"].queryset = DataCategory.objects.all()

    def sections(self):
        return [(title, [self[name] for name in names]) for title, names in SECTIONS]

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("role") and not cleaned.get("task"):
            self.add_error("task", _("Kies een rol of geef de taak een naam."))
        if self.instance.pk and "categories" in cleaned:
            refusal = rules.direct_addition_refusal(
                established=self.instance.status == DatasetStatus.ESTABLISHED,
                current={c.code for c in self.instance.categories.all()},
                proposed={c.code for c in cleaned["categories"]},
            )
            if refusal is not None:
                self.add_error("categories", str(refusal))
        return cleaned

    def service_arguments(self) -> dict:
        fields = {name: self.cleaned_data[name] for name in self.Meta.fields if name != "categories"}
        return {"fields": fields, "categories": self.cleaned_data["categories"]}


class ExtensionRequestForm(forms.Form):
    """The head of department's motivated request (seed 002 §3 items 3 and 4)."""

    categories = forms.ModelMultipleChoiceField(
        label=_("Welke categorieën moeten erbij?"),
        queryset=DataCategory.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    motivation = forms.CharField(
        label=_("Motivering"),
        widget=TEXTAREA,
        help_text=_(
            "Waarom kan de taak zonder deze gegevens niet naar behoren worden uitgevoerd, en waarom is de uitbreiding "
            "niet in strijd met de privacywetgeving?"
        ),
    )

    def __init__(self, *args, dataset: TaskDataset, **kwargs):
        super().__init__(*args, **kwargs)
        current = dataset.categories.values_list("pk", flat=True)
        self.fields["categories"].queryset = DataCategory.objects.exclude(pk__in=list(current))


# Per kind of step: the heading of its form, the label of its choice, the label of its text, its button.
STEP_TEXTS = {
    rules.Kind.ADVICE_QUESTION: (
        _("Advies van de privacyfunctionaris"),
        _("Is advies nodig? Vraag het bij twijfel over de uitleg van de privacywetgeving of een mogelijke strijd."),
        _("Toelichting of vraag aan de privacyfunctionaris"),
        _("Vastleggen"),
    ),
    rules.Kind.ADVICE: (_("Advies geven"), _("Advies"), _("Advies en onderbouwing"), _("Advies vastleggen")),
    rules.Kind.DECISION: (_("Besluiten"), _("Besluit"), _("Motivering"), _("Besluit vastleggen")),
    rules.Kind.REFERRAL: (
        _("Voorleggen aan het college"),
        "",
        _("Waarom is het verzoek bestuurlijk of politiek gevoelig?"),
        _("Voorleggen aan het college"),
    ),
    rules.Kind.COLLEGE_DECISION: (
        _("Besluit van het college"),
        _("Besluit"),
        _("Motivering"),
        _("Collegebesluit vastleggen"),
    ),
}


class StepForm(forms.Form):
    """One step of the procedure after the request; its fields and texts depend on the kind of step."""

    outcome = forms.ChoiceField(widget=forms.RadioSelect)
    text = forms.CharField(widget=TEXTAREA)

    def __init__(self, kind: rules.Kind, *args, **kwargs):
        super().__init__(*args, prefix=kind.value, **kwargs)
        self.kind = kind
        self.heading, choice_label, text_label, self.button = STEP_TEXTS[kind]
        self.fields["text"].label = text_label
        outcomes = rules.OUTCOMES[kind]
        if outcomes:
            self.fields["outcome"].label = choice_label
            self.fields["outcome"].choices = [(o.value, o.label) for o in StepOutcome if o.value in outcomes]
        else:
            del self.fields["outcome"]
