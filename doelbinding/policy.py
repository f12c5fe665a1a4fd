"""Who may do what: the one role → capability table that every view and API endpoint consults.

Read it as a table: each capability lists the roles that hold it. A user holds the union of the capabilities of
the roles they have *for the controller the request acts for*. Nothing here touches the database.
Later issues add capabilities here, never in a view.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """The roles of the guidance (seed 000 §3.3, seed 001 Tabel 3, seed 002); code names from the glossary."""

    FG = "fg", _("Functionaris gegevensbescherming (FG)")
    PRIVACY_OFFICER = "privacy_officer", _("Privacy officer")
    CISO = "ciso", _("CISO / informatiebeveiligingscoördinator")
    APPLICATION_MANAGER = "application_manager", _("Applicatiebeheerder")
    CONTACT_CENTRE = "contact_centre", _("Medewerker klantcontactcentrum (KCC)")
    COMPLAINTS_COORDINATOR = "complaints_coordinator", _("Klachtencoördinator")
    DIRECTOR = "director", _("Directie")
    HEAD_OF_SOCIAL_DOMAIN = "head_of_social_domain", _("Afdelingshoofd sociaal domein")
    TEAM_LEAD = "team_lead", _("Teamleider")
    REGISSEUR = "regisseur", _("Regisseur")
    SOCIAL_WORKER = "social_worker", _("Sociaal werker")
    CONSULENT = "consulent", _("Consulent")
    VOLUNTEER = "volunteer", _("Vrijwilliger")
    ADMIN_SUPPORT = "admin_support", _("Administratieve ondersteuning")
    COLLEGE = "college", _("Lid college van B&W")
    COUNCIL = "council", _("Raadslid")


class Cap(StrEnum):
    """A capability: one thing a role may do. The value is stable; it appears in tests and logs."""

    VIEW_ORGANISATIONS = "tenancy.view_organisations"
    VIEW_STAFF = "tenancy.view_staff"
    MANAGE_STAFF = "tenancy.manage_staff"
    VIEW_POLICY = "policy.view"
    USE_ADMIN = "admin.use"
    VIEW_REGISTER = "register.view"
    EDIT_REGISTER = "register.edit"
    ESTABLISH_REGISTER = "register.establish"
    IMPORT_REGISTER = "register.import"
    VIEW_DATASETS = "register.view_datasets"
    EDIT_DATASETS = "register.edit_datasets"
    REQUEST_DATASET_EXTENSION = "register.request_dataset_extension"
    ADVISE_DATASET_EXTENSION = "register.advise_dataset_extension"
    DECIDE_DATASET_EXTENSION = "register.decide_dataset_extension"
    DECIDE_AS_COLLEGE = "register.decide_as_college"
    VIEW_BRP_USAGE = "register.view_brp_usage"
    EDIT_BRP_USAGE = "register.edit_brp_usage"
    VIEW_GOVERNANCE = "governance.view"
    EDIT_GOVERNANCE = "governance.edit"
    PROPOSE_IN_WORKSHOP = "governance.propose"
    VIEW_PARTNERS = "partners.view"
    EDIT_PARTNERS = "partners.edit"
    RECORD_OBLIGATIONS = "partners.record_obligations"
    VIEW_PROCESSING_LOG = "processinglog.view"
    REVIEW_UNUSUAL_ACCESS = "processinglog.review"
    PRODUCE_ACCESS_OVERVIEW = "processinglog.access_overview"
    VIEW_PERSONS = "casework.view_persons"
    REGISTER_PERSONS = "casework.register_persons"
    READ_DOMAIN_CONTENT = "casework.read_domain_content"
    WRITE_FILE_ENTRIES = "casework.write_file_entries"
    LOOK_UP_INVOLVEMENTS = "casework.look_up_involvements"
    VIEW_CASES = "casework.view_cases"
    DIRECT_CASES = "casework.direct_cases"
    REQUEST_EXCHANGE = "casework.request_exchange"
    DECIDE_EXCHANGE = "casework.decide_exchange"
    BREAK_GLASS = "casework.break_glass"
    VIEW_AGGREGATES = "casework.view_aggregates"


CAPABILITY_LABELS: dict[Cap, str | Promise] = {
    Cap.VIEW_ORGANISATIONS: _("Organisaties bekijken waarmee de gemeente werkt"),
    Cap.VIEW_STAFF: _("Medewerkers, hun rollen en domeinen bekijken"),
    Cap.MANAGE_STAFF: _("Rollen en domeinen van medewerkers wijzigen"),
    Cap.VIEW_POLICY: _("De autorisatietabel bekijken"),
    Cap.USE_ADMIN: _("Technisch beheer (Django-beheer) gebruiken"),
    Cap.VIEW_REGISTER: _("Het verwerkingsregister en de controlelijst bekijken"),
    Cap.EDIT_REGISTER: _("Verwerkingsactiviteiten opstellen en wijzigen (als concept)"),
    Cap.ESTABLISH_REGISTER: _("Een versie van een verwerkingsactiviteit vaststellen"),
    Cap.IMPORT_REGISTER: _("Een verwerkingsregister inlezen uit Excel (nieuwe verwerkingen en concepten)"),
    Cap.VIEW_DATASETS: _("Gegevenssets bij takenpakketten en uitbreidingsverzoeken bekijken"),
    Cap.EDIT_DATASETS: _("Gegevenssets bij takenpakketten opstellen en vaststellen"),
    Cap.REQUEST_DATASET_EXTENSION: _("Een gemotiveerd verzoek tot uitbreiding van een gegevensset indienen"),
    Cap.ADVISE_DATASET_EXTENSION: _("Advies geven over een verzoek tot uitbreiding van een gegevensset"),
    Cap.DECIDE_DATASET_EXTENSION: _("Besluiten over een uitbreidingsverzoek of het aan het college voorleggen"),
    Cap.DECIDE_AS_COLLEGE: _("Als college besluiten over een voorgelegd uitbreidingsverzoek"),
    Cap.VIEW_BRP_USAGE: _("Het register van BRP-gebruik bekijken"),
    Cap.EDIT_BRP_USAGE: _("Het register van BRP-gebruik bijhouden"),
    Cap.VIEW_GOVERNANCE: _("Rollen, de RASIC-matrix, het organogram en de stappenplannen bekijken"),
    Cap.EDIT_GOVERNANCE: _(
        "Rollen, de RASIC-matrix en wie welke rol vervult bijhouden, workshops leiden en stappenplannen bijwerken"
    ),
    Cap.PROPOSE_IN_WORKSHOP: _("Als deelnemer van een workshop de matrix vooraf invullen"),
    Cap.VIEW_PARTNERS: _("Partners, afspraken en de werklijst van te maken afspraken bekijken"),
    Cap.EDIT_PARTNERS: _(
        "Partners en afspraken vastleggen, documenten toevoegen, controlelijsten beoordelen, informatiedeling regelen"
    ),
    Cap.RECORD_OBLIGATIONS: _("Jaarverslagen, audits, subverwerkers en meldingen van verwerkers vastleggen"),
    Cap.VIEW_PROCESSING_LOG: _("Het logboek doorzoeken: wie verwerkte wanneer welke gegevens van wie"),
    Cap.REVIEW_UNUSUAL_ACCESS: _("Opvallende raadplegingen beoordelen en afsluiten met een toelichting"),
    Cap.PRODUCE_ACCESS_OVERVIEW: _("Voor een inzageverzoek het overzicht van verwerkingen van een inwoner maken (PDF)"),
    Cap.VIEW_PERSONS: _("Een betrokkene opzoeken en zien in welke van de eigen domeinen die bekend is"),
    Cap.REGISTER_PERSONS: _("Betrokkenen, huishoudens en betrokkenheid in het eigen domein vastleggen"),
    Cap.READ_DOMAIN_CONTENT: _("De inhoud van het dossier in het eigen domein lezen (binnen de gegevensset)"),
    Cap.WRITE_FILE_ENTRIES: _("Aantekeningen schrijven in het dossier van het eigen domein"),
    Cap.LOOK_UP_INVOLVEMENTS: _(
        "Met een opgegeven doel nagaan of iemand in andere domeinen bekend is (dat-informatie)"
    ),
    Cap.VIEW_CASES: _("Casussen bekijken waarvan u regisseur of deelnemer bent, en wat daarin met u is gedeeld"),
    Cap.DIRECT_CASES: _("Casussen aanmelden, triagebesluiten vastleggen, fasen en deelnemers bijhouden (casusregie)"),
    Cap.REQUEST_EXCHANGE: _("Binnen een casus vragen om aantekeningen of gegevens uit een ander domein te delen"),
    Cap.DECIDE_EXCHANGE: _("Als verstrekkend domein besluiten over een uitwisseling en die weer intrekken"),
    Cap.BREAK_GLASS: _("In een noodsituatie met opgave van reden een dossier inzien (noodtoegang, altijd gemeld)"),
    Cap.VIEW_AGGREGATES: _("Gecumuleerde cijfers over betrokkenheid, casussen en uitwisselingen zien (geen personen)"),
}

STAFF = frozenset(Role) - {Role.COUNCIL, Role.COLLEGE}
SUPERVISION = frozenset({Role.FG, Role.PRIVACY_OFFICER, Role.CISO})
MANAGEMENT = frozenset({Role.HEAD_OF_SOCIAL_DOMAIN, Role.TEAM_LEAD})
# Seed 002 Bijlage 3 (samenwerking b): professionals of a domain see its content, involvements elsewhere only when
# necessary; the regisseur sees involvements everywhere and content only as shared; management sees aggregates.
PROFESSIONALS = frozenset({Role.CONSULENT, Role.SOCIAL_WORKER})
CASEWORKERS = PROFESSIONALS | {Role.REGISSEUR}

POLICY: dict[Cap, frozenset[Role]] = {
    Cap.VIEW_ORGANISATIONS: STAFF,
    Cap.VIEW_STAFF: SUPERVISION | MANAGEMENT | {Role.APPLICATION_MANAGER},
    Cap.MANAGE_STAFF: frozenset({Role.APPLICATION_MANAGER}),
    Cap.VIEW_POLICY: frozenset(Role),
    Cap.USE_ADMIN: frozenset({Role.APPLICATION_MANAGER}),
    Cap.VIEW_REGISTER: STAFF,
    Cap.EDIT_REGISTER: frozenset({Role.FG, Role.PRIVACY_OFFICER}),
    # Establishing is the controller's decision, taken by management; the FG advises and supervises (art. 38(6)).
    Cap.ESTABLISH_REGISTER: frozenset({Role.PRIVACY_OFFICER, Role.HEAD_OF_SOCIAL_DOMAIN}),
    # An import writes concepts only, as editing does; establishing them stays a separate decision.
    Cap.IMPORT_REGISTER: frozenset({Role.FG, Role.PRIVACY_OFFICER}),
    # Seed 002 §2.1 items 4-6 and §3 items 3-6: the head of department sets the data set of a task package and
    # files extension requests; the privacy officer advises when asked; the management decides, or refers a
    # sensitive request to the college, which therefore reads the data sets too.
    Cap.VIEW_DATASETS: STAFF | {Role.COLLEGE},
    Cap.EDIT_DATASETS: frozenset({Role.HEAD_OF_SOCIAL_DOMAIN}),
    Cap.REQUEST_DATASET_EXTENSION: frozenset({Role.HEAD_OF_SOCIAL_DOMAIN}),
    Cap.ADVISE_DATASET_EXTENSION: frozenset({Role.PRIVACY_OFFICER, Role.FG}),
    Cap.DECIDE_DATASET_EXTENSION: frozenset({Role.DIRECTOR}),
    Cap.DECIDE_AS_COLLEGE: frozenset({Role.COLLEGE}),
    Cap.VIEW_BRP_USAGE: STAFF,
    Cap.EDIT_BRP_USAGE: frozenset({Role.PRIVACY_OFFICER, Role.FG}),
    # Seed 000 §3.3: the privacy lead (FG or privacy officer) describes roles and responsibilities together with
    # whoever answers for the social domain; the directie settles them. The college reads what it answers for.
    Cap.VIEW_GOVERNANCE: STAFF | {Role.COLLEGE},
    Cap.EDIT_GOVERNANCE: frozenset({Role.FG, Role.PRIVACY_OFFICER, Role.HEAD_OF_SOCIAL_DOMAIN, Role.DIRECTOR}),
    # Seed 001 §3.2.1: participants may fill in the matrix beforehand; which workshop is decided per record.
    Cap.PROPOSE_IN_WORKSHOP: STAFF | {Role.COLLEGE},
    Cap.VIEW_PARTNERS: STAFF,
    Cap.EDIT_PARTNERS: frozenset({Role.FG, Role.PRIVACY_OFFICER}),
    # Processors report on their security and notify incidents; incidents go to the CISO (seed 002 §13).
    Cap.RECORD_OBLIGATIONS: frozenset({Role.FG, Role.PRIVACY_OFFICER, Role.CISO}),
    # The FG supervises (art. 39(1)(b)); the CISO answers for log integrity and incidents (seed 002 §13).
    Cap.VIEW_PROCESSING_LOG: frozenset({Role.FG, Role.PRIVACY_OFFICER, Role.CISO}),
    Cap.REVIEW_UNUSUAL_ACCESS: frozenset({Role.FG, Role.PRIVACY_OFFICER}),
    # An access request (art. 15) is handled by the complaints coordinator or the FG (issue 5).
    Cap.PRODUCE_ACCESS_OVERVIEW: frozenset({Role.FG, Role.COMPLAINTS_COORDINATOR}),
    # Case work (issue 6). Which domain, case and exchange a caseworker reaches is decided per record
    # (casework/access.py); these rows say who may try at all.
    Cap.VIEW_PERSONS: CASEWORKERS,
    Cap.REGISTER_PERSONS: CASEWORKERS,
    Cap.READ_DOMAIN_CONTENT: CASEWORKERS,
    Cap.WRITE_FILE_ENTRIES: CASEWORKERS,
    Cap.LOOK_UP_INVOLVEMENTS: CASEWORKERS,
    Cap.VIEW_CASES: CASEWORKERS,
    # Rule of thumb 2 (seed 003): triage appoints the regisseur, who then leads the case.
    Cap.DIRECT_CASES: frozenset({Role.REGISSEUR}),
    Cap.REQUEST_EXCHANGE: CASEWORKERS,
    # Rule of thumb 4: the provider keeps control; the professionals of the providing domain decide and withdraw.
    Cap.DECIDE_EXCHANGE: PROFESSIONALS,
    Cap.BREAK_GLASS: CASEWORKERS,
    Cap.VIEW_AGGREGATES: STAFF | {Role.COLLEGE},
}


def capabilities_of(roles: Iterable[str]) -> frozenset[Cap]:
    held = frozenset(roles)
    return frozenset(cap for cap, allowed in POLICY.items() if held & allowed)


def allows(roles: Iterable[str], cap: Cap) -> bool:
    return bool(frozenset(roles) & POLICY[cap])


def as_rows() -> list[tuple[Cap, str | Promise, list[bool]]]:
    """The table for people: one row per capability, one column per role (in Role order)."""
    return [(cap, CAPABILITY_LABELS[cap], [role in POLICY[cap] for role in Role]) for cap in Cap]


class ApiScope(models.TextChoices):
    """What a partner system's credential may do; each API action declares the scope it needs."""

    READ_ORGANISATIONS = "organisaties.lezen", _("Organisaties lezen")
    READ_REGISTER = "register.lezen", _("Het verwerkingsregister lezen")
    WRITE_PROCESSING_LOG = "verwerkingsacties.schrijven", _("Verwerkingsacties in het logboek schrijven")
    READ_PROCESSING_LOG = "verwerkingsacties.lezen", _("Verwerkingsacties uit het logboek lezen")
