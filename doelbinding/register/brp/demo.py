"""The demo world's BRP usage registers: six tasks per municipality, each linked to its processing activity."""

from __future__ import annotations

from dataclasses import dataclass

from doelbinding.register.brp import services as brp_services
from doelbinding.register.demo import FLAWS
from doelbinding.register.models import ActivityVersion, DataCategory, Provision, ProvisionMethod
from doelbinding.tenancy.demo import VOORBEELD

OWN_MUNICIPALITY = "wet-brp-3-8"
REPORT_BACK = (
    "Bij gerede twijfel over de juistheid van een BRP-gegeven meldt de medewerker dat binnen vijf werkdagen aan "
    "burgerzaken (terugmelding). Tot de afhandeling wordt het gegeven gemarkeerd en niet gebruikt voor een besluit."
)


@dataclass(frozen=True)
class Task:
    task: str
    description: str
    activity: str
    categories: tuple[str, ...]
    methods: tuple[ProvisionMethod, ...]
    elements: str = ""
    third_party: str = ""


TASKS = [
    Task(
        "Onderzoek na een melding Wmo",
        "Vaststellen wie de melder is en hoe het huishouden is samengesteld, voor het onderzoek naar de "
        "ondersteuningsbehoefte.",
        "Melding en vraagverheldering Wmo",
        ("naw", "bsn", "geboortedatum", "gezinssamenstelling"),
        (ProvisionMethod.CONSULT_PERSON,),
    ),
    Task(
        "Toegang tot jeugdhulp",
        "De jeugdige en de gezagsdragers identificeren bij een vraag om jeugdhulp.",
        "Toegang jeugdhulp",
        ("naw", "bsn", "geboortedatum", "gezinssamenstelling"),
        (ProvisionMethod.CONSULT_PERSON, ProvisionMethod.CONSULT_ADDRESS),
        elements="Gezag (curatele en ouderlijk gezag)",
    ),
    Task(
        "Bijstandsverlening",
        "Het recht op bijstand vaststellen en bewaken: woonplaats, leefvorm en verblijfsrecht.",
        "Bijstandsuitkering",
        ("naw", "bsn", "geboortedatum", "gezinssamenstelling", "nationaliteit", "verblijfsstatus"),
        (ProvisionMethod.CONSULT_PERSON, ProvisionMethod.MUTATIONS),
        elements="Datum van overlijden, vertrek naar het buitenland",
    ),
    Task(
        "Intake schuldhulpverlening",
        "De aanvrager en de leden van het huishouden identificeren bij de intake.",
        "Schuldhulp intake",
        ("naw", "bsn", "gezinssamenstelling"),
        (ProvisionMethod.CONSULT_PERSON,),
    ),
    Task(
        "Leerplichtadministratie",
        "Bijhouden welke jongeren leerplichtig zijn en of zij op een school staan ingeschreven.",
        "Leerplicht verzuimregistratie",
        ("naw", "bsn", "geboortedatum"),
        (ProvisionMethod.MUTATIONS, ProvisionMethod.SELECTIONS),
    ),
    Task(
        "Vroegsignalering betalingsachterstanden",
        "Signalen van woningcorporaties en energieleveranciers koppelen aan het juiste adres om hulp aan te bieden.",
        "Signalering vroegtijdige schulden",
        ("naw",),
        (ProvisionMethod.CONSULT_ADDRESS, ProvisionMethod.COUPLINGS),
        third_party=(
            "Dossierwerk ICT voert de koppeling uit als verwerker: alleen naam en adres, geen raadpleging op "
            "persoonsniveau, verwijderen na zes maanden, geen verdere verstrekking; vastgelegd in de "
            "verwerkersovereenkomst."
        ),
    ),
]


def build(world, progress) -> None:
    categories = {c.code: c for c in DataCategory.objects.all()}
    basis = Provision.objects.get(code=OWN_MUNICIPALITY)
    for slug in FLAWS:
        controller = world.organisations[slug]
        progress(f"BRP-gebruik {controller.name}")
        officer = world.users["privacy_officer" if slug == VOORBEELD else "fg_regio"]
        versions = ActivityVersion.objects.filter(activity__controller=controller).select_related("activity")
        activities = {version.name: version.activity for version in versions}
        for task in TASKS:
            brp_services.brp_usage_create(
                actor=officer,
                controller=controller,
                fields={
                    "task": task.task,
                    "task_description": task.description,
                    "brp_elements": task.elements,
                    "provision_methods": list(task.methods),
                    "legal_basis": basis,
                    "activity": activities.get(task.activity),
                    "third_party_conditions": task.third_party,
                    "report_back_duty": REPORT_BACK,
                },
                data_categories=[categories[code] for code in task.categories],
            )
