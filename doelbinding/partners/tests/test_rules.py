"""The gap analysis: one table row per check, plus properties over any partner and agreement."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from doelbinding.partners.rules import (
    NEEDED,
    ActivityFacts,
    AgreementFacts,
    ClauseFacts,
    PartnerFacts,
    worklist,
)

TODAY = date(2026, 11, 24)
PROCESSOR = PartnerFacts("p1", "Dossierwerk ICT", "processor")
ACTIVITY = ActivityFacts("a1", "VA-0002 Maatwerkvoorziening Wmo", "Dossierwerk ICT")
COMPLETE = AgreementFacts(
    "g1",
    "Verwerkersovereenkomst",
    "processing",
    "active",
    parties=frozenset({"p1"}),
    activities=frozenset({"a1"}),
    expires_on=TODAY + timedelta(days=365),
    clauses=(ClauseFacts("Instructie", "present"), ClauseFacts("Audit", "not_applicable")),
    effective_from=TODAY - timedelta(days=500),
    yearly_reports=(("p1", TODAY - timedelta(days=100)),),
)
PERIOD = 365


def _run(agreement: AgreementFacts, *, partner=PROCESSOR, activity=ACTIVITY, window=90):
    return worklist([partner], [agreement], [activity], today=TODAY, window_days=window, report_period_days=PERIOD)


def _checks(agreement: AgreementFacts, **kwargs) -> set[tuple[str, str]]:
    return {(f.check, f.key) for f in _run(agreement, **kwargs)}


def _with(**changes) -> AgreementFacts:
    return AgreementFacts(**{**COMPLETE.__dict__, **changes})


def test_a_complete_agreement_leaves_nothing_to_do():
    assert _checks(COMPLETE) == set()


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"status": "concept"}, {("missing_agreement", "p1"), ("processing_without_agreement", "a1")}),
        ({"status": "ended"}, {("missing_agreement", "p1"), ("processing_without_agreement", "a1")}),
        ({"kind": "covenant"}, {("missing_agreement", "p1"), ("processing_without_agreement", "a1")}),
        ({"parties": frozenset()}, {("missing_agreement", "p1")}),
        ({"activities": frozenset()}, {("processing_without_agreement", "a1")}),
        ({"clauses": (ClauseFacts("Audit", "absent"),)}, {("missing_clauses", "g1")}),
        ({"clauses": (ClauseFacts("Audit", "open"),)}, {("missing_clauses", "g1")}),
        ({"clauses": (ClauseFacts("Audit", "absent", mandatory=False),)}, set()),
        ({"expires_on": TODAY - timedelta(days=1)}, {("expired", "g1")}),
        ({"expires_on": TODAY}, {("expiring", "g1")}),
        ({"expires_on": TODAY + timedelta(days=90)}, {("expiring", "g1")}),
        ({"expires_on": TODAY + timedelta(days=91)}, set()),
        ({"expires_on": None}, set()),
        # The yearly report: due a period after the later of the start and the last report.
        ({"yearly_reports": ()}, {("yearly_report_overdue", "g1")}),
        ({"yearly_reports": (("p1", TODAY - timedelta(days=PERIOD + 1)),)}, {("yearly_report_overdue", "g1")}),
        ({"yearly_reports": (("p1", TODAY - timedelta(days=PERIOD)),)}, set()),
        ({"yearly_reports": (("p1", TODAY - timedelta(days=900)), ("p1", TODAY - timedelta(days=10)))}, set()),
        (
            {"yearly_reports": (), "effective_from": TODAY - timedelta(days=PERIOD + 1)},
            {("yearly_report_overdue", "g1")},
        ),
        ({"yearly_reports": (("other", TODAY - timedelta(days=10)),)}, {("yearly_report_overdue", "g1")}),
        ({"yearly_reports": (), "effective_from": TODAY - timedelta(days=PERIOD)}, set()),
        ({"yearly_reports": (), "effective_from": None}, set()),
        (
            {"yearly_reports": (), "status": "concept"},
            {("missing_agreement", "p1"), ("processing_without_agreement", "a1")},
        ),
        (
            {"status": "ended", "clauses": (ClauseFacts("Audit", "absent"),)},
            {("missing_agreement", "p1"), ("processing_without_agreement", "a1")},
        ),
    ],
)
def test_each_check(changes, expected):
    assert _checks(_with(**changes)) == expected


def test_the_window_is_configurable():
    agreement = _with(expires_on=TODAY + timedelta(days=100))
    assert _checks(agreement, window=120) == {("expiring", "g1")}
    assert _checks(agreement, window=30) == set()


@pytest.mark.parametrize(
    ("partner_kind", "agreement_kind"),
    [
        ("processor", "processing"),
        ("care_provider", "purchase"),
        ("police", "covenant"),
        ("veilig_thuis", "covenant"),
        ("core", "covenant"),
        ("core", "confidentiality"),
        ("chain", "joint"),
    ],
)
def test_the_agreement_each_partner_kind_needs(partner_kind, agreement_kind):
    partner = PartnerFacts("p1", "Partner", partner_kind)
    assert ("missing_agreement", "p1") not in _checks(_with(kind=agreement_kind), partner=partner)
    assert ("missing_agreement", "p1") in _checks(_with(kind="protocol"), partner=partner)


def test_findings_carry_a_dutch_message_and_a_source():
    findings = [*_run(_with(status="concept")), *_run(_with(yearly_reports=()))]
    assert all(f.message and f.source for f in findings)
    assert any("verwerkersovereenkomst" in f.message for f in findings)
    assert any("Dossierwerk ICT" in f.message and "jaarverslag" in f.message for f in findings)


def test_only_processors_owe_a_yearly_report():
    care = PartnerFacts("p1", "Zorggroep", "care_provider")
    assert ("yearly_report_overdue", "g1") not in _checks(_with(yearly_reports=()), partner=care)


@given(
    start=st.integers(0, 2000),
    reports=st.lists(st.integers(0, 2000), max_size=5),
    period=st.integers(1, 800),
)
def test_a_report_is_overdue_exactly_when_start_and_last_report_are_older_than_one_period(start, reports, period):
    agreement = _with(
        effective_from=TODAY - timedelta(days=start),
        yearly_reports=tuple(("p1", TODAY - timedelta(days=days)) for days in reports),
    )
    found = worklist([PROCESSOR], [agreement], [], today=TODAY, window_days=90, report_period_days=period)
    overdue = any(f.check == "yearly_report_overdue" for f in found)
    assert overdue == (min([start, *reports]) > period)


KINDS = st.sampled_from(sorted(NEEDED))
AGREEMENT_KINDS = st.sampled_from(["processing", "covenant", "joint", "protocol", "purchase", "confidentiality"])
STATUSES = st.sampled_from(["concept", "active", "ended"])


@given(
    kind=KINDS,
    agreement_kind=AGREEMENT_KINDS,
    status=STATUSES,
    days=st.one_of(st.none(), st.integers(-1000, 1000)),
    window=st.integers(0, 365),
)
def test_properties(kind, agreement_kind, status, days, window):
    expires = None if days is None else TODAY + timedelta(days=days)
    partner = PartnerFacts("p1", "Partner", kind)
    agreement = _with(kind=agreement_kind, status=status, expires_on=expires)
    checks = {c for c, _ in _checks(agreement, partner=partner, window=window)}
    # A partner lacks an agreement exactly when no active agreement of a kind it needs binds it.
    assert ("missing_agreement" in checks) == (status != "active" or agreement_kind not in NEEDED[kind])
    # Expired and expiring exclude each other and only concern agreements in force.
    assert not {"expired", "expiring"} <= checks
    if status != "active":
        assert not checks & {"expired", "expiring"}
    if "expiring" in checks:
        assert expires is not None and 0 <= (expires - TODAY).days <= window
