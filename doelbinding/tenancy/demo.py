"""The demo world's organisations and staff: Gemeente Voorbeeld on its own, and Gemeente Oostdal and
Gemeente Westveen sharing Uitvoeringsorganisatie Dinkelrand (the set-up of seed 002 §1)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from doelbinding.accounts.personas import (
    DEMO_PASSWORD,
    EXECUTING,
    PERSONAS,
    VOORBEELD,
    Persona,
    give_demo_second_factor,
)
from doelbinding.policy import ApiScope, Role
from doelbinding.tenancy import services
from doelbinding.tenancy.models import Organisation, OrganisationKind
from doelbinding.tenancy.reference import load_domains

OOSTDAL = "gemeente-oostdal"
WESTVEEN = "gemeente-westveen"

MUNICIPALITIES = [
    (VOORBEELD, "Gemeente Voorbeeld", ""),
    (OOSTDAL, "Gemeente Oostdal", "groen"),
    (WESTVEEN, "Gemeente Westveen", "groen"),
]
PARTNERS = [
    (VOORBEELD, "zorg-de-linde", "Zorggroep De Linde"),
    (VOORBEELD, "thuisbasis-wonen", "Woningcorporatie Thuisbasis"),
    (VOORBEELD, "dossierwerk", "Dossierwerk ICT"),
    (VOORBEELD, "zvh-midden", "Zorg- en Veiligheidshuis Midden"),
    (OOSTDAL, "oostdal-jeugdhulp", "Jeugdhulp Oostdal"),
    (WESTVEEN, "westveen-schuldhulp", "Stichting Schuldhulp Westveen"),
]

# Everyone else the demo needs so that every role of the guidance is filled somewhere.
STAFF = (
    Persona("privacy_officer", "Petra", "Oosting", "Privacy officer", VOORBEELD, (Role.PRIVACY_OFFICER,)),
    Persona("kcc", "Kevin", "Claes", "Medewerker KCC", VOORBEELD, (Role.CONTACT_CENTRE,)),
    Persona("sociaal_werker", "Sanne", "Wevers", "Sociaal werker", VOORBEELD, (Role.SOCIAL_WORKER,), ("wmo",)),
    Persona("vrijwilliger", "Vera", "Rijnders", "Vrijwilliger", VOORBEELD, (Role.VOLUNTEER,)),
    Persona("ondersteuning", "Ali", "Ouali", "Administratief medewerker", VOORBEELD, (Role.ADMIN_SUPPORT,)),
    Persona("directeur", "Dirk", "Evers", "Directeur", VOORBEELD, (Role.DIRECTOR,)),
    Persona("wethouder", "Wim", "Hofstede", "Wethouder sociaal domein", VOORBEELD, (Role.COLLEGE,)),
    Persona("raadslid", "Roos", "Aalbers", "Raadslid", VOORBEELD, (Role.COUNCIL,)),
    Persona(
        "wi_consulent",
        "Willem",
        "Idema",
        "Consulent Werk & Inkomen",
        VOORBEELD,
        (Role.CONSULENT,),
        ("werk-inkomen", "schulden"),
    ),
    Persona("fg_regio", "Femke", "Groothuis", "FG Oostdal en Westveen", EXECUTING, (Role.FG,)),
    Persona("teamleider_regio", "Tom", "Lammers", "Teamleider", EXECUTING, (Role.TEAM_LEAD,), ("wmo", "jeugd")),
    Persona("regisseur_regio", "Rianne", "Gerritsen", "Regisseur", EXECUTING, (Role.REGISSEUR,), ("zorg-veiligheid",)),
    Persona("beheerder_regio", "Bas", "Hendriks", "Applicatiebeheerder", EXECUTING, (Role.APPLICATION_MANAGER,)),
    Persona(
        "afdelingshoofd_regio",
        "Anouk",
        "Brinkman",
        "Afdelingshoofd sociaal domein",
        EXECUTING,
        (Role.HEAD_OF_SOCIAL_DOMAIN,),
    ),
    Persona("raadslid_oostdal", "Otto", "Dijkstra", "Raadslid", OOSTDAL, (Role.COUNCIL,)),
)


@dataclass
class World:
    organisations: dict[str, Organisation] = field(default_factory=dict)
    users: dict[str, Any] = field(default_factory=dict)
    api_keys: dict[str, str] = field(default_factory=dict)


def build_organisations(world: World) -> None:
    for slug, name, theme in MUNICIPALITIES:
        world.organisations[slug] = services.organisation_create(
            actor=None, kind=OrganisationKind.MUNICIPALITY, name=name, slug=slug, theme=theme
        )
    world.organisations[EXECUTING] = services.organisation_create(
        actor=None,
        kind=OrganisationKind.EXECUTING,
        name="Uitvoeringsorganisatie Dinkelrand",
        slug=EXECUTING,
        serves=[world.organisations[OOSTDAL], world.organisations[WESTVEEN]],
    )
    for controller, slug, name in PARTNERS:
        world.organisations[slug] = services.organisation_create(
            actor=None,
            kind=OrganisationKind.PARTNER,
            name=name,
            slug=slug,
            controller=world.organisations[controller],
        )


def build_people(world: World, people=PERSONAS + STAFF) -> None:
    """Users with the demo password (hashed once), a second factor and a membership."""
    User = get_user_model()
    password = make_password(DEMO_PASSWORD)
    for person in people:
        user = User(
            username=person.username,
            first_name=person.first_name,
            last_name=person.last_name,
            function_title=person.function_title,
            email=f"{person.username}@voorbeeld.invalid",
        )
        user.password = password
        user.save()
        give_demo_second_factor(user)
        services.membership_create(
            actor=None,
            user=user,
            organisation=world.organisations[person.organisation],
            roles=person.roles,
            domains=person.domains,
        )
        world.users[person.username] = user


def build_api_clients(world: World) -> None:
    _, key = services.api_client_create(
        actor=None,
        name="Registratiesysteem Zorggroep De Linde",
        organisation=world.organisations["zorg-de-linde"],
        controller=world.organisations[VOORBEELD],
        scopes=[ApiScope.READ_ORGANISATIONS],
    )
    world.api_keys["zorg-de-linde"] = key


def build(world: World, progress) -> None:
    progress("domeinen")
    load_domains()
    progress("organisaties")
    build_organisations(world)
    progress("medewerkers met tweede factor")
    build_people(world)
    progress("API-koppelingen")
    build_api_clients(world)
