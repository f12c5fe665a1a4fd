"""Forms of case work. They collect input; the services validate it and the views pass it on."""

from django import forms
from django.utils.translation import gettext_lazy as _

from doelbinding.casework import exchange_facts as facts
from doelbinding.casework import guidance
from doelbinding.casework.access import PURPOSE_MIN_LENGTH
from doelbinding.casework.models import EntryKind, Informed, Phase, Route, TriageMoment
from doelbinding.core.bsn import is_bsn
from doelbinding.register.models import Activity, DataCategory
from doelbinding.tenancy.models import Domain

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _domain_choices(codes=None) -> list[tuple[str, str]]:
    names = Domain.names()
    return [(code, name) for code, name in names.items() if codes is None or code in codes]


def activity_choices(field: forms.ModelChoiceField, versions) -> None:
    """The register activities of these established versions, named as in the register."""
    names = {v.activity_id: f"{v.activity.reference} {v.name}" for v in versions}
    field.queryset = Activity.objects.filter(pk__in=names)
    field.label_from_instance = lambda activity: names[activity.pk]


# Upper bounds of what is typed, so that nobody stores a pasted document by accident: an entry is a note in one's
# own words (the do's and don'ts prompt from rules.LONG_ENTRY characters on), a purpose or a weighing a few paragraphs.
ENTRY_MAX = 20_000
REASONING_MAX = 4_000


class BsnForm(forms.Form):
    """Sent by POST only: a BSN is never part of a URL. The purpose goes into the processing log."""

    bsn = forms.CharField(label=_("BSN"), max_length=9, min_length=9, help_text=_("Negen cijfers."))
    doel = forms.CharField(
        label=_("Waarvoor zoekt u deze betrokkene op?"),
        min_length=PURPOSE_MIN_LENGTH,
        max_length=300,
        help_text=_("Bijvoorbeeld de hulpvraag of melding die u behandelt. Het doel wordt vastgelegd in het logboek."),
    )

    def clean_bsn(self) -> str:
        bsn = self.cleaned_data["bsn"].strip()
        if not is_bsn(bsn):
            raise forms.ValidationError(
                _("Dit is geen geldig BSN: het moet uit negen cijfers bestaan en de elfproef halen.")
            )
        return bsn


class PersonForm(forms.Form):
    bsn = forms.CharField(label=_("BSN"), max_length=9)
    given_names = forms.CharField(label=_("Voornamen"), max_length=200)
    family_name = forms.CharField(label=_("Achternaam"), max_length=200)
    birth_date = forms.DateField(label=_("Geboortedatum"), widget=DATE)
    household_name = forms.CharField(
        label=_("Nieuw huishouden"),
        max_length=200,
        required=False,
        help_text=_("Optioneel, bijvoorbeeld ‘Gezin Jansen’. Gezinsleden legt u daarna vast vanaf deze betrokkene."),
    )

    def __init__(self, *args, joining=None, **kwargs):
        super().__init__(*args, **kwargs)
        if joining is not None:
            del self.fields["household_name"]


class PurposeForm(forms.Form):
    doel = forms.CharField(
        label=_("Waarvoor moet u dit weten?"),
        min_length=PURPOSE_MIN_LENGTH,
        max_length=300,
        help_text=_("Het doel wordt vastgelegd in het logboek. Zoek niet breder dan de hulpvraag nodig maakt."),
    )


class BreakGlassForm(forms.Form):
    domain = forms.ChoiceField(label=_("Dossier van domein"))
    reason = forms.CharField(
        label=_("Reden van de noodtoegang"),
        min_length=20,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Welk acuut gevaar dwingt hiertoe? De FG ziet elke noodtoegang terug."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["domain"].choices = _domain_choices()


class InvolvementForm(forms.Form):
    domain = forms.ChoiceField(label=_("Domein"))
    activity = forms.ModelChoiceField(label=_("Verwerkingsactiviteit"), queryset=None)
    organisation = forms.ModelChoiceField(label=_("Organisatie"), queryset=None)
    team = forms.CharField(label=_("Team"), max_length=200, required=False)
    since = forms.DateField(label=_("Betrokken sinds"), widget=DATE)
    until = forms.DateField(label=_("Betrokken tot"), widget=DATE, required=False)

    def __init__(self, *args, domains, versions, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["domain"].choices = _domain_choices(domains)
        activity_choices(self.fields["activity"], versions)
        self.fields["organisation"].queryset = organisations


class EntryForm(forms.Form):
    kind = forms.ChoiceField(label=_("Soort aantekening"), choices=EntryKind.choices)
    title = forms.CharField(label=_("Onderwerp"), max_length=200)
    content = forms.CharField(label=_("Inhoud"), max_length=ENTRY_MAX, widget=forms.Textarea(attrs={"rows": 8}))
    categories = forms.ModelMultipleChoiceField(
        label=_("Soorten persoonsgegevens in deze aantekening"),
        queryset=DataCategory.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )
    basis_note = forms.CharField(
        label=_("Grondslag voor bijzondere of strafrechtelijke gegevens"),
        max_length=300,
        required=False,
        help_text=_("Alleen nodig als u zulke gegevens aanvinkt."),
    )
    confirmed = forms.BooleanField(
        label=_("Ik heb de aandachtspunten bekeken en wil de aantekening zo opslaan"), required=False
    )

    def __init__(self, *args, allowed_categories=None, **kwargs):
        super().__init__(*args, **kwargs)
        if allowed_categories is not None:
            self.fields["categories"].queryset = DataCategory.objects.filter(pk__in=allowed_categories)


class CaseForm(forms.Form):
    purpose = forms.CharField(
        label=_("Doel van de casus"), max_length=REASONING_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )
    activity = forms.ModelChoiceField(label=_("Verwerkingsactiviteit"), queryset=None)
    referring_domain = forms.ChoiceField(label=_("Aangemeld door domein"), required=False)
    referring_partner = forms.ModelChoiceField(label=_("Of aangemeld door partner"), queryset=None, required=False)
    covenant = forms.ModelChoiceField(label=_("Convenant"), queryset=None, required=False)
    with_household = forms.BooleanField(label=_("Het hele huishouden aanmelden"), required=False)

    def __init__(self, *args, versions, partners, covenants, **kwargs):
        super().__init__(*args, **kwargs)
        activity_choices(self.fields["activity"], versions)
        self.fields["referring_domain"].choices = [("", "—"), *_domain_choices()]
        self.fields["referring_partner"].queryset = partners
        self.fields["covenant"].queryset = covenants


class TriageForm(forms.Form):
    moment = forms.ChoiceField(label=_("Triagemoment"), choices=TriageMoment.choices)
    criteria = forms.MultipleChoiceField(
        label=_("Criteria meervoudige problematiek"), required=False, widget=forms.CheckboxSelectMultiple
    )
    multi_problem = forms.BooleanField(label=_("Er is sprake van meervoudige problematiek"), required=False)
    collaboration_needed = forms.BooleanField(label=_("Samenwerking is nodig"), required=False)
    within_collaboration_purpose = forms.BooleanField(
        label=_("Het doel valt binnen het doel van het samenwerkingsverband"), required=False
    )
    purpose = forms.CharField(
        label=_("Doel van de informatiedeling"), max_length=REASONING_MAX, widget=forms.Textarea(attrs={"rows": 2})
    )
    necessity = forms.CharField(
        label=_("Noodzaak: waarom is dit nodig?"), max_length=REASONING_MAX, widget=forms.Textarea(attrs={"rows": 2})
    )
    proportionality = forms.CharField(
        label=_("Proportionaliteit: staat de inbreuk in verhouding tot het doel?"),
        max_length=REASONING_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    subsidiarity = forms.CharField(
        label=_("Subsidiariteit: kan het minder ingrijpend?"),
        max_length=REASONING_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    route = forms.ChoiceField(label=_("Route"), choices=Route.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["criteria"].choices = [(c.code, c.text) for c in guidance.criteria()]


class PhaseForm(forms.Form):
    phase = forms.ChoiceField(label=_("Naar fase"), choices=Phase.choices)
    confirm_close = forms.BooleanField(
        label=_("Ik sluit de casus af: daarna wordt er niets meer uitgewisseld en gaat de bewaartermijn lopen"),
        required=False,
    )

    def clean(self):
        data = super().clean()
        if data.get("phase") == Phase.CLOSED and not data.get("confirm_close"):
            self.add_error(
                "confirm_close",
                _("Bevestig dat u de casus afsluit; afsluiten kan niet worden teruggedraaid."),
            )
        return data


class ReassessForm(forms.Form):
    reassess_on = forms.DateField(label=_("Herbeoordelen op"), widget=DATE)


class RegisseurForm(forms.Form):
    regisseur = forms.ModelChoiceField(label=_("Regisseur"), queryset=None)

    def __init__(self, *args, regisseurs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["regisseur"].queryset = regisseurs
        self.fields["regisseur"].label_from_instance = lambda u: u.get_full_name() or u.username


class ParticipantForm(forms.Form):
    domain = forms.ChoiceField(label=_("Domein"), required=False)
    partner = forms.ModelChoiceField(label=_("Of partner uit het convenant"), queryset=None, required=False)
    user = forms.ModelChoiceField(label=_("Professional"), queryset=None, required=False)
    contact_name = forms.CharField(label=_("Contactpersoon buiten de applicatie"), max_length=200, required=False)

    def __init__(self, *args, partners, users, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["domain"].choices = [("", "—"), *_domain_choices()]
        self.fields["partner"].queryset = partners
        self.fields["user"].queryset = users
        self.fields["user"].label_from_instance = lambda u: u.get_full_name() or u.username


def _enum_choices(labels: dict) -> list[tuple[str, str]]:
    return [(member.value, label) for member, label in labels.items()]


INTERESTS = {
    facts.Interest.A: _("A: nodig voor de taak van de verstrekker"),
    facts.Interest.B: _("B: nodig voor de taak van verstrekker én ontvanger"),
    facts.Interest.C: _("C: alleen nodig voor de taak van de ontvanger"),
}
STATUTES = {
    facts.Statute.NONE: _("Geen specifieke bepaling"),
    facts.Statute.PERMITS: _("Een wettelijke bepaling staat deze verstrekking toe"),
    facts.Statute.OBLIGES: _("Een wettelijke bepaling verplicht tot verstrekken"),
}
SECRECY = {
    facts.Secrecy.NONE: _("Geen beroepsgeheim"),
    facts.Secrecy.MEDICAL: _("Medisch beroepsgeheim (WGBO)"),
    facts.Secrecy.YOUTH_CARE: _("Geheimhouding jeugdhulp"),
    facts.Secrecy.OTHER: _("Een andere wettelijke geheimhouding"),
}
STANCES = {
    facts.Stance.AGREES: _("Betrokkene stemt in"),
    facts.Stance.HESITANT: _("Betrokkene aarzelt of stemt niet in"),
    facts.Stance.NOT_INFORMED: _("Betrokkene is (nog) niet geïnformeerd"),
}
EMERGENCIES = {
    facts.Emergency.CONFLICT_OF_DUTIES: _("Conflict van plichten"),
    facts.Emergency.VITAL_INTEREST: _("Vitaal belang"),
}
ALTERNATIVES = {
    facts.Alternative.INVOLVEMENT_ONLY: _("Dat-informatie volstaat"),
    facts.Alternative.ANONYMOUS_DISCUSSION: _("Anoniem casusoverleg volstaat"),
    facts.Alternative.ASK_PERSON: _("Betrokkene kan het zelf vertellen"),
    facts.Alternative.FEWER_DATA: _("Minder gegevens volstaan"),
}


class ExchangeForm(forms.Form):
    """A request to share; the fields under 'purpose' are the facts the exchange engine weighs."""

    provider_domain = forms.ChoiceField(label=_("Uit het dossier van domein"))
    recipient_domain = forms.ChoiceField(
        label=_("Naar domein"),
        required=False,
        help_text=_("Alleen domeinen die aan de casus deelnemen: voeg een domein eerst als deelnemer toe."),
    )
    recipient_partner = forms.ModelChoiceField(label=_("Of naar partner"), queryset=None, required=False)
    persons = forms.ModelMultipleChoiceField(
        label=_("Over betrokkenen"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    entries = forms.ModelMultipleChoiceField(
        label=_("Aantekeningen (alleen uit uw eigen domein)"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    categories = forms.ModelMultipleChoiceField(
        label=_("Of soorten gegevens"),
        queryset=DataCategory.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    purpose = forms.CharField(
        label=_("Doel van de uitwisseling"), max_length=REASONING_MAX, widget=forms.Textarea(attrs={"rows": 2})
    )
    interest = forms.ChoiceField(label=_("Belang"), choices=[("", "—"), *_enum_choices(INTERESTS)], required=False)
    statute = forms.ChoiceField(label=_("Wettelijke bepaling"), choices=_enum_choices(STATUTES))
    statute_reference = forms.CharField(label=_("Artikel"), max_length=200, required=False)
    secrecy = forms.ChoiceField(label=_("Beroepsgeheim van de verstrekker"), choices=_enum_choices(SECRECY))
    sector_law_covers_sensitive_data = forms.BooleanField(
        label=_("De wet van de taak voorziet in deze bijzondere of strafrechtelijke gegevens"), required=False
    )
    bsn_prescribed_by_law = forms.BooleanField(label=_("Een wet schrijft het BSN hier voor"), required=False)
    suwi_provision = forms.BooleanField(label=_("Een bepaling binnen het SUWI-regime staat dit toe"), required=False)
    stance = forms.ChoiceField(label=_("Houding van betrokkene"), choices=_enum_choices(STANCES))
    emergency = forms.ChoiceField(
        label=_("Noodsituatie"), choices=[("", "—"), *_enum_choices(EMERGENCIES)], required=False
    )
    alternatives = forms.MultipleChoiceField(
        label=_("Minder ingrijpende alternatieven"),
        choices=_enum_choices(ALTERNATIVES),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, persons, entries, partners, recipients: set[str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider_domain"].choices = _domain_choices()
        self.fields["recipient_domain"].choices = [("", "—"), *_domain_choices(recipients)]
        self.fields["recipient_partner"].queryset = partners
        self.fields["persons"].queryset = persons
        self.fields["entries"].queryset = entries

    FACTS = [
        "interest",
        "statute",
        "statute_reference",
        "secrecy",
        "sector_law_covers_sensitive_data",
        "bsn_prescribed_by_law",
        "suwi_provision",
        "stance",
        "emergency",
        "alternatives",
    ]

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "provider_domain": data["provider_domain"],
            "recipient_domain": data["recipient_domain"],
            "recipient_partner": data["recipient_partner"],
            "persons": data["persons"],
            "entries": data["entries"],
            "categories": data["categories"],
            "purpose": data["purpose"],
            "facts": {name: data[name] for name in self.FACTS},
        }


class DecisionForm(forms.Form):
    allow = forms.TypedChoiceField(
        label=_("Besluit"),
        choices=[("1", _("Toestaan")), ("0", _("Weigeren"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    reasons = forms.CharField(label=_("Motivering"), max_length=REASONING_MAX, widget=forms.Textarea(attrs={"rows": 3}))
    informed = forms.ChoiceField(label=_("Is betrokkene geïnformeerd?"), choices=Informed.choices)
    informed_how = forms.CharField(label=_("Hoe, of waarom niet"), max_length=300)

    def __init__(self, *args, refused: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if refused:  # the assessment refused it: it can only be refused
            self.fields["allow"].choices = [("0", _("Weigeren"))]
            self.fields["allow"].help_text = _("De beoordeling staat deze uitwisseling niet toe.")


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Reden van intrekken"), max_length=300)


class AnonymousSummaryForm(forms.Form):
    situatie = forms.CharField(
        label=_("Situatiebeschrijving (niet verplicht)"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Beschrijf wat de casus nodig maakt. De tekst wordt niet bewaard: u krijgt hem terug zonder namen, BSN, "
            "adressen, telefoonnummers, e-mailadressen en geboortedata, samen met het doel van de casus en de "
            "afwegingen van de triage."
        ),
    )
