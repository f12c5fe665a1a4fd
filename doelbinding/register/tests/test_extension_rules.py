"""The extension procedure of seed 002 §3 items 3-6: every transition and refusal, and properties over any steps."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from doelbinding.register.datasets.rules import (
    FINAL,
    TRANSITIONS,
    Kind,
    Outcome,
    Refusal,
    State,
    Step,
    advance,
    direct_addition_refusal,
    possible_steps,
    replay,
)

WHY = "Omdat de taak anders niet kan."


@pytest.mark.parametrize(("before", "kind", "outcome", "after"), [(*key, after) for key, after in TRANSITIONS.items()])
def test_each_allowed_transition(before, kind, outcome, after):
    assert advance(before, Step(kind, outcome, WHY)) == after


@pytest.mark.parametrize(
    ("state", "step", "reason_part", "source"),
    [
        (None, Step(Kind.DECISION, Outcome.APPROVED, WHY), "nog geen gemotiveerd verzoek", "§3 lid 6"),
        (None, Step(Kind.ADVICE, Outcome.POSITIVE, WHY), "nog geen gemotiveerd verzoek", "§3 lid 5"),
        (State.FILED, Step(Kind.REQUEST, "", WHY), "al ingediend", "§3 lid 3 en 4"),
        (State.FILED, Step(Kind.ADVICE, Outcome.POSITIVE, WHY), "daarom heeft gevraagd", "§3 lid 5"),
        (State.AWAITING_DECISION, Step(Kind.ADVICE, Outcome.NEGATIVE, WHY), "daarom heeft gevraagd", "lid 5"),
        (State.FILED, Step(Kind.DECISION, Outcome.APPROVED, WHY), "Eerst bepaalt het afdelingshoofd", "lid 6"),
        (State.FILED, Step(Kind.REFERRAL, "", WHY), "Eerst bepaalt het afdelingshoofd", "lid 6"),
        (State.AWAITING_ADVICE, Step(Kind.DECISION, Outcome.REJECTED, WHY), "wacht op het advies", "lid 6"),
        (State.AWAITING_ADVICE, Step(Kind.ADVICE_QUESTION, Outcome.NO_ADVICE_NEEDED, WHY), "direct na", "lid 3"),
        (State.REFERRED, Step(Kind.DECISION, Outcome.APPROVED, WHY), "het college besluit", "lid 6"),
        (State.AWAITING_DECISION, Step(Kind.COLLEGE_DECISION, Outcome.APPROVED, WHY), "heeft voorgelegd", "lid 6"),
        (State.FILED, Step(Kind.COLLEGE_DECISION, Outcome.APPROVED, WHY), "heeft voorgelegd", "lid 6"),
        (State.APPROVED, Step(Kind.COLLEGE_DECISION, Outcome.REJECTED, WHY), "al besloten", "lid 6"),
        (State.REJECTED, Step(Kind.REQUEST, "", WHY), "al besloten", "lid 6"),
        (State.FILED, Step(Kind.ADVICE_QUESTION, Outcome.ADVICE_NEEDED, "  "), "motivering", "lid 3 en 4"),
        (None, Step(Kind.REQUEST, "", ""), "motivering", "lid 3 en 4"),
        (State.AWAITING_ADVICE, Step(Kind.ADVICE, Outcome.APPROVED, WHY), "uitkomst", "lid 5"),
        (State.AWAITING_ADVICE, Step(Kind.ADVICE, "", WHY), "uitkomst", "lid 5"),
        (State.AWAITING_DECISION, Step(Kind.REFERRAL, Outcome.APPROVED, WHY), "uitkomst", "lid 6"),
    ],
)
def test_each_refusal_says_why_and_cites_the_seed(state, step, reason_part, source):
    result = advance(state, step)
    assert isinstance(result, Refusal)
    assert reason_part in result.reason
    assert source in result.source and result.source.startswith("Privacybeleid Noaberkracht §3")


@pytest.mark.parametrize(
    ("established", "current", "proposed", "refused"),
    [
        (False, {"naw"}, {"naw", "bsn"}, False),  # a concept is the head of department's to shape
        (True, {"naw", "bsn"}, {"naw"}, False),  # narrowing needs no procedure
        (True, {"naw"}, {"naw"}, False),
        (True, {"naw"}, {"naw", "bsn"}, True),
    ],
)
def test_an_established_set_only_grows_through_a_request(established, current, proposed, refused):
    result = direct_addition_refusal(established=established, current=current, proposed=proposed)
    assert (result is not None) is refused


steps = st.builds(
    Step,
    kind=st.sampled_from(list(Kind)),
    outcome=st.sampled_from(["", *Outcome]),
    text=st.sampled_from(["", " ", WHY]),
)


@given(st.lists(steps, max_size=30))
def test_random_steps_never_reach_an_invalid_state(sequence):
    state, accepted = None, []
    for step in sequence:
        result = advance(state, step)
        if isinstance(result, Refusal):
            continue
        assert isinstance(result, State)
        _assert_allowed_after(accepted, step, state)
        state = result
        accepted.append(step)
    assert replay(accepted) == state
    if state in FINAL:
        assert accepted[-1].outcome == state.value  # approved or rejected, by the last step


def _assert_allowed_after(accepted: list[Step], step: Step, state: State | None) -> None:
    assert state not in FINAL, "nothing follows a decision"
    assert step.text.strip(), "every step is motivated"
    if step.kind == Kind.REQUEST:
        assert not accepted, "one request per procedure, and it comes first"
        return
    assert accepted and accepted[0].kind == Kind.REQUEST, "a step always needs a prior request"
    previous = accepted[-1]
    if step.kind == Kind.ADVICE:
        assert (previous.kind, previous.outcome) == (Kind.ADVICE_QUESTION, Outcome.ADVICE_NEEDED), "advice when asked"
    if step.kind == Kind.COLLEGE_DECISION:
        assert previous.kind == Kind.REFERRAL, "the college decides only after a referral"
    if step.kind in {Kind.DECISION, Kind.REFERRAL}:
        assert any(s.kind == Kind.ADVICE_QUESTION for s in accepted), "advice was considered first"
        assert not any(s.kind == Kind.REFERRAL for s in accepted), "a referred request is the college's"


@given(st.sampled_from([None, *State]), st.sampled_from(list(Kind)))
def test_possible_steps_are_exactly_those_some_outcome_allows(state, kind):
    allowed = any(isinstance(advance(state, Step(kind, outcome, WHY)), State) for outcome in ["", *Outcome])
    assert allowed is (kind in possible_steps(state))


def test_replay_refuses_a_sequence_the_rules_refuse():
    with pytest.raises(ValueError, match="decision"):
        replay([Step(Kind.REQUEST, "", WHY), Step(Kind.DECISION, Outcome.APPROVED, WHY)])
