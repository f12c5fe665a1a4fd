"""The demo world's registers: about forty activities per municipality, some deliberately flawed.

`FLAWS` lists, per municipality, which activity has which flaw; the test asserts that the checks find exactly
these and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from django.utils import timezone

from doelbinding.register import services
from doelbinding.register.models import DataCategory, Provision, SubjectCategory
from doelbinding.register.reference import load_register_reference

PUBLIC_TASK = "avg-6-1-e"
LEGAL_OBLIGATION = "avg-6-1-c"
CONSENT = "avg-6-1-a"
HEALTH_EXCEPTION = "avg-9-2-g"

BIO = "Toegang op basis van rollen (BIO 9.1), logging van inzage (BIO 12.4), versleuteling bij transport (BIO 13.2)."


@dataclass(frozen=True)
class Item:
    name: str
    domain: str
    purpose: str
    sector: tuple[str, ...]
    data: tuple[str, ...]
    subjects: tuple[str, ...]
    retention: str = "7 jaar na beëindiging van de dienstverlening"
    bases: tuple[str, ...] = (PUBLIC_TASK,)
    special_exceptions: tuple[str, ...] = ()
    bsn_basis: str | None = None
    criminal_basis: str = ""
    further_processing: bool = False
    compatibility_assessment: str = ""
    confidential: bool = False
    review_in_days: int = 365
    recipients: str = ""
    processors: str = ""


WMO = ("wmo-2015-5-1-1",)
JEUGD = ("jeugdwet-7-4-0",)
PW = ("participatiewet-64",)
WGS = ("wgs-7a",)
HEALTH = ("gezondheid",)

ITEMS = [
    Item(
        "Melding en vraagverheldering Wmo",
        "wmo",
        "Vaststellen welke ondersteuning iemand nodig heeft.",
        WMO,
        ("naw", "bsn", "contactgegevens", "gezinssamenstelling", "ondersteuningsbehoefte", *HEALTH),
        ("aanvragers", "mantelzorgers"),
        special_exceptions=(HEALTH_EXCEPTION,),
        bsn_basis="wmo-2015-5-1-1",
    ),
    Item(
        "Maatwerkvoorziening Wmo",
        "wmo",
        "Beslissen op een aanvraag voor een maatwerkvoorziening.",
        WMO,
        ("naw", "bsn", "ondersteuningsbehoefte", "inkomen", *HEALTH),
        ("aanvragers",),
        special_exceptions=(HEALTH_EXCEPTION,),
        bsn_basis="wmo-2015-5-1-1",
        recipients="Zorgaanbieders met een contract",
        processors="Dossierwerk ICT",
    ),
    Item(
        "Wmo huishoudelijke hulp",
        "wmo",
        "Huishoudelijke hulp toekennen en laten leveren.",
        WMO,
        ("naw", "bsn", "ondersteuningsbehoefte"),
        ("clienten",),
        bsn_basis="wmo-2015-5-1-1",
    ),
    Item(
        "Hulpmiddelen en woningaanpassingen",
        "wmo",
        "Hulpmiddelen en aanpassingen verstrekken.",
        WMO,
        ("naw", "bsn", "woonsituatie", *HEALTH),
        ("clienten",),
        special_exceptions=(HEALTH_EXCEPTION,),
        bsn_basis="wmo-2015-5-1-1",
    ),
    Item(
        "Beschermd wonen en opvang",
        "wmo",
        "Toegang tot beschermd wonen en maatschappelijke opvang.",
        WMO,
        ("naw", "bsn", "psychische-gezondheid", "verslaving", "woonsituatie"),
        ("clienten",),
        special_exceptions=(HEALTH_EXCEPTION,),
        bsn_basis="wmo-2015-5-1-1",
        retention="15 jaar na beëindiging",
    ),
    Item(
        "Mantelzorgwaardering",
        "wmo",
        "Mantelzorgers een jaarlijkse waardering geven.",
        (),
        ("naw", "contactgegevens"),
        ("mantelzorgers",),
        bases=(CONSENT,),
        retention="2 jaar",
    ),
    Item(
        "Cliëntervaringsonderzoek Wmo",
        "wmo",
        "Jaarlijks de ervaring van cliënten meten.",
        WMO,
        ("naw", "contactgegevens"),
        ("clienten",),
        retention="1 jaar na het onderzoek",
    ),
    Item(
        "Toegang jeugdhulp",
        "jeugd",
        "Beslissen over de toegang tot jeugdhulp.",
        JEUGD,
        ("naw", "bsn", "gezinssamenstelling", "zorgvraag", *HEALTH),
        ("jeugdigen", "ouders-verzorgers"),
        special_exceptions=(HEALTH_EXCEPTION,),
        bsn_basis="jeugdwet-7-4-0",
        retention="20 jaar na beëindiging",
    ),
    Item(
        "Jeugdhulp cliëntervaring",
        "jeugd",
        "De ervaring met jeugdhulp meten.",
        JEUGD,
        ("naw", "contactgegevens", *HEALTH),
        ("jeugdigen", "ouders-verzorgers"),
        retention="1 jaar",
    ),
    Item(
        "Jeugdbescherming en jeugdreclassering",
        "jeugd",
        "Samenwerken met gecertificeerde instellingen.",
        JEUGD,
        ("naw", "bsn", "gezinssamenstelling", "veiligheidsrisicos", *HEALTH),
        ("jeugdigen", "ouders-verzorgers"),
        special_exceptions=(HEALTH_EXCEPTION,),
        bsn_basis="jeugdwet-7-4-0",
        retention="20 jaar na beëindiging",
    ),
    Item(
        "Persoonsgebonden budget jeugd",
        "jeugd",
        "Een pgb voor jeugdhulp toekennen en verantwoorden.",
        JEUGD,
        ("naw", "bsn", "zorgvraag"),
        ("ouders-verzorgers",),
        bsn_basis="jeugdwet-7-4-0",
    ),
    Item(
        "Vervoer naar jeugdhulp",
        "jeugd",
        "Vervoer regelen naar een jeugdhulpaanbieder.",
        JEUGD,
        ("naw", "contactgegevens"),
        ("jeugdigen",),
        retention="2 jaar",
    ),
    Item(
        "Bijstandsuitkering",
        "werk-inkomen",
        "Recht op bijstand vaststellen en de uitkering betalen.",
        PW,
        ("naw", "bsn", "inkomen", "vermogen", "gezinssamenstelling", "uitkering"),
        ("uitkeringsgerechtigden",),
        bsn_basis="participatiewet-64",
        retention="10 jaar na beëindiging",
    ),
    Item(
        "Participatie re-integratie",
        "werk-inkomen",
        "Mensen begeleiden naar werk.",
        (),
        ("naw", "arbeidsverleden", "opleiding"),
        ("uitkeringsgerechtigden",),
    ),
    Item(
        "Bijzondere bijstand",
        "werk-inkomen",
        "Bijzondere kosten vergoeden.",
        PW,
        ("naw", "bsn", "inkomen", "vermogen"),
        ("aanvragers",),
        bsn_basis="participatiewet-64",
    ),
    Item(
        "Fraudeonderzoek bijstand",
        "werk-inkomen",
        "Onderzoeken of bijstand terecht is verstrekt.",
        PW,
        ("naw", "bsn", "inkomen", "vermogen", "woonsituatie"),
        ("uitkeringsgerechtigden",),
        bsn_basis="participatiewet-64",
        confidential=True,
    ),
    Item(
        "Individuele inkomenstoeslag",
        "werk-inkomen",
        "Langdurig lage inkomens een toeslag geven.",
        PW,
        ("naw", "bsn", "inkomen"),
        ("aanvragers",),
        bsn_basis="participatiewet-64",
    ),
    Item(
        "Beschut werk",
        "werk-inkomen",
        "Beschut werk indiceren en organiseren.",
        PW,
        ("naw", "bsn", "arbeidsverleden", *HEALTH),
        ("uitkeringsgerechtigden",),
        special_exceptions=(HEALTH_EXCEPTION,),
        bsn_basis="participatiewet-64",
    ),
    Item(
        "Schuldhulp intake",
        "schulden",
        "Vaststellen of en welke schuldhulp iemand krijgt.",
        WGS,
        ("naw", "bsn", "inkomen", "schulden", "gezinssamenstelling"),
        ("schuldenaren",),
        bsn_basis="wgs-7a",
        retention="",
    ),
    Item(
        "Schuldregeling",
        "schulden",
        "Een minnelijke schuldregeling treffen.",
        WGS,
        ("naw", "bsn", "schulden", "inkomen"),
        ("schuldenaren", "schuldeisers"),
        bsn_basis="wgs-7a",
    ),
    Item(
        "Signalering vroegtijdige schulden",
        "schulden",
        "Mensen met betalingsachterstanden vroeg benaderen.",
        WGS,
        ("naw", "contactgegevens", "schulden"),
        ("schuldenaren",),
        further_processing=True,
    ),
    Item(
        "Budgetbeheer",
        "schulden",
        "Inkomsten en vaste lasten beheren voor iemand.",
        WGS,
        ("naw", "bsn", "inkomen", "schulden"),
        ("schuldenaren",),
        bsn_basis="wgs-7a",
    ),
    Item(
        "Leerplicht verzuimregistratie",
        "leerplicht",
        "Schoolverzuim registreren en aanpakken.",
        (),
        ("naw", "bsn", "schoolverzuim"),
        ("leerlingen", "ouders-verzorgers"),
        bases=(LEGAL_OBLIGATION,),
    ),
    Item(
        "Vrijstellingen leerplicht",
        "leerplicht",
        "Beslissen over vrijstelling van de leerplicht.",
        (),
        ("naw", "schoolverzuim", *HEALTH),
        ("leerlingen",),
        bases=(LEGAL_OBLIGATION,),
        special_exceptions=(HEALTH_EXCEPTION,),
    ),
    Item(
        "Voortijdig schoolverlaten",
        "leerplicht",
        "Jongeren zonder startkwalificatie begeleiden.",
        (),
        ("naw", "opleiding"),
        ("leerlingen",),
        bases=(LEGAL_OBLIGATION,),
    ),
    Item(
        "Registratie huiselijk geweld casuïstiek",
        "zorg-veiligheid",
        "Casussen van huiselijk geweld volgen.",
        (),
        ("naw", "gezinssamenstelling", "politiegegevens", "veiligheidsrisicos"),
        ("clienten", "gezinsleden"),
        bases=(LEGAL_OBLIGATION,),
    ),
    Item(
        "Casusoverleg Zorg- en Veiligheidshuis",
        "zorg-veiligheid",
        "Complexe casussen met partners aanpakken.",
        ("gemeentewet-172",),
        ("naw", "strafrechtelijk", "veiligheidsrisicos", *HEALTH),
        ("clienten",),
        bases=(PUBLIC_TASK,),
        special_exceptions=(HEALTH_EXCEPTION,),
        criminal_basis="UAVG art. 33: samenwerkingsverband onder het convenant van het Zorg- en Veiligheidshuis.",
        recipients="Partners van het Zorg- en Veiligheidshuis",
    ),
    Item(
        "Meldingen verward gedrag",
        "zorg-veiligheid",
        "Meldingen over verward gedrag opvolgen.",
        WMO,
        ("naw", "psychische-gezondheid"),
        ("melders", "clienten"),
        special_exceptions=(HEALTH_EXCEPTION,),
    ),
    Item(
        "Nazorg ex-gedetineerden",
        "zorg-veiligheid",
        "Terugkeer na detentie voorbereiden.",
        PW,
        ("naw", "bsn", "strafrechtelijk", "woonsituatie", "inkomen"),
        ("clienten",),
        bsn_basis="participatiewet-64",
        criminal_basis="UAVG art. 33; gegevens van de Dienst Justitiële Inrichtingen voor nazorg.",
    ),
]

# Enough ordinary activities to make a register of about forty.
_ROUTINE = [
    ("Klantcontact sociaal domein", "wmo", "Vragen van inwoners beantwoorden en doorverwijzen."),
    ("Wijkteam huisbezoeken", "wmo", "Huisbezoeken plannen en vastleggen."),
    ("Sociale wijkteams registratie", "wmo", "Vastleggen wie het aanspreekpunt is voor een huishouden."),
    ("Dagbesteding", "wmo", "Dagbesteding toekennen."),
    ("Begeleiding individueel", "wmo", "Individuele begeleiding toekennen."),
    ("Respijtzorg", "wmo", "Mantelzorgers tijdelijk ontlasten."),
    ("Jeugd opvoedondersteuning", "jeugd", "Lichte opvoedondersteuning bieden."),
    ("Jeugd gezinscoaching", "jeugd", "Gezinnen coachen bij meervoudige vragen."),
    ("Tegemoetkoming meerkosten", "werk-inkomen", "Meerkosten bij ziekte of beperking vergoeden."),
    ("Minimaregelingen", "werk-inkomen", "Regelingen voor lage inkomens uitvoeren."),
    ("Taaleis en inburgering", "werk-inkomen", "Begeleiding bij taal en inburgering."),
    ("Preventie schulden voorlichting", "schulden", "Voorlichting over geldzaken."),
    ("Klachten sociaal domein", "wmo", "Klachten over de dienstverlening behandelen."),
]
# The processing log's own activity: the log is processing too (processinglog binds its uses to it).
LOGBOOK = "Logboek van verwerkingen en inzage"
ITEMS.append(
    Item(
        LOGBOOK,
        "wmo",
        "Vastleggen wie welke persoonsgegevens verwerkte en waarom, het toezicht daarop, en inwoners inzage geven.",
        (),
        ("naw", "bsn"),
        ("clienten",),
        retention="5 jaar na de verwerking",
        bases=(LEGAL_OBLIGATION,),
        bsn_basis="uavg-46",
    )
)
ROUTINE_SECTOR = {"wmo": WMO, "jeugd": JEUGD, "werk-inkomen": PW, "schulden": WGS}
for _name, _domain, _purpose in _ROUTINE:
    ITEMS.append(Item(_name, _domain, _purpose, ROUTINE_SECTOR[_domain], ("naw", "contactgegevens"), ("clienten",)))

# Which activity has which flaw, per municipality; everything else is complete.
FLAWS = {
    "gemeente-voorbeeld": {
        "Mantelzorgwaardering": "consent_where_dependent",
        "Signalering vroegtijdige schulden": "further_processing_unassessed",
        "Registratie huiselijk geweld casuïstiek": "criminal_without_basis",
        "Jeugdhulp cliëntervaring": "special_without_exception",
        "Leerplicht verzuimregistratie": "bsn_without_basis",
        "Schuldhulp intake": "missing_retention",
        "Wmo huishoudelijke hulp": "review_overdue",
        "Participatie re-integratie": "public_task_without_sector_law",
    },
    "gemeente-oostdal": {
        "Mantelzorgwaardering": "consent_where_dependent",
        "Schuldhulp intake": "missing_retention",
        # Its processing agreement is still a concept (partners/demo.py).
        "Maatwerkvoorziening Wmo": "processor_without_agreement",
    },
    "gemeente-westveen": {},
}

REPAIRS = {
    "consent_where_dependent": {"bases": (PUBLIC_TASK,), "sector": WMO},
    "further_processing_unassessed": {
        "compatibility_assessment": "Verband met schuldhulp; gegevens van woningcorporaties en energieleveranciers; "
        "alleen contactgegevens en achterstand; doel is hulp aanbieden; gegevens na 6 maanden verwijderd.",
    },
    "criminal_without_basis": {"criminal_basis": "UAVG art. 33 en de Wet maatschappelijke ondersteuning 2015."},
    "special_without_exception": {"special_exceptions": (HEALTH_EXCEPTION,)},
    "bsn_without_basis": {"data": ("naw", "schoolverzuim")},
    "missing_retention": {"retention": "7 jaar na beëindiging van de schuldhulp"},
    "review_overdue": {},
    "processor_without_agreement": {},
    "public_task_without_sector_law": {"sector": PW},
}


def _items_for(slug: str) -> list[Item]:
    flaws = FLAWS[slug]
    return [item if flaws.get(item.name) else _repaired(item) for item in ITEMS]


def _repaired(item: Item) -> Item:
    """The flawless version of an item that is seeded with a flaw somewhere."""
    for municipality in FLAWS.values():
        if item.name in municipality:
            return replace(item, **REPAIRS[municipality[item.name]])
    return item


def _fields(item: Item, lookups, today: date, flaw: str | None) -> dict:
    provisions, data, subjects = lookups
    review = today - timedelta(days=30) if flaw == "review_overdue" else today + timedelta(days=item.review_in_days)
    return {
        "name": item.name,
        "purposes": item.purpose,
        "public_description": f"{item.purpose} De gemeente gebruikt alleen de gegevens die daarvoor nodig zijn.",
        "domain": item.domain,
        "lawful_bases": [provisions[c] for c in item.bases],
        "sector_provisions": [provisions[c] for c in item.sector],
        "basis_explanation": "Wettelijke taak van het college." if item.sector else "",
        "subject_categories": [subjects[c] for c in item.subjects],
        "data_categories": [data[c] for c in item.data],
        "special_exceptions": [provisions[c] for c in item.special_exceptions],
        "criminal_basis": item.criminal_basis,
        "bsn_basis": provisions[item.bsn_basis] if item.bsn_basis else None,
        "recipients": item.recipients,
        "processors": item.processors,
        "retention_period": item.retention,
        "retention_basis": "Selectielijst gemeenten en intergemeentelijke organen" if item.retention else "",
        "retention_start": "einde van de dienstverlening" if item.retention else "",
        "security_measures": BIO,
        "source": "De betrokkene zelf en de Basisregistratie Personen",
        "further_processing": item.further_processing,
        "compatibility_assessment": item.compatibility_assessment,
        "confidential": item.confidential,
        "confidential_until": today + timedelta(days=180) if item.confidential else None,
        "review_date": review,
    }


def build(world, progress) -> None:
    progress("referentiebibliotheek register")
    load_register_reference()
    lookups = (
        {p.code: p for p in Provision.objects.all()},
        {c.code: c for c in DataCategory.objects.all()},
        {c.code: c for c in SubjectCategory.objects.all()},
    )
    today = timezone.localdate()
    officer = world.users.get("privacy_officer")
    for slug in FLAWS:
        progress(f"register {world.organisations[slug].name}")
        controller = world.organisations[slug]
        for item in _items_for(slug):
            version = services.activity_create(
                actor=officer, controller=controller, fields=_fields(item, lookups, today, FLAWS[slug].get(item.name))
            )
            services.activity_establish(actor=officer, activity=version.activity)
    _history_example(world, lookups, today)


def _history_example(world, lookups, today) -> None:
    """One activity with an established second version and a pending concept, to show versions."""
    controller = world.organisations["gemeente-voorbeeld"]
    activity = controller.activities.get(versions__name="Dagbesteding", versions__status="established")
    officer = world.users.get("privacy_officer")
    services.activity_edit(
        actor=officer,
        activity=activity,
        fields={"purposes": "Dagbesteding toekennen.\nDe uitvoering door aanbieders controleren."},
    )
    services.activity_establish(actor=officer, activity=activity)
    services.activity_edit(actor=officer, activity=activity, fields={"retention_period": "5 jaar na beëindiging"})
