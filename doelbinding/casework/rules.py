"""Pure rules of case work (DESIGN §3.5): BSN and dates, the phases of a case, retention dates, and the prompts
from the do's and don'ts while writing a file entry. No database; Dutch messages through gettext only."""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Protocol

from django.utils.translation import gettext as _

from doelbinding.core.bsn import is_bsn

__all__ = ["is_bsn"]


class Phase(StrEnum):
    """The values of models.Phase: seed 003's four phases (conference and monitoring are one) and closing."""

    REFERRAL = "referral"
    TRIAGE = "triage"
    CONFERENCE = "conference"
    MONITORING = "monitoring"
    DEESCALATION = "deescalation"
    CLOSED = "closed"


# Referral → triage → conference/monitoring → de-escalation → closed. A case can close from any open phase (triage
# may find no case at all), go back from de-escalation when it flares up again, and switch between conference and
# monitoring. Closed is final: a new situation is a new referral.
TRANSITIONS: dict[Phase, frozenset[Phase]] = {
    Phase.REFERRAL: frozenset({Phase.TRIAGE, Phase.CLOSED}),
    Phase.TRIAGE: frozenset({Phase.CONFERENCE, Phase.MONITORING, Phase.CLOSED}),
    Phase.CONFERENCE: frozenset({Phase.MONITORING, Phase.DEESCALATION, Phase.CLOSED}),
    Phase.MONITORING: frozenset({Phase.CONFERENCE, Phase.DEESCALATION, Phase.CLOSED}),
    Phase.DEESCALATION: frozenset({Phase.CONFERENCE, Phase.MONITORING, Phase.CLOSED}),
    Phase.CLOSED: frozenset(),
}
# Leaving triage for joint work needs a recorded triage decision (seed 003: step 2 is the AVG assessment).
NEEDS_TRIAGE_DECISION = frozenset({Phase.CONFERENCE, Phase.MONITORING})


def phase_labels() -> dict[Phase, str]:
    return {
        Phase.REFERRAL: _("aanmelding"),
        Phase.TRIAGE: _("triage"),
        Phase.CONFERENCE: _("casusoverleg"),
        Phase.MONITORING: _("monitoring"),
        Phase.DEESCALATION: _("afschaling"),
        Phase.CLOSED: _("afgesloten"),
    }


def phase_problem(current: str, target: str, *, has_triage_decision: bool, has_regisseur: bool) -> str | None:
    """Why the case cannot move from `current` to `target`, or None when it can."""
    if Phase(target) not in TRANSITIONS[Phase(current)]:
        labels = phase_labels()
        return _("Een casus gaat niet van de fase %(current)s naar de fase %(target)s.") % {
            "current": labels[Phase(current)],
            "target": labels[Phase(target)],
        }
    if Phase(target) in NEEDS_TRIAGE_DECISION and not has_triage_decision:
        return _("Leg eerst een triagebesluit vast: zonder triage geen samenwerking.")
    if Phase(target) in NEEDS_TRIAGE_DECISION and not has_regisseur:
        return _("Wijs eerst een regisseur aan: één gezin, één plan, één regisseur.")
    return None


def period_problems(since: date | None, until: date | None, *, today: date, born: date | None = None) -> dict[str, str]:
    """Impossible dates of an involvement or a participation: a start in the future, before the person was born
    (`born`, when known) or further back than anyone lives, an end before the start."""
    problems = {}
    if since and since > today:
        problems["since"] = _("De begindatum ligt in de toekomst; leg vast wat al zo is.")
    elif since and born and since < born:
        problems["since"] = _("De begindatum ligt vóór de geboortedatum van de betrokkene.")
    elif since and since.year < today.year - 130:
        problems["since"] = _("Deze begindatum is niet mogelijk.")
    if since and until and until < since:
        problems["until"] = _("De einddatum ligt vóór de begindatum.")
    return problems


def birth_date_problem(birth_date: date | None, *, today: date) -> str | None:
    if birth_date and birth_date > today:
        return _("De geboortedatum ligt in de toekomst.")
    if birth_date and birth_date.year < today.year - 130:
        return _("Deze geboortedatum is niet mogelijk.")
    return None


def bsn_problem(value: str) -> str | None:
    if not is_bsn(value):
        return _("Dit is geen geldig BSN: het moet uit 9 cijfers bestaan en de elfproef halen.")
    return None


class CriterionLike(Protocol):
    code: str
    required: bool


def criteria_problem(chosen: list[str], multi_problem: bool, reference: Sequence[CriterionLike]) -> str | None:
    """The multi-problem criteria ticked must exist, and a multi-problem finding needs every required one."""
    known = {c.code for c in reference}
    if set(chosen) - known:
        return _("Onbekend criterium voor meervoudige problematiek.")
    missing = [c for c in reference if c.required and c.code not in chosen]
    if multi_problem and missing:
        return _(
            "Meervoudige problematiek vraagt dat er meerdere problemen spelen en dat alleen samenwerking helpt; "
            "vink die criteria aan of stel vast dat er geen meervoudige problematiek is."
        )
    return None


@dataclass(frozen=True)
class Period:
    years: int = 0
    months: int = 0
    days: int = 0


_UNITS = {"jaar": "years", "jaren": "years", "maand": "months", "maanden": "months", "week": "weeks"}
_UNITS |= {"weken": "weeks", "dag": "days", "dagen": "days"}
_PERIOD = re.compile(r"(\d+)\s*(jaren|jaar|maanden|maand|weken|week|dagen|dag)\b", re.IGNORECASE)


def retention_period(text: str) -> Period | None:
    """The period in a register activity's retention text ('7 jaar na beëindiging', '18 maanden'); None if none."""
    match = _PERIOD.search(text or "")
    if match is None:
        return None
    amount, unit = int(match.group(1)), _UNITS[match.group(2).lower()]
    if unit == "weeks":
        return Period(days=7 * amount)
    return Period(**{unit: amount})


def add_period(start: date, period: Period) -> date:
    """`start` plus the period; a day that does not exist in the target month becomes that month's last day."""
    months = start.month - 1 + period.months + 12 * period.years
    year, month = start.year + months // 12, months % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return date(year, month, day) + timedelta(days=period.days)


def destruction_due(ended_on: date | None, retention_text: str) -> date | None:
    """When the retention of something that ended on `ended_on` is over; None while it runs or when the register
    activity names no period (the sweep then reports it rather than guessing)."""
    period = retention_period(retention_text)
    if ended_on is None or period is None:
        return None
    return add_period(ended_on, period)


@dataclass(frozen=True)
class EntryDraft:
    """A file entry as it is about to be saved: its text and what its categories say about it."""

    text: str
    special: bool = False  # holds special categories of data (AVG art. 9)
    criminal: bool = False  # holds criminal data (AVG art. 10)
    basis: str = ""  # what the special or criminal data rest on, as the writer states it


@dataclass(frozen=True)
class Prompt:
    """A reminder from the do's and don'ts while writing; it asks the writer to look again, it does not block."""

    code: str
    text: str
    guideline: int  # the number in casework/reference/dos_and_donts.json


_MAIL_HEADER = re.compile(
    r"^\s*(van|aan|cc|onderwerp|verzonden|datum|from|to|subject|sent|date)\s*:", re.IGNORECASE | re.MULTILINE
)
_MAIL_MARKERS = re.compile(r"oorspronkelijk bericht|original message|^\s*>", re.IGNORECASE | re.MULTILINE)
_HEALTH_WORDS = re.compile(
    r"\b(diagnose|medicatie|medicijn\w*|behandel\w*|psychiat\w*|psycholo\w*|depressi\w*|verslav\w*|ziekenhuis|"
    r"huisarts)\b",
    re.IGNORECASE,
)
_CRIME_WORDS = re.compile(r"\b(veroordeel\w*|aangifte|strafbla\w*|proces-verbaal|detentie|verdacht\w*)\b", re.I)
_NINE_DIGITS = re.compile(r"(?<!\d)\d{9}(?!\d)")
LONG_ENTRY = 4000


def entry_prompts(draft: EntryDraft) -> tuple[Prompt, ...]:
    """What the do's and don'ts (seed 002, Bijlage 4) ask the writer to reconsider in this entry."""
    text = draft.text
    prompts = []
    if len(_MAIL_HEADER.findall(text)) >= 2 or _MAIL_MARKERS.search(text):
        prompts.append(
            Prompt(
                "pasted_mail",
                _("Dit lijkt een geplakte e-mail. Neem alleen op wat voor het doel nodig is, in uw eigen woorden."),
                1,
            )
        )
    if len(text) > LONG_ENTRY:
        prompts.append(Prompt("long", _("Een lange aantekening: is alles nodig voor het doel? Minder is beter."), 1))
    if any(is_bsn(number) for number in _NINE_DIGITS.findall(text)):
        prompts.append(
            Prompt(
                "bsn_in_text",
                _("Er staat een BSN in de tekst. Het BSN hoort bij de betrokkene, niet in een notitie."),
                8,
            )
        )
    if draft.special and not draft.basis.strip():
        prompts.append(
            Prompt(
                "special_without_basis",
                _(
                    "U legt bijzondere persoonsgegevens vast, zoals gezondheid. Noem de wettelijke grondslag of "
                    "uitdrukkelijke toestemming, of laat ze weg."
                ),
                4,
            )
        )
    elif not draft.special and _HEALTH_WORDS.search(text):
        prompts.append(
            Prompt(
                "health_unmarked",
                _(
                    "De tekst lijkt over gezondheid of behandeling te gaan. Behandelinformatie blijft bij de "
                    "hulpverlener; is het nodig, vink dan de categorie aan en noem de grondslag."
                ),
                7,
            )
        )
    if draft.criminal and not draft.basis.strip():
        prompts.append(
            Prompt(
                "criminal_without_basis",
                _("U legt strafrechtelijke gegevens vast. Noem de grondslag (AVG art. 10, UAVG) of laat ze weg."),
                2,
            )
        )
    elif not draft.criminal and _CRIME_WORDS.search(text):
        prompts.append(
            Prompt(
                "crime_unmarked",
                _("De tekst lijkt strafrechtelijke gegevens te bevatten. Zijn die nodig? Vink dan de categorie aan."),
                2,
            )
        )
    return tuple(prompts)
