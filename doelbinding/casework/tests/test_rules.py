"""Pure case-work rules: BSN, dates, phases and retention, table-driven and with hypothesis."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from doelbinding.casework import guidance, rules
from doelbinding.casework.models import Phase
from doelbinding.casework.rules import Period

TODAY = date(2026, 12, 1)


def test_the_rule_phases_are_the_model_phases():
    assert [p.value for p in rules.Phase] == list(Phase.values)
    assert set(rules.TRANSITIONS) == set(rules.Phase)


@pytest.mark.parametrize(
    ("value", "valid"),
    [("111222333", True), ("123456782", True), ("123456789", False), ("12345678", False), ("1112 22333", False)],
)
def test_bsn_needs_nine_digits_that_pass_the_elfproef(value, valid):
    assert (rules.bsn_problem(value) is None) is valid


@pytest.mark.parametrize(
    ("current", "target", "triage", "regisseur", "allowed"),
    [
        ("referral", "triage", False, False, True),
        ("referral", "conference", True, True, False),
        ("triage", "conference", False, True, False),
        ("triage", "conference", True, False, False),
        ("triage", "conference", True, True, True),
        ("triage", "monitoring", True, True, True),
        ("triage", "closed", False, False, True),
        ("conference", "deescalation", True, True, True),
        ("deescalation", "conference", True, True, True),
        ("deescalation", "closed", True, True, True),
        ("closed", "referral", True, True, False),
        ("closed", "triage", True, True, False),
    ],
)
def test_phase_transitions(current, target, triage, regisseur, allowed):
    problem = rules.phase_problem(current, target, has_triage_decision=triage, has_regisseur=regisseur)
    assert (problem is None) is allowed


@given(st.sampled_from(list(rules.Phase)), st.sampled_from(list(rules.Phase)))
def test_a_closed_case_never_moves_and_every_open_phase_can_close(current, target):
    problem = rules.phase_problem(current, target, has_triage_decision=True, has_regisseur=True)
    if current is rules.Phase.CLOSED:
        assert problem is not None
    elif target is rules.Phase.CLOSED:
        assert problem is None


@pytest.mark.parametrize(
    ("since", "until", "born", "fields"),
    [
        (TODAY, None, None, set()),
        (TODAY + timedelta(days=1), None, None, {"since"}),
        (date(2026, 1, 1), date(2025, 12, 31), None, {"until"}),
        (date(2026, 1, 1), date(2026, 1, 1), None, set()),
        (date(1, 1, 1), None, None, {"since"}),  # further back than anyone lives
        (date(1990, 12, 30), None, date(1990, 12, 31), {"since"}),  # before the person was born
        (date(1990, 12, 31), None, date(1990, 12, 31), set()),  # help from the day of birth (youth care)
        (date(1990, 12, 30), date(1990, 12, 29), date(1990, 12, 31), {"since", "until"}),
    ],
)
def test_impossible_periods(since, until, born, fields):
    assert set(rules.period_problems(since, until, today=TODAY, born=born)) == fields


@pytest.mark.parametrize(
    ("birth", "ok"), [(TODAY, True), (TODAY + timedelta(days=1), False), (date(1880, 1, 1), False)]
)
def test_impossible_birth_dates(birth, ok):
    assert (rules.birth_date_problem(birth, today=TODAY) is None) is ok


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("7 jaar na beëindiging van de dienstverlening", Period(years=7)),
        ("15 jaar na beëindiging", Period(years=15)),
        ("18 maanden", Period(months=18)),
        ("2 weken", Period(days=14)),
        ("1 jaar na het onderzoek", Period(years=1)),
        ("", None),
        ("zo kort mogelijk", None),
    ],
)
def test_retention_period_from_the_register_text(text, period):
    assert rules.retention_period(text) == period


@pytest.mark.parametrize(
    ("ended", "text", "due"),
    [
        (date(2026, 3, 31), "7 jaar", date(2033, 3, 31)),
        (date(2024, 2, 29), "1 jaar", date(2025, 2, 28)),
        (date(2026, 1, 31), "1 maand", date(2026, 2, 28)),
        (None, "7 jaar", None),
        (date(2026, 1, 1), "volgens de selectielijst", None),
    ],
)
def test_destruction_due(ended, text, due):
    assert rules.destruction_due(ended, text) == due


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 1, 1)), st.integers(0, 30), st.integers(0, 40))
def test_destruction_is_never_before_the_end_and_grows_with_the_period(ended, years, months):
    shorter = rules.add_period(ended, Period(years=years, months=months))
    longer = rules.add_period(ended, Period(years=years, months=months + 1))
    assert ended <= shorter < longer


@pytest.mark.parametrize(
    ("chosen", "multi_problem", "ok"),
    [
        (["several-problems", "collaboration-needed"], True, True),
        (["several-problems"], True, False),
        (["several-problems"], False, True),
        ([], False, True),
        (["unknown"], False, False),
    ],
)
def test_multi_problem_needs_the_required_criteria(chosen, multi_problem, ok):
    assert (rules.criteria_problem(chosen, multi_problem, guidance.criteria()) is None) is ok


def test_the_reference_data_is_complete():
    assert [c.code for c in guidance.criteria() if c.required] == ["several-problems", "collaboration-needed"]
    assert sorted(guidance.dos_and_donts()) == list(range(1, 12))


MAIL = "Van: j.jansen@example.invalid\nAan: wijkteam@example.invalid\nOnderwerp: zorgen\n\nBeste team, ..."


@pytest.mark.parametrize(
    ("draft", "codes"),
    [
        (rules.EntryDraft("Gesprek over de hulpvraag; afgesproken dat Anna zelf belt."), set()),
        (rules.EntryDraft(MAIL), {"pasted_mail"}),
        (rules.EntryDraft("> eerder bericht\nZie hieronder"), {"pasted_mail"}),
        (rules.EntryDraft("x" * (rules.LONG_ENTRY + 1)), {"long"}),
        (rules.EntryDraft("BSN 111222333 genoteerd"), {"bsn_in_text"}),
        (rules.EntryDraft("Kenmerk 123456789"), set()),  # nine digits that fail the elfproef are no BSN
        (rules.EntryDraft("Beperking bij lopen", special=True), {"special_without_basis"}),
        (rules.EntryDraft("Beperking bij lopen", special=True, basis="Wmo 2015 art. 5.1.1"), set()),
        (rules.EntryDraft("De huisarts noemde de medicatie"), {"health_unmarked"}),
        (rules.EntryDraft("Aangifte gedaan", criminal=True), {"criminal_without_basis"}),
        (rules.EntryDraft("Er is aangifte gedaan"), {"crime_unmarked"}),
        (rules.EntryDraft(MAIL + " diagnose", special=True), {"pasted_mail", "special_without_basis"}),
    ],
)
def test_prompts_from_the_dos_and_donts(draft, codes):
    prompts = rules.entry_prompts(draft)
    assert {p.code for p in prompts} == codes
    assert all(p.guideline in guidance.dos_and_donts() for p in prompts)


@given(st.text(max_size=300), st.booleans(), st.booleans())
def test_prompts_never_fail_and_a_stated_basis_silences_the_basis_prompts(text, special, criminal):
    prompts = rules.entry_prompts(rules.EntryDraft(text, special, criminal, basis="Jeugdwet art. 7.4.0"))
    assert not {"special_without_basis", "criminal_without_basis"} & {p.code for p in prompts}
