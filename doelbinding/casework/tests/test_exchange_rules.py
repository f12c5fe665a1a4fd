"""The exchange engine: one table row per branch, and properties over any exchange."""

import re
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from doelbinding.casework.exchange_facts import (
    Alternative,
    Compatibility,
    Consent,
    DataCategory,
    Domain,
    Effect,
    Emergency,
    ExchangeFacts,
    Interest,
    Outcome,
    Secrecy,
    Stance,
    Statute,
    Triage,
)
from doelbinding.casework.exchange_rules import RULES, SECTOR_LAW, assess

ALLOWED, CONDITIONS, REFUSED = Outcome.ALLOWED, Outcome.ALLOWED_WITH_CONDITIONS, Outcome.REFUSED
POSITIVE_TRIAGE = Triage(multi_problem=True, collaboration_needed=True, within_collaboration_purpose=True)
BASE = ExchangeFacts(
    provider=Domain.WMO,
    recipient=Domain.YOUTH,
    purpose="Eén plan voor het gezin opstellen",
    interest=Interest.A,
    triage=POSITIVE_TRIAGE,
    stance=Stance.AGREES,
)
FREE = Consent(free=True, explicit=False)
EXPLICIT = Consent(free=True, explicit=True)
UNFREE = Consent(free=False, explicit=True)
FOR_COLLABORATION = Consent(free=True, explicit=True, for_collaboration=True)
PROVISION = "Wgs art. 8"
PERMITTED = {"statute": Statute.PERMITS, "statute_reference": PROVISION}
OBLIGED = {"statute": Statute.OBLIGES, "statute_reference": PROVISION}
FURTHER = Compatibility(
    collected_for="Onderzoek naar een maatwerkvoorziening",
    purposes_related=True,
    expected_by_person=True,
    adverse_consequences=False,
    safeguards=True,
)
HEALTH, SPECIAL, CRIMINAL, BSN = (
    frozenset({category})
    for category in (DataCategory.HEALTH, DataCategory.SPECIAL, DataCategory.CRIMINAL, DataCategory.BSN)
)

IBD = "IBD-webinar Zorg en Veiligheid"
NOABERKRACHT = "Privacybeleid Noaberkracht"
TASK = "AVG art. 6 lid 1 sub e en lid 3"
VITAL = "AVG art. 6 lid 1 sub d"
CONFLICT = f"{IBD}, deel 2 (noodsituatie: conflict van plichten)"
OWN_TASK = f"{IBD}, deel 2 (geen gemeenschappelijke wettelijke taak)"
STATUTORY_PROVISION = f"{IBD}, deel 2 (wettelijke bepaling tot verstrekken)"
SECRECY = f"{IBD}, deel 2 (wettelijke geheimhouding)"
INTEREST_C = f"{IBD}, deel 2 (C-belang)"
TRIAGE = f"{IBD}, deel 3 (fase 2: triage)"
WGBO = "art. 7:457 BW (WGBO)"
JEUGDWET_SECRECY = "Jeugdwet art. 7.3.11"
HEALTH_RULE = f"{NOABERKRACHT} §2.2 lid 8 sub a"
EVIDENT = f"{NOABERKRACHT} §2.2 lid 8 sub b"
SUWI_REFUSAL = {"Wet SUWI art. 74", f"{NOABERKRACHT}, bijlage 3 (Participatiewet)"}


def thumb(number: int) -> str:
    return f"{IBD}, vuistregel {number}"


def do(number: int) -> str:
    return f"{NOABERKRACHT}, bijlage 4 punt {number}"


# Every source a reason may cite, written out here so that a typo in the engine shows.
RULE_CITATIONS = frozenset(
    {
        "AVG art. 5",
        "AVG art. 5 lid 1 sub b",
        "AVG art. 5 lid 1 sub c",
        "AVG art. 6 lid 1 sub a",
        "AVG art. 6 lid 1 sub c",
        VITAL,
        TASK,
        "AVG art. 6 lid 3",
        "AVG art. 6 lid 4",
        *(f"AVG art. 6 lid 4 sub {letter}" for letter in "abcde"),
        "AVG art. 9 lid 1",
        "AVG art. 9 lid 2 sub a",
        "AVG art. 9 lid 2 sub c",
        "AVG art. 9 lid 2 sub g",
        "AVG art. 10",
        "AVG art. 13 en 14",
        "AVG overweging 43",
        "AP, De rol van toestemming in het sociaal domein (2016)",
        "UAVG art. 32",
        "UAVG art. 46",
        WGBO,
        JEUGDWET_SECRECY,
        "Wet SUWI art. 62",
        *SUWI_REFUSAL,
        "Wet politiegegevens",
        f"{IBD}, deel 2",
        f"{IBD}, deel 2 (A-, B- en C-belangen)",
        f"{IBD}, deel 2 (A-belang)",
        f"{IBD}, deel 2 (B-belang)",
        INTEREST_C,
        STATUTORY_PROVISION,
        OWN_TASK,
        SECRECY,
        CONFLICT,
        TRIAGE,
        *(thumb(n) for n in range(3, 9)),
        f"{NOABERKRACHT}, bijlage 3 (triage)",
        f"{NOABERKRACHT}, bijlage 3 (uitgangspunt 5)",
        f"{NOABERKRACHT}, bijlage 3 (uitgangspunt 6)",
        HEALTH_RULE,
        EVIDENT,
        *(do(n) for n in (1, 2, 3, 6)),
    }
)
SECTOR_LAWS = frozenset(
    {"Wmo 2015", "Jeugdwet", "Participatiewet", "Wgs", "Leerplichtwet", "Gemeentewet", "WGBO", "Wpg", "Politiewet 2012"}
)


def facts(**changes) -> ExchangeFacts:
    return replace(BASE, **changes)


def parts(citation: str) -> set[str]:
    return set(citation.split("; "))


def cited(reasons) -> set[str]:
    return {part for reason in reasons for part in parts(reason.citation)}


def case(case_id, changes, outcome, citations):
    return pytest.param(changes, outcome, set(citations), id=case_id)


CASES = [
    # The A/B/C scheme (seed 003, part 2).
    case("a-provider-task", {}, ALLOWED, {TASK, "Wmo 2015", f"{IBD}, deel 2 (A-belang)"}),
    case("a-provider-without-own-task", {"provider": Domain.SAFETY_HOUSE}, REFUSED, {OWN_TASK}),
    case(
        "b-both-tasks", {"interest": Interest.B}, ALLOWED, {TASK, "Wmo 2015", "Jeugdwet", f"{IBD}, deel 2 (B-belang)"}
    ),
    case(
        "b-recipient-without-own-task", {"interest": Interest.B, "recipient": Domain.SAFETY_HOUSE}, REFUSED, {OWN_TASK}
    ),
    case("c-without-ground", {"interest": Interest.C}, REFUSED, {INTEREST_C}),
    case("c-free-consent", {"interest": Interest.C, "consent": FREE}, ALLOWED, {"AVG art. 6 lid 1 sub a", INTEREST_C}),
    case("c-consent-not-free", {"interest": Interest.C, "consent": UNFREE}, REFUSED, {INTEREST_C}),
    case(
        "c-consent-basis-of-collaboration",
        {"interest": Interest.C, "consent": FOR_COLLABORATION},
        REFUSED,
        {INTEREST_C},
    ),
    case(
        "c-conflict-of-duties",
        {"interest": Interest.C, "emergency": Emergency.CONFLICT_OF_DUTIES},
        CONDITIONS,
        {INTEREST_C, CONFLICT},
    ),
    case(
        "c-vital-interest",
        {"interest": Interest.C, "emergency": Emergency.VITAL_INTEREST},
        CONDITIONS,
        {INTEREST_C, VITAL},
    ),
    case(
        "c-recipient-without-own-task",
        {"interest": Interest.C, "consent": FREE, "recipient": Domain.SAFETY_HOUSE},
        REFUSED,
        {OWN_TASK},
    ),
    case("interest-not-established", {"interest": None}, REFUSED, {f"{IBD}, deel 2 (A-, B- en C-belangen)"}),
    # A statutory provision makes the interest irrelevant; the principles still apply.
    case(
        "statute-obliges",
        {"interest": None, **OBLIGED},
        ALLOWED,
        {"AVG art. 6 lid 1 sub c", STATUTORY_PROVISION, "AVG art. 5"},
    ),
    case("statute-permits", {"interest": None, **PERMITTED}, ALLOWED, {TASK, STATUTORY_PROVISION, "AVG art. 5"}),
    case("statute-not-named", {"statute": Statute.PERMITS}, REFUSED, {"AVG art. 6 lid 3"}),
    # Professional secrecy and its additional grounds.
    case(
        "medical-without-ground",
        {"secrecy": Secrecy.MEDICAL},
        REFUSED,
        {WGBO, SECRECY, f"{NOABERKRACHT}, bijlage 3 (uitgangspunt 6)"},
    ),
    case("medical-consent", {"secrecy": Secrecy.MEDICAL, "consent": FREE}, ALLOWED, {WGBO, thumb(6)}),
    case(
        "medical-consent-in-collaboration",
        {"secrecy": Secrecy.MEDICAL, "consent": FOR_COLLABORATION},
        ALLOWED,
        {WGBO, thumb(6)},
    ),
    case("medical-consent-not-free", {"secrecy": Secrecy.MEDICAL, "consent": UNFREE}, REFUSED, {WGBO}),
    case(
        "medical-conflict-of-duties",
        {"secrecy": Secrecy.MEDICAL, "emergency": Emergency.CONFLICT_OF_DUTIES},
        CONDITIONS,
        {WGBO, CONFLICT},
    ),
    case(
        "medical-vital-interest",
        {"secrecy": Secrecy.MEDICAL, "emergency": Emergency.VITAL_INTEREST},
        CONDITIONS,
        {WGBO, VITAL},
    ),
    case("medical-statute", {"secrecy": Secrecy.MEDICAL, **PERMITTED}, ALLOWED, {WGBO}),
    case("youth-care-without-ground", {"secrecy": Secrecy.YOUTH_CARE}, REFUSED, {JEUGDWET_SECRECY}),
    case("youth-care-consent", {"secrecy": Secrecy.YOUTH_CARE, "consent": FREE}, ALLOWED, {JEUGDWET_SECRECY, thumb(6)}),
    case(
        "youth-care-conflict-of-duties",
        {"secrecy": Secrecy.YOUTH_CARE, "emergency": Emergency.CONFLICT_OF_DUTIES},
        CONDITIONS,
        {JEUGDWET_SECRECY, CONFLICT},
    ),
    case("other-secrecy-without-ground", {"secrecy": Secrecy.OTHER}, REFUSED, {SECRECY}),
    case(
        "c-under-medical-secrecy-consent",
        {"interest": Interest.C, "secrecy": Secrecy.MEDICAL, "consent": FREE},
        ALLOWED,
        {WGBO, INTEREST_C},
    ),
    # Special categories (AVG art. 9) and health data (seed 002 §2.2.8).
    case("health-without-exception", {"categories": HEALTH}, REFUSED, {"AVG art. 9 lid 1", HEALTH_RULE}),
    case("special-without-exception", {"categories": SPECIAL}, REFUSED, {"AVG art. 9 lid 1"}),
    case(
        "health-in-sector-law",
        {"categories": HEALTH, "sector_law_covers_sensitive_data": True},
        ALLOWED,
        {"AVG art. 9 lid 2 sub g"},
    ),
    case(
        "sector-law-does-not-carry-c",
        {"categories": HEALTH, "sector_law_covers_sensitive_data": True, "interest": Interest.C, "consent": FREE},
        REFUSED,
        {"AVG art. 9 lid 1"},
    ),
    case(
        "health-explicit-consent",
        {"categories": HEALTH, "consent": EXPLICIT},
        ALLOWED,
        {"AVG art. 9 lid 2 sub a", HEALTH_RULE},
    ),
    case("health-consent-not-explicit", {"categories": HEALTH, "consent": FREE}, REFUSED, {"AVG art. 9 lid 1"}),
    case("health-statute", {"categories": HEALTH, **PERMITTED}, ALLOWED, {"AVG art. 9 lid 2 sub g"}),
    case(
        "health-vital-interest",
        {"categories": HEALTH, "emergency": Emergency.VITAL_INTEREST},
        CONDITIONS,
        {"AVG art. 9 lid 2 sub c"},
    ),
    case(
        "health-evident-interest",
        {"categories": HEALTH, "emergency": Emergency.CONFLICT_OF_DUTIES},
        CONDITIONS,
        {EVIDENT, CONFLICT},
    ),
    case(
        "health-evident-interest-non-care-recipient",
        {"categories": HEALTH, "emergency": Emergency.CONFLICT_OF_DUTIES, "recipient": Domain.COMPULSORY_EDUCATION},
        CONDITIONS,
        {EVIDENT},
    ),
    # Criminal data (AVG art. 10, UAVG).
    case("criminal-without-exception", {"categories": CRIMINAL}, REFUSED, {"AVG art. 10", "UAVG art. 32"}),
    case(
        "criminal-in-sector-law",
        {"categories": CRIMINAL, "sector_law_covers_sensitive_data": True},
        ALLOWED,
        {"AVG art. 10", f"{IBD}, deel 2"},
    ),
    case("criminal-statute", {"categories": CRIMINAL, **PERMITTED}, ALLOWED, {"AVG art. 10"}),
    case("criminal-explicit-consent", {"categories": CRIMINAL, "consent": EXPLICIT}, ALLOWED, {"UAVG art. 32"}),
    case(
        "criminal-vital-interest",
        {"categories": CRIMINAL, "emergency": Emergency.VITAL_INTEREST},
        CONDITIONS,
        {"UAVG art. 32", VITAL},
    ),
    case(
        "criminal-conflict-of-duties-alone",
        {"categories": CRIMINAL, "emergency": Emergency.CONFLICT_OF_DUTIES},
        REFUSED,
        {"AVG art. 10"},
    ),
    # The BSN (UAVG art. 46).
    case("bsn-without-law", {"categories": BSN}, CONDITIONS, {"UAVG art. 46"}),
    case("bsn-prescribed", {"categories": BSN, "bsn_prescribed_by_law": True}, ALLOWED, {"UAVG art. 46"}),
    # The closed SUWI regime for Work & Income data.
    case("suwi-without-provision", {"provider": Domain.WORK_INCOME}, REFUSED, SUWI_REFUSAL),
    case("suwi-data-held-elsewhere", {"suwi_data": True}, REFUSED, SUWI_REFUSAL),
    case(
        "suwi-provision",
        {"provider": Domain.WORK_INCOME, "suwi_provision": True},
        ALLOWED,
        {"Wet SUWI art. 62", "Participatiewet"},
    ),
    case("suwi-consent-does-not-open", {"provider": Domain.WORK_INCOME, "consent": EXPLICIT}, REFUSED, SUWI_REFUSAL),
    # Police data follow the Wet politiegegevens.
    case("police-without-provision", {"provider": Domain.POLICE}, REFUSED, {"Wet politiegegevens"}),
    case(
        "police-provision",
        {"provider": Domain.POLICE, "statute": Statute.PERMITS, "statute_reference": "Wpolg art. 20"},
        ALLOWED,
        {"Wet politiegegevens"},
    ),
    case(
        "police-as-recipient",
        {"recipient": Domain.POLICE, "interest": Interest.C, "consent": FREE},
        ALLOWED,
        {"Politiewet 2012", INTEREST_C},
    ),
    # Compatibility of purposes (AVG art. 6 lid 4).
    case("further-compatible", {"further_processing": FURTHER}, ALLOWED, {"AVG art. 6 lid 4"}),
    case(
        "further-unrelated",
        {"further_processing": replace(FURTHER, purposes_related=False)},
        REFUSED,
        {"AVG art. 6 lid 4 sub a", f"{NOABERKRACHT}, bijlage 3 (uitgangspunt 5)"},
    ),
    case(
        "further-unexpected",
        {"further_processing": replace(FURTHER, expected_by_person=False)},
        CONDITIONS,
        {"AVG art. 6 lid 4 sub b", "AVG art. 13 en 14"},
    ),
    case(
        "further-without-safeguards",
        {"further_processing": replace(FURTHER, safeguards=False)},
        CONDITIONS,
        {"AVG art. 6 lid 4 sub e"},
    ),
    case(
        "further-sensitive-without-safeguards",
        {
            "further_processing": replace(FURTHER, safeguards=False),
            "categories": HEALTH,
            "sector_law_covers_sensitive_data": True,
        },
        REFUSED,
        {"AVG art. 6 lid 4 sub c", "AVG art. 6 lid 4 sub e"},
    ),
    case(
        "further-adverse-without-safeguards",
        {"further_processing": replace(FURTHER, safeguards=False, adverse_consequences=True)},
        REFUSED,
        {"AVG art. 6 lid 4 sub d", "AVG art. 6 lid 4 sub e"},
    ),
    case(
        "further-adverse-with-safeguards",
        {"further_processing": replace(FURTHER, adverse_consequences=True)},
        ALLOWED,
        {"AVG art. 6 lid 4"},
    ),
    case(
        "further-under-statute-not-asked",
        {"further_processing": replace(FURTHER, purposes_related=False), **PERMITTED},
        ALLOWED,
        {STATUTORY_PROVISION},
    ),
    case(
        "further-on-consent-not-asked",
        {"further_processing": replace(FURTHER, purposes_related=False), "interest": Interest.C, "consent": FREE},
        ALLOWED,
        {"AVG art. 6 lid 1 sub a"},
    ),
    # Consent that is not free, or asked as the basis of the collaboration (rule of thumb 6).
    case(
        "consent-not-free-noted",
        {"consent": UNFREE},
        ALLOWED,
        {"AVG overweging 43", "AP, De rol van toestemming in het sociaal domein (2016)"},
    ),
    case("consent-for-collaboration-noted", {"consent": FOR_COLLABORATION}, ALLOWED, {thumb(6)}),
    # A less intrusive alternative (rule of thumb 8).
    case(
        "alternative-involvement-only",
        {"alternatives": frozenset({Alternative.INVOLVEMENT_ONLY})},
        REFUSED,
        {thumb(8), do(6)},
    ),
    case(
        "alternative-anonymous-discussion",
        {"alternatives": frozenset({Alternative.ANONYMOUS_DISCUSSION})},
        REFUSED,
        {thumb(8)},
    ),
    case("alternative-ask-person", {"alternatives": frozenset({Alternative.ASK_PERSON})}, REFUSED, {thumb(8), do(3)}),
    case("alternative-fewer-data", {"alternatives": frozenset({Alternative.FEWER_DATA})}, REFUSED, {thumb(8), do(1)}),
    case(
        "alternative-under-obligation",
        {"alternatives": frozenset({Alternative.FEWER_DATA}), **OBLIGED},
        CONDITIONS,
        {"AVG art. 5 lid 1 sub c"},
    ),
    # Exchange only after triage (seed 003 part 3, seed 002 Bijlage 3).
    case("triage-missing", {"triage": None}, REFUSED, {TRIAGE, f"{NOABERKRACHT}, bijlage 3 (triage)"}),
    case("triage-no-multi-problem", {"triage": replace(POSITIVE_TRIAGE, multi_problem=False)}, REFUSED, {TRIAGE}),
    case(
        "triage-collaboration-not-needed",
        {"triage": replace(POSITIVE_TRIAGE, collaboration_needed=False)},
        REFUSED,
        {TRIAGE, "AVG art. 5 lid 1 sub c"},
    ),
    case(
        "triage-outside-collaboration-purpose",
        {"triage": replace(POSITIVE_TRIAGE, within_collaboration_purpose=False)},
        REFUSED,
        {TRIAGE, "AVG art. 5 lid 1 sub b"},
    ),
    case("triage-not-needed-under-obligation", {"triage": None, **OBLIGED}, ALLOWED, {"AVG art. 6 lid 1 sub c"}),
    case(
        "triage-after-emergency", {"triage": None, "emergency": Emergency.VITAL_INTEREST}, CONDITIONS, {TRIAGE, VITAL}
    ),
    # A stated purpose, transparency and agreement (rules of thumb 6 and 7).
    case("purpose-missing", {"purpose": " "}, REFUSED, {"AVG art. 5 lid 1 sub b", do(2)}),
    case("person-not-informed", {"stance": Stance.NOT_INFORMED}, CONDITIONS, {"AVG art. 13 en 14", thumb(6)}),
    case("person-hesitant", {"stance": Stance.HESITANT}, CONDITIONS, {thumb(7)}),
    case(
        "no-information-when-law-prescribes",
        {"stance": Stance.NOT_INFORMED, **OBLIGED},
        ALLOWED,
        {"AVG art. 6 lid 1 sub c"},
    ),
    # An emergency ground that is not needed is not counted.
    case("emergency-not-needed", {"emergency": Emergency.VITAL_INTEREST}, ALLOWED, {VITAL}),
]


@pytest.mark.parametrize(("changes", "outcome", "citations"), CASES)
def test_each_branch(changes, outcome, citations):
    assessment = assess(facts(**changes))
    assert assessment.outcome is outcome, [r.text for r in assessment.reasons]
    deciding = assessment.refusals if outcome is REFUSED else assessment.reasons
    assert citations <= cited(deciding)


def test_the_table_reaches_every_rule_and_cites_every_source():
    assessments = [assess(facts(**case.values[0])) for case in CASES]
    assert {part for a in assessments for part in cited(a.reasons)} >= RULE_CITATIONS
    producing = {rule.__name__ for rule in RULES for case in CASES if rule(facts(**case.values[0]))}
    assert producing == {rule.__name__ for rule in RULES}


@pytest.mark.parametrize("domain", list(Domain), ids=str)
def test_an_a_interest_rests_on_the_providers_own_law(domain):
    assessment = assess(facts(provider=domain, suwi_provision=True, **PERMITTED if domain is Domain.POLICE else {}))
    if domain is Domain.SAFETY_HOUSE:
        assert assessment.outcome is REFUSED and OWN_TASK in cited(assessment.refusals)
    elif domain is Domain.POLICE:
        assert "Wet politiegegevens" in cited(assessment.reasons)
    else:
        assert SECTOR_LAW[domain] in cited(assessment.reasons)


@pytest.mark.parametrize(
    ("changes", "vital", "conflict"),
    [
        pytest.param({"interest": Interest.C, "emergency": Emergency.VITAL_INTEREST}, True, False, id="c-vital"),
        pytest.param({"interest": Interest.C, "emergency": Emergency.CONFLICT_OF_DUTIES}, False, True, id="c-conflict"),
        pytest.param({"triage": None, "emergency": Emergency.VITAL_INTEREST}, True, False, id="before-triage"),
        pytest.param({"emergency": Emergency.VITAL_INTEREST}, False, False, id="not-needed"),
        pytest.param(
            {"interest": Interest.C, "emergency": Emergency.VITAL_INTEREST, "provider": Domain.WORK_INCOME},
            False,
            False,
            id="refused",
        ),
    ],
)
def test_emergency_grounds_are_counted_when_relied_on(changes, vital, conflict):
    assessment = assess(facts(**changes))
    assert (assessment.vital_interest, assessment.conflict_of_duties) == (vital, conflict)


@pytest.mark.parametrize(("recipient", "warned"), [(Domain.YOUTH, False), (Domain.COMPULSORY_EDUCATION, True)])
def test_an_evident_interest_is_rare_with_a_recipient_who_gives_no_help(recipient, warned):
    emergency = Emergency.CONFLICT_OF_DUTIES
    assessment = assess(facts(categories=HEALTH, emergency=emergency, recipient=recipient))
    assert any("zelden" in c.text for c in assessment.conditions) is warned


def test_the_standing_rules_bind_an_exchange_that_goes_ahead_and_only_that():
    standing = {thumb(3), thumb(4), thumb(5)}
    assert standing <= cited(assess(BASE).reasons)
    assert not standing & cited(assess(facts(triage=None)).reasons)


any_facts = st.builds(
    ExchangeFacts,
    provider=st.sampled_from(Domain),
    recipient=st.sampled_from(Domain),
    purpose=st.sampled_from(["", BASE.purpose, BASE.purpose, BASE.purpose]),
    interest=st.none() | st.sampled_from(Interest),
    triage=st.just(POSITIVE_TRIAGE) | st.none() | st.builds(Triage, st.booleans(), st.booleans(), st.booleans()),
    statute=st.sampled_from(Statute),
    statute_reference=st.sampled_from(["", PROVISION]),
    categories=st.frozensets(st.sampled_from(DataCategory)),
    sector_law_covers_sensitive_data=st.booleans(),
    bsn_prescribed_by_law=st.booleans(),
    secrecy=st.sampled_from(Secrecy),
    suwi_data=st.booleans(),
    suwi_provision=st.booleans(),
    further_processing=st.none()
    | st.builds(
        Compatibility, st.just(FURTHER.collected_for), st.booleans(), st.booleans(), st.booleans(), st.booleans()
    ),
    consent=st.none() | st.builds(Consent, st.booleans(), st.booleans(), st.booleans()),
    stance=st.sampled_from(Stance),
    emergency=st.none() | st.sampled_from(Emergency),
    alternatives=st.just(frozenset()) | st.frozensets(st.sampled_from(Alternative), max_size=2),
)


@given(any_facts)
def test_the_outcome_follows_the_reasons(exchange):
    assessment = assess(exchange)
    if assessment.refusals:
        assert assessment.outcome is REFUSED
    elif assessment.conditions:
        assert assessment.outcome is CONDITIONS
    else:
        assert assessment.outcome is ALLOWED
    assert assessment.reasons, "every assessment says why"


@given(any_facts)
def test_every_reason_cites_a_known_rule(exchange):
    for reason in assess(exchange).reasons:
        assert reason.citation.strip()
        assert parts(reason.citation) <= RULE_CITATIONS | SECTOR_LAWS, reason.citation


ENGLISH = re.compile(r"\b(the|and|must|with|not|provider|recipient|consent|todo|fixme)\b", re.IGNORECASE)


@given(any_facts)
def test_the_texts_are_finished_dutch(exchange):
    for reason in assess(exchange).reasons:
        assert not ENGLISH.search(reason.text), reason.text
        assert not re.search(r"%\(|[{}]", reason.text), reason.text
        assert reason.text[0].isupper() and reason.text.endswith("."), reason.text


@given(any_facts)
def test_counted_emergencies_went_ahead_on_that_ground(exchange):
    assessment = assess(exchange)
    if assessment.vital_interest or assessment.conflict_of_duties:
        assert assessment.outcome is not REFUSED
    assert not assessment.vital_interest or exchange.emergency is Emergency.VITAL_INTEREST
    assert not assessment.conflict_of_duties or exchange.emergency is Emergency.CONFLICT_OF_DUTIES


# Facts that only ever take a ground away or add a hurdle.
TIGHTENINGS = {
    "adds-a-data-category": lambda f, d: replace(f, categories=f.categories | {d.draw(st.sampled_from(DataCategory))}),
    "adds-an-alternative": lambda f, d: replace(
        f, alternatives=f.alternatives | {d.draw(st.sampled_from(Alternative))}
    ),
    "adds-secrecy": lambda f, d: (
        replace(f, secrecy=d.draw(st.sampled_from(Secrecy))) if f.secrecy is Secrecy.NONE else f
    ),
    "marks-suwi-data": lambda f, d: replace(f, suwi_data=True),
    "drops-the-suwi-provision": lambda f, d: replace(f, suwi_provision=False),
    "drops-sector-law-coverage": lambda f, d: replace(f, sector_law_covers_sensitive_data=False),
    "drops-the-bsn-prescription": lambda f, d: replace(f, bsn_prescribed_by_law=False),
    "drops-the-triage": lambda f, d: replace(f, triage=None),
    "withdraws-consent": lambda f, d: replace(f, consent=None),
    "consent-not-free": lambda f, d: replace(f, consent=f.consent and replace(f.consent, free=False)),
    "consent-not-explicit": lambda f, d: replace(f, consent=f.consent and replace(f.consent, explicit=False)),
    "consent-for-collaboration": lambda f, d: replace(
        f, consent=f.consent and replace(f.consent, for_collaboration=True)
    ),
    "drops-the-emergency": lambda f, d: replace(f, emergency=None),
    "drops-a-named-provision": lambda f, d: replace(f, statute=Statute.NONE) if f.statute_reference else f,
    "purposes-unrelated": lambda f, d: replace(
        f, further_processing=f.further_processing and replace(f.further_processing, purposes_related=False)
    ),
    "adverse-consequences": lambda f, d: replace(
        f, further_processing=f.further_processing and replace(f.further_processing, adverse_consequences=True)
    ),
    "drops-safeguards": lambda f, d: replace(
        f, further_processing=f.further_processing and replace(f.further_processing, safeguards=False)
    ),
}


@pytest.mark.parametrize("tighten", TIGHTENINGS.values(), ids=TIGHTENINGS.keys())
@given(exchange=any_facts, data=st.data())
def test_a_hurdle_never_turns_a_refusal_into_an_allowance(tighten, exchange, data):
    if assess(exchange).outcome is REFUSED:
        assert assess(tighten(exchange, data)).outcome is REFUSED


@given(any_facts)
def test_a_less_intrusive_alternative_refuses_unless_the_law_obliges(exchange):
    if exchange.alternatives and not (exchange.statute is Statute.OBLIGES and exchange.statute_reference):
        assert assess(exchange).outcome is REFUSED


@given(any_facts)
def test_work_and_income_data_without_a_suwi_provision_are_refused(exchange):
    if (exchange.suwi_data or exchange.provider is Domain.WORK_INCOME) and not exchange.suwi_provision:
        assessment = assess(exchange)
        assert assessment.outcome is REFUSED and cited(assessment.refusals) >= SUWI_REFUSAL


def test_an_effect_is_one_of_four():
    assert {r.effect for case in CASES for r in assess(facts(**case.values[0])).reasons} == set(Effect)
