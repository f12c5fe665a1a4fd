"""Quality checks on a processing activity: pure functions, data in, findings with reasons out.

Each finding cites its source. The checks read an `ActivityFacts`, a plain snapshot of one version, so that the
same rules serve the worklist, the edit form, the import and the reports.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from django.utils.translation import gettext as _

CONSENT = "avg-6-1-a"
PUBLIC_TASK = "avg-6-1-e"


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    check: str
    severity: Severity
    message: str
    source: str


@dataclass(frozen=True)
class ActivityFacts:
    name: str
    purposes: str = ""
    lawful_bases: frozenset[str] = frozenset()
    sector_provisions: frozenset[str] = frozenset()
    special_categories: frozenset[str] = frozenset()
    criminal_categories: frozenset[str] = frozenset()
    uses_bsn: bool = False
    special_exceptions: frozenset[str] = frozenset()
    criminal_basis: str = ""
    bsn_basis: str | None = None
    retention_period: str = ""
    review_date: date | None = None
    further_processing: bool = False
    compatibility_assessment: str = ""
    processors: str = ""
    processing_agreement: bool = False  # a processing agreement in force covers this activity


def _no_purpose(facts: ActivityFacts) -> Finding | None:
    if facts.purposes.strip():
        return None
    return Finding(
        "no_purpose", Severity.ERROR, _("Er is geen doel vastgelegd."), "AVG art. 5 lid 1 sub b, art. 30 lid 1 sub b"
    )


def _no_lawful_basis(facts: ActivityFacts) -> Finding | None:
    if facts.lawful_bases:
        return None
    return Finding("no_lawful_basis", Severity.ERROR, _("Er is geen grondslag gekozen."), "AVG art. 6 lid 1")


def _public_task_without_sector_law(facts: ActivityFacts) -> Finding | None:
    if PUBLIC_TASK not in facts.lawful_bases or facts.sector_provisions:
        return None
    return Finding(
        "public_task_without_sector_law",
        Severity.WARNING,
        _("De grondslag ‘publieke taak’ vraagt om het artikel uit de materiewet waarin die taak staat."),
        "AVG art. 6 lid 1 sub e en lid 3",
    )


def _consent_where_dependent(facts: ActivityFacts) -> Finding | None:
    if CONSENT not in facts.lawful_bases:
        return None
    return Finding(
        "consent_where_dependent",
        Severity.WARNING,
        _(
            "Toestemming is in het sociaal domein zelden een geldige grondslag: wie afhankelijk is van de gemeente, "
            "geeft haar niet vrij. Gebruik de wettelijke taak uit de materiewet."
        ),
        "AVG art. 4 sub 11 en art. 7; AP, De rol van toestemming in het sociaal domein (2016)",
    )


def _special_without_exception(facts: ActivityFacts) -> Finding | None:
    if not facts.special_categories or facts.special_exceptions:
        return None
    return Finding(
        "special_without_exception",
        Severity.ERROR,
        _("Er worden bijzondere persoonsgegevens verwerkt (%(categories)s) zonder uitzondering uit art. 9 lid 2.")
        % {"categories": ", ".join(sorted(facts.special_categories))},
        "AVG art. 9 lid 1 en 2; UAVG art. 22–30",
    )


def _criminal_without_basis(facts: ActivityFacts) -> Finding | None:
    if not facts.criminal_categories or facts.criminal_basis.strip():
        return None
    return Finding(
        "criminal_without_basis",
        Severity.ERROR,
        _("Er worden strafrechtelijke gegevens verwerkt zonder vastgelegde grondslag."),
        "AVG art. 10; UAVG art. 31–33",
    )


def _bsn_without_basis(facts: ActivityFacts) -> Finding | None:
    if not facts.uses_bsn or facts.bsn_basis:
        return None
    return Finding(
        "bsn_without_basis",
        Severity.ERROR,
        _("Het BSN wordt gebruikt zonder de wet die dat voorschrijft."),
        "UAVG art. 46",
    )


def _missing_retention(facts: ActivityFacts) -> Finding | None:
    if facts.retention_period.strip():
        return None
    return Finding(
        "missing_retention",
        Severity.ERROR,
        _("Er is geen bewaartermijn vastgelegd."),
        "AVG art. 5 lid 1 sub e, art. 30 lid 1 sub f",
    )


def _further_processing_unassessed(facts: ActivityFacts) -> Finding | None:
    if not facts.further_processing or facts.compatibility_assessment.strip():
        return None
    return Finding(
        "further_processing_unassessed",
        Severity.ERROR,
        _(
            "Gegevens worden voor een nieuw doel gebruikt zonder vastgelegde verenigbaarheidstoets: verband tussen "
            "de doelen, context, aard van de gegevens, gevolgen voor betrokkenen en waarborgen."
        ),
        "AVG art. 6 lid 4",
    )


def _processor_without_agreement(facts: ActivityFacts) -> Finding | None:
    if not facts.processors.strip() or facts.processing_agreement:
        return None
    return Finding(
        "processor_without_agreement",
        Severity.ERROR,
        _("Er werkt een verwerker aan mee, maar geen verwerkersovereenkomst van kracht dekt deze verwerking."),
        "AVG art. 28 lid 3",
    )


CHECKS = (
    _no_purpose,
    _no_lawful_basis,
    _public_task_without_sector_law,
    _consent_where_dependent,
    _special_without_exception,
    _criminal_without_basis,
    _bsn_without_basis,
    _missing_retention,
    _further_processing_unassessed,
    _processor_without_agreement,
)


def review_overdue(facts: ActivityFacts, today: date) -> Finding | None:
    if facts.review_date is None or facts.review_date >= today:
        return None
    return Finding(
        "review_overdue",
        Severity.WARNING,
        _("De herbeoordeling was gepland op %(date)s en is nog niet gedaan.")
        % {"date": facts.review_date.strftime("%d-%m-%Y")},
        "AVG art. 24 lid 1 (maatregelen worden geëvalueerd en geactualiseerd)",
    )


def findings(facts: ActivityFacts, *, today: date) -> list[Finding]:
    """Every problem with this activity, errors first."""
    found = [f for check in CHECKS if (f := check(facts)) is not None]
    if (overdue := review_overdue(facts, today)) is not None:
        found.append(overdue)
    return sorted(found, key=lambda f: (f.severity != Severity.ERROR, f.check))
