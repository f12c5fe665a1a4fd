"""The demo world's governance: Gemeente Voorbeeld with the seed's worked example complete, every role filled, a
finished workshop and step plans under way; Gemeente Oostdal half-way, with rule violations and a workshop at step
3 whose prefills differ; Gemeente Westveen with the example and the regional FG it shares with Oostdal."""

from __future__ import annotations

from datetime import date

from doelbinding.core.services import save_with_history
from doelbinding.governance import services
from doelbinding.governance.models import Approach, Expertise, GovernanceRole, StepStatus, WorkshopStep
from doelbinding.partners.models import Agreement
from doelbinding.tenancy.demo import OOSTDAL, VOORBEELD, WESTVEEN

ROLE_FIELDS = ["accountable_role", "contact_role"]
OWN_ACTIVITY = "Privacy op de agenda van het teamoverleg houden en dilemma's bespreken"

# Who fills which role in Gemeente Voorbeeld: demo users by user name, outsiders by (name, organisation).
VOORBEELD_PEOPLE = {
    "fg": ["fg"],
    "ciso": ["ciso"],
    "application_manager": ["beheerder"],
    "head_of_social_domain": ["manager"],
    "contact_centre": ["kcc"],
    "complaints_coordinator": ["klachtencoordinator"],
    "team_lead": ["teamleider"],
    "social_worker": ["sociaal_werker", "wmo_consulent", "jeugd_consulent"],
    "regisseur": ["regisseur"],
    "admin_support": ["ondersteuning"],
    "volunteer": ["vrijwilliger"],
    "college": ["wethouder"],
    "privacy_lead": ["privacy_officer"],
}
VOORBEELD_OUTSIDERS = {
    "ict_supplier": [("Servicedesk Dossierwerk", "Dossierwerk ICT")],
    "chain_partner": [("Contactpersoon convenant", "Woningcorporatie Thuisbasis")],
    "core_partner": [("Coördinator detachering", "Zorggroep De Linde")],
}

# Oostdal's half-finished matrix: each row breaks a rule the way workshops do.
OOSTDAL_CELLS = {
    ("T2-03", "college"): "A",
    ("T2-03", "head_of_social_domain"): "A",  # two A's
    ("T2-03", "fg"): "R",
    ("T2-05", "fg"): "RA",  # the FG supervises and approves its own supervision
    ("T2-09", "ciso"): "S",  # nobody carries it out, nobody approves
    ("T2-15", "contact_centre"): "R",  # no A
    ("T2-18", "team_lead"): "A",
    ("T2-18", "social_worker"): "R",
}
OOSTDAL_PROPOSALS = {
    "fg_regio": {("T2-03", "head_of_social_domain"): "R", ("T2-09", "ciso"): "R", ("T2-09", "college"): "A"},
    "afdelingshoofd_regio": {("T2-03", "head_of_social_domain"): "A", ("T2-09", "ciso"): "R"},
}


def _role(controller, code: str) -> GovernanceRole:
    return GovernanceRole.objects.get(controller=controller, code=code)


def build(world, progress) -> None:
    progress("Governance: rollen, RASIC-matrix, workshops en stappenplannen")
    actor = world.users["fg"]
    voorbeeld = world.organisations[VOORBEELD]
    services.governance_setup(actor=actor, controller=voorbeeld, example=True)
    services.roles_choose(
        actor=actor,
        controller=voorbeeld,
        chosen=GovernanceRole.objects.filter(controller=voorbeeld).exclude(code="privacy_officer"),
    )
    own = services.activity_add(actor=actor, controller=voorbeeld, name=OWN_ACTIVITY)
    services.cells_save(
        actor=actor,
        controller=voorbeeld,
        values={
            (own.code, "head_of_social_domain"): "A",
            (own.code, "team_lead"): "R",
            (own.code, "privacy_lead"): "S",
            (own.code, "fg"): "C",
        },
    )
    for code, usernames in VOORBEELD_PEOPLE.items():
        for username in usernames:
            services.assignment_add(actor=actor, role=_role(voorbeeld, code), user=world.users[username])
    for code, outsiders in VOORBEELD_OUTSIDERS.items():
        for name, organisation in outsiders:
            services.assignment_add(
                actor=actor, role=_role(voorbeeld, code), external_name=name, organisation_name=organisation
            )
    _voorbeeld_workshop(world, voorbeeld)
    _step_plans(world, voorbeeld)
    _agreement_roles(voorbeeld)

    oostdal, westveen = world.organisations[OOSTDAL], world.organisations[WESTVEEN]
    regional_fg = world.users["fg_regio"]
    services.governance_setup(actor=regional_fg, controller=oostdal)
    services.cells_save(actor=regional_fg, controller=oostdal, values=OOSTDAL_CELLS)
    services.assignment_add(actor=regional_fg, role=_role(oostdal, "fg"), user=regional_fg)
    services.assignment_add(actor=regional_fg, role=_role(oostdal, "team_lead"), user=world.users["teamleider_regio"])
    workshop = services.workshop_start(
        actor=regional_fg, controller=oostdal, title="RASIC-workshop Oostdal", approach=Approach.PREFILL
    )
    for username, proposals in OOSTDAL_PROPOSALS.items():
        participant = services.participant_add(
            actor=regional_fg, workshop=workshop, user=world.users[username], expertise=Expertise.POLICY
        )
        services.proposals_save(actor=regional_fg, participant=participant, values=proposals)
    services.workshop_step(actor=regional_fg, workshop=workshop, step=WorkshopStep.MATRIX)

    services.governance_setup(actor=regional_fg, controller=westveen, example=True)
    services.assignment_add(actor=regional_fg, role=_role(westveen, "fg"), user=regional_fg)


def _voorbeeld_workshop(world, voorbeeld) -> None:
    actor = world.users["fg"]
    workshop = services.workshop_start(
        actor=actor,
        controller=voorbeeld,
        title="RASIC-workshop sociaal domein 2026",
        approach=Approach.TOGETHER,
        held_on=date(2026, 3, 12),
    )
    for username, expertise in [
        ("fg", Expertise.LEGAL),
        ("manager", Expertise.MANAGEMENT),
        ("ciso", Expertise.SECURITY),
        ("teamleider", Expertise.EXECUTION),
        ("privacy_officer", Expertise.POLICY),
    ]:
        services.participant_add(actor=actor, workshop=workshop, user=world.users[username], expertise=expertise)
    services.follow_up_add(
        actor=actor,
        controller=voorbeeld,
        workshop=workshop,
        description="Functieprofielen aanvullen met de privacytaken uit de matrix",
        owner="Afdelingshoofd sociaal domein",
        due_on=date(2026, 6, 1),
    )
    done = services.follow_up_add(
        actor=actor,
        controller=voorbeeld,
        workshop=workshop,
        description="Matrix voorleggen aan het college",
        owner="FG",
        due_on=date(2026, 4, 15),
    )
    services.follow_up_done(actor=actor, follow_up=done)
    services.workshop_step(actor=actor, workshop=workshop, step=WorkshopStep.ORGANISE)
    services.workshop_finish(actor=actor, workshop=workshop)


def _step_plans(world, voorbeeld) -> None:
    for step, status, note in [
        (
            "internal-lead",
            StepStatus.DONE,
            "FG aangesteld; de privacyfunctionaris is regievoerder privacy in het sociaal domein.",
        ),
        ("internal-roles", StepStatus.DONE, "RASIC-matrix vastgesteld na de workshop van maart."),
        ("internal-council", StepStatus.STARTED, "Eerste verantwoording aan de raad gepland voor het najaar."),
        ("external-map", StepStatus.DONE, ""),
        ("external-collaboration", StepStatus.DONE, ""),
        ("external-inventory", StepStatus.STARTED, "Afspraken met de kernpartners zijn nog niet allemaal gevonden."),
    ]:
        services.plan_step_save(actor=world.users["fg"], controller=voorbeeld, step=step, status=status, note=note)


def _agreement_roles(voorbeeld) -> None:
    """The RASIC result feeds the agreements: the college answers for covenants, the FG is the contact."""
    college, fg = _role(voorbeeld, "college"), _role(voorbeeld, "fg")
    for agreement in Agreement.objects.filter(controller=voorbeeld, kind="covenant"):
        agreement.accountable_role, agreement.contact_role = college, fg
        save_with_history(agreement, actor=None, reason="rollen uit de RASIC-matrix", update_fields=ROLE_FIELDS)
