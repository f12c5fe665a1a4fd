"""The procedure for extending the data set of a task package (seed 002 §3 items 3-6), as pure functions.

A request moves from state to state by steps. `advance(state, step)` gives the next state, or a refusal whose
reason cites the seed. No database here: the services feed in the stored state and store what comes out.

    (none) --request--> FILED --advice question: needed--> AWAITING_ADVICE --advice--> AWAITING_DECISION
                              --advice question: not needed-----------------------> AWAITING_DECISION
    AWAITING_DECISION --decision--> APPROVED | REJECTED
    AWAITING_DECISION --referral--> REFERRED --college decision--> APPROVED | REJECTED
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext as _

from doelbinding.policy import Cap

SOURCE_REQUEST = "Privacybeleid Noaberkracht §3 lid 3 en 4"
SOURCE_ADVICE = "Privacybeleid Noaberkracht §3 lid 5"
SOURCE_DECISION = "Privacybeleid Noaberkracht §3 lid 6"


class State(StrEnum):
    FILED = "filed"
    AWAITING_ADVICE = "awaiting_advice"
    AWAITING_DECISION = "awaiting_decision"
    REFERRED = "referred"
    APPROVED = "approved"
    REJECTED = "rejected"


FINAL = frozenset({State.APPROVED, State.REJECTED})


class Kind(StrEnum):
    REQUEST = "request"
    ADVICE_QUESTION = "advice_question"
    ADVICE = "advice"
    DECISION = "decision"
    REFERRAL = "referral"
    COLLEGE_DECISION = "college_decision"


class Outcome(StrEnum):
    ADVICE_NEEDED = "advice_needed"
    NO_ADVICE_NEEDED = "no_advice_needed"
    POSITIVE = "positive"
    NEGATIVE = "negative"
    APPROVED = "approved"
    REJECTED = "rejected"


# The outcomes each kind of step may have; an empty set means the step has no outcome.
OUTCOMES: dict[Kind, frozenset[Outcome]] = {
    Kind.REQUEST: frozenset(),
    Kind.ADVICE_QUESTION: frozenset({Outcome.ADVICE_NEEDED, Outcome.NO_ADVICE_NEEDED}),
    Kind.ADVICE: frozenset({Outcome.POSITIVE, Outcome.NEGATIVE}),
    Kind.DECISION: frozenset({Outcome.APPROVED, Outcome.REJECTED}),
    Kind.REFERRAL: frozenset(),
    Kind.COLLEGE_DECISION: frozenset({Outcome.APPROVED, Outcome.REJECTED}),
}

# Who takes each step; the services check it against the actor's roles.
CAPABILITY: dict[Kind, Cap] = {
    Kind.REQUEST: Cap.REQUEST_DATASET_EXTENSION,
    Kind.ADVICE_QUESTION: Cap.REQUEST_DATASET_EXTENSION,
    Kind.ADVICE: Cap.ADVISE_DATASET_EXTENSION,
    Kind.DECISION: Cap.DECIDE_DATASET_EXTENSION,
    Kind.REFERRAL: Cap.DECIDE_DATASET_EXTENSION,
    Kind.COLLEGE_DECISION: Cap.DECIDE_AS_COLLEGE,
}

# (state before, kind, outcome) → state after. Everything not listed is refused.
TRANSITIONS: dict[tuple[State | None, Kind, str], State] = {
    (None, Kind.REQUEST, ""): State.FILED,
    (State.FILED, Kind.ADVICE_QUESTION, Outcome.ADVICE_NEEDED): State.AWAITING_ADVICE,
    (State.FILED, Kind.ADVICE_QUESTION, Outcome.NO_ADVICE_NEEDED): State.AWAITING_DECISION,
    (State.AWAITING_ADVICE, Kind.ADVICE, Outcome.POSITIVE): State.AWAITING_DECISION,
    (State.AWAITING_ADVICE, Kind.ADVICE, Outcome.NEGATIVE): State.AWAITING_DECISION,
    (State.AWAITING_DECISION, Kind.DECISION, Outcome.APPROVED): State.APPROVED,
    (State.AWAITING_DECISION, Kind.DECISION, Outcome.REJECTED): State.REJECTED,
    (State.AWAITING_DECISION, Kind.REFERRAL, ""): State.REFERRED,
    (State.REFERRED, Kind.COLLEGE_DECISION, Outcome.APPROVED): State.APPROVED,
    (State.REFERRED, Kind.COLLEGE_DECISION, Outcome.REJECTED): State.REJECTED,
}


@dataclass(frozen=True)
class Step:
    kind: Kind
    outcome: str = ""
    text: str = ""


@dataclass(frozen=True)
class Refusal:
    reason: str
    source: str

    def __str__(self) -> str:
        return f"{self.reason} ({self.source})"


def advance(state: State | None, step: Step) -> State | Refusal:
    """The state after `step`, or why the step cannot be taken now."""
    if not step.text.strip():
        return Refusal(_("Leg vast waarom: elke stap van het verzoek wordt met motivering vastgelegd."), SOURCE_REQUEST)
    if state in FINAL:
        return Refusal(_("Over dit verzoek is al besloten; dien zo nodig een nieuw verzoek in."), SOURCE_DECISION)
    if step.outcome not in (OUTCOMES[step.kind] or {""}):
        return Refusal(_("Kies een uitkomst die bij deze stap hoort."), _source(step.kind))
    following = TRANSITIONS.get((state, step.kind, step.outcome))
    return following if following is not None else Refusal(_refusal_reason(state, step.kind), _source(step.kind))


def _refusal_reason(state: State | None, kind: Kind) -> str:
    if kind == Kind.REQUEST:
        return _("Dit verzoek is al ingediend.")
    if state is None:
        return _("Er is nog geen gemotiveerd verzoek van het afdelingshoofd ingediend.")
    if kind == Kind.ADVICE_QUESTION:
        return _("Of advies van de privacyfunctionaris nodig is, bepaalt het afdelingshoofd direct na het indienen.")
    if kind == Kind.ADVICE:
        return _("De privacyfunctionaris geeft alleen advies als het afdelingshoofd daarom heeft gevraagd.")
    if kind == Kind.COLLEGE_DECISION:
        return _("Het college besluit alleen over een verzoek dat de directie aan het college heeft voorgelegd.")
    if state == State.FILED:
        return _("Eerst bepaalt het afdelingshoofd of advies van de privacyfunctionaris nodig is.")
    if state == State.AWAITING_ADVICE:
        return _("Het verzoek wacht op het advies van de privacyfunctionaris; de directie besluit daarna.")
    return _("Het verzoek is aan het college voorgelegd; het college besluit.")


def _source(kind: Kind) -> str:
    if kind in {Kind.REQUEST, Kind.ADVICE_QUESTION}:
        return SOURCE_REQUEST
    return SOURCE_ADVICE if kind == Kind.ADVICE else SOURCE_DECISION


def replay(steps: Iterable[Step]) -> State | None:
    """The state a sequence of recorded steps leads to; a sequence the rules refuse is a ValueError."""
    state: State | None = None
    for step in steps:
        result = advance(state, step)
        if isinstance(result, Refusal):
            raise ValueError(f"{step.kind}: {result}")
        state = result
    return state


def possible_steps(state: State | None) -> frozenset[Kind]:
    """The kinds of step that can follow now (with a suitable outcome and motivation)."""
    return frozenset(kind for (before, kind, _outcome) in TRANSITIONS if before == state)


def direct_addition_refusal(
    *, established: bool, current: Collection[str], proposed: Collection[str]
) -> Refusal | None:
    """An established data set gains categories only through an extension request; narrowing needs none."""
    if established and set(proposed) - set(current):
        return Refusal(
            _("Een vastgestelde gegevensset wordt alleen uitgebreid via een gemotiveerd uitbreidingsverzoek."),
            SOURCE_REQUEST,
        )
    return None
