"""The demo world's data sets per task package, and in Gemeente Voorbeeld extension requests in every state."""

from __future__ import annotations

from dataclasses import dataclass

from doelbinding.policy import Role
from doelbinding.register.datasets import services
from doelbinding.register.datasets.rules import Kind, Outcome
from doelbinding.register.demo import FLAWS
from doelbinding.register.models import DataCategory, TaskDataset
from doelbinding.tenancy.demo import VOORBEELD


@dataclass(frozen=True)
class Package:
    role: str
    domain: str
    task: str
    purpose: str
    categories: tuple[str, ...]


PACKAGES = [
    Package(
        Role.CONSULENT,
        "wmo",
        "",
        "Meldingen onderzoeken en beslissen over maatwerkvoorzieningen.",
        (
            "naw",
            "bsn",
            "contactgegevens",
            "geboortedatum",
            "gezinssamenstelling",
            "ondersteuningsbehoefte",
            "gezondheid",
            "voorzieningen",
            "inkomen",
        ),
    ),
    Package(
        Role.CONSULENT,
        "jeugd",
        "",
        "De toegang tot jeugdhulp beoordelen en jeugdhulp inzetten.",
        ("naw", "bsn", "geboortedatum", "gezinssamenstelling", "zorgvraag", "voorzieningen", "psychische-gezondheid"),
    ),
    Package(
        Role.CONSULENT,
        "werk-inkomen",
        "",
        "Bijstand verlenen en re-integratie begeleiden.",
        ("naw", "bsn", "gezinssamenstelling", "inkomen", "vermogen", "bankgegevens", "uitkering", "arbeidsverleden"),
    ),
    Package(
        Role.CONSULENT,
        "schulden",
        "",
        "Schuldhulpverlening: intake, plan van aanpak en schuldregeling.",
        ("naw", "bsn", "contactgegevens", "gezinssamenstelling", "inkomen", "schulden", "uitkering"),
    ),
    Package(
        Role.REGISSEUR,
        "",
        "",
        "Regie voeren bij meervoudige problematiek: één gezin, één plan, één regisseur.",
        ("naw", "contactgegevens", "gezinssamenstelling", "zorgvraag", "veiligheidsrisicos"),
    ),
    Package(
        Role.SOCIAL_WORKER,
        "wmo",
        "",
        "Contact met huishoudens in de wijk onderhouden en lichte ondersteuning bieden.",
        ("naw", "contactgegevens", "gezinssamenstelling", "ondersteuningsbehoefte"),
    ),
    Package(
        Role.CONTACT_CENTRE,
        "",
        "",
        "Vragen van inwoners beantwoorden en doorverwijzen naar het juiste team.",
        ("naw", "contactgegevens"),
    ),
    Package(
        "",
        "schulden",
        "Vroegsignalering betalingsachterstanden",
        "Inwoners met een betalingsachterstand bij huur, energie of zorgverzekering hulp aanbieden.",
        ("naw", "contactgegevens"),
    ),
]
CONCEPT = Package(
    Role.VOLUNTEER, "wmo", "", "Een sociaal werker ondersteunen bij huisbezoeken.", ("naw", "contactgegevens")
)


@dataclass(frozen=True)
class Demo:
    """An extension request of Gemeente Voorbeeld and the steps after filing it: (user, kind, outcome, text)."""

    role: str
    domain: str
    task: str
    categories: tuple[str, ...]
    motivation: str
    steps: tuple[tuple[str, Kind, str, str], ...] = ()


ADVICE_NEEDED = ("manager", Kind.ADVICE_QUESTION, Outcome.ADVICE_NEEDED, "Is dit verenigbaar met het doel van de set?")
REQUESTS = [
    Demo(
        Role.CONSULENT,
        "wmo",
        "",
        ("woonsituatie",),
        "Voor woningaanpassingen moet de consulent weten of iemand huurt of eigenaar is.",
    ),
    Demo(
        Role.CONSULENT,
        "jeugd",
        "",
        ("schoolverzuim",),
        "Bij jeugdhulp is langdurig verzuim vaak het eerste signaal; zonder dat gegeven mist de toegang de vraag.",
        (ADVICE_NEEDED,),
    ),
    Demo(
        Role.REGISSEUR,
        "",
        "",
        ("politiegegevens",),
        "In casussen met huiselijk geweld kan de regisseur het plan niet maken zonder de politie-informatie.",
        (
            ADVICE_NEEDED,
            (
                "privacy_officer",
                Kind.ADVICE,
                Outcome.POSITIVE,
                "Mogelijk via Wpolg art. 20, alleen binnen het Zorg- en Veiligheidshuis.",
            ),
            ("directeur", Kind.REFERRAL, "", "Politiegegevens in het sociaal domein liggen bestuurlijk gevoelig."),
        ),
    ),
    Demo(
        "",
        "schulden",
        "Vroegsignalering betalingsachterstanden",
        ("betalingsachterstanden",),
        "Zonder de hoogte en duur van de achterstand kan het team niet bepalen wie het eerst hulp nodig heeft.",
        (
            ("manager", Kind.ADVICE_QUESTION, Outcome.NO_ADVICE_NEEDED, "De Wgs regelt dit gegeven uitdrukkelijk."),
            ("directeur", Kind.DECISION, Outcome.APPROVED, "Noodzakelijk voor de taak en wettelijk geregeld."),
        ),
    ),
    Demo(
        Role.CONTACT_CENTRE,
        "",
        "",
        ("gezondheid",),
        "Medewerkers van het KCC krijgen vaak vragen over lopende Wmo-voorzieningen.",
        (
            ADVICE_NEEDED,
            (
                "privacy_officer",
                Kind.ADVICE,
                Outcome.NEGATIVE,
                "Niet nodig om door te verwijzen; dat-informatie volstaat.",
            ),
            ("directeur", Kind.DECISION, Outcome.REJECTED, "Conform het advies: het KCC verwijst door zonder inhoud."),
        ),
    ),
]


def build(world, progress) -> None:
    categories = {c.code: c for c in DataCategory.objects.all()}
    for slug in FLAWS:
        controller = world.organisations[slug]
        progress(f"gegevenssets {controller.name}")
        head = world.users["manager" if slug == VOORBEELD else "afdelingshoofd_regio"]
        for package in PACKAGES:
            dataset = _create(head, controller, package, categories)
            services.dataset_establish(actor=head, dataset=dataset)
    voorbeeld = world.organisations[VOORBEELD]
    _create(world.users["manager"], voorbeeld, CONCEPT, categories)
    progress("uitbreidingsverzoeken Gemeente Voorbeeld")
    for demo in REQUESTS:
        dataset = TaskDataset.objects.get(controller=voorbeeld, role=demo.role, domain=demo.domain, task=demo.task)
        request = services.extension_request_file(
            actor=world.users["manager"],
            dataset=dataset,
            categories=[categories[code] for code in demo.categories],
            motivation=demo.motivation,
        )
        for username, kind, outcome, text in demo.steps:
            services.extension_step_record(
                actor=world.users[username], request=request, kind=kind, outcome=outcome, text=text
            )


def _create(head, controller, package: Package, categories) -> TaskDataset:
    return services.dataset_create(
        actor=head,
        controller=controller,
        fields={
            "role": package.role,
            "domain": package.domain,
            "task": package.task,
            "purpose": package.purpose,
            "purpose_limitation": f"De gegevens worden alleen gebruikt voor dit doel: {package.purpose.lower()}",
            "proportionality": "Alleen de gegevens die voor de taak nodig zijn; inhoud van andere domeinen niet.",
            "subsidiarity": "Zonder deze persoonsgegevens kan de taak niet worden uitgevoerd; minder is niet mogelijk.",
        },
        categories=[categories[code] for code in package.categories],
    )
