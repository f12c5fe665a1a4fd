"""The demo world's governance is what the README promises: Voorbeeld complete, Oostdal half-way with violations."""

import pytest

from doelbinding.governance import rules, selectors
from doelbinding.governance.rules import Check
from doelbinding.tenancy import demo

pytestmark = pytest.mark.django_db


def test_voorbeeld_has_a_complete_matrix_with_every_role_filled(world):
    voorbeeld = world.organisations[demo.VOORBEELD]
    assert selectors.findings_for(voorbeeld) == []
    assert selectors.vacancies(voorbeeld) == []
    completeness = selectors.completeness_for(voorbeeld)
    assert completeness.activities == 23 and completeness.share == 1.0
    signals = rules.step_signals(selectors.governance_facts(voorbeeld))
    assert signals["internal-lead"].met and signals["internal-roles"].met


def test_oostdal_is_half_way_and_breaks_every_rule(world):
    oostdal = world.organisations[demo.OOSTDAL]
    found = {f.check for f in selectors.findings_for(oostdal)}
    assert {Check.NO_ACCOUNTABLE, Check.SEVERAL_ACCOUNTABLE, Check.NO_RESPONSIBLE} <= found
    assert {Check.SAME_ROLE_RA, Check.ROLE_WITHOUT_ACTIVITY} <= found
    completeness = selectors.completeness_for(oostdal)
    assert 0 < completeness.complete < completeness.activities
    assert len(selectors.vacancies(oostdal)) > 5
    assert not rules.step_signals(selectors.governance_facts(oostdal))["internal-roles"].met
