"""The exchange assessment of issue 6: may this content leave its domain or organisation for this case? Pure.

`assess(facts)` runs every rule in `RULES` over one `ExchangeFacts`. Each rule decides one branch (the A/B/C interest,
professional secrecy, special data, the SUWI regime, ...) and returns its reasons, each citing the rule it applies.
One refusal refuses the exchange; otherwise any condition makes it "allowed with conditions". An additional ground
is taken in the order the law prefers it: a statutory provision, then consent, then an emergency. The decision table
and its sources are in docs/exchange-rules.md.
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import gettext as _

from doelbinding.casework.exchange_facts import (
    SENSITIVE_CATEGORIES,
    SPECIAL_CATEGORIES,
    Alternative,
    Assessment,
    DataCategory,
    Domain,
    Effect,
    Emergency,
    ExchangeFacts,
    Interest,
    Outcome,
    Reason,
    Secrecy,
    Stance,
    Statute,
    Triage,
)

# Citations. Guidance is cited by name (seed 003: the IBD webinar; seed 002: the Noaberkracht policy).
IBD = "IBD-webinar Zorg en Veiligheid"
NOABERKRACHT = "Privacybeleid Noaberkracht"
AVG_PURPOSE = "AVG art. 5 lid 1 sub b"
AVG_MINIMISATION = "AVG art. 5 lid 1 sub c"
AVG_PRINCIPLES = "AVG art. 5"
AVG_CONSENT = "AVG art. 6 lid 1 sub a"
AVG_OBLIGATION = "AVG art. 6 lid 1 sub c"
AVG_VITAL = "AVG art. 6 lid 1 sub d"
AVG_TASK = "AVG art. 6 lid 1 sub e en lid 3"
AVG_LAW_NAMED = "AVG art. 6 lid 3"
AVG_COMPATIBLE = "AVG art. 6 lid 4"
AVG_LINK = "AVG art. 6 lid 4 sub a"
AVG_CONTEXT = "AVG art. 6 lid 4 sub b"
AVG_NATURE = "AVG art. 6 lid 4 sub c"
AVG_CONSEQUENCES = "AVG art. 6 lid 4 sub d"
AVG_SAFEGUARDS = "AVG art. 6 lid 4 sub e"
AVG_SPECIAL_BAN = "AVG art. 9 lid 1"
AVG_SPECIAL_CONSENT = "AVG art. 9 lid 2 sub a"
AVG_SPECIAL_VITAL = "AVG art. 9 lid 2 sub c"
AVG_SPECIAL_LAW = "AVG art. 9 lid 2 sub g"
AVG_CRIMINAL = "AVG art. 10"
AVG_INFORM = "AVG art. 13 en 14"
AVG_FREE_CONSENT = "AVG overweging 43"
AP_CONSENT = "AP, De rol van toestemming in het sociaal domein (2016)"
UAVG_CRIMINAL = "UAVG art. 32"
UAVG_BSN = "UAVG art. 46"
SUWI_EXCHANGE = "Wet SUWI art. 62"
SUWI_SECRECY = "Wet SUWI art. 74"
WPOLG = "Wet politiegegevens"
LEGAL_BASIS = f"{IBD}, deel 2"
INTERESTS = f"{IBD}, deel 2 (A-, B- en C-belangen)"
INTEREST_A = f"{IBD}, deel 2 (A-belang)"
INTEREST_B = f"{IBD}, deel 2 (B-belang)"
INTEREST_C = f"{IBD}, deel 2 (C-belang)"
STATUTORY_PROVISION = f"{IBD}, deel 2 (wettelijke bepaling tot verstrekken)"
OWN_TASK = f"{IBD}, deel 2 (geen gemeenschappelijke wettelijke taak)"
STATUTORY_SECRECY = f"{IBD}, deel 2 (wettelijke geheimhouding)"
CONFLICT_OF_DUTIES = f"{IBD}, deel 2 (noodsituatie: conflict van plichten)"
TRIAGE = f"{IBD}, deel 3 (fase 2: triage)"
TRIAGE_POLICY = f"{NOABERKRACHT}, bijlage 3 (triage)"
PURPOSE_POLICY = f"{NOABERKRACHT}, bijlage 3 (uitgangspunt 5)"
SECRECY_POLICY = f"{NOABERKRACHT}, bijlage 3 (uitgangspunt 6)"
SUWI_POLICY = f"{NOABERKRACHT}, bijlage 3 (Participatiewet)"
HEALTH_LAW_OR_CONSENT = f"{NOABERKRACHT} §2.2 lid 8 sub a"
EVIDENT_INTEREST = f"{NOABERKRACHT} §2.2 lid 8 sub b"


def rule_of_thumb(number: int) -> str:
    """One of the eight rules of thumb for collaboration (seed 003, part 3)."""
    return f"{IBD}, vuistregel {number}"


def dos_and_donts(number: int) -> str:
    """One of the do's and don'ts of seed 002, Bijlage 4."""
    return f"{NOABERKRACHT}, bijlage 4 punt {number}"


# The law each party's task rests on. The Zorg- en Veiligheidshuis has none: it is a collaboration (seed 003).
SECTOR_LAW = {
    Domain.WMO: "Wmo 2015",
    Domain.YOUTH: "Jeugdwet",
    Domain.WORK_INCOME: "Participatiewet",
    Domain.DEBT: "Wgs",
    Domain.COMPULSORY_EDUCATION: "Leerplichtwet",
    Domain.SAFETY: "Gemeentewet",
    Domain.CARE_PROVIDER: "WGBO",
    Domain.YOUTH_CARE_PROVIDER: "Jeugdwet",
    Domain.PUBLIC_HEALTH: "Wpg",
    Domain.VEILIG_THUIS: "Wmo 2015",
    Domain.POLICE: "Politiewet 2012",
}
# Parties that give help or care; with anyone else an "evident interest" in health data is rare (seed 002 §2.2.8).
CARE_GIVING = frozenset(
    {
        Domain.WMO,
        Domain.YOUTH,
        Domain.DEBT,
        Domain.CARE_PROVIDER,
        Domain.YOUTH_CARE_PROVIDER,
        Domain.PUBLIC_HEALTH,
        Domain.VEILIG_THUIS,
    }
)

SECRECY_LAW = {
    Secrecy.MEDICAL: "art. 7:457 BW (WGBO)",
    Secrecy.YOUTH_CARE: "Jeugdwet art. 7.3.11",
    Secrecy.OTHER: STATUTORY_SECRECY,
}

EMERGENCY_CITATION = {Emergency.CONFLICT_OF_DUTIES: CONFLICT_OF_DUTIES, Emergency.VITAL_INTEREST: AVG_VITAL}

ALTERNATIVE_SOURCES = {
    Alternative.INVOLVEMENT_ONLY: (rule_of_thumb(8), dos_and_donts(6)),
    Alternative.ANONYMOUS_DISCUSSION: (rule_of_thumb(8),),
    Alternative.ASK_PERSON: (rule_of_thumb(8), dos_and_donts(3)),
    Alternative.FEWER_DATA: (rule_of_thumb(8), dos_and_donts(1)),
}

Reasons = tuple[Reason, ...]


def _cite(*parts: str) -> str:
    return "; ".join(dict.fromkeys(parts))


def _statute(f: ExchangeFacts) -> bool:
    return f.statute is not Statute.NONE and bool(f.statute_reference.strip())


def _free_consent(f: ExchangeFacts) -> bool:
    return f.consent is not None and f.consent.free


def _explicit_consent(f: ExchangeFacts) -> bool:
    return f.consent is not None and f.consent.free and f.consent.explicit


def _consent_is_basis(f: ExchangeFacts) -> bool:
    """Consent carries a C-interest only when it is free and not the basis of the collaboration (rule of thumb 6)."""
    return f.consent is not None and f.consent.free and not f.consent.for_collaboration


def _task_based(f: ExchangeFacts) -> bool:
    return not _statute(f) and f.interest in (Interest.A, Interest.B)


def stated_purpose(f: ExchangeFacts) -> Reasons:
    if f.purpose.strip():
        return ()
    text = _("Het doel van de uitwisseling ontbreekt. Leg concreet vast waarvoor de gegevens nodig zijn.")
    return (Reason(Effect.REFUSAL, text, _cite(AVG_PURPOSE, dos_and_donts(2))),)


def triage(f: ExchangeFacts) -> Reasons:
    """Exchange only after triage; an obligation to provide needs none, an emergency may come before it."""
    if f.statute is Statute.OBLIGES and _statute(f):
        return ()
    findings = _triage_findings(f.triage)
    if findings and f.emergency is not None:
        text = _("Vanwege de noodsituatie gaat de uitwisseling vóór de triage; leg die zo snel mogelijk vast.")
        return (Reason(Effect.CONDITION, text, _cite(TRIAGE, EMERGENCY_CITATION[f.emergency]), f.emergency),)
    return findings


def _triage_findings(decision: Triage | None) -> Reasons:
    if decision is None:
        text = _(
            "Er is nog geen triagebesluit. Gegevens verlaten een domein pas als de triage samenwerking nodig acht."
        )
        return (Reason(Effect.REFUSAL, text, _cite(TRIAGE, TRIAGE_POLICY)),)
    reasons = []
    if not decision.multi_problem:
        text = _("Volgens de triage is er geen meervoudige problematiek: de hulp blijft binnen één domein.")
        reasons.append(Reason(Effect.REFUSAL, text, _cite(TRIAGE, TRIAGE_POLICY)))
    if not decision.collaboration_needed:
        text = _("Volgens de triage is samenwerking niet nodig om het probleem op te lossen; delen is dan niet nodig.")
        reasons.append(Reason(Effect.REFUSAL, text, _cite(TRIAGE, AVG_MINIMISATION)))
    if not decision.within_collaboration_purpose:
        text = _("Het doel valt buiten dat van het samenwerkingsverband; binnen deze samenwerking wordt niet gedeeld.")
        reasons.append(Reason(Effect.REFUSAL, text, _cite(TRIAGE, AVG_PURPOSE)))
    return tuple(reasons)


def legal_basis(f: ExchangeFacts) -> Reasons:
    """The A/B/C scheme of seed 003, or a statutory provision, which makes the interest irrelevant."""
    if f.provider is Domain.POLICE:
        return ()  # police data follow the Wet politiegegevens: see `police_data`
    if f.statute is not Statute.NONE:
        return _statutory_basis(f)
    if f.interest is None:
        text = _(
            "Stel vast voor wiens taak de uitwisseling nodig is: die van de verstrekker (A), die van verstrekker en "
            "ontvanger (B) of alleen die van de ontvanger (C)."
        )
        return (Reason(Effect.REFUSAL, text, INTERESTS),)
    missing = _missing_tasks(f, f.interest)
    if missing:
        return missing
    if f.interest is Interest.C:
        return _recipient_interest(f, SECTOR_LAW[f.recipient])
    provider_law = SECTOR_LAW[f.provider]
    if f.interest is Interest.A:
        text = _("A-belang: de uitwisseling is nodig voor de taak van de verstrekker op grond van de %(law)s.")
        return (Reason(Effect.BASIS, text % {"law": provider_law}, _cite(AVG_TASK, provider_law, INTEREST_A)),)
    recipient_law = SECTOR_LAW[f.recipient]
    text = _(
        "B-belang: de uitwisseling is nodig voor de taak van de verstrekker (%(provider)s) én die van de "
        "ontvanger (%(recipient)s)."
    )
    citation = _cite(AVG_TASK, provider_law, recipient_law, INTEREST_B)
    return (Reason(Effect.BASIS, text % {"provider": provider_law, "recipient": recipient_law}, citation),)


def _statutory_basis(f: ExchangeFacts) -> Reasons:
    if not _statute(f):
        text = _("Noem de wettelijke bepaling die deze verstrekking draagt; zonder artikel is dat niet na te gaan.")
        return (Reason(Effect.REFUSAL, text, AVG_LAW_NAMED),)
    values = {"provision": f.statute_reference.strip()}
    if f.statute is Statute.OBLIGES:
        text = _(
            "Een wettelijke plicht tot verstrekken (%(provision)s) is de grondslag; het soort belang doet er niet toe."
        )
        basis = Reason(Effect.BASIS, text % values, _cite(AVG_OBLIGATION, STATUTORY_PROVISION))
    else:
        text = _(
            "Een specifieke wettelijke bepaling (%(provision)s) staat deze verstrekking toe; het soort belang doet er "
            "niet toe."
        )
        basis = Reason(Effect.BASIS, text % values, _cite(AVG_TASK, STATUTORY_PROVISION))
    principles = _(
        "Ook dan gelden de beginselen van de AVG: niet meer gegevens dan nodig, juist, beveiligd en niet langer "
        "bewaard dan nodig."
    )
    return basis, Reason(Effect.NOTE, principles, _cite(AVG_PRINCIPLES, STATUTORY_PROVISION))


def _missing_tasks(f: ExchangeFacts, interest: Interest) -> Reasons:
    """An interest rests on a statutory task of each party it names; a collaboration has none of its own."""
    roles = {
        Interest.A: ((f.provider, _("verstrekker")),),
        Interest.B: ((f.provider, _("verstrekker")), (f.recipient, _("ontvanger"))),
        Interest.C: ((f.recipient, _("ontvanger")),),
    }[interest]
    text = _(
        "De %(role)s heeft geen eigen wettelijke taak waarop dit belang kan rusten. Er is geen gemeenschappelijke "
        "taak: elke partner deelt vanuit zijn eigen taak."
    )
    return tuple(
        Reason(Effect.REFUSAL, text % {"role": role}, OWN_TASK) for domain, role in roles if domain not in SECTOR_LAW
    )


def _recipient_interest(f: ExchangeFacts, recipient_law: str) -> Reasons:
    if _consent_is_basis(f):
        text = _(
            "C-belang: de uitwisseling dient alleen de taak van de ontvanger (%(law)s) en betrokkene heeft er vrij "
            "toestemming voor gegeven."
        )
        return (Reason(Effect.BASIS, text % {"law": recipient_law}, _cite(AVG_CONSENT, recipient_law, INTEREST_C)),)
    if f.emergency is not None:
        text = _(
            "C-belang in een noodsituatie: de uitwisseling dient de taak van de ontvanger (%(law)s) en wendt ernstig "
            "gevaar af."
        )
        citation = _cite(recipient_law, INTEREST_C, EMERGENCY_CITATION[f.emergency])
        return (Reason(Effect.BASIS, text % {"law": recipient_law}, citation, f.emergency),)
    text = _(
        "Een C-belang (alleen nodig voor de taak van de ontvanger) draagt een uitwisseling alleen met een specifieke "
        "wettelijke bepaling, vrije toestemming van betrokkene of in een noodsituatie; geen daarvan is aanwezig."
    )
    return (Reason(Effect.REFUSAL, text, INTEREST_C),)


def police_data(f: ExchangeFacts) -> Reasons:
    if f.provider is not Domain.POLICE:
        return ()
    if _statute(f):
        text = _("De politie verstrekt op grond van de Wet politiegegevens (%(provision)s).")
        return (Reason(Effect.BASIS, text % {"provision": f.statute_reference.strip()}, WPOLG),)
    text = _("Politiegegevens worden alleen verstrekt op grond van een bepaling uit de Wet politiegegevens; noem die.")
    return (Reason(Effect.REFUSAL, text, WPOLG),)


def professional_secrecy(f: ExchangeFacts) -> Reasons:
    """Secrecy needs an additional ground on top of the interest: a statute, consent, or an emergency."""
    if f.secrecy is Secrecy.NONE:
        return ()
    law = SECRECY_LAW[f.secrecy]
    if _statute(f):
        text = _("Het beroepsgeheim wijkt voor de wettelijke bepaling %(provision)s.")
        return (Reason(Effect.BASIS, text % {"provision": f.statute_reference.strip()}, law),)
    if _free_consent(f):
        text = _("Betrokkene heeft vrij toestemming gegeven het beroepsgeheim te doorbreken.")
        return (Reason(Effect.BASIS, text, _cite(law, rule_of_thumb(6))),)
    if f.emergency is not None:
        text = _(
            "Het beroepsgeheim wijkt in deze noodsituatie om ernstig gevaar voor betrokkene of een ander af te wenden."
        )
        return (Reason(Effect.BASIS, text, _cite(law, EMERGENCY_CITATION[f.emergency]), f.emergency),)
    text = _(
        "De verstrekker heeft een beroepsgeheim en er is geen aanvullende grond om het te doorbreken: geen "
        "toestemming van betrokkene, geen wettelijke bepaling en geen noodsituatie (conflict van plichten of vitaal "
        "belang)."
    )
    return (Reason(Effect.REFUSAL, text, _cite(law, STATUTORY_SECRECY, SECRECY_POLICY)),)


def special_categories(f: ExchangeFacts) -> Reasons:
    """Art. 9 data, with the rule for health data of seed 002 §2.2.8."""
    if not f.categories & SPECIAL_CATEGORIES:
        return ()
    health = DataCategory.HEALTH in f.categories
    if _statute(f):
        text = _(
            "De wettelijke bepaling %(provision)s voorziet in het verstrekken van deze bijzondere persoonsgegevens."
        )
        return (Reason(Effect.BASIS, text % {"provision": f.statute_reference.strip()}, AVG_SPECIAL_LAW),)
    if _task_based(f) and f.sector_law_covers_sensitive_data:
        text = _("De wet waarop de taak rust, voorziet in het verwerken van deze bijzondere persoonsgegevens.")
        return (Reason(Effect.BASIS, text, _cite(AVG_SPECIAL_LAW, LEGAL_BASIS)),)
    if _explicit_consent(f):
        text = _(
            "Betrokkene heeft uitdrukkelijk en vrij toestemming gegeven deze bijzondere persoonsgegevens te delen."
        )
        return (Reason(Effect.BASIS, text, _cite(AVG_SPECIAL_CONSENT, *([HEALTH_LAW_OR_CONSENT] if health else []))),)
    if f.emergency is not None:
        return _special_in_emergency(f, f.emergency, health)
    text = _(
        "Bijzondere persoonsgegevens worden alleen gedeeld als een wet erin voorziet, met uitdrukkelijke "
        "toestemming van betrokkene of bij een evident belang; geen daarvan is aanwezig."
    )
    return (Reason(Effect.REFUSAL, text, _cite(AVG_SPECIAL_BAN, *([HEALTH_LAW_OR_CONSENT] if health else []))),)


def _special_in_emergency(f: ExchangeFacts, emergency: Emergency, health: bool) -> Reasons:
    if emergency is Emergency.VITAL_INTEREST:
        basis = _("Vitaal belang: het delen beschermt leven of gezondheid van betrokkene of een ander.")
        only_without_consent = _(
            "Een vitaal belang draagt bijzondere persoonsgegevens alleen als betrokkene lichamelijk of juridisch "
            "niet in staat is toestemming te geven; leg vast waarom toestemming niet kon worden gevraagd."
        )
        reasons = [
            Reason(Effect.BASIS, basis, AVG_SPECIAL_VITAL, emergency),
            Reason(Effect.CONDITION, only_without_consent, AVG_SPECIAL_VITAL, emergency),
        ]
    else:
        basis = _(
            "Evident belang: ernstig gevaar voor de gezondheid van betrokkene of een ander weegt zwaarder dan de "
            "geheimhouding."
        )
        reasons = [Reason(Effect.BASIS, basis, _cite(EVIDENT_INTEREST, CONFLICT_OF_DUTIES), emergency)]
    if health and f.recipient not in CARE_GIVING:
        rare = _(
            "De ontvanger is geen hulpverlener; dan is een evident belang zelden aanwezig. Weeg extra zorgvuldig en "
            "leg vast waarom het hier wel zo is."
        )
        reasons.append(Reason(Effect.CONDITION, rare, EVIDENT_INTEREST, emergency))
    return tuple(reasons)


def criminal_data(f: ExchangeFacts) -> Reasons:
    """Art. 10 data: a law, explicit consent or a vital interest; a conflict of duties alone is not enough."""
    if DataCategory.CRIMINAL not in f.categories:
        return ()
    if _statute(f):
        text = _("De wettelijke bepaling %(provision)s staat het verstrekken van strafrechtelijke gegevens toe.")
        return (Reason(Effect.BASIS, text % {"provision": f.statute_reference.strip()}, AVG_CRIMINAL),)
    if _task_based(f) and f.sector_law_covers_sensitive_data:
        text = _("De wet waarop de taak rust, staat het verwerken van deze strafrechtelijke gegevens toe.")
        return (Reason(Effect.BASIS, text, _cite(AVG_CRIMINAL, LEGAL_BASIS)),)
    if _explicit_consent(f):
        text = _("Betrokkene heeft uitdrukkelijk en vrij toestemming gegeven deze strafrechtelijke gegevens te delen.")
        return (Reason(Effect.BASIS, text, UAVG_CRIMINAL),)
    if f.emergency is Emergency.VITAL_INTEREST:
        text = _("Vitaal belang: het delen van deze strafrechtelijke gegevens beschermt leven of gezondheid.")
        return (Reason(Effect.BASIS, text, _cite(UAVG_CRIMINAL, AVG_VITAL), f.emergency),)
    text = _(
        "Strafrechtelijke gegevens worden alleen gedeeld als een wet dat toestaat, met uitdrukkelijke toestemming "
        "van betrokkene of om een vitaal belang te beschermen; geen daarvan is aanwezig."
    )
    return (Reason(Effect.REFUSAL, text, _cite(AVG_CRIMINAL, UAVG_CRIMINAL)),)


def citizen_service_number(f: ExchangeFacts) -> Reasons:
    if DataCategory.BSN not in f.categories:
        return ()
    if f.bsn_prescribed_by_law:
        return (Reason(Effect.BASIS, _("Een wet schrijft het gebruik van het BSN hier voor."), UAVG_BSN),)
    text = _(
        "Laat het BSN weg: het mag alleen worden gebruikt waar een wet dat voorschrijft, en toestemming volstaat niet."
    )
    return (Reason(Effect.CONDITION, text, UAVG_BSN),)


def closed_suwi_regime(f: ExchangeFacts) -> Reasons:
    if not (f.suwi_data or f.provider is Domain.WORK_INCOME):
        return ()
    if f.suwi_provision:
        text = _("Gegevens uit werk en inkomen: een bepaling binnen het SUWI-regime staat dit gebruik toe.")
        return (Reason(Effect.BASIS, text, SUWI_EXCHANGE),)
    text = _(
        "Gegevens uit werk en inkomen vallen onder het gesloten regime van de Wet SUWI: hergebruik alleen als een "
        "wettelijke bepaling dat toestaat. Een taakbelang, toestemming of noodsituatie verandert dat niet."
    )
    return (Reason(Effect.REFUSAL, text, _cite(SUWI_SECRECY, SUWI_POLICY)),)


def purpose_compatibility(f: ExchangeFacts) -> Reasons:
    """Art. 6(4): not asked when the exchange rests on a statutory provision or on consent."""
    c = f.further_processing
    rests_on_consent = f.interest is Interest.C and _consent_is_basis(f)
    if c is None or _statute(f) or rests_on_consent:
        return ()
    values = {"purpose": f.purpose.strip(), "collected": c.collected_for.strip()}
    if not c.purposes_related:
        text = _(
            "Het doel van de uitwisseling (%(purpose)s) hangt niet samen met het doel waarvoor de gegevens zijn "
            "verzameld (%(collected)s); dat verdere gebruik is niet verenigbaar."
        )
        return (Reason(Effect.REFUSAL, text % values, _cite(AVG_LINK, PURPOSE_POLICY)),)
    sensitive = bool(f.categories & SENSITIVE_CATEGORIES)
    if not c.safeguards and (sensitive or c.adverse_consequences):
        text = _(
            "Gevoelige gegevens of nadelige gevolgen voor betrokkene vragen passende waarborgen; zonder die is het "
            "verdere gebruik niet verenigbaar."
        )
        factors = [AVG_NATURE] if sensitive else []
        factors += [AVG_CONSEQUENCES] if c.adverse_consequences else []
        return (Reason(Effect.REFUSAL, text, _cite(*factors, AVG_SAFEGUARDS)),)
    text = _("Het doel van de uitwisseling (%(purpose)s) is verenigbaar met het doel van verzameling (%(collected)s).")
    reasons = [Reason(Effect.BASIS, text % values, AVG_COMPATIBLE)]
    if not c.expected_by_person:
        unexpected = _(
            "Betrokkene kon dit gebruik bij het verstrekken van de gegevens niet verwachten: informeer vooraf over "
            "het nieuwe doel."
        )
        reasons.append(Reason(Effect.CONDITION, unexpected, _cite(AVG_CONTEXT, AVG_INFORM)))
    if not c.safeguards:
        safeguards = _("Neem passende waarborgen, zoals pseudonimisering, versleuteling of beperkte toegang.")
        reasons.append(Reason(Effect.CONDITION, safeguards, AVG_SAFEGUARDS))
    return tuple(reasons)


def consent_value(f: ExchangeFacts) -> Reasons:
    """Why consent that was given may not count (AP 2016; rule of thumb 6)."""
    if f.consent is None:
        return ()
    if not f.consent.free:
        text = _(
            "De toestemming is niet vrij: betrokkene is voor hulp afhankelijk van de gemeente. Zulke toestemming is "
            "geen grondslag en geen grond om een beroepsgeheim te doorbreken."
        )
        return (Reason(Effect.NOTE, text, _cite(AVG_FREE_CONSENT, AP_CONSENT)),)
    if f.consent.for_collaboration:
        text = _(
            "Toestemming is geen basis voor de samenwerking; zij telt alleen als grond om een beroepsgeheim te "
            "doorbreken. Wees wel open naar betrokkene over de samenwerking."
        )
        return (Reason(Effect.NOTE, text, rule_of_thumb(6)),)
    return ()


def less_intrusive_alternative(f: ExchangeFacts) -> Reasons:
    """If a less intrusive way can, it must (rule of thumb 8); an obligation to provide only limits the amount."""
    names = {
        Alternative.INVOLVEMENT_ONLY: _("alleen melden dát betrokkene bekend is (dat-informatie)"),
        Alternative.ANONYMOUS_DISCUSSION: _("de casus eerst anoniem bespreken of anoniem advies vragen"),
        Alternative.ASK_PERSON: _("de gegevens aan betrokkene zelf vragen"),
        Alternative.FEWER_DATA: _("minder gegevens delen"),
    }
    if f.statute is Statute.OBLIGES and _statute(f):
        text = _("De wettelijke plicht gaat voor, maar verstrek niet meer dan zij vraagt (%(alternative)s).")
        return tuple(
            Reason(Effect.CONDITION, text % {"alternative": names[a]}, AVG_MINIMISATION) for a in sorted(f.alternatives)
        )
    text = _("Het kan minder ingrijpend: %(alternative)s. Dan moet het ook zo.")
    return tuple(
        Reason(Effect.REFUSAL, text % {"alternative": names[a]}, _cite(*ALTERNATIVE_SOURCES[a]))
        for a in sorted(f.alternatives)
    )


def transparency(f: ExchangeFacts) -> Reasons:
    """Openness towards the person (rule of thumb 6) and, preferably, their agreement (rule of thumb 7)."""
    if f.consent is not None or (f.statute is Statute.OBLIGES and _statute(f)):
        return ()  # consent presupposes information; art. 14(5)(c) exempts a provision the law prescribes
    if f.stance is Stance.NOT_INFORMED:
        text = _(
            "Informeer betrokkene over deze uitwisseling: wat wordt gedeeld, met wie en waarvoor. In een "
            "noodsituatie mag dat achteraf, zo snel als het kan."
        )
        return (Reason(Effect.CONDITION, text, _cite(AVG_INFORM, rule_of_thumb(6))),)
    if f.stance is Stance.HESITANT:
        text = _(
            "Betrokkene stemt (nog) niet in. Ga na hoe aan de aarzeling tegemoet kan worden gekomen, bijvoorbeeld "
            "door minder te delen of betrokkene bij het overleg te betrekken."
        )
        return (Reason(Effect.CONDITION, text, rule_of_thumb(7)),)
    return ()


RULES: tuple[Callable[[ExchangeFacts], Reasons], ...] = (
    stated_purpose,
    triage,
    legal_basis,
    police_data,
    professional_secrecy,
    special_categories,
    criminal_data,
    citizen_service_number,
    closed_suwi_regime,
    purpose_compatibility,
    consent_value,
    less_intrusive_alternative,
    transparency,
)


def emergency_accounting(f: ExchangeFacts, relied_on: set[Emergency]) -> Reasons:
    """Of an exchange that goes ahead: an emergency ground relied on is recorded and counted; an unneeded one noted."""
    if f.emergency is None:
        return ()
    citation = EMERGENCY_CITATION[f.emergency]
    if f.emergency not in relied_on:
        text = _(
            "De noodgrond is niet nodig: de uitwisseling heeft een andere grondslag en telt niet als noodsituatie."
        )
        return (Reason(Effect.NOTE, text, citation),)
    text = _(
        "Leg de afweging vast: welk ernstig gevaar dreigde, waarom delen nodig was en waarom het niet met "
        "toestemming of minder ingrijpend kon. Deel alleen wat nodig is om het gevaar af te wenden; de uitwisseling "
        "telt mee in de verantwoording aan de raad."
    )
    return (Reason(Effect.CONDITION, text, citation, f.emergency),)


def standing_rules(f: ExchangeFacts) -> Reasons:
    """What binds every exchange that goes ahead (rules of thumb 3 to 5)."""
    purpose = _("De ontvanger gebruikt de gegevens alleen voor het doel waarvoor ze zijn verstrekt: %(purpose)s.")
    control = _("De verstrekker houdt zeggenschap over het gebruik en kan de gegevens terugtrekken.")
    no_further_use = _(
        "Geen verder gebruik: de gegevens blijven bij de casus en gaan niet mee naar de eigen organisatie."
    )
    return (
        Reason(Effect.NOTE, purpose % {"purpose": f.purpose.strip()}, _cite(rule_of_thumb(3), AVG_PURPOSE)),
        Reason(Effect.NOTE, control, rule_of_thumb(4)),
        Reason(Effect.NOTE, no_further_use, rule_of_thumb(5)),
    )


def assess(facts: ExchangeFacts) -> Assessment:
    """Every rule's reasons; an exchange that goes ahead also gets its emergency accounting and standing rules."""
    reasons = [reason for rule in RULES for reason in rule(facts)]
    refused = any(r.effect is Effect.REFUSAL for r in reasons)
    relied_on = {r.emergency for r in reasons if r.emergency is not None} if not refused else set()
    if not refused:
        reasons += emergency_accounting(facts, relied_on) + standing_rules(facts)
    if refused:
        outcome = Outcome.REFUSED
    elif any(r.effect is Effect.CONDITION for r in reasons):
        outcome = Outcome.ALLOWED_WITH_CONDITIONS
    else:
        outcome = Outcome.ALLOWED
    return Assessment(
        outcome,
        tuple(reasons),
        vital_interest=Emergency.VITAL_INTEREST in relied_on,
        conflict_of_duties=Emergency.CONFLICT_OF_DUTIES in relied_on,
    )
