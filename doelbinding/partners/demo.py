"""The demo world's partners and agreements: complete, incomplete, expired, soon-expiring and missing ones.

`GAPS` lists exactly the defects seeded here, per municipality; a test holds the worklist to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from doelbinding.partners import drafts, services
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
        DemoPartner("Dossierwerk ICT", K.PROCESSOR, C.OUTSOURCED, ("wmo", "jeugd")),
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
        DemoAgreement("Verwerkersovereenkomst Dossierwerk", "processing", ("Dossierwerk ICT",), covers=(PROCESSED,)),
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
        ("yearly_report_overdue", "Verwerkersovereenkomst Dossierwerk Westveen"),
    },
}

# What processors reported or asked, in days before today: (agreement, kind, days ago, details).
# Westveen's Dossierwerk agreement has no yearly report: one of the seeded gaps.
OBLIGATIONS = {
    VOORBEELD: [
        (
            "Verwerkersovereenkomst Dossierwerk",
            "yearly_report",
            60,
            {"notes": "Verslag over 2025 ontvangen; ISAE 3402 type II zonder bevindingen."},
        ),
        (
            "Verwerkersovereenkomst Dossierwerk",
            "audit",
            45,
            {"notes": "Audit door de gemeente op toegangsbeheer; twee kleine bevindingen, opgelost."},
        ),
        (
            "Verwerkersovereenkomst Dossierwerk",
            "subprocessor",
            30,
            {"subprocessor": "Back-up Diensten Noord", "approved": True},
        ),
        (
            "Verwerkersovereenkomst Dossierwerk",
            "breach_notice",
            12,
            {
                "incident_reference": "INC-2026-014",
                "notes": "Verkeerd geadresseerde e-mail met één cliëntnaam; binnen 24 uur gemeld.",
            },
        ),
        ("Verwerkersovereenkomst Cloudmail", "yearly_report", 200, {"notes": "Verslag ontvangen."}),
        (
            "Verwerkersovereenkomst Cloudmail",
            "subprocessor",
            90,
            {
                "subprocessor": "Mailfilter buiten de EU",
                "approved": False,
                "notes": "Doorgifte buiten de EU zonder passende waarborgen.",
            },
        ),
    ],
    OOSTDAL: [],
    WESTVEEN: [],
}

# Who may see what under a covenant: (covenant, partner, domain, level, purpose). A partner that is not a party
# to the covenant is a 'schil' partner.
SHARES = {
    VOORBEELD: [
        (
            "Convenant Zorg en Veiligheid Midden",
            "Zorg- en Veiligheidshuis Midden",
            "zorg-veiligheid",
            "content",
            "Procesregie bij complexe casuïstiek",
        ),
        (
            "Convenant Zorg en Veiligheid Midden",
            "Politie eenheid Midden",
            "wmo",
            "involvement",
            "Weten of hulpverlening al betrokken is",
        ),
        (
            "Convenant Zorg en Veiligheid Midden",
            "Politie eenheid Midden",
            "jeugd",
            "involvement",
            "Weten of hulpverlening al betrokken is",
        ),
        (
            "Convenant Zorg en Veiligheid Midden",
            "Veilig Thuis Regio Midden",
            "jeugd",
            "content",
            "Veiligheid van kinderen beoordelen",
        ),
        (
            "Convenant Zorg en Veiligheid Midden",
            "Woningcorporatie Thuisbasis",
            "wmo",
            "involvement",
            "Huisuitzetting voorkomen",
        ),
        (
            "Convenant Zorg en Veiligheid Midden",
            "Budgetcoaches Voorbeeld",
            "schulden",
            "involvement",
            "Schulden bespreken in het casusoverleg",
        ),
    ],
    OOSTDAL: [
        (
            "Convenant veiligheid Oostdal",
            "Politie team Oostdal",
            "jeugd",
            "involvement",
            "Weten of hulpverlening al betrokken is",
        ),
        (
            "Convenant veiligheid Oostdal",
            "Veilig Thuis Oostdal",
            "jeugd",
            "content",
            "Veiligheid van kinderen beoordelen",
        ),
    ],
    WESTVEEN: [
        (
            "Convenant veiligheid Westveen",
            "Woningstichting Westveen",
            "schulden",
            "involvement",
            "Huisuitzetting voorkomen",
        ),
    ],
}

# The signed text of these agreements is in the demo: the project's own draft, as a PDF.
DOCUMENTED = {"Verwerkersovereenkomst Dossierwerk", "Convenant Zorg en Veiligheid Midden"}


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


PURPOSES = {
    "processing": "Hosting, beheer en ondersteuning van de systemen waarin de gemeente cliëntgegevens verwerkt.",
    "purchase": "Het leveren van ingekochte ondersteuning aan inwoners, en de gegevens die daarvoor en voor de "
    "declaratie nodig zijn.",
    "covenant": "Samenwerken aan hulp en veiligheid voor inwoners met meervoudige problemen, en de voorwaarden "
    "waaronder partners daarvoor gegevens delen.",
    "joint": "Samen bepalen waarvoor en hoe gegevens worden verwerkt bij het gezamenlijk uitvoeren van de taak.",
    "confidentiality": "Geheimhouding van de gegevens van inwoners die medewerkers van de partner bij hun werk zien.",
}
OBLIGATION_DEFAULTS = {"subprocessor": "", "approved": None, "incident_reference": "", "notes": ""}


def _attach_draft(agreement, actor) -> None:
    upload = SimpleUploadedFile(f"{agreement.title}.pdf", drafts.as_pdf(drafts.compose(agreement)))
    services.document_add(actor=actor, agreement=agreement, upload=upload)


def build(world, progress) -> None:
    today = timezone.localdate()
    for slug, partners in PARTNERS.items():
        controller = world.organisations[slug]
        progress(f"partners en afspraken {controller.name}")
        actor = world.users["privacy_officer" if slug == VOORBEELD else "fg_regio"]
        records, agreements = {}, {}
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
                    "purposes": PURPOSES[a.kind],
                    "public": True,
                    **_dates(a.state, today),
                },
                parties=[records[name] for name in a.parties],
                activities=activities,
            )
            _assess(agreement, a.state, actor)
            agreements[a.title] = agreement
            if a.title in DOCUMENTED:
                _attach_draft(agreement, actor)
        for title, kind, days, details in OBLIGATIONS[slug]:
            agreement = agreements[title]
            services.obligation_record(
                actor=actor,
                agreement=agreement,
                partner=agreement.parties.first(),
                fields={**OBLIGATION_DEFAULTS, "kind": kind, "occurred_on": today - timedelta(days=days), **details},
            )
        for title, partner, domain, level, purpose in SHARES[slug]:
            services.information_share_set(
                actor=actor,
                agreement=agreements[title],
                partner=records[partner],
                domain=domain,
                level=level,
                purpose=purpose,
            )
