"""The demo world's partners and agreements: complete, incomplete, expired, soon-expiring and missing ones.

`GAPS` lists exactly the defects seeded here, per municipality; a test holds the worklist to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from doelbinding.partners import services
from doelbinding.partners.models import AgreementStatus, ClauseStatus
from doelbinding.partners.models import Collaboration as C
from doelbinding.partners.models import PartnerKind as K
from doelbinding.register.models import Activity
from doelbinding.tenancy.demo import OOSTDAL, VOORBEELD, WESTVEEN

PROCESSED = "Maatwerkvoorziening Wmo"  # the register activity that names a processor in every municipality


@dataclass(frozen=True)
class DemoPartner:
    name: str
    kind: str
    collaboration: str
    domains: tuple[str, ...] = ()


@dataclass(frozen=True)
class DemoAgreement:
    title: str
    kind: str
    parties: tuple[str, ...]
    state: str = "complete"  # complete, incomplete, expired, expiring, concept or ended
    covers: tuple[str, ...] = ()


CASE = (C.CASE_LEVEL, ("zorg-veiligheid",))

PARTNERS = {
    VOORBEELD: [
        DemoPartner("Dossierwerk ICT (verwerker)", K.PROCESSOR, C.OUTSOURCED, ("wmo", "jeugd")),
        DemoPartner("Zorggroep De Linde", K.CARE_PROVIDER, C.PURCHASED_CARE, ("wmo",)),
        DemoPartner("Thuiszorg Zonnehof", K.CARE_PROVIDER, C.PURCHASED_CARE, ("wmo",)),
        DemoPartner("Woningcorporatie Thuisbasis", K.HOUSING, *CASE),
        DemoPartner("Zorg- en Veiligheidshuis Midden", K.ZVH, *CASE),
        DemoPartner("Politie eenheid Midden", K.POLICE, *CASE),
        DemoPartner("Openbaar Ministerie arrondissement Midden", K.PROSECUTOR, *CASE),
        DemoPartner("Veilig Thuis Regio Midden", K.VEILIG_THUIS, *CASE),
        DemoPartner("Stichting Samen Wijkteams", K.CORE, C.OUTSOURCED, ("wmo", "jeugd")),
        DemoPartner("Cloudmail Hosting", K.PROCESSOR, C.OUTSOURCED),
        DemoPartner("Budgetcoaches Voorbeeld", K.CHAIN, C.CASE_LEVEL, ("schulden",)),
    ],
    OOSTDAL: [
        DemoPartner("Jeugdhulp Oostdal", K.CARE_PROVIDER, C.PURCHASED_CARE, ("jeugd",)),
        DemoPartner("Dossierwerk ICT", K.PROCESSOR, C.OUTSOURCED, ("wmo",)),
        DemoPartner("Politie team Oostdal", K.POLICE, *CASE),
        DemoPartner("Veilig Thuis Oostdal", K.VEILIG_THUIS, *CASE),
        DemoPartner("Woonstichting Oostdal", K.HOUSING, *CASE),
        DemoPartner("Buurtwerk Oostdal", K.CORE, C.OUTSOURCED, ("wmo",)),
        DemoPartner("Sportfonds Oostdal", K.OTHER_CASE, C.CASE_LEVEL, ("jeugd",)),
    ],
    WESTVEEN: [
        DemoPartner("Stichting Schuldhulp Westveen", K.CHAIN, C.OUTSOURCED, ("schulden",)),
        DemoPartner("Dossierwerk ICT", K.PROCESSOR, C.OUTSOURCED, ("wmo",)),
        DemoPartner("Zorgcollectief Westveen", K.CARE_PROVIDER, C.PURCHASED_CARE, ("wmo",)),
        DemoPartner("Politie team Westveen", K.POLICE, *CASE),
        DemoPartner("Woningstichting Westveen", K.HOUSING, *CASE),
        DemoPartner("Veilig Thuis Westveen", K.VEILIG_THUIS, *CASE),
        DemoPartner("Thuisadministratie Westveen", K.CORE, C.OUTSOURCED, ("schulden",)),
    ],
}

AGREEMENTS = {
    VOORBEELD: [
        DemoAgreement(
            "Verwerkersovereenkomst Dossierwerk", "processing", ("Dossierwerk ICT (verwerker)",), covers=(PROCESSED,)
        ),
        DemoAgreement("Inkoopcontract Wmo 2026", "purchase", ("Zorggroep De Linde", "Thuiszorg Zonnehof")),
        DemoAgreement(
            "Convenant Zorg en Veiligheid Midden",
            "covenant",
            (
                "Woningcorporatie Thuisbasis",
                "Zorg- en Veiligheidshuis Midden",
                "Politie eenheid Midden",
                "Openbaar Ministerie arrondissement Midden",
                "Veilig Thuis Regio Midden",
            ),
        ),
        DemoAgreement("Convenant wijkteams", "covenant", ("Stichting Samen Wijkteams",), state="incomplete"),
        DemoAgreement("Verwerkersovereenkomst Cloudmail", "processing", ("Cloudmail Hosting",), state="expiring"),
    ],
    OOSTDAL: [
        DemoAgreement("Inkoopcontract jeugdhulp Oostdal", "purchase", ("Jeugdhulp Oostdal",), state="expired"),
        DemoAgreement(
            "Verwerkersovereenkomst Dossierwerk Oostdal",
            "processing",
            ("Dossierwerk ICT",),
            state="concept",
            covers=(PROCESSED,),
        ),
        DemoAgreement(
            "Convenant veiligheid Oostdal",
            "covenant",
            ("Politie team Oostdal", "Veilig Thuis Oostdal", "Woonstichting Oostdal"),
        ),
        DemoAgreement("Geheimhoudingsovereenkomst Buurtwerk", "confidentiality", ("Buurtwerk Oostdal",)),
    ],
    WESTVEEN: [
        DemoAgreement(
            "Regeling gezamenlijke verantwoordelijkheid schuldhulp", "joint", ("Stichting Schuldhulp Westveen",)
        ),
        DemoAgreement(
            "Verwerkersovereenkomst Dossierwerk Westveen", "processing", ("Dossierwerk ICT",), covers=(PROCESSED,)
        ),
        DemoAgreement("Inkoopcontract Wmo Westveen", "purchase", ("Zorgcollectief Westveen",), state="incomplete"),
        DemoAgreement(
            "Convenant veiligheid Westveen",
            "covenant",
            ("Politie team Westveen", "Woningstichting Westveen", "Veilig Thuis Westveen"),
            state="expiring",
        ),
        DemoAgreement(
            "Geheimhouding Thuisadministratie 2019-2024", "confidentiality", ("Thuisadministratie Westveen",), "ended"
        ),
    ],
}

# Exactly the defects seeded above: (check, name of the partner, agreement or activity).
GAPS = {
    VOORBEELD: {
        ("missing_clauses", "Convenant wijkteams"),
        ("expiring", "Verwerkersovereenkomst Cloudmail"),
        ("missing_agreement", "Budgetcoaches Voorbeeld"),
    },
    OOSTDAL: {
        ("expired", "Inkoopcontract jeugdhulp Oostdal"),
        ("missing_agreement", "Dossierwerk ICT"),
        ("missing_clauses", "Verwerkersovereenkomst Dossierwerk Oostdal"),
        ("processing_without_agreement", PROCESSED),
        ("missing_agreement", "Sportfonds Oostdal"),
    },
    WESTVEEN: {
        ("missing_clauses", "Inkoopcontract Wmo Westveen"),
        ("expiring", "Convenant veiligheid Westveen"),
        ("missing_agreement", "Thuisadministratie Westveen"),
    },
}


def _dates(state: str, today) -> dict:
    signed = today - timedelta(days=400)
    expires = {
        "expired": today - timedelta(days=30),
        "expiring": today + timedelta(days=30),
        "ended": today - timedelta(days=200),
    }
    return {
        "signed_on": signed,
        "effective_from": signed + timedelta(days=14),
        "expires_on": expires.get(state, today + timedelta(days=730)),
        "status": {"concept": AgreementStatus.CONCEPT, "ended": AgreementStatus.ENDED}.get(
            state, AgreementStatus.ACTIVE
        ),
    }


def _assess(agreement, state: str, actor) -> None:
    """Everything present with its article; an incomplete agreement lacks its first two mandatory clauses."""
    if state == "concept":
        return
    clauses = list(agreement.clauses.all())
    absent = [c.clause for c in clauses if c.mandatory][:2] if state == "incomplete" else []
    assessments = {
        c.clause: (ClauseStatus.ABSENT, "") if c.clause in absent else (ClauseStatus.PRESENT, f"art. {n}")
        for n, c in enumerate(clauses, start=1)
    }
    services.checklist_assess(actor=actor, agreement=agreement, assessments=assessments)


def build(world, progress) -> None:
    today = timezone.localdate()
    for slug, partners in PARTNERS.items():
        controller = world.organisations[slug]
        progress(f"partners en afspraken {controller.name}")
        actor = world.users["privacy_officer" if slug == VOORBEELD else "fg_regio"]
        records = {}
        for p in partners:
            fields = {
                "kind": p.kind,
                "collaboration": p.collaboration,
                "domains": list(p.domains),
                "contact_name": f"Contactpersoon {p.name}",
                "contact_email": "privacy@partner.invalid",
                "dpo_name": "" if p.kind == K.OTHER_CASE else f"FG van {p.name}",
                "dpo_email": "" if p.kind == K.OTHER_CASE else "fg@partner.invalid",
            }
            records[p.name] = services.partner_create(actor=actor, controller=controller, name=p.name, fields=fields)
        for a in AGREEMENTS[slug]:
            activities = Activity.objects.filter(controller=controller, versions__name__in=a.covers).distinct()
            agreement = services.agreement_create(
                actor=actor,
                controller=controller,
                fields={
                    "title": a.title,
                    "kind": a.kind,
                    "purposes": f"Afspraken over de zorgvuldige omgang met persoonsgegevens: {a.title.lower()}.",
                    "public": True,
                    **_dates(a.state, today),
                },
                parties=[records[name] for name in a.parties],
                activities=activities,
            )
            _assess(agreement, a.state, actor)
