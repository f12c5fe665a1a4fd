"""Forms of the governance app; each hands its cleaned data to a service function."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from doelbinding.governance import rules
from doelbinding.governance.models import Approach, Expertise, GovernanceRole, RelationKind, RoleGroup, StepStatus

CELL_CHOICES = [("", "–"), *((value, rules.display(value)) for value in (*rules.LETTERS, rules.BOTH))]
MAX_UPLOAD = 5 * 1024 * 1024


class RoleForm(forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=120)
    abbreviation = forms.CharField(label=_("Afkorting"), max_length=20, required=False)
    group = forms.ChoiceField(label=_("Plaats in de organisatie"), choices=RoleGroup.choices)
    description = forms.CharField(label=_("Omschrijving"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    responsibilities = forms.CharField(
        label=_("Verantwoordelijk voor"),
        help_text=_("Eén verantwoordelijkheid per regel."),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    staffed = forms.BooleanField(
        label=_("Door personen vervuld (anders: een orgaan of organisatie)"), required=False, initial=True
    )
    in_use = forms.BooleanField(label=_("Past bij onze gemeente"), required=False, initial=True)

    def __init__(self, *args, controller, role: GovernanceRole | None = None, **kwargs):
        if role is not None and "initial" not in kwargs:
            relations = {kind: [] for kind in RelationKind}
            for relation in role.relations_out.all():
                relations[relation.kind].append(relation.target_id)
            kwargs["initial"] = {
                "name": role.name,
                "abbreviation": role.abbreviation,
                "group": role.group,
                "description": role.description,
                "responsibilities": role.responsibilities,
                "staffed": role.staffed,
                "in_use": role.in_use,
                **{f"relation_{kind}": ids for kind, ids in relations.items()},
            }
        super().__init__(*args, **kwargs)
        others = GovernanceRole.objects.filter(controller=controller)
        if role is not None:
            others = others.exclude(pk=role.pk)
        for kind in RelationKind:
            self.fields[f"relation_{kind}"] = forms.ModelMultipleChoiceField(
                label=_("Deze rol %(kind)s") % {"kind": kind.label},
                queryset=others,
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            **{key: data[key] for key in ("name", "abbreviation", "group", "description", "responsibilities")},
            "staffed": data["staffed"],
            "in_use": data["in_use"],
            "relations": {kind: list(data[f"relation_{kind}"]) for kind in RelationKind},
        }


class ActivityForm(forms.Form):
    name = forms.CharField(label=_("Nieuwe activiteit"), max_length=300)


def cell_field_name(activity_code: str, role_code: str) -> str:
    return f"cell__{activity_code}__{role_code}"


class MatrixForm(forms.Form):
    """One drop-down per cell of the matrix; each is labelled with its activity and role for screen readers."""

    def __init__(self, *args, matrix: rules.Matrix, **kwargs):
        super().__init__(*args, **kwargs)
        self.matrix = matrix
        for activity in matrix.activities:
            for role in matrix.roles:
                name = cell_field_name(activity.code, role.code)
                self.fields[name] = forms.ChoiceField(
                    label=f"{activity.name} — {role.name}",
                    choices=CELL_CHOICES,
                    required=False,
                    initial=matrix.value(activity.code, role.code),
                )

    def values(self) -> dict[tuple[str, str], str]:
        return {
            (a.code, r.code): self.cleaned_data[cell_field_name(a.code, r.code)]
            for a in self.matrix.activities
            for r in self.matrix.roles
        }

    def rows(self):
        """(activity, [bound field per role]) for the template."""
        for activity in self.matrix.activities:
            yield activity, [self[cell_field_name(activity.code, role.code)] for role in self.matrix.roles]


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Ingevulde matrix (.xlsx)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("Het bestand is groter dan 5 MB."))
        return upload


class AssignmentForm(forms.Form):
    user = forms.ModelChoiceField(label=_("Medewerker"), queryset=None, required=False)
    external_name = forms.CharField(label=_("Of: naam van iemand zonder account"), max_length=200, required=False)
    organisation_name = forms.CharField(label=_("Organisatie"), max_length=200, required=False)
    since = forms.DateField(label=_("Sinds"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, users, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = users
        self.fields["user"].label_from_instance = lambda user: user.get_full_name() or user.get_username()

    def clean(self):
        data = super().clean()
        if not data.get("user") and not data.get("external_name", "").strip():
            raise forms.ValidationError(_("Kies een medewerker of vul een naam in."))
        if data.get("user") and data.get("external_name", "").strip():
            raise forms.ValidationError(_("Kies een medewerker óf vul een naam in, niet allebei."))
        return data


class WorkshopForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200, initial=_("RASIC-workshop sociaal domein"))
    held_on = forms.DateField(label=_("Datum"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    approach = forms.ChoiceField(label=_("Aanpak"), choices=Approach.choices, widget=forms.RadioSelect)


class ParticipantForm(forms.Form):
    user = forms.ModelChoiceField(label=_("Deelnemer"), queryset=None)
    expertise = forms.ChoiceField(label=_("Inbreng"), choices=Expertise.choices)

    def __init__(self, *args, users, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = users
        self.fields["user"].label_from_instance = lambda user: user.get_full_name() or user.get_username()


class RolesChoiceForm(forms.Form):
    roles = forms.ModelMultipleChoiceField(
        label=_("Rollen die bij de gemeente passen"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, controller, **kwargs):
        super().__init__(*args, **kwargs)
        roles = GovernanceRole.objects.filter(controller=controller, fixed=False)
        self.fields["roles"].queryset = roles
        self.fields["roles"].initial = [role.pk for role in roles if role.in_use]


class FollowUpForm(forms.Form):
    description = forms.CharField(label=_("Actie"), max_length=300)
    owner = forms.CharField(label=_("Wie pakt het op"), max_length=200)
    due_on = forms.DateField(label=_("Uiterlijk"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean_due_on(self):
        due_on = self.cleaned_data["due_on"]
        if due_on and due_on < timezone.localdate():
            raise forms.ValidationError(_("Kies een datum vanaf vandaag."))
        return due_on


class PlanStepForm(forms.Form):
    step = forms.CharField(widget=forms.HiddenInput)
    status = forms.ChoiceField(label=_("Status"), choices=StepStatus.choices)
    note = forms.CharField(label=_("Toelichting"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
