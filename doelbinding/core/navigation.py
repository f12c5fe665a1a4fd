"""The menu and the landing-page tiles, each behind a capability. Later issues add their entries here."""

from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import gettext_lazy as _

from doelbinding.policy import Cap, Role


@cache
def _href(url_name: str, urlconf: str, script_prefix: str) -> str:
    """`reverse` of an entry without arguments; the URLconf and the script prefix (which `reverse` prepends) are
    the key, so a test's other URLconf or a deployment under a sub-path gets its own."""
    return reverse(url_name, urlconf=urlconf)


@dataclass(frozen=True)
class Entry:
    label: str
    url_name: str
    cap: Cap
    description: str

    @property
    def href(self) -> str:
        """The entry's address, reversed once: the menu is on every page, and reversing its links every time was
        the largest part of rendering the landing page."""
        return _href(self.url_name, get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())


ENTRIES = (
    Entry(
        _("Register"),
        "register:activity_list",
        Cap.VIEW_REGISTER,
        _("Het verwerkingsregister (AVG art. 30) met versies, de controlelijst en het openbare register."),
    ),
    Entry(
        _("BRP-gebruik"),
        "register:brp_list",
        Cap.VIEW_BRP_USAGE,
        _("Per taak welke gegevens uit de Basisregistratie Personen worden verstrekt, hoe en op welke grondslag."),
    ),
    Entry(
        _("Gegevenssets"),
        "register:dataset_list",
        Cap.VIEW_DATASETS,
        _("Welke gegevens een takenpakket mag gebruiken, en de verzoeken om een gegevensset uit te breiden."),
    ),
    Entry(
        _("Governance"),
        "governance:home",
        Cap.VIEW_GOVERNANCE,
        _("Wie waarvoor verantwoordelijk is: rollen, de RASIC-matrix, het organogram en de stappenplannen."),
    ),
    Entry(
        _("Partners en afspraken"),
        "partners:partner_list",
        Cap.VIEW_PARTNERS,
        _("Met wie de gemeente samenwerkt, welke afspraken gelden en welke nog gemaakt of aangepast moeten worden."),
    ),
    Entry(
        _("Casuswerk"),
        "casework:home",
        Cap.VIEW_CASES,
        _("Uw casussen, betrokkenen opzoeken, dossiers van uw domein en uitwisselingen binnen een casus."),
    ),
    Entry(
        _("Cijfers sociaal domein"),
        "casework:aggregates",
        Cap.VIEW_AGGREGATES,
        _("Gecumuleerde cijfers over betrokkenheid, casussen en uitwisselingen, zonder personen."),
    ),
    Entry(
        _("Logboek"),
        "processinglog:search",
        Cap.VIEW_PROCESSING_LOG,
        _("Wie verwerkte wanneer welke persoonsgegevens van wie en waarom, en opvallende raadplegingen."),
    ),
    Entry(
        _("Inzageverzoek"),
        "processinglog:access_overview",
        Cap.PRODUCE_ACCESS_OVERVIEW,
        _("Het overzicht van verwerkingen van een inwoner maken, voor een inzageverzoek."),
    ),
    Entry(
        _("Organisaties"),
        "tenancy:organisation_list",
        Cap.VIEW_ORGANISATIONS,
        _("De gemeente, de uitvoeringsorganisatie en de partners waarmee wordt samengewerkt."),
    ),
    Entry(
        _("Medewerkers"),
        "tenancy:staff_list",
        Cap.VIEW_STAFF,
        _("Wie namens de gemeente werkt, in welke rollen en domeinen, met de wijzigingsgeschiedenis."),
    ),
    Entry(
        _("Autorisaties"),
        "core:policy",
        Cap.VIEW_POLICY,
        _("Welke rol wat mag: de autorisatietabel die de applicatie zelf gebruikt."),
    ),
    Entry(
        _("Technisch beheer"),
        "admin:index",
        Cap.USE_ADMIN,
        _("Organisaties, lidmaatschappen, domeinen en API-koppelingen beheren."),
    ),
)

ROLE_INTRODUCTIONS = {
    Role.FG: _("U houdt onafhankelijk toezicht op de verwerking van persoonsgegevens."),
    Role.PRIVACY_OFFICER: _("U adviseert over privacy en houdt het register en het beleid bij."),
    Role.CISO: _("U bewaakt de informatiebeveiliging: incidenten, maatregelen en de integriteit van het logboek."),
    Role.APPLICATION_MANAGER: _("U beheert de applicatie, de accounts en de autorisaties."),
    Role.CONTACT_CENTRE: _("U beantwoordt eenvoudige vragen en verwijst verzoeken en klachten door."),
    Role.COMPLAINTS_COORDINATOR: _("U behandelt verzoeken van betrokkenen en klachten binnen de wettelijke termijnen."),
    Role.DIRECTOR: _("U besluit over privacyvraagstukken die de afdelingen overstijgen, zoals uitbreidingsverzoeken."),
    Role.HEAD_OF_SOCIAL_DOMAIN: _(
        "U bent verantwoordelijk voor de teams in het sociaal domein en ziet alleen cijfers."
    ),
    Role.TEAM_LEAD: _("U stuurt het team aan en ziet toe op verklaringen, scholing en dossiers."),
    Role.REGISSEUR: _("U bent het aanspreekpunt voor een huishouden: één gezin, één plan, één regisseur."),
    Role.SOCIAL_WORKER: _("U onderhoudt het contact met huishoudens in uw domein."),
    Role.CONSULENT: _("U behandelt aanvragen en dossiers in uw domein."),
    Role.VOLUNTEER: _("U ondersteunt een sociaal werker en hebt een geheimhoudingsverklaring getekend."),
    Role.ADMIN_SUPPORT: _("U ondersteunt het team administratief."),
    Role.COLLEGE: _("U legt als college verantwoording af aan de raad."),
    Role.COUNCIL: _("U leest de verantwoording over privacy in het sociaal domein."),
}


def entries_for(acting) -> list[Entry]:
    return [entry for entry in ENTRIES if acting.can(entry.cap)]
