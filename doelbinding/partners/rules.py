"""The gap analysis of seed 000 step 4.4: pure functions, plain data in, findings with reasons out.

Partners, agreements and register activities arrive as snapshots (`PartnerFacts`, `AgreementFacts`,
`ActivityFacts`); `worklist` returns what to make or amend. Codes are the values of the model choices.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

ACTIVE = "active"
ENDED = "ended"
PROCESSING = "processing"
MISSING_STATUSES = frozenset({"absent", "open"})
PROCESSOR_OBLIGATIONS = frozenset({"yearly_report", "subprocessor"})  # only a processor owes these (art. 28)
SHARING_KINDS = frozenset({"covenant", "protocol", "joint"})  # agreements that say who may see which information

# Which agreement kinds satisfy a partner kind (docs/partners.md explains the choice).
CASE_LEVEL = frozenset({"covenant"})
NEEDED: dict[str, frozenset[str]] = {
    "core": frozenset({"covenant", "confidentiality"}),
    "chain": frozenset({"covenant", "joint"}),
    "processor": frozenset({PROCESSING}),
    "care_provider": frozenset({"purchase"}),
    "police": CASE_LEVEL,
    "prosecutor": CASE_LEVEL,
    "housing": CASE_LEVEL,
    "veilig_thuis": CASE_LEVEL,
    "zvh": CASE_LEVEL,
    "other_case": CASE_LEVEL,
}
NEEDED_NAMES = {
    "covenant": gettext_lazy("een convenant"),
    "confidentiality": gettext_lazy("een geheimhoudingsovereenkomst"),
    "joint": gettext_lazy("een regeling gezamenlijke verantwoordelijkheid"),
    PROCESSING: gettext_lazy("een verwerkersovereenkomst"),
    "purchase": gettext_lazy("een inkoopcontract of subsidievoorwaarden"),
}

GUIDANCE = "VNG-handreiking privacygovernance §4.4"  # the step plan: decide which agreements to make or amend
# What demands the clauses of an agreement kind; the others follow the guidance's lists.
CLAUSE_SOURCES = {PROCESSING: "AVG art. 28 lid 3", "joint": f"AVG art. 26; {GUIDANCE}"}


@dataclass(frozen=True)
class PartnerFacts:
    key: str
    name: str
    kind: str


@dataclass(frozen=True)
class ClauseFacts:
    text: str
    status: str
    mandatory: bool = True


@dataclass(frozen=True)
class AgreementFacts:
    key: str
    title: str
    kind: str
    status: str
    parties: frozenset[str] = frozenset()
    activities: frozenset[str] = frozenset()
    expires_on: date | None = None
    clauses: tuple[ClauseFacts, ...] = ()
    effective_from: date | None = None
    yearly_reports: tuple[tuple[str, date], ...] = ()  # (party key, date received)


@dataclass(frozen=True)
class ActivityFacts:
    key: str
    name: str
    processors: str = ""


@dataclass(frozen=True)
class Finding:
    check: str
    subject: str  # "partner", "agreement" or "activity"
    key: str
    name: str
    message: str
    source: str


def missing_agreements(partners: Iterable[PartnerFacts], agreements: Iterable[AgreementFacts]) -> list[Finding]:
    """Partners who are not party to an agreement in force of the kind their kind needs."""
    in_force = [a for a in agreements if a.status == ACTIVE]
    findings = []
    for partner in partners:
        needed = NEEDED[partner.kind]
        if any(a.kind in needed and partner.key in a.parties for a in in_force):
            continue
        names = _(" of ").join(str(NEEDED_NAMES[kind]) for kind in sorted(needed))
        findings.append(
            Finding(
                "missing_agreement",
                "partner",
                partner.key,
                partner.name,
                _("Er is geen afspraak van kracht: nodig is %(names)s.") % {"names": names},
                f"{GUIDANCE}; AVG art. 26 en 28",
            )
        )
    return findings


def missing_clauses(agreements: Iterable[AgreementFacts]) -> list[Finding]:
    """Agreements not ended whose mandatory clauses are absent or not yet assessed."""
    findings = []
    for agreement in agreements:
        if agreement.status == ENDED:
            continue
        missing = [c.text for c in agreement.clauses if c.mandatory and c.status in MISSING_STATUSES]
        if missing:
            findings.append(
                Finding(
                    "missing_clauses",
                    "agreement",
                    agreement.key,
                    agreement.title,
                    _("Verplichte onderdelen ontbreken of zijn nog niet beoordeeld: %(items)s.")
                    % {"items": "; ".join(missing)},
                    CLAUSE_SOURCES.get(agreement.kind, GUIDANCE),
                )
            )
    return findings


def expiring(agreements: Iterable[AgreementFacts], *, today: date, window_days: int) -> list[Finding]:
    """Agreements in force that have expired, or expire within the window."""
    horizon = today + timedelta(days=window_days)
    findings = []
    for agreement in agreements:
        if agreement.status != ACTIVE or agreement.expires_on is None or agreement.expires_on > horizon:
            continue
        when = agreement.expires_on.strftime("%d-%m-%Y")
        if agreement.expires_on < today:
            check, message = "expired", _("De afspraak is verlopen op %(date)s.") % {"date": when}
        else:
            check, message = (
                "expiring",
                _("De afspraak loopt af op %(date)s; verleng of vernieuw haar.") % {"date": when},
            )
        findings.append(Finding(check, "agreement", agreement.key, agreement.title, message, GUIDANCE))
    return findings


def overdue_reports(
    partners: Iterable[PartnerFacts], agreements: Iterable[AgreementFacts], *, today: date, period_days: int
) -> list[Finding]:
    """Processors under an active processing agreement whose yearly report on their measures is overdue.

    A report is due one period after the later of the agreement's start and the last report received.
    """
    processors = {p.key: p for p in partners if p.kind == "processor"}
    findings = []
    for agreement in agreements:
        if agreement.kind != PROCESSING or agreement.status != ACTIVE or agreement.effective_from is None:
            continue
        for key in sorted(agreement.parties & processors.keys()):
            received = [d for party, d in agreement.yearly_reports if party == key]
            last = max([agreement.effective_from, *received])
            due = last + timedelta(days=period_days)
            if due >= today:
                continue
            findings.append(
                Finding(
                    "yearly_report_overdue",
                    "agreement",
                    agreement.key,
                    agreement.title,
                    _("Het jaarverslag van %(partner)s over de beveiligingsmaatregelen is te laat (verwacht %(date)s).")
                    % {"partner": processors[key].name, "date": due.strftime("%d-%m-%Y")},
                    "Privacybeleid Noaberkracht, bijlage 2; AVG art. 28 lid 3 sub h",
                )
            )
    return findings


def uncovered_processing(activities: Iterable[ActivityFacts], agreements: Iterable[AgreementFacts]) -> list[Finding]:
    """Register activities that name a processor but no processing agreement in force covers."""
    covered: set[str] = set()
    for agreement in agreements:
        if agreement.kind == PROCESSING and agreement.status == ACTIVE:
            covered |= agreement.activities
    return [
        Finding(
            "processing_without_agreement",
            "activity",
            activity.key,
            activity.name,
            _("Er is een verwerker (%(who)s), maar geen verwerkersovereenkomst van kracht die deze verwerking dekt.")
            % {"who": activity.processors.strip()},
            "AVG art. 28 lid 3",
        )
        for activity in activities
        if activity.processors.strip() and activity.key not in covered
    ]


def worklist(
    partners: Iterable[PartnerFacts],
    agreements: Iterable[AgreementFacts],
    activities: Iterable[ActivityFacts],
    *,
    today: date,
    window_days: int,
    report_period_days: int,
) -> list[Finding]:
    partners, agreements = list(partners), list(agreements)
    return [
        *missing_agreements(partners, agreements),
        *missing_clauses(agreements),
        *expiring(agreements, today=today, window_days=window_days),
        *overdue_reports(partners, agreements, today=today, period_days=report_period_days),
        *uncovered_processing(activities, agreements),
    ]
