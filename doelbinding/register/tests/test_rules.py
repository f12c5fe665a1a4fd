"""The register's quality checks: one table row per check, plus properties over any activity."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from doelbinding.register.rules import CONSENT, PUBLIC_TASK, ActivityFacts, Severity, findings

TODAY = date(2026, 11, 24)
COMPLETE = ActivityFacts(
    name="Maatwerkvoorziening Wmo",
    purposes="Beslissen op een aanvraag",
    lawful_bases=frozenset({PUBLIC_TASK}),
    sector_provisions=frozenset({"wmo-2015-5-1-1"}),
    retention_period="7 jaar",
)


def _replace(**changes) -> ActivityFacts:
    return ActivityFacts(**{**COMPLETE.__dict__, **changes})


@pytest.mark.parametrize(
    ("changes", "expected", "message_part", "source_part"),
    [
        ({"purposes": " "}, ("no_purpose", Severity.ERROR), "geen doel", "art. 5 lid 1 sub b"),
        ({"lawful_bases": frozenset()}, ("no_lawful_basis", Severity.ERROR), "geen grondslag", "art. 6 lid 1"),
        (
            {"sector_provisions": frozenset()},
            ("public_task_without_sector_law", Severity.WARNING),
            "materiewet",
            "lid 3",
        ),
        ({"lawful_bases": frozenset({CONSENT})}, ("consent_where_dependent", Severity.WARNING), "Toestemming", "AP"),
        (
            {"special_categories": frozenset({"Gezondheid"})},
            ("special_without_exception", Severity.ERROR),
            "Gezondheid",
            "art. 9",
        ),
        (
            {"criminal_categories": frozenset({"Politiegegevens"})},
            ("criminal_without_basis", Severity.ERROR),
            "strafrechtelijke",
            "art. 10",
        ),
        ({"uses_bsn": True}, ("bsn_without_basis", Severity.ERROR), "BSN", "UAVG art. 46"),
        ({"retention_period": ""}, ("missing_retention", Severity.ERROR), "bewaartermijn", "sub f"),
        (
            {"further_processing": True},
            ("further_processing_unassessed", Severity.ERROR),
            "verenigbaarheidstoets",
            "art. 6 lid 4",
        ),
        ({"review_date": date(2026, 11, 23)}, ("review_overdue", Severity.WARNING), "23-11-2026", "art. 24"),
    ],
)
def test_each_check_finds_its_flaw(changes, expected, message_part, source_part):
    found = findings(_replace(**changes), today=TODAY)
    assert [(f.check, f.severity) for f in found] == [expected]
    assert message_part in found[0].message
    assert source_part in found[0].source


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"special_categories": frozenset({"Gezondheid"}), "special_exceptions": frozenset({"avg-9-2-g"})},
        {"criminal_categories": frozenset({"Strafrechtelijk"}), "criminal_basis": "UAVG art. 33"},
        {"uses_bsn": True, "bsn_basis": "wmo-2015-5-1-1"},
        {"further_processing": True, "compatibility_assessment": "Alle vijf factoren gewogen."},
        {"review_date": TODAY},
        {"lawful_bases": frozenset({"avg-6-1-c"}), "sector_provisions": frozenset()},
    ],
)
def test_a_complete_activity_has_no_findings(changes):
    assert findings(_replace(**changes), today=TODAY) == []


facts = st.builds(
    ActivityFacts,
    name=st.just("x"),
    purposes=st.sampled_from(["", "doel"]),
    lawful_bases=st.frozensets(st.sampled_from(["avg-6-1-a", "avg-6-1-c", "avg-6-1-e"])),
    sector_provisions=st.frozensets(st.sampled_from(["wmo-2015-5-1-1"])),
    special_categories=st.frozensets(st.sampled_from(["Gezondheid"])),
    criminal_categories=st.frozensets(st.sampled_from(["Politiegegevens"])),
    uses_bsn=st.booleans(),
    special_exceptions=st.frozensets(st.sampled_from(["avg-9-2-g"])),
    criminal_basis=st.sampled_from(["", "UAVG art. 33"]),
    bsn_basis=st.sampled_from([None, "wmo-2015-5-1-1"]),
    retention_period=st.sampled_from(["", "7 jaar"]),
    review_date=st.one_of(st.none(), st.dates(date(2025, 1, 1), date(2027, 12, 31))),
    further_processing=st.booleans(),
    compatibility_assessment=st.sampled_from(["", "gewogen"]),
)


@given(facts)
def test_errors_come_first_and_each_check_reports_once(activity):
    found = findings(activity, today=TODAY)
    severities = [f.severity for f in found]
    assert severities == sorted(severities, key=lambda s: s != Severity.ERROR)
    assert len({f.check for f in found}) == len(found)
    assert all(f.message and f.source for f in found)


@given(facts)
def test_bsn_is_flagged_exactly_when_used_without_basis(activity):
    flagged = any(f.check == "bsn_without_basis" for f in findings(activity, today=TODAY))
    assert flagged == (activity.uses_bsn and not activity.bsn_basis)


@given(facts)
def test_special_data_is_flagged_exactly_when_no_exception_is_recorded(activity):
    flagged = any(f.check == "special_without_exception" for f in findings(activity, today=TODAY))
    assert flagged == bool(activity.special_categories and not activity.special_exceptions)
