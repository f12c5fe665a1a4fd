"""What the exchange assessment reads and says (issue 6): the facts of one exchange and the assessment of it.

Plain frozen data, no Django: the case-work services fill `ExchangeFacts` from a case and store the `Assessment`
that `exchange_rules.assess` returns. Enumeration values are the codes the models will store.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Domain(StrEnum):
    """Where the data come from or go to: a domain of the municipality (codes as tenancy's domains) or a partner."""

    WMO = "wmo"
    YOUTH = "jeugd"
    WORK_INCOME = "werk-inkomen"
    DEBT = "schulden"
    COMPULSORY_EDUCATION = "leerplicht"
    SAFETY = "zorg-veiligheid"
    CARE_PROVIDER = "zorgaanbieder"
    YOUTH_CARE_PROVIDER = "jeugdhulpaanbieder"
    PUBLIC_HEALTH = "ggd"
    VEILIG_THUIS = "veilig-thuis"
    POLICE = "politie"
    SAFETY_HOUSE = "zvh"


class Interest(StrEnum):
    """For whose statutory task the exchange is necessary (seed 003): provider, both, or only the recipient."""

    A = "a"
    B = "b"
    C = "c"


class Statute(StrEnum):
    NONE = "none"
    PERMITS = "permits"  # a specific provision allows this provision of data
    OBLIGES = "obliges"  # a provision obliges the provider to provide them


class DataCategory(StrEnum):
    ORDINARY = "ordinary"
    HEALTH = "health"  # AVG art. 9
    SPECIAL = "special"  # the other art. 9 categories
    CRIMINAL = "criminal"  # AVG art. 10
    BSN = "bsn"  # UAVG art. 46


SPECIAL_CATEGORIES = frozenset({DataCategory.HEALTH, DataCategory.SPECIAL})
SENSITIVE_CATEGORIES = SPECIAL_CATEGORIES | {DataCategory.CRIMINAL}


class Secrecy(StrEnum):
    NONE = "none"
    MEDICAL = "medical"
    YOUTH_CARE = "youth_care"
    OTHER = "other"  # another statutory duty of secrecy of the provider


class Emergency(StrEnum):
    CONFLICT_OF_DUTIES = "conflict_of_duties"
    VITAL_INTEREST = "vital_interest"


class Stance(StrEnum):
    """The person's stance towards the exchange: agreement (instemming) is wanted, though it is no legal basis."""

    AGREES = "agrees"
    HESITANT = "hesitant"
    NOT_INFORMED = "not_informed"


class Alternative(StrEnum):
    """A less intrusive way to reach the same purpose (rule of thumb 8)."""

    INVOLVEMENT_ONLY = "involvement_only"
    ANONYMOUS_DISCUSSION = "anonymous_discussion"
    ASK_PERSON = "ask_person"
    FEWER_DATA = "fewer_data"


@dataclass(frozen=True)
class Triage:
    """What the recorded triage decision of the case established (seed 003, phase 2)."""

    multi_problem: bool
    collaboration_needed: bool
    within_collaboration_purpose: bool


@dataclass(frozen=True)
class Consent:
    """Consent the person gave for this exchange; `for_collaboration`: asked as the basis of the collaboration."""

    free: bool
    explicit: bool
    for_collaboration: bool = False


@dataclass(frozen=True)
class Compatibility:
    """The exchange serves another purpose than the one the data were collected for: the factors of art. 6(4)."""

    collected_for: str
    purposes_related: bool
    expected_by_person: bool
    adverse_consequences: bool
    safeguards: bool


@dataclass(frozen=True)
class ExchangeFacts:
    """One requested exchange for a case, as the professional and the triage established it."""

    provider: Domain
    recipient: Domain
    purpose: str
    interest: Interest | None = None
    triage: Triage | None = None
    statute: Statute = Statute.NONE
    statute_reference: str = ""  # the article, e.g. "Wgs art. 8"
    categories: frozenset[DataCategory] = frozenset({DataCategory.ORDINARY})
    sector_law_covers_sensitive_data: bool = False  # the law of the task (A, B) provides for these art. 9/10 data
    bsn_prescribed_by_law: bool = False
    secrecy: Secrecy = Secrecy.NONE
    suwi_data: bool = False  # Work & Income data, also when held outside that domain
    suwi_provision: bool = False
    further_processing: Compatibility | None = None  # None: the purpose the data were collected for
    consent: Consent | None = None
    stance: Stance = Stance.NOT_INFORMED
    emergency: Emergency | None = None
    alternatives: frozenset[Alternative] = frozenset()


class Effect(StrEnum):
    BASIS = "basis"  # a ground the exchange rests on
    CONDITION = "condition"  # to be met when the exchange goes ahead
    REFUSAL = "refusal"  # the exchange may not go ahead
    NOTE = "note"  # explains; changes nothing


class Outcome(StrEnum):
    ALLOWED = "allowed"
    ALLOWED_WITH_CONDITIONS = "allowed_with_conditions"
    REFUSED = "refused"


@dataclass(frozen=True)
class Reason:
    effect: Effect
    text: str
    citation: str
    emergency: Emergency | None = None  # the emergency ground this reason relies on


@dataclass(frozen=True)
class Assessment:
    outcome: Outcome
    reasons: tuple[Reason, ...]
    vital_interest: bool  # went ahead relying on a vital interest: counted in the council report
    conflict_of_duties: bool  # went ahead relying on a conflict of duties: counted likewise

    @property
    def conditions(self) -> tuple[Reason, ...]:
        return tuple(r for r in self.reasons if r.effect is Effect.CONDITION)

    @property
    def refusals(self) -> tuple[Reason, ...]:
        return tuple(r for r in self.reasons if r.effect is Effect.REFUSAL)
