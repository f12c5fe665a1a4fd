"""The RASIC rules (seed 001 §3.2.3: Tabel 1 and the rules beneath it) as pure functions: a matrix in, findings
with Dutch messages out. No database, no Django models; views, the import, the chart and the council report reuse
them.

A cell holds one letter of R, A, S, I, C, or the combination R/A: the seed allows the one who approves (A) to be
the one who carries out (R), "though this is not an optimal situation", so that combination is accepted with a
warning. Any other combination is refused when it is entered (`parse_cell`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

SOURCE = "VNG-handreiking privacygovernance (RASIC), Tabel 1 en de regels eronder"
LETTERS = ("R", "A", "S", "I", "C")
RESPONSIBLE, ACCOUNTABLE, SUPPORTIVE, INFORMED, CONSULTED = LETTERS
BOTH = "RA"  # the one who approves also carries out
ALLOWED = frozenset({*LETTERS, BOTH})
_SEPARATORS = re.compile(r"[\s/,;+&\-–—]+")  # Excel turns "-" into an en dash


class CellError(ValueError):
    """What was typed into a cell is not a RASIC value; the message is Dutch and says what is allowed."""


def parse_cell(text: object) -> str:
    """The canonical value of a typed cell: '' (empty), one of R A S I C, or 'RA' for R/A (also A/R, RA, AR)."""
    raw = "" if text is None else str(text)
    letters = _SEPARATORS.sub("", raw).upper()
    if not letters:
        return ""
    if set(letters) - set(LETTERS):
        raise CellError(
            _("‘%(text)s’ is geen RASIC-letter. Gebruik R, A, S, I of C, of R/A als één rol beide doet.")
            % {"text": raw.strip()}
        )
    if len(letters) > len(set(letters)):
        raise CellError(_("‘%(text)s’ noemt een letter twee keer.") % {"text": raw.strip()})
    value = "".join(letter for letter in LETTERS if letter in letters)
    if value not in ALLOWED:
        raise CellError(
            _("‘%(text)s’ combineert letters die niet samengaan; alleen R/A mag samen in één vak.")
            % {"text": raw.strip()}
        )
    return value


def display(value: str) -> str:
    """How a cell reads: 'R/A' for the combination, the letter otherwise."""
    return "R/A" if value == BOTH else value


@dataclass(frozen=True)
class MatrixRole:
    code: str
    name: str
    abbreviation: str = ""

    @property
    def label(self) -> str:
        return self.abbreviation or self.name


@dataclass(frozen=True)
class MatrixActivity:
    code: str
    name: str


@dataclass(frozen=True)
class Matrix:
    """Activities × roles; `cells` maps (activity code, role code) to a canonical value. A missing key is empty."""

    activities: tuple[MatrixActivity, ...]
    roles: tuple[MatrixRole, ...]
    cells: Mapping[tuple[str, str], str] = field(default_factory=dict)

    def value(self, activity: str, role: str) -> str:
        return self.cells.get((activity, role), "")

    def holders(self, activity: str, letter: str) -> list[MatrixRole]:
        """The roles whose cell for `activity` carries `letter` (R/A counts for both R and A)."""
        return [role for role in self.roles if letter in self.value(activity, role.code)]


class Level(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class Check(StrEnum):
    NO_ACCOUNTABLE = "no_accountable"
    SEVERAL_ACCOUNTABLE = "several_accountable"
    NO_RESPONSIBLE = "no_responsible"
    SAME_ROLE_RA = "same_role_r_and_a"
    SAME_PERSON_RA = "same_person_r_and_a"
    ROLE_WITHOUT_ACTIVITY = "role_without_activity"


@dataclass(frozen=True)
class Finding:
    level: Level
    check: Check
    message: str
    activity: str | None = None
    role: str | None = None
    source: str = SOURCE


def _names(roles: Iterable[MatrixRole]) -> str:
    labels = [role.label for role in roles]
    return (
        labels[0]
        if len(labels) == 1
        else _("%(first)s en %(last)s")
        % {
            "first": ", ".join(labels[:-1]),
            "last": labels[-1],
        }
    )


def check_activity(matrix: Matrix, activity: MatrixActivity) -> list[Finding]:
    """The rules for one activity: exactly one A, at least one R, and a warning when one role is both."""
    findings = []
    accountable = matrix.holders(activity.code, ACCOUNTABLE)
    responsible = matrix.holders(activity.code, RESPONSIBLE)
    if not accountable:
        findings.append(
            Finding(
                Level.ERROR,
                Check.NO_ACCOUNTABLE,
                _("Bij ‘%(activity)s’ keurt niemand het resultaat goed: wijs precies één rol A toe.")
                % {"activity": activity.name},
                activity.code,
            )
        )
    elif len(accountable) > 1:
        findings.append(
            Finding(
                Level.ERROR,
                Check.SEVERAL_ACCOUNTABLE,
                _(
                    "Bij ‘%(activity)s’ hebben %(count)d rollen een A (%(roles)s). Eén rol keurt goed; anders is "
                    "onduidelijk wie beslist als zij het oneens zijn."
                )
                % {"activity": activity.name, "count": len(accountable), "roles": _names(accountable)},
                activity.code,
            )
        )
    if not responsible:
        findings.append(
            Finding(
                Level.ERROR,
                Check.NO_RESPONSIBLE,
                _("Bij ‘%(activity)s’ voert niemand de activiteit uit: wijs minstens één rol R toe.")
                % {"activity": activity.name},
                activity.code,
            )
        )
    for role in matrix.roles:
        if matrix.value(activity.code, role.code) == BOTH:
            findings.append(
                Finding(
                    Level.WARNING,
                    Check.SAME_ROLE_RA,
                    _(
                        "Bij ‘%(activity)s’ voert %(role)s uit én keurt goed (R/A). Dat mag, maar niemand anders "
                        "controleert het resultaat."
                    )
                    % {"activity": activity.name, "role": role.label},
                    activity.code,
                    role.code,
                )
            )
    return findings


def _same_person(matrix: Matrix, activity: MatrixActivity, people: Mapping[str, frozenset[str]]) -> list[Finding]:
    accountable = {p for role in matrix.holders(activity.code, ACCOUNTABLE) for p in people.get(role.code, ())}
    findings = []
    for role in matrix.holders(activity.code, RESPONSIBLE):
        if matrix.value(activity.code, role.code) == BOTH:
            continue  # already warned about as one role
        for person in sorted(accountable & people.get(role.code, frozenset())):
            findings.append(
                Finding(
                    Level.WARNING,
                    Check.SAME_PERSON_RA,
                    _("Bij ‘%(activity)s’ voert %(person)s uit (als %(role)s) en keurt diezelfde persoon goed (A).")
                    % {"activity": activity.name, "person": person, "role": role.label},
                    activity.code,
                    role.code,
                )
            )
    return findings


def check(matrix: Matrix, *, people: Mapping[str, frozenset[str]] | None = None) -> list[Finding]:
    """Every finding for the matrix: errors and warnings per activity (in matrix order), then idle roles.

    `people` maps a role code to the people who fill it; when given, one person holding both the R and the A of
    an activity through two roles is warned about as well.
    """
    findings = []
    for activity in matrix.activities:
        findings += check_activity(matrix, activity)
        if people:
            findings += _same_person(matrix, activity, people)
    for role in matrix.roles:
        if not any(matrix.value(activity.code, role.code) for activity in matrix.activities):
            findings.append(
                Finding(
                    Level.WARNING,
                    Check.ROLE_WITHOUT_ACTIVITY,
                    _("%(role)s heeft bij geen enkele activiteit een letter: is de rol nodig, of ontbreekt er iets?")
                    % {"role": role.name},
                    role=role.code,
                )
            )
    return findings


def errors(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if f.level == Level.ERROR]


@dataclass(frozen=True)
class Completeness:
    """How far the matrix is: what the council report and the step plan read."""

    activities: int
    complete: int  # activities without errors
    errors: int
    warnings: int

    @property
    def share(self) -> float:
        return self.complete / self.activities if self.activities else 0.0

    @property
    def summary(self) -> str:
        return ngettext(
            "%(complete)d van %(count)d activiteit is volledig belegd",
            "%(complete)d van %(count)d activiteiten zijn volledig belegd",
            self.activities,
        ) % {"complete": self.complete, "count": self.activities}


def completeness(matrix: Matrix, findings: Iterable[Finding] | None = None) -> Completeness:
    found = list(check(matrix) if findings is None else findings)
    failing = {f.activity for f in found if f.level == Level.ERROR and f.activity}
    return Completeness(
        activities=len(matrix.activities),
        complete=sum(1 for a in matrix.activities if a.code not in failing),
        errors=sum(1 for f in found if f.level == Level.ERROR),
        warnings=sum(1 for f in found if f.level == Level.WARNING),
    )


@dataclass(frozen=True)
class Difference:
    """A cell the workshop should discuss: the proposals (and the matrix itself) do not agree on it."""

    activity: str
    role: str
    current: str
    proposals: Mapping[str, tuple[str, ...]]  # value ('' for empty) -> who proposed it, sorted


def differences(current: Matrix, proposals: Mapping[str, Mapping[tuple[str, str], str]]) -> list[Difference]:
    """Cells on which the participants' prefills differ from each other or from the matrix, in matrix order.

    `proposals` maps a participant's name to the cells they filled in; a participant who left a cell empty has
    no opinion on it, so only filled-in cells count.
    """
    found = []
    for activity in current.activities:
        for role in current.roles:
            key = (activity.code, role.code)
            votes: dict[str, list[str]] = {}
            for participant, cells in proposals.items():
                if cells.get(key):
                    votes.setdefault(cells[key], []).append(participant)
            if not votes:
                continue
            if len(votes) == 1 and next(iter(votes)) == current.value(*key):
                continue
            found.append(
                Difference(
                    activity.code,
                    role.code,
                    current.value(*key),
                    {value: tuple(sorted(names)) for value, names in sorted(votes.items())},
                )
            )
    return found


def vacant(roles: Iterable[MatrixRole], staffed: Iterable[str], filled: Iterable[str]) -> list[MatrixRole]:
    """Roles people should fill (`staffed` codes) that nobody fills (`filled` codes)."""
    needed, taken = set(staffed), set(filled)
    return [role for role in roles if role.code in needed and role.code not in taken]


@dataclass(frozen=True)
class GovernanceFacts:
    """What the application itself knows about the step plans' steps (seed 000 §3.1, §4.1)."""

    lead_filled: bool  # a privacy lead or FG is assigned
    completeness: Completeness
    vacancies: int
    partners: int
    partners_without_agreement: int
    open_worklist: int  # findings on the partners worklist: agreements to make or amend


@dataclass(frozen=True)
class Signal:
    met: bool
    text: str


def step_signals(facts: GovernanceFacts) -> dict[str, Signal]:
    """Per step the application can judge, whether what it sees supports calling the step done. Agreeing on the
    accountability to the council is a conversation, not a fact in the data: it has no signal."""
    c = facts.completeness
    roles_met = c.activities > 0 and c.errors == 0 and facts.vacancies == 0
    vacancies = ngettext("%(n)d rol is vacant", "%(n)d rollen zijn vacant", facts.vacancies) % {"n": facts.vacancies}
    return {
        "internal-lead": Signal(
            facts.lead_filled,
            _("Er is een FG of regievoerder privacy aangewezen.")
            if facts.lead_filled
            else _("Nog niemand vervult de rol van FG of regievoerder privacy."),
        ),
        "internal-roles": Signal(roles_met, f"{c.summary}; {vacancies}."),
        "external-map": Signal(
            facts.partners > 0,
            ngettext("%(n)d partner vastgelegd.", "%(n)d partners vastgelegd.", facts.partners) % {"n": facts.partners},
        ),
        "external-collaboration": Signal(
            facts.partners > 0,
            _("Bij elke vastgelegde partner staat hoe wordt samengewerkt.")
            if facts.partners
            else _("Nog geen partners vastgelegd."),
        ),
        "external-inventory": Signal(
            facts.partners > 0 and facts.partners_without_agreement == 0,
            ngettext(
                "%(n)d partner heeft nog geen enkele afspraak.",
                "%(n)d partners hebben nog geen enkele afspraak.",
                facts.partners_without_agreement,
            )
            % {"n": facts.partners_without_agreement},
        ),
        "external-decide": Signal(
            facts.partners > 0 and facts.open_worklist == 0,
            ngettext(
                "De werklijst noemt %(n)d afspraak om te maken of aan te passen.",
                "De werklijst noemt %(n)d afspraken om te maken of aan te passen.",
                facts.open_worklist,
            )
            % {"n": facts.open_worklist},
        ),
    }
